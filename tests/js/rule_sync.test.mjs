// background/rule-sync.js: which rules the extension checks with on its own. The helper here is a
// stand-in object (its real counterpart is covered by tests/e2e/test_rule_sync.py with a real helper).
import { test } from "node:test";
import assert from "node:assert/strict";
import { compareVersions, createRuleSync, SYNCED_RULES_KEY } from "../../extension/background/rule-sync.js";
import { createEngine } from "../../extension/engine/index.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { RULES_DIR } from "./vectors.mjs";

const shipped = loadBundle(RULES_DIR);
const NEWER = "2099.1.1.1";

function memoryStorage(initial = {}) {
  const data = { ...initial };
  return {
    data,
    get: async (keys) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items) => Object.assign(data, items),
    remove: async (keys) => keys.forEach((k) => delete data[k]),
  };
}

function packBundle(version = NEWER, extraRule = null) {
  const b = structuredClone(shipped);
  b.version = version;
  if (extraRule) b.rules.push(extraRule);
  return b;
}

const BLUEBIRD = { id: "district.project_bluebird", category: "confidential", severity: "block", policy: "confidential",
  message: { en: "Project Bluebird is confidential." }, match: { type: "regex", flags: "i", pattern: "\\bproject bluebird\\b" } };

function setup({ helperVersion, bundle, stored = {}, healthFails = false }) {
  const storage = memoryStorage(stored);
  const calls = { rules: 0 };
  const helper = {
    health: async () => {
      if (healthFails) throw new Error("offline");
      return { status: "ok", rules_version: helperVersion };
    },
    rules: async () => {
      calls.rules += 1;
      return { version: bundle.version, bundle };
    },
  };
  const changes = [];
  const sync = createRuleSync({ storage, builtIn: async () => shipped, helper, validate: (b) => createEngine(b, {}),
    onChange: (v) => changes.push(v) });
  return { sync, storage, calls, changes };
}

test("versions compare number by number", () => {
  assert.ok(compareVersions("2026.11.24.10", "2026.11.24.9") > 0);
  assert.equal(compareVersions("2026.11.24", "2026.11.24.0"), 0);
  assert.ok(compareVersions("2025.12.1.1", "2026.1.1.1") < 0);
});

test("a newer helper bundle is fetched, stored and used; its rule works offline", async () => {
  const { sync, storage, calls, changes } = setup({ helperVersion: NEWER, bundle: packBundle(NEWER, BLUEBIRD) });
  assert.equal((await sync.bundle()).version, shipped.version);
  assert.equal(await sync.refresh(), "updated");
  assert.equal(calls.rules, 1);
  assert.deepEqual(changes, [NEWER]);
  assert.equal(storage.data[SYNCED_RULES_KEY].version, NEWER);
  const bundle = await sync.bundle();
  const findings = createEngine(bundle, {}).check({ text: "About Project Bluebird", site: "x", surface: "post" }).findings;
  assert.deepEqual(findings.map((f) => f.rule), ["district.project_bluebird"]);
  // The same version again: nothing is fetched.
  assert.equal(await sync.refresh(), "current");
  assert.equal(calls.rules, 1);
});

test("a stored copy is used after a restart, without asking the helper", async () => {
  const { sync, calls } = setup({ helperVersion: NEWER, bundle: packBundle(), healthFails: true,
    stored: { [SYNCED_RULES_KEY]: packBundle(NEWER, BLUEBIRD) } });
  assert.equal((await sync.bundle()).version, NEWER);
  assert.equal(await sync.refresh(), "offline");
  assert.equal(calls.rules, 0);
});

test("the helper's rules never take the extension below its built-in version", async () => {
  const older = "2020.1.1.1";
  const { sync, calls } = setup({ helperVersion: older, bundle: packBundle(older) });
  assert.equal(await sync.refresh(), "current");
  assert.equal(calls.rules, 0);
  const stale = setup({ helperVersion: NEWER, bundle: packBundle(NEWER), stored: { [SYNCED_RULES_KEY]: packBundle(older) } });
  assert.equal((await stale.sync.bundle()).version, shipped.version);
});

test("a bundle the engine cannot run is refused and the rules in use stay", async () => {
  const broken = packBundle(NEWER, { ...BLUEBIRD, match: { type: "regex", pattern: "(unclosed" } });
  const { sync, storage } = setup({ helperVersion: NEWER, bundle: broken });
  assert.equal(await sync.refresh(), "refused");
  assert.equal(storage.data[SYNCED_RULES_KEY], undefined);
  assert.equal((await sync.bundle()).version, shipped.version);
});

test("a pack without site profiles keeps the extension's own", async () => {
  const bare = packBundle(NEWER);
  bare.sites = {};
  const { sync } = setup({ helperVersion: NEWER, bundle: bare });
  assert.equal(await sync.refresh(), "updated");
  assert.deepEqual((await sync.bundle()).sites, shipped.sites);
});

test("discard() drops the stored copy and the built-in rules are back", async () => {
  const { sync, storage } = setup({ helperVersion: NEWER, bundle: packBundle(), healthFails: true,
    stored: { [SYNCED_RULES_KEY]: packBundle(NEWER, BLUEBIRD) } });
  assert.equal((await sync.bundle()).version, NEWER);
  await sync.discard();
  assert.equal(storage.data[SYNCED_RULES_KEY], undefined);
  assert.equal((await sync.bundle()).version, shipped.version);
});
