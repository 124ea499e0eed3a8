// Spans count code points (as Python does), and findings carry the procedure citation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createEngine } from "../../extension/engine/index.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { RULES_DIR } from "./vectors.mjs";

const engine = createEngine(loadBundle(RULES_DIR));

test("a phone after an emoji is reported at its code-point span", () => {
  const text = "\u{1F600} call 309-555-0147";
  const [f] = engine.check({ text, site: "x", surface: "post" }).findings;
  assert.equal(f.category, "pii.phone");
  assert.deepEqual(f.span, [7, 19]);
  assert.equal([...text].slice(f.span[0], f.span[1]).join(""), "309-555-0147");
});

test("a finding cites the procedure section and quote", () => {
  const [f] = engine.check({ text: "", site: "instagram", surface: "dm" }).findings;
  assert.equal(f.category, "direct_message");
  assert.equal(f.severity, "block");
  assert.match(f.policy.quote, /NEVER use direct messaging/);
  assert.deepEqual(f.span, [0, 0]);
});

test("messages come in Spanish when asked", () => {
  const [f] = engine.check({ text: "text me at 309-555-0147", site: "x", surface: "post", locale: "es" }).findings;
  assert.match(f.message, /teléfono/);
});
