// Background: the services every message handler shares, made once per worker start. The rule
// bundle (built in, or the helper's newer synced one) and the local engine made from it; settings
// (district defaults < user choices < managed policy); the helper client and the checker that falls
// back to the engine; the audit event queue; and who is asking (a sender's site profile). Handlers
// (handlers/*.js) take this object; none of it touches a page or keeps a draft's text.

import { createEngine } from "../engine/index.js";
import { hostsFromMatches } from "./router.js";
import { createHelperClient, HelperError } from "./helper-client.js";
import { createChecker } from "./checker.js";
import { createEventQueue } from "./event-queue.js";
import { createSettingsStore, mergeSettings } from "./settings.js";
import { createManagedSettings, applyManagedHelper } from "./managed-settings.js";
import { createRuleSync, SYNCED_RULES_KEY } from "./rule-sync.js";

// After a check the helper answered, its rules are asked for at most this often.
const RULE_SYNC_EVERY_MS = 10 * 60 * 1000;

/** The built-in bundle (rules/bundle.json), fetched once; a failed fetch is tried again next time. */
function builtInBundleLoader(B) {
  let bundlePromise = null;
  return function builtInBundle() {
    if (!bundlePromise) {
      bundlePromise = fetch(B.getURL("rules/bundle.json"))
        .then((r) => r.json())
        .catch((e) => {
          bundlePromise = null;
          throw e;
        });
    }
    return bundlePromise;
  };
}

/** Sends one audit event to the helper; true when the helper acknowledged its id. */
function eventSender(helper, settingsStore) {
  return async function send(ev) {
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
  };
}

export function createContext(B) {
  const builtInBundle = builtInBundleLoader(B);
  const managed = createManagedSettings(B.api, { local: B.local });
  const settingsStore = createSettingsStore(B.local, async () => (await managed.get()).overrides);
  /** The helper's address and token; a managed helperPort wins over the user's address. */
  const helperConfig = async () => applyManagedHelper(await settingsStore.helperConfig(), await managed.get());
  const helper = createHelperClient({ getConfig: helperConfig });
  // The helper's rules (a district rule pack) for offline checks (background/rule-sync.js).
  const ruleSync = createRuleSync({ storage: B.local, builtIn: builtInBundle, helper,
    validate: (bundle) => createEngine(bundle, {}) });
  const getBundle = () => ruleSync.bundle();
  B.onStorageChanged((changes, areaName) => {
    if (areaName === "local" && SYNCED_RULES_KEY in changes) ruleSync.invalidate();
  });

  async function currentSettings() {
    const bundle = await getBundle();
    const { stored, policy } = await settingsStore.load();
    return { bundle, stored, policy, settings: mergeSettings(bundle, stored, policy) };
  }

  let engineCache = { key: "", engine: null };
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

  let ruleSyncAt = 0;
  /** Ask the helper for its rules now (after pairing): resolves once they are kept, or "offline". */
  function syncRulesNow() {
    ruleSyncAt = Date.now();
    return ruleSync.refresh().catch(() => "offline");
  }
  /** After a check the helper answered: its rules, unless asked for lately. */
  function syncRulesSoon() {
    if (Date.now() - ruleSyncAt < RULE_SYNC_EVERY_MS) return;
    syncRulesNow();
  }

  // Who may send cs-bg-* messages: the hosts of the manifest's content scripts.
  const siteHosts = new Set();
  for (const cs of B.manifest().content_scripts || []) for (const h of hostsFromMatches(cs.matches)) siteHosts.add(h);

  /** The site profile of a sender's page: {id, profile, host}; "other" for a host no profile names. */
  async function profileFor(sender) {
    const bundle = await getBundle();
    const host = new URL(sender.url).hostname.toLowerCase();
    const profiles = (bundle.sites && bundle.sites.profiles) || {};
    for (const [id, p] of Object.entries(profiles)) if ((p.hosts || []).includes(host)) return { id, profile: p, host };
    return { id: "other", profile: { site: "other", label: host }, host };
  }

  /** "es" or "en": the one asked for, else the browser's language. */
  function localeOf(requested) {
    const l = String(requested || B.uiLanguage() || "en").toLowerCase();
    return l.startsWith("es") ? "es" : "en";
  }

  return {
    B, managed, settingsStore, helperConfig, helper, getBundle, currentSettings, getEngine,
    checker: createChecker({ helper, getEngine }),
    queue: createEventQueue({ storage: B.local, send: eventSender(helper, settingsStore) }),
    syncRulesNow, syncRulesSoon, siteHosts, profileFor, localeOf,
  };
}
