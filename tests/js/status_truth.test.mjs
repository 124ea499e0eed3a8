// Status that tells the truth: the browser is named by the extension's own URL scheme (Chromium
// now defines globalThis.browser too), and a DM surface is "missing" only after the site was seen
// at a DM address without one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { dmState } from "../../extension/background/dm-state.js";

const SCRIPT = readFileSync(new URL("../../extension/platform/browser-api.js", import.meta.url), "utf8");

function glue(globals) {
  const context = vm.createContext({ ...globals, navigator: { userAgent: "Mozilla/5.0 Chrome/156" } });
  context.globalThis = context;
  vm.runInContext(SCRIPT, context);
  return context.SocialGuardBrowser;
}
const api = (base) => ({ runtime: { id: "x", getURL: (p) => base + p } });

test("Chromium that defines globalThis.browser is still Chromium", () => {
  const chromium = api("chrome-extension://abcdefghijklmnop/");
  assert.equal(glue({ chrome: chromium, browser: chromium }).isFirefox, false);
  assert.equal(glue({ chrome: chromium }).isFirefox, false);
});

test("Firefox is known by its moz-extension: URL scheme", () => {
  const firefox = api("moz-extension://0f1e2d3c-aaaa-bbbb-cccc-111122223333/");
  assert.equal(glue({ browser: firefox, chrome: firefox }).isFirefox, true);
});

const X = { dm_paths: ["^/messages(/|$)", "^/i/chat(/|$)"] };

test("a page that is not a DM address says nothing about DMs", () => {
  assert.equal(dmState(undefined, false, X, "https://x.com/home"), "unknown");
  assert.equal(dmState("found", false, X, "https://x.com/home"), "found");
});

test("missing only when seen at a DM address without a DM surface", () => {
  assert.equal(dmState("found", false, X, "https://x.com/messages/123-456"), "missing");
  assert.equal(dmState("missing", true, X, "https://x.com/home"), "found");
  assert.equal(dmState("missing", false, X, "https://x.com/explore"), "missing");
});
