// Every pattern in the rules compiles in JavaScript (no 'u' flag, as the engine uses them) and
// finishes quickly on input built to make a badly written pattern backtrack.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileRule, compileRegex } from "../../extension/engine/compile.js";
import { createEngine } from "../../extension/engine/index.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { RULES_DIR } from "./vectors.mjs";

const bundle = loadBundle(RULES_DIR);
const PATHOLOGICAL = ["1".repeat(100000), "a".repeat(50000) + "!", " ".repeat(50000) + "x", "a.".repeat(20000),
  "http://" + "a.".repeat(10000), "@".repeat(20000) + ".com", "0-".repeat(25000), "\u{1F600}".repeat(20000)];

test("every rule compiles in JavaScript", () => {
  for (const rule of bundle.rules) assert.doesNotThrow(() => compileRule(rule), rule.id);
  assert.doesNotThrow(() => compileRegex(bundle.link_pattern.pattern, bundle.link_pattern.flags));
});

test("a whole check of hostile input finishes", () => {
  const engine = createEngine(bundle);
  for (const text of PATHOLOGICAL) {
    const started = performance.now();
    engine.check({ text, site: "x", surface: "post" });
    // Generous: a linear scan takes milliseconds; catastrophic backtracking takes hours.
    assert.ok(performance.now() - started < 10000, text.slice(0, 20));
  }
});
