// Background: keeps the rules the extension checks with on its own (when the helper is not running)
// in step with the helper's, so a signed rule pack the district installed in the helper, with its
// district profile, also applies offline. Asks only a paired helper, and only when it reports a
// newer rules version than the one in use; never goes below the rules built into the extension;
// keeps the last good copy in storage.local; a bundle that does not load in the engine is refused.
// Rules only: nothing the user wrote is sent or stored here.

export const SYNCED_RULES_KEY = "syncedRules";
const BUNDLE_KEYS = ["version", "link_pattern", "policy", "rules", "lists", "district"];

/** Compares dotted versions ("2026.11.24.3") number by number: <0, 0 or >0. */
export function compareVersions(a, b) {
  const pa = String(a).split(".").map((n) => parseInt(n, 10) || 0);
  const pb = String(b).split(".").map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d) return d;
  }
  return 0;
}

function isBundle(b) {
  return Boolean(b) && typeof b === "object" && BUNDLE_KEYS.every((k) => k in b) && Array.isArray(b.rules) &&
    typeof b.version === "string";
}

// A pack without site profiles keeps the extension's own (they say where composers and DM views are).
function withSites(bundle, builtIn) {
  const has = bundle.sites && bundle.sites.profiles && Object.keys(bundle.sites.profiles).length;
  return has ? bundle : { ...bundle, sites: builtIn.sites };
}

/**
 * storage: { get(keys), set(items), remove(keys) }; builtIn(): the bundle shipped in the extension;
 * helper: the helper client (health(), rules()); validate(bundle) throws for a bundle the engine
 * cannot run (asked before a new bundle is stored); onChange(version) after one is taken into use.
 */
export function createRuleSync({ storage, builtIn, helper, validate, onChange = () => {} }) {
  let inUse = null;
  let refreshing = null;

  // A stored copy was checked before it was stored; if a later extension's engine cannot run it,
  // the caller building the engine says so with discard().
  async function load() {
    const base = await builtIn();
    const got = await storage.get([SYNCED_RULES_KEY]);
    const synced = got[SYNCED_RULES_KEY];
    return isBundle(synced) && compareVersions(synced.version, base.version) > 0 ? withSites(synced, base) : base;
  }

  async function refreshOnce() {
    let health;
    try {
      health = await helper.health();
    } catch (e) {
      return "offline";
    }
    const current = await api.bundle();
    if (!health || typeof health.rules_version !== "string" || compareVersions(health.rules_version, current.version) <= 0) {
      return "current";
    }
    let answer;
    try {
      answer = await helper.rules();
    } catch (e) {
      return "offline";
    }
    const bundle = answer && answer.bundle;
    if (!isBundle(bundle) || compareVersions(bundle.version, current.version) <= 0) return "refused";
    try {
      validate(bundle);
    } catch (e) {
      return "refused";
    }
    await storage.set({ [SYNCED_RULES_KEY]: bundle });
    inUse = Promise.resolve(withSites(bundle, await builtIn()));
    onChange(bundle.version);
    return "updated";
  }

  const api = {
    /** The bundle in use: the helper's last good one when newer than the built-in rules. */
    bundle() {
      if (!inUse) {
        inUse = load().catch((e) => {
          inUse = null;
          throw e;
        });
      }
      return inUse;
    },
    /** Forget the cached choice (the stored copy changed or was removed). */
    invalidate() {
      inUse = null;
    },
    /** Drop the stored copy (the engine could not run it): the built-in rules again. */
    async discard() {
      await storage.remove([SYNCED_RULES_KEY]);
      inUse = null;
    },
    /** Ask the helper for newer rules: "updated", "current", "refused" or "offline". One at a time. */
    refresh() {
      if (!refreshing) refreshing = refreshOnce().finally(() => { refreshing = null; });
      return refreshing;
    },
  };
  return api;
}
