// The background as the browser starts it: extension/background/service-worker.js loaded with a
// fake platform (no helper running), so every message has its handler on the router, a draft is
// checked by the local engine, and a sender from another site is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { RULES_DIR } from "./vectors.mjs";

const bundle = loadBundle(RULES_DIR);

function memoryArea() {
  const data = {};
  return {
    get: async (keys) => Object.fromEntries((keys || Object.keys(data)).filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items) => void Object.assign(data, items),
    remove: async (keys) => void [].concat(keys).forEach((k) => delete data[k]),
  };
}

let listener = null;
globalThis.SocialGuardBrowser = Object.freeze({
  api: { storage: {} },
  isFirefox: false,
  browserName: "Chromium",
  runtimeId: "ext",
  getURL: (p) => "chrome-extension://ext/" + p,
  manifest: () => ({ content_scripts: [{ matches: ["https://x.com/*"] }] }),
  sendMessage: async () => null,
  onMessage: (fn) => (listener = fn),
  local: memoryArea(),
  session: memoryArea(),
  onStorageChanged() {},
  i18n: () => "",
  uiLanguage: () => "en",
});
// The built-in bundle, as rules/bundle.json; the helper (127.0.0.1) is not running.
globalThis.fetch = async (url) => {
  if (String(url).endsWith("rules/bundle.json")) return { ok: true, json: async () => bundle };
  throw new TypeError("connection refused");
};
await import("../../extension/background/service-worker.js");

function ask(message, sender) {
  return new Promise((resolve) => listener(message, sender, resolve));
}
const TAB = { id: "ext", tab: { id: 1 }, url: "https://x.com/home" };

test("every message name has a handler on the router", async () => {
  for (const type of Object.values(globalThis.SocialGuardMessages)) {
    const sender = type.startsWith("ui-bg-") ? { id: "ext", url: "chrome-extension://ext/popup/popup.html" } : TAB;
    const answer = await ask({ type }, sender);
    assert.notEqual(answer && answer.error, "unknown_message", type);
  }
});

test("a draft is checked by the local engine while the helper is down", async () => {
  const answer = await ask({ type: "cs-bg-check", input: { text: "Call me at 309-555-0142", surface: "post" } }, TAB);
  assert.equal(answer.source, "local");
  assert.equal(answer.enabled, true);
  assert.ok(answer.findings.length > 0);
});

test("a content-script message from a site the extension does not run on is refused", async () => {
  const answer = await ask({ type: "cs-bg-check", input: { text: "hi" } }, { ...TAB, url: "https://evil.example/" });
  assert.equal(answer.error, "forbidden_sender");
});

test("the popup's status names the browser and the built-in rules", async () => {
  const answer = await ask({ type: "ui-bg-status" }, { id: "ext", url: "chrome-extension://ext/popup/popup.html" });
  assert.equal(answer.browserName, "Chromium");
  assert.equal(answer.rulesVersion, bundle.version);
  assert.equal(answer.helper.state, "offline");
});
