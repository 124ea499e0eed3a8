// Background service worker (Chrome) / event page (Firefox): wires the router, the checker, the
// helper client and the event queue together. It never touches a page's DOM and never stores the
// text of a draft. Listeners are registered synchronously at start-up, as MV3 requires.
import "../platform/browser-api.js";
import "../shared/messages.js";
import { createEngine } from "../engine/index.js";
import { createRouter, hostsFromMatches } from "./router.js";
import { createHelperClient, HelperError, errorCode } from "./helper-client.js";
import { createChecker } from "./checker.js";
import { createEventQueue, warningsThisWeek, STATS_KEY } from "./event-queue.js";
import { createSettingsStore, mergeSettings, siteEnabled, canOverride, DEFAULT_HELPER_URL } from "./settings.js";
import { registerPhotoHandlers } from "./photos.js";
import { presentFindings, needsReason } from "./finding-details.js";
import { registerPagesLink } from "./pages-link.js";
import { dmState } from "./dm-state.js";
import { siteOf } from "./site-names.js";
import { createManagedSettings, applyManagedHelper, isManaged } from "./managed-settings.js";
import { createRuleSync, SYNCED_RULES_KEY } from "./rule-sync.js";

const B = globalThis.SocialGuardBrowser;
const M = globalThis.SocialGuardMessages;
const MAX_TEXT = 20000;
const MAX_VISITED = 200;

// ---- rule bundle and engine -------------------------------------------------------------------
// The rules built into the extension; getBundle() (below) gives the helper's newer ones when synced.
let bundlePromise = null;
function builtInBundle() {
  if (!bundlePromise) {
    bundlePromise = fetch(B.getURL("rules/bundle.json"))
      .then((r) => r.json())
      .catch((e) => {
        bundlePromise = null;
        throw e;
      });
  }
  return bundlePromise;
}

// Managed policies: the district's managed settings (background/managed-settings.js).
const managed = createManagedSettings(B.api, { local: B.local });
async function getPolicyOverrides() {
  return (await managed.get()).overrides;
}
/** The helper's address and token; a managed helperPort wins over the user's address. */
async function helperConfig() {
  return applyManagedHelper(await settingsStore.helperConfig(), await managed.get());
}

const settingsStore = createSettingsStore(B.local, getPolicyOverrides);
let engineCache = { key: "", engine: null };
async function currentSettings() {
  const bundle = await getBundle();
  const { stored, policy } = await settingsStore.load();
  return { bundle, stored, policy, settings: mergeSettings(bundle, stored, policy) };
}
async function getEngine() {
  const { bundle, settings } = await currentSettings();
  const key = `${bundle.version}|${JSON.stringify(settings)}`;
  if (!engineCache.engine || engineCache.key !== key) {
    let engine;
    try {
      engine = createEngine(bundle, settings);
    } catch (e) {
      // Rules synced from the helper that this engine cannot run: back to the built-in ones.
      if (bundle.version === (await builtInBundle()).version) throw e;
      await ruleSync.discard();
      return getEngine();
    }
    engineCache = { key, engine };
  }
  return engineCache.engine;
}

// ---- helper ------------------------------------------------------------------------------------
const helper = createHelperClient({ getConfig: helperConfig });
const checker = createChecker({ helper, getEngine });
// The helper's rules (a district rule pack) for offline checks: asked for after pairing and, at
// most every ten minutes, after a check the helper answered. (background/rule-sync.js)
const ruleSync = createRuleSync({ storage: B.local, builtIn: builtInBundle, helper,
  validate: (bundle) => createEngine(bundle, {}) });
function getBundle() {
  return ruleSync.bundle();
}
B.onStorageChanged((changes, areaName) => {
  if (areaName === "local" && SYNCED_RULES_KEY in changes) ruleSync.invalidate();
});
const RULE_SYNC_EVERY_MS = 10 * 60 * 1000;
let ruleSyncAt = 0;
function syncRulesSoon() {
  if (Date.now() - ruleSyncAt < RULE_SYNC_EVERY_MS) return;
  ruleSyncAt = Date.now();
  ruleSync.refresh().catch(() => {});
}
const queue = createEventQueue({
  storage: B.local,
  async send(ev) {
    const { token } = await settingsStore.helperConfig();
    if (!token) return false;
    try {
      const answer = await helper.sendEvent(ev);
      // Acknowledged only when the helper says this id is stored (now or before).
      return !Array.isArray(answer.stored) || answer.stored.includes(ev.id);
    } catch (e) {
      // 409: the helper already has this id, an acknowledgement too. 422: the helper will never
      // accept this event as it is; retrying would block the queue behind it, so it is dropped.
      return e instanceof HelperError && (e.status === 409 || e.status === 422);
    }
  },
});

// ---- who is asking ------------------------------------------------------------------------------
const manifest = B.manifest();
const siteHosts = new Set();
for (const cs of manifest.content_scripts || []) for (const h of hostsFromMatches(cs.matches)) siteHosts.add(h);

async function profileFor(sender) {
  const bundle = await getBundle();
  const host = new URL(sender.url).hostname.toLowerCase();
  const profiles = (bundle.sites && bundle.sites.profiles) || {};
  for (const [id, p] of Object.entries(profiles)) if ((p.hosts || []).includes(host)) return { id, profile: p, host };
  return { id: "other", profile: { site: "other", label: host }, host };
}

function localeOf(requested) {
  const l = String(requested || B.uiLanguage() || "en").toLowerCase();
  return l.startsWith("es") ? "es" : "en";
}

const router = createRouter({
  runtimeId: B.runtimeId,
  extensionOrigin: B.getURL(""),
  siteHosts,
});

router.register(M.CS_BG_SITE_CONFIG, async (msg, sender) => {
  const { id } = await profileFor(sender);
  const { stored, policy, settings } = await currentSettings();
  return { site: id, enabled: siteEnabled(stored, id, policy), mode: settings.mode, locale: localeOf() };
});

router.register(M.CS_BG_CHECK, async (msg, sender) => {
  const { id, profile, host } = await profileFor(sender);
  const { bundle, stored, policy, settings } = await currentSettings();
  if (!siteEnabled(stored, id, policy)) return { findings: [], source: "off", enabled: false, mode: settings.mode, canOverride: true };
  const raw = (msg && msg.input) || {};
  const surfaces = ["post", "comment", "dm", "unknown"];
  const input = {
    text: typeof raw.text === "string" ? raw.text.slice(0, MAX_TEXT) : "",
    site: profile.site || "other",
    surface: surfaces.includes(raw.surface) ? raw.surface : "unknown",
    host,
    locale: localeOf(raw.locale),
  };
  // The links the user opened matter only for a post being reposted (link.unvisited): a draft's own
  // links are the author's, and are not judged by them.
  if (msg.repost === true) input.visited = (await B.session.get(["visited"])).visited || [];
  const { helper: h = {} } = stored;
  const result = await checker.check(input, { paired: Boolean(h.token) });
  if (result.source === "helper") {
    queue.flush();
    syncRulesSoon();
  }
  const findings = presentFindings(result.findings, bundle, input.locale);
  return {
    findings,
    source: result.source,
    enabled: true,
    mode: settings.mode,
    canOverride: canOverride(settings.mode, findings),
    needsReason: needsReason(findings),
  };
});

router.register(M.CS_BG_EVENT, async (msg, sender) => {
  const { profile, host } = await profileFor(sender);
  const ev = { ...((msg && msg.event) || {}), site: siteOf(profile.site, host) };
  return queue.enqueue(ev);
});

const HEALTH_RESEND_MS = 10 * 60 * 1000;

router.register(M.CS_BG_HEALTH, async (msg, sender) => {
  const { id, profile } = await profileFor(sender);
  const { health = {} } = await B.local.get(["health"]);
  const prev = health[id] || {};
  const t = Date.now();
  const entry = {
    lastReportAt: t,
    lastFoundAt: msg.composerFound ? t : prev.lastFoundAt || 0,
    lastDmFoundAt: msg.dmSurfaceFound ? t : prev.lastDmFoundAt || 0,
    dmState: dmState(prev.dmState, msg.dmSurfaceFound, profile, sender.url),
    misses: msg.composerFound ? 0 : (prev.misses || 0) + 1,
    brokenSelectors: Array.isArray(msg.brokenSelectors) ? msg.brokenSelectors.slice(0, 10).map(String) : [],
    fallbackSelectors: Array.isArray(msg.fallbackSelectors) ? msg.fallbackSelectors.slice(0, 10).map((s) => String(s).slice(0, 300)) : [],
    sentAt: prev.sentAt || 0,
    sentState: prev.sentState || "",
  };
  // Tell the helper too (its status page lists site support), when the state changes or every
  // ten minutes: not on every report. Offline or unpaired: the popup still shows it.
  // A new pairing (another helper, or the same one paired again) gets the state at once.
  const { url, token } = await helperConfig();
  const fallbacks = entry.fallbackSelectors.filter(Boolean);
  const state = `${url}|${(token || "").slice(0, 8)}|${Boolean(msg.composerFound)}/${entry.dmState}/${fallbacks.join(",")}`;
  if (state !== entry.sentState || t - entry.sentAt > HEALTH_RESEND_MS) {
    try {
      const report = { site: id, composerFound: Boolean(msg.composerFound),
        dmSurfaceFound: entry.dmState !== "missing", checkedAt: new Date(t).toISOString() };
      if (fallbacks.length) report.fallbackSelectors = fallbacks;   // sent only when there are some
      await helper.siteHealth(report);
      entry.sentAt = t;
      entry.sentState = state;
    } catch (e) {
      // The helper is down or unpaired: try again with the next report.
    }
  }
  health[id] = entry;
  await B.local.set({ health });
  return { ok: true };
});

router.register(M.CS_BG_VISITED, async (msg) => {
  const url = typeof msg.url === "string" ? msg.url.slice(0, 2000) : "";
  if (!/^https?:\/\//i.test(url)) return { ok: false };
  const { visited = [] } = await B.session.get(["visited"]);
  const next = [url, ...visited.filter((u) => u !== url)].slice(0, MAX_VISITED);
  await B.session.set({ visited: next });
  return { ok: true };
});

function healthStatus(entry) {
  if (!entry || !entry.lastReportAt) return "unknown";
  if (entry.brokenSelectors && entry.brokenSelectors.length) return "degraded";
  if (entry.misses >= 2) return "missing";
  // A DM or share surface found only by a legacy selector: working, but the site is changing.
  if (entry.fallbackSelectors && entry.fallbackSelectors.length) return "fallback";
  return entry.lastFoundAt ? "ok" : "unknown";
}

router.register(M.UI_BG_STATUS, async () => {
  const { bundle, stored, policy, settings } = await currentSettings();
  const { url, token } = await helperConfig();
  const managedInfo = await managed.get();
  let helperInfo = { state: "offline", url, paired: Boolean(token) };
  try {
    const h = await helper.health();
    helperInfo = { ...helperInfo, state: token ? "connected" : "unpaired", version: h.version, rulesVersion: h.rules_version };
    if (token && checker.helperState === "unauthorized") helperInfo.state = "unauthorized";
  } catch (e) {
    helperInfo.state = "offline";
  }
  const { health = {}, [STATS_KEY]: stats = {}, eventQueue = [] } = await B.local.get(["health", STATS_KEY, "eventQueue"]);
  const profiles = (bundle.sites && bundle.sites.profiles) || {};
  return {
    helper: helperInfo,
    rulesVersion: bundle.version,
    mode: settings.mode,
    warningsThisWeek: warningsThisWeek(stats, Date.now()),
    pendingEvents: eventQueue.length,
    browserName: B.browserName,
    managed: managedInfo.managed, // names of managed_schema.json set by the district's policy: the popup shows them locked
    rulePackUrl: managedInfo.overrides.rule_pack_url || null,
    sites: Object.entries(profiles).map(([id, p]) => ({
      id,
      label: p.label || id,
      enabled: siteEnabled(stored, id, policy),
      managed: isManaged(managedInfo, `sites.${id}`),
      health: healthStatus(health[id]),
      lastFoundAt: (health[id] && health[id].lastFoundAt) || 0,
      lastVisitAt: (health[id] && health[id].lastReportAt) || 0, // the last time a page of this site reported in
      dm: (health[id] && health[id].dmState) || "unknown",
    })),
  };
});

function validHelperUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost") && !u.pathname.replace(/\/$/, "") && u.origin;
  } catch (e) {
    return false;
  }
}

router.register(M.UI_BG_PAIR, async (msg) => {
  const code = typeof msg.code === "string" ? msg.code.trim() : "";
  if (!code) return { ok: false, error: "missing_code" };
  if (msg.url && !isManaged(await managed.get(), "helperPort")) {
    const origin = validHelperUrl(String(msg.url).trim());
    if (!origin) return { ok: false, error: "bad_url" };
    await settingsStore.setHelperConfig({ url: origin });
  }
  const name = typeof msg.name === "string" && msg.name ? msg.name.slice(0, 80) : B.browserName;
  try {
    const answer = await helper.pair(code, name);
    if (!answer || typeof answer.token !== "string" || !answer.token) return { ok: false, error: "bad_response" };
    await settingsStore.setHelperConfig({ token: answer.token });
    checker.reset();
    queue.flush();
    ruleSyncAt = Date.now();
    await ruleSync.refresh().catch(() => "offline");  // the district's rules, before the popup says "paired"
    return { ok: true };
  } catch (e) {
    return { ok: false, error: errorCode(e) };
  }
});

router.register(M.UI_BG_SET_SITE, async (msg) => {
  const { bundle } = await currentSettings();
  const profiles = (bundle.sites && bundle.sites.profiles) || {};
  if (!Object.prototype.hasOwnProperty.call(profiles, msg.site)) return { ok: false, error: "unknown_site" };
  if (isManaged(await managed.get(), `sites.${msg.site}`)) return { ok: false, error: "managed" }; // locked by policy
  await settingsStore.setSite(msg.site, Boolean(msg.enabled));
  return { ok: true };
});

// Photos (cs-bg-check-image), in background/photos.js.
registerPhotoHandlers({ router, type: M.CS_BG_CHECK_IMAGE, helper, getBundle, currentSettings, profileFor, siteEnabled,
  canOverride, localeOf, onHelperAnswer: () => queue.flush() });

registerPagesLink({ router, type: M.UI_BG_PAGES_LINK, helper });

B.onMessage((message, sender, sendResponse) => {
  router.handle(message, sender).then(sendResponse);
  return true;
});

// Deliver whatever the last run left behind.
queue.flush();

// Warm the local engine as the worker starts (it restarts after idling), so the first check of a
// draft does not pay for loading the bundle and compiling the rules.
getEngine()
  .then((engine) => engine.check({ text: "warm up 309-555-0142 https://example.org", site: "other", surface: "post" }))
  .catch(() => {});

export { router, DEFAULT_HELPER_URL };
