// The JavaScript engine's pieces against the per-function cases in shared_rules/vectors/functions/
// (tests/test_engine_functions.py runs the Python ones on the same files).
import { test } from "node:test";
import assert from "node:assert/strict";
import { skeleton, registrable, parse, isIpLiteral, withinOneEdit } from "../../extension/engine/links.js";
import { VALIDATORS } from "../../extension/engine/validators.js";
import { prepare } from "../../extension/engine/text.js";
import { loadFunctionCases } from "./vectors.mjs";

const FUNCTIONS = {
  skeleton, registrable, parse, is_ip_literal: isIpLiteral, within_one_edit: withinOneEdit,
  prepare: (draft) => { const p = prepare(draft); return { text: p.text, link_text: p.linkText }; },
};
for (const name of Object.keys(VALIDATORS)) FUNCTIONS[name] = VALIDATORS[name];

const files = loadFunctionCases();

test("every function file names a function both engines have, with 20 to 60 cases", () => {
  assert.ok(files.length >= 10);
  for (const file of files) {
    assert.ok(FUNCTIONS[file.function], `${file.name}: ${file.function}`);
    assert.ok(file.cases.length >= 20 && file.cases.length <= 60, `${file.name}: ${file.cases.length} cases`);
  }
});

for (const file of files) {
  test(`${file.name}: ${file.cases.length} cases`, () => {
    for (const [i, c] of file.cases.entries()) {
      assert.deepEqual(FUNCTIONS[file.function](...c.args), c.expect, `${file.name}#${i} ${JSON.stringify(c.args)}`);
    }
  });
}
