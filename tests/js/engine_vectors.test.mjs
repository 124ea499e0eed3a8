// The JavaScript engine against every shared vector's whole answer: each finding's rule, category,
// severity and span, in order (the Python engine passes the same files).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createEngine } from "../../extension/engine/index.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { loadVectors, RULES_DIR } from "./vectors.mjs";

const bundle = loadBundle(RULES_DIR);
const cases = loadVectors();

test("there are at least 150 shared vectors, negatives included", () => {
  assert.ok(cases.length >= 150, `${cases.length} vectors`);
  assert.ok(cases.filter((c) => c.expect.length === 0).length >= 50);
});

for (const c of cases) {
  test(`${c.id}: ${JSON.stringify(c.input.text).slice(0, 60)}`, () => {
    const engine = createEngine(bundle, c.settings);
    const got = engine.check(c.input).findings.map(({ rule, category, severity, span }) => ({ rule, category, severity, span }));
    assert.deepEqual(got, c.findings);
    assert.deepEqual([...new Set(got.map((f) => f.category))].sort(), c.expect);
  });
}
