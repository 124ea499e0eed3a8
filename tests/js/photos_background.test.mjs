// The background's photo handler (extension/background/handlers/photos.js) with the real router and the
// real rule bundle: a paired helper's findings are passed on; helper down, unpaired, failing or a
// photo too large gives the consent reminder with its procedure citation; a switched-off site is
// left alone; block mode takes "continue" away from a do-not-publish match.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRouter } from "../../extension/background/router.js";
import { registerPhotoHandlers, ruleFinding } from "../../extension/background/handlers/photos.js";
import { canOverride, siteEnabled } from "../../extension/background/settings.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { RULES_DIR } from "./vectors.mjs";

const bundle = loadBundle(RULES_DIR);
const SENDER = { id: "ext", url: "https://x.com/home", tab: { id: 1 } };
const PHOTO = "data:image/jpeg;base64,/9j/4AAQSkZJRg==";

function setup({ stored = { helper: { token: "t" } }, mode = "warn", checkImage } = {}) {
  const router = createRouter({ runtimeId: "ext", extensionOrigin: "chrome-extension://ext/", siteHosts: new Set(["x.com"]) });
  const calls = [];
  const helper = {
    async checkImage(body) {
      calls.push(body);
      return checkImage(body);
    },
  };
  registerPhotoHandlers({
    router, type: "cs-bg-check-image", helper, getBundle: async () => bundle,
    currentSettings: async () => ({ stored, policy: {}, settings: { mode } }),
    profileFor: async () => ({ id: "x", profile: { site: "x" }, host: "x.com" }),
    siteEnabled, canOverride, localeOf: (l) => (l === "es" ? "es" : "en"),
  });
  const ask = (msg) => router.handle({ type: "cs-bg-check-image", surface: "post", ...msg }, SENDER);
  return { ask, calls };
}

test("a paired helper's findings are passed on, with the photo sent to it and nowhere else", async () => {
  const found = [ruleFinding(bundle, "image.faces", "en"), ruleFinding(bundle, "image.gps", "en")];
  const { ask, calls } = setup({ checkImage: async () => ({ findings: found }) });
  const answer = await ask({ image: PHOTO, name: "fair.jpg", locale: "en" });
  assert.equal(answer.source, "helper");
  assert.deepEqual(answer.findings.map((f) => f.category), ["image.student_photo", "image.location"]);
  assert.deepEqual(calls, [{ image: PHOTO, site: "x", surface: "post", locale: "en", name: "fair.jpg" }]);
});

for (const [label, options, message, reason] of [
  ["the helper is down", { checkImage: async () => { throw Object.assign(new Error("offline"), { kind: "offline" }); } }, { image: PHOTO }, "offline"],
  ["the browser is not paired", { stored: {}, checkImage: async () => ({ findings: [] }) }, { image: PHOTO }, "unpaired"],
  ["the photo is too large to send", { checkImage: async () => ({ findings: [] }) }, { image: null, size: 40e6 }, "too_large"],
  ["the helper cannot read the photo", { checkImage: async () => { throw Object.assign(new Error("HEIC"), { kind: "http", status: 415 }); } }, { image: PHOTO }, "unreadable"],
]) {
  test(`the consent reminder, cited, when ${label}`, async () => {
    const { ask, calls } = setup(options);
    const answer = await ask({ ...message, locale: "es" });
    assert.equal(answer.source, "local");
    assert.equal(answer.reason, reason);
    const [f] = answer.findings;
    assert.equal(f.rule, "image.faces");
    assert.equal(f.category, "image.student_photo");
    assert.match(f.message, /consentimiento/);
    assert.match(f.policy.section, /Images/);
    assert.deepEqual(f.span, [0, 0]);
    assert.equal(calls.length, reason === "offline" || reason === "unreadable" ? 1 : 0);
  });
}

test("a switched-off site is left alone", async () => {
  const { ask, calls } = setup({ stored: { helper: { token: "t" }, sites: { x: false } }, checkImage: async () => ({ findings: [] }) });
  const answer = await ask({ image: PHOTO });
  assert.equal(answer.source, "off");
  assert.equal(calls.length, 0);
});

test("block mode: no override for a student on the do-not-publish list", async () => {
  const listed = { ...ruleFinding(bundle, "image.do_not_publish", "en"), message: "This photo may show Ana Diaz" };
  const { ask } = setup({ mode: "block", checkImage: async () => ({ findings: [listed] }) });
  assert.equal((await ask({ image: PHOTO })).canOverride, false);
  const { ask: askWarn } = setup({ mode: "warn", checkImage: async () => ({ findings: [listed] }) });
  assert.equal((await askWarn({ image: PHOTO })).canOverride, true);
});

test("only content scripts on the extension's sites may ask", async () => {
  const router = createRouter({ runtimeId: "ext", extensionOrigin: "chrome-extension://ext/", siteHosts: new Set(["x.com"]) });
  registerPhotoHandlers({ router, type: "cs-bg-check-image", helper: {}, getBundle: async () => bundle,
    currentSettings: async () => ({ stored: {}, policy: {}, settings: {} }), profileFor: async () => ({ id: "x", profile: {} }),
    siteEnabled, canOverride, localeOf: () => "en" });
  const answer = await router.handle({ type: "cs-bg-check-image", image: PHOTO }, { id: "ext", url: "https://evil.example/", tab: { id: 2 } });
  assert.deepEqual(answer, { error: "forbidden_sender" });
});
