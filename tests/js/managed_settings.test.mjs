// The extension's managed settings (extension/background/managed-settings.js): values from the
// district's policy are checked again (Firefox applies no schema), mapped to the engine's setting
// names, and listed as managed so the popup can lock them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeManaged, isManaged, applyManagedHelper, createManagedSettings } from "../../extension/background/managed-settings.js";
import { ROOT } from "./vectors.mjs";

const policy = JSON.parse(readFileSync(join(ROOT, "docs", "deploy", "chrome-linux-policy.json"), "utf8"));
const example = Object.values(policy["3rdparty"].extensions)[0];

test("the example policy maps to engine settings, every value managed", () => {
  const info = normalizeManaged(example, ["x", "facebook", "messenger", "instagram"]);
  assert.deepEqual(info.ignored, []);
  assert.equal(info.overrides.mode, "warn");
  assert.deepEqual(info.overrides.approved_channels, example.approvedChannels);
  assert.deepEqual(info.overrides.sites, { x: true, facebook: true, messenger: true, instagram: true });
  assert.equal(info.overrides.helper_port, 47615);
  for (const name of ["mode", "approvedChannels", "protectedDomains", "allowlist", "blocklist", "helperPort", "rulePackUrl", "sites.x"]) {
    assert.ok(isManaged(info, name), name);
  }
});

test("values of the wrong form are ignored, not half-applied", () => {
  const info = normalizeManaged({ mode: "strict", helperPort: 80, approvedChannels: ["facebook.com", "https://x.com/"],
    rulePackUrl: "http://rules.example/p", sites: { x: "yes", facebook: false, nosuch: true }, colour: "red" },
    ["x", "facebook"]);
  assert.deepEqual(info.overrides, { sites: { facebook: false } });
  assert.deepEqual(info.managed, ["sites.facebook"]);
  assert.deepEqual(info.ignored.sort(), ["approvedChannels", "colour", "helperPort", "mode", "rulePackUrl", "sites.nosuch", "sites.x"]);
});

test("a managed port moves the helper's address to 127.0.0.1", () => {
  const info = normalizeManaged({ helperPort: 48000 });
  assert.deepEqual(applyManagedHelper({ url: "http://localhost:47615", token: "t" }, info), { url: "http://127.0.0.1:48000", token: "t" });
  assert.deepEqual(applyManagedHelper({ url: "http://127.0.0.1:47615" }, normalizeManaged({})), { url: "http://127.0.0.1:47615" });
});

test("no policy (Firefox rejects, Chrome answers {}) means nothing managed; a policy change is read again", async () => {
  let listener = null;
  let answer = Promise.reject(new Error("Managed storage manifest not found"));
  answer.catch(() => {});
  const api = { storage: { managed: { get: () => answer }, onChanged: { addListener: (fn) => (listener = fn) } } };
  const managed = createManagedSettings(api);
  assert.deepEqual((await managed.get()).managed, []);
  answer = Promise.resolve({ mode: "block" });
  assert.deepEqual((await managed.get()).managed, [], "cached until the policy changes");
  listener({ mode: { newValue: "block" } }, "managed");
  assert.deepEqual((await managed.get()).overrides, { mode: "block" });
});

// A storage area whose managed read takes `delayMs`, as Chromium's first read after start-up does.
function slowApi(policy, delayMs) {
  return { storage: { managed: { get: () => new Promise((resolve) => setTimeout(() => resolve(policy), delayMs)) } } };
}
function memoryLocal(initial = {}) {
  const data = { ...initial };
  return { data, get: async (keys) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
           set: async (items) => Object.assign(data, items) };
}

test("a slow first managed read is answered by the policy last seen, then replaced by the real one", async () => {
  const local = memoryLocal({ managedLastKnown: { mode: "block" } });
  const managed = createManagedSettings(slowApi({ mode: "warn" }, 300), { local, timeoutMs: 20 });
  const started = Date.now();
  const first = await managed.get();
  assert.ok(Date.now() - started < 250, "answered before the slow read finished");
  assert.equal(first.overrides.mode, "block");
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal((await managed.get()).overrides.mode, "warn");
  assert.deepEqual(local.data.managedLastKnown, { mode: "warn" });
});

test("with no policy seen before, the real answer is awaited rather than guessing nothing is managed", async () => {
  const local = memoryLocal();
  const managed = createManagedSettings(slowApi({ mode: "block" }, 100), { local, timeoutMs: 10 });
  assert.equal((await managed.get()).overrides.mode, "block");
});
