// Unit tests of the extension's pure background modules: router (sender checks), event queue
// (persisted, retried until acknowledged, never text), settings, helper client, checker fallback.
import test from "node:test";
import assert from "node:assert/strict";
import { createRouter, hostsFromMatches } from "../../extension/background/router.js";
import { createEventQueue, sanitizeEvent, warningsThisWeek, QUEUE_KEY, MAX_FINDINGS } from "../../extension/background/event-queue.js";
import { mergeSettings, siteEnabled, canOverride } from "../../extension/background/settings.js";
import { createHelperClient, HelperError } from "../../extension/background/helper-client.js";
import { createChecker } from "../../extension/background/checker.js";
import "../../extension/shared/messages.js";

const M = globalThis.SocialGuardMessages;

function memoryStorage() {
  const data = {};
  return {
    data,
    async get(keys) {
      const out = {};
      for (const k of keys) if (k in data) out[k] = structuredClone(data[k]);
      return out;
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
  };
}

test("message names are unique and prefixed from-to", () => {
  const names = Object.values(M);
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^(cs-bg|ui-bg|bg-cs)-[a-z-]+$/);
  assert.equal(M.CS_BG_CHECK, "cs-bg-check");
  assert.equal(M.UI_BG_PAIR, "ui-bg-pair");
});

test("router accepts content-script messages only from tabs on the extension's sites", async () => {
  const router = createRouter({ runtimeId: "ext", extensionOrigin: "chrome-extension://ext/", siteHosts: new Set(["x.com"]) });
  router.register(M.CS_BG_CHECK, async () => ({ ok: 1 }));
  router.register(M.UI_BG_STATUS, async () => ({ ok: 2 }));
  const tab = { id: 1 };
  assert.deepEqual(await router.handle({ type: M.CS_BG_CHECK }, { id: "ext", tab, url: "https://x.com/home" }), { ok: 1 });
  assert.equal((await router.handle({ type: M.CS_BG_CHECK }, { id: "other", tab, url: "https://x.com/" })).error, "forbidden_sender");
  assert.equal((await router.handle({ type: M.CS_BG_CHECK }, { id: "ext", tab, url: "https://evil.example/" })).error, "forbidden_sender");
  assert.equal((await router.handle({ type: M.CS_BG_CHECK }, { id: "ext", tab, url: "http://x.com/" })).error, "forbidden_sender");
  assert.equal((await router.handle({ type: M.CS_BG_CHECK }, { id: "ext", url: "https://x.com/" })).error, "forbidden_sender");
  // Popup messages only from the extension's own pages, never from a content script.
  assert.deepEqual(await router.handle({ type: M.UI_BG_STATUS }, { id: "ext", url: "chrome-extension://ext/popup/popup.html" }), { ok: 2 });
  assert.equal((await router.handle({ type: M.UI_BG_STATUS }, { id: "ext", tab, url: "https://x.com/" })).error, "forbidden_sender");
  assert.equal((await router.handle({ type: "nope" }, { id: "ext" })).error, "unknown_message");
  assert.equal((await router.handle(null, { id: "ext" })).error, "bad_message");
});

test("hostsFromMatches reads https hosts of match patterns", () => {
  assert.deepEqual([...hostsFromMatches(["https://x.com/*", "https://www.facebook.com/*", "http://127.0.0.1/*"])], ["x.com", "www.facebook.com"]);
});

test("events keep only contract fields: never text, reasons from a fixed list", () => {
  const ev = sanitizeEvent(
    { kind: "choice", choice: "continue", reason: "my student Jordan asked", category: "direct_message", rule: "dm.surface", site: "x", surface: "dm", text: "secret draft", span: [1, 2] },
    { now: () => 0, uuid: () => "id-1" },
  );
  assert.deepEqual(Object.keys(ev).sort(), ["category", "choice", "id", "kind", "rule", "site", "surface", "time"]);
  assert.equal(JSON.stringify(ev).includes("secret"), false);
  assert.equal(sanitizeEvent({ kind: "choice", choice: "continue", reason: "safety_report" }).reason, "safety_report");
  assert.equal(sanitizeEvent({ kind: "hack" }), null);
  assert.equal(sanitizeEvent({ kind: "choice", choice: "maybe" }), null);
});

test("events keep their dialog's decision id and the rule ids of its findings, nothing else", () => {
  const decision = "0B2A4C6E-1111-4222-8333-444455556666";
  const shown = sanitizeEvent(
    { kind: "warning_shown", category: "pii.ssn", rule: "pii.ssn", site: "x", surface: "post", decision,
      findings: ["pii.phone.us", "pii.ssn", "pii.phone.us", "Call 309-555-0142", "pii.ssn\n", { rule: "x" }, "a".repeat(81)] },
    { now: () => 0, uuid: () => "id-2" },
  );
  assert.equal(shown.decision, decision.toLowerCase());
  assert.deepEqual(shown.findings, ["pii.phone.us", "pii.ssn"]); // rule ids only, each once
  const many = sanitizeEvent({ kind: "warning_shown", findings: Array.from({ length: 30 }, (_, i) => `rule.r${i}`) });
  assert.equal(many.findings.length, MAX_FINDINGS);
  // A choice carries the decision, never findings; a decision that is not a uuid is dropped.
  const choice = sanitizeEvent({ kind: "choice", choice: "edit", decision, findings: ["pii.ssn"] });
  assert.equal(choice.decision, decision.toLowerCase());
  assert.equal("findings" in choice, false);
  for (const bad of ["my student's name", "0b2a4c6e-1111-4222-8333-444455556666\n", 42, null])
    assert.equal("decision" in sanitizeEvent({ kind: "warning_shown", decision: bad }), false, String(bad));
  assert.equal("findings" in sanitizeEvent({ kind: "warning_shown", findings: "pii.ssn" }), false);
  // The photo dialog's answers are reasons of their own.
  for (const reason of ["consent_on_file", "no_consent", "kept_location", "remove_location"])
    assert.equal(sanitizeEvent({ kind: "choice", choice: "edit", reason }).reason, reason);
});

test("event queue persists, retries until acknowledged, and counts warnings", async () => {
  const storage = memoryStorage();
  let online = false;
  const sent = [];
  const timers = [];
  const q = createEventQueue({
    storage,
    now: () => Date.parse("2026-11-24T12:00:00Z"),
    send: async (ev) => {
      if (!online) return false;
      sent.push(ev.id);
      return true;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
  });
  await q.enqueue({ kind: "warning_shown", category: "pii.phone", rule: "pii.phone.us", site: "x", surface: "post" });
  await q.enqueue({ kind: "choice", choice: "edit", category: "pii.phone", rule: "pii.phone.us", site: "x", surface: "post" });
  assert.equal((await q.flush()), 0);
  assert.equal(storage.data[QUEUE_KEY].length, 2); // kept for later
  assert.ok(timers.some((t) => t.ms > 0)); // a retry is scheduled
  online = true;
  assert.equal(await q.flush(), 2);
  assert.equal(storage.data[QUEUE_KEY].length, 0);
  assert.equal(sent.length, 2);
  assert.equal(warningsThisWeek(storage.data.stats, Date.parse("2026-11-24T18:00:00Z")), 1);
  assert.equal(warningsThisWeek(storage.data.stats, Date.parse("2026-12-10T18:00:00Z")), 0);
});

test("settings: district defaults, user choices, managed overrides last", () => {
  const bundle = { district: { mode: "warn", approved_channels: ["x.com"] } };
  assert.equal(mergeSettings(bundle, {}).mode, "warn");
  assert.equal(mergeSettings(bundle, { mode: "block" }).mode, "block");
  assert.equal(mergeSettings(bundle, { mode: "warn" }, { mode: "block" }).mode, "block");
  assert.deepEqual(mergeSettings(bundle, {}).approved_channels, ["x.com"]);
  assert.equal(siteEnabled({}, "x"), true);
  assert.equal(siteEnabled({ sites: { x: false } }, "x"), false);
  assert.equal(siteEnabled({ sites: { x: false } }, "x", { sites: { x: true } }), true);
  assert.equal(canOverride("warn", [{ severity: "block" }]), true);
  assert.equal(canOverride("block", [{ severity: "block" }]), false);
  assert.equal(canOverride("block", [{ severity: "warn" }]), true);
});

test("helper client sends the bearer token and classifies failures", async () => {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    if (url.endsWith("/v1/check")) return new Response(JSON.stringify({ findings: [] }), { status: 200 });
    if (url.endsWith("/v1/events")) return new Response("{}", { status: 401 });
    throw new TypeError("connection refused");
  };
  const client = createHelperClient({ getConfig: async () => ({ url: "http://127.0.0.1:5/", token: "tok" }), fetchImpl });
  assert.deepEqual(await client.check({ text: "hi" }), { findings: [] });
  assert.equal(calls[0].url, "http://127.0.0.1:5/v1/check");
  assert.equal(calls[0].init.headers.Authorization, "Bearer tok");
  await assert.rejects(client.sendEvent({}), (e) => e instanceof HelperError && e.kind === "unauthorized");
  await assert.rejects(client.health(), (e) => e.kind === "offline");
  const unpaired = createHelperClient({ getConfig: async () => ({ url: "http://127.0.0.1:5", token: "" }), fetchImpl });
  await assert.rejects(unpaired.check({}), (e) => e.kind === "unauthorized");
});

test("checker falls back to the local engine and backs off from a dead helper", async () => {
  let helperCalls = 0;
  let t = 0;
  const helper = {
    async check() {
      helperCalls++;
      throw new HelperError("offline", "down");
    },
  };
  const engine = { check: () => ({ findings: [{ rule: "dm.surface" }] }) };
  const checker = createChecker({ helper, getEngine: async () => engine, now: () => t });
  assert.deepEqual(await checker.check({}, { paired: true }), { findings: [{ rule: "dm.surface" }], source: "local" });
  assert.equal(checker.helperState, "offline");
  await checker.check({}, { paired: true });
  assert.equal(helperCalls, 1); // not asked again right away
  t = 60000;
  await checker.check({}, { paired: true });
  assert.equal(helperCalls, 2);
  assert.equal((await checker.check({}, { paired: false })).source, "local");
  const up = createChecker({ helper: { check: async () => ({ findings: [] }) }, getEngine: async () => engine });
  assert.deepEqual(await up.check({}, { paired: true }), { findings: [], source: "helper" });
});

test("an event added while another is being acknowledged is not lost", async () => {
  // A storage whose reads and writes take turns with other work, as chrome.storage does.
  const data = {};
  const tick = () => new Promise((r) => setTimeout(r, 1));
  const storage = {
    async get(keys) {
      await tick();
      const out = {};
      for (const k of keys) if (k in data) out[k] = structuredClone(data[k]);
      return out;
    },
    async set(items) {
      await tick();
      Object.assign(data, structuredClone(items));
    },
  };
  let n = 0;
  const q = createEventQueue({
    storage,
    send: async () => {
      await tick();
      return true;
    },
    uuid: () => `id-${n++}`,
    setTimer: () => 0,
    clearTimer: () => {},
  });
  const adds = [];
  for (let i = 0; i < 20; i++) {
    adds.push(q.enqueue({ kind: "warning_shown", category: "pii.phone", rule: "r", site: "x", surface: "post" }));
    if (i % 3 === 0) adds.push(q.flush());
  }
  await Promise.all(adds);
  while ((await q.flush()) > 0);
  assert.deepEqual(data[QUEUE_KEY], []);
  assert.equal(warningsThisWeek(data.stats, Date.now()), 20);
});
