// Hostile and odd text (SPEC.md, Text preparation) in the JavaScript engine: the plain form's answer,
// findings that point at what the user typed (code points), and work in proportion to the draft.
// tests/test_text_preparation.py has the same tables and checks that both engines agree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createEngine } from "../../extension/engine/index.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { prepare } from "../../extension/engine/text.js";
import { RULES_DIR } from "./vectors.mjs";

const engine = createEngine(loadBundle(RULES_DIR));
const check = (text) => engine.check({ text, site: "facebook", surface: "post" });
const rules = (text) => check(text).findings.map((f) => f.rule);

const PAIRS = [
  ["Text me at 309\u200b555\u200b0147 after practice", "Text me at 3095550147 after practice"],
  ["call 309\u{1F4DE}555\u{1F4DE}0147", "call 3095550147"],
  ["call 309 \u{1F4DE} 555 \u{1F4DE} 0147", "call 309 555 0147"],
  ["call 3\ufe0f\u20e30\ufe0f\u20e39-743-2210", "call 309-743-2210"],
  ["my cell is \uff13\uff10\uff19\uff0d\uff17\uff14\uff13\uff0d\uff12\uff12\uff11\uff10", "my cell is 309-743-2210"],
  ["Text me at 309\u2011555\u20110147", "Text me at 309-555-0147"],
  ["call me \u202e7410-555-903\u202c tonight", "call me 309-555-0147 tonight"],
  ["SSN \u200f460\u200e-89-9847", "SSN 460-89-9847"],
  ["email me at jane\u00ad.doe@gm\u200bail.com", "email me at jane.doe@gmail.com"],
  ["this is bull\u0455h\u0456t", "this is bullshit"],
  ["this is \uff42\uff55\uff4c\uff4c\uff53\uff48\uff49\uff54", "this is bullshit"],
  ["this is bull\u{E0020}sh\u{E0020}it", "this is bullshit"],
  ["see https://faceb00k\u200b-security.com/login", "see https://faceb00k-security.com/login"],
  ["see ｈｔｔｐｓ://ｆａｃｅｂ００ｋ．ｃｏｍ/", "see https://faceb00k.com/"],
  ["\u{1d402}\u{1d41a}\u{1d425}\u{1d425} \u{1d7d1}\u{1d7ce}\u{1d7d7}-\u{1d7d5}\u{1d7d2}\u{1d7d1}-\u{1d7d0}\u{1d7d0}\u{1d7cf}\u{1d7ce}", "Call 309-743-2210"],
  ["this is \u{1d4eb}\u{1d4fe}\u{1d4f5}\u{1d4f5}\u{1d4fc}\u{1d4f1}\u{1d4f2}\u{1d4fd}", "this is bullshit"],
  ["this is \u24d1\u24e4\u24db\u24db\u24e2\u24d7\u24d8\u24e3", "this is bullshit"],
  ["call \u2462\u24ea\u2468-\u2466\u2463\u2462-\u2461\u2461\u2460\u24ea", "call 309-743-2210"],
  ["this is bull\ua731\u029c\u026a\u1d1b", "this is bullshit"],
];

test("hostile text gives the plain form's answer", () => {
  for (const [typed, plain] of PAIRS) {
    assert.notDeepEqual(rules(plain), [], plain);
    assert.deepEqual(rules(typed), rules(plain), typed);
  }
});

test("a finding highlights what the user typed, counted in code points", () => {
  for (const [typed, highlighted] of [
    ["call 309\u{1F4DE}555\u{1F4DE}0147.", "309\u{1F4DE}555\u{1F4DE}0147"],
    ["\u{1F600} call 309\u200b-555-0147\u200b.", "309\u200b-555-0147"],
    ["call me \u202e7410-555-903\u202c tonight", "7410-555-903"],
    ["mail ｊａｎｅ．ｄｏｅ＠ｇｍａｉｌ．ｃｏｍ now", "ｊａｎｅ．ｄｏｅ＠ｇｍａｉｌ．ｃｏｍ"],
    ["\ufeff\u200f\u{1F3EB} this is bull\u0455h\u0456t", "bull\u0455h\u0456t"],
  ]) {
    const [f] = check(typed).findings;
    assert.equal([...typed].slice(f.span[0], f.span[1]).join(""), highlighted, typed);
  }
});

test("links keep their look-alike letters; words lose them", () => {
  const prepared = prepare("idi\u043et at \u0430pple.com");
  assert.equal(prepared.text, "idiot at apple.com");
  assert.equal(prepared.linkText, "idi\u043et at \u0430pple.com");
});

const HOSTILE_UNIT = "Text me at 309\u200b555\u200b0147 \u202e7410-555-903\u202c, mail ｊａｎｅ．ｄｏｅ＠ｇｍａｉｌ．ｃｏｍ, this is " +
  "bull\u0455h\u0456t, call 3\ufe0f\u20e30\ufe0f\u20e39\u{1F4DE}743\u{1F4DE}2210 \u{1F469}\u200d\u{1F3EB} ok " +
  "\u200f\u2067Ms. Levi\u2069 see https://faceb00k\u200b-security.com/x. ";
const PLAIN_UNIT = "Text me at 3095550147 309-555-0147, mail jane.doe@gmail.com, this is bullshit, call 3097432210 " +
  "\u{1F469}\u{1F3EB} ok Ms. Levi see https://faceb00k-security.com/x. ";
const ATTACK_UNIT = "mail jane.doe@gmail.com or call 309-555-0147, desk +44 20 7946 0958. ";
const draft = (unit, chars) => unit.repeat(Math.floor(chars / unit.length));

function cpuMs(text) {
  const before = process.cpuUsage();
  check(text);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function scaling(unit, small, large) {
  // CPU time (not wall clock) of the larger draft over the smaller, the least of five interleaved
  // runs each after a warm-up, so another process or the JIT cannot make a linear engine look quadratic.
  const [a, b] = [draft(unit, small), draft(unit, large)];
  cpuMs(a); cpuMs(b);
  let bestA = Infinity, bestB = Infinity;
  for (let i = 0; i < 5; i++) { bestA = Math.min(bestA, cpuMs(a)); bestB = Math.min(bestB, cpuMs(b)); }
  return bestB / Math.max(bestA, 0.5);
}

test("a 100 KB hostile draft gives the plain answer and costs linear time", () => {
  const units = Math.floor(100_000 / HOSTILE_UNIT.length);
  assert.deepEqual(rules(HOSTILE_UNIT.repeat(units)), rules(PLAIN_UNIT.repeat(units)));
  const ratio = scaling(HOSTILE_UNIT, 25_000, 100_000);
  assert.ok(ratio < 10, `4x the text took ${ratio.toFixed(1)}x the time (linear is 4x, quadratic 16x)`);
});

test("a 200 KB draft of e-mail and phone pairs costs linear time", () => {
  const found = check(draft(ATTACK_UNIT, 200_000)).findings;
  assert.equal(found.length, Math.floor(200_000 / ATTACK_UNIT.length) * check(ATTACK_UNIT).findings.length);
  const ratio = scaling(ATTACK_UNIT, 50_000, 200_000);
  assert.ok(ratio < 10, `4x the text took ${ratio.toFixed(1)}x the time (linear is 4x, quadratic 16x)`);
});
