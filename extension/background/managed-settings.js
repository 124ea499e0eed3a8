// Background: the district's managed settings. Chrome fills chrome.storage.managed from enterprise
// policy ("3rdparty" > "extensions" > <extension id>), checked against managed_schema.json (the
// manifest's storage.managed_schema); Firefox fills browser.storage.managed from policies.json
// ("3rdparty" > "Extensions" > <gecko id>) without a schema, so every value is checked again here.
// Managed values win over the user's; `managed` lists which settings are managed, so the popup
// shows them as set by the district and locked. Example policies: docs/deploy/.

const HOST_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
const HOST_LISTS = { approvedChannels: "approved_channels", protectedDomains: "protected_domains", allowlist: "allowlist", blocklist: "blocklist" };
export const DEFAULT_HELPER_PORT = 47615;

function hostList(value) {
  if (!Array.isArray(value)) return undefined;
  const hosts = value.filter((h) => typeof h === "string").map((h) => h.trim().toLowerCase().replace(/\.+$/, ""));
  return hosts.every((h) => HOST_RE.test(h)) ? [...new Set(hosts)] : undefined;
}

/**
 * The managed policy's values (names of managed_schema.json) as engine and extension settings:
 * {overrides: {mode?, approved_channels?, protected_domains?, allowlist?, blocklist?, sites?: {id: bool},
 *  helper_port?, rule_pack_url?}, managed: ["mode", "approvedChannels", "sites.x", ...], ignored: [names]}.
 * A value of the wrong type or form is ignored (and named in `ignored`), as Chrome does with its schema.
 */
export function normalizeManaged(raw, siteIds = null) {
  const overrides = {};
  const managed = [];
  const ignored = [];
  const src = raw && typeof raw === "object" ? raw : {};
  for (const [name, value] of Object.entries(src)) {
    if (name === "mode") {
      if (value === "warn" || value === "block") (overrides.mode = value), managed.push(name);
      else ignored.push(name);
    } else if (name in HOST_LISTS) {
      const hosts = hostList(value);
      if (hosts) (overrides[HOST_LISTS[name]] = hosts), managed.push(name);
      else ignored.push(name);
    } else if (name === "helperPort") {
      if (Number.isInteger(value) && value >= 1024 && value <= 65535) (overrides.helper_port = value), managed.push(name);
      else ignored.push(name);
    } else if (name === "rulePackUrl") {
      if (typeof value === "string" && /^https:\/\/\S+$/.test(value)) (overrides.rule_pack_url = value), managed.push(name);
      else ignored.push(name);
    } else if (name === "sites") {
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        ignored.push(name);
        continue;
      }
      for (const [id, on] of Object.entries(value)) {
        if (typeof on !== "boolean" || (siteIds && !siteIds.includes(id))) {
          ignored.push(`sites.${id}`);
          continue;
        }
        overrides.sites = { ...(overrides.sites || {}), [id]: on };
        managed.push(`sites.${id}`);
      }
    } else {
      ignored.push(name);
    }
  }
  return { overrides, managed, ignored };
}

/** Whether a setting (a managed_schema.json name, or sites.<id>) is set by the district. */
export function isManaged(info, name) {
  return Boolean(info && info.managed && info.managed.includes(name));
}

/** The helper's address with the managed port, when the district sets one. */
export function applyManagedHelper(config, info) {
  const port = info && info.overrides && info.overrides.helper_port;
  if (!port) return config;
  return { ...config, url: `http://127.0.0.1:${port}` };
}

const TIMED_OUT = Symbol("timed out");
export const LAST_KNOWN_KEY = "managedLastKnown";

/**
 * Reads storage.managed once and caches it until the policy changes (storage.onChanged, area
 * "managed"). `api` is chrome or browser. Without a policy Chrome answers {} and Firefox rejects:
 * both mean "nothing managed".
 *
 * Chromium's first storage.managed read after the browser starts can take seconds, and it would
 * hold up the first check. So the read races a short timeout; when it loses, the policy last seen
 * (kept in `local`, storage.local) answers at once, and the real answer replaces it when it comes.
 * With no policy ever seen, the real answer is awaited: a guess of "nothing managed" could briefly
 * unlock what the district locked.
 */
export function createManagedSettings(api, { siteIds = null, local = null, timeoutMs = 400 } = {}) {
  let cached = null;
  const area = api && api.storage && api.storage.managed;
  const normalize = (raw) => normalizeManaged(raw, typeof siteIds === "function" ? siteIds() : siteIds);

  async function read() {
    if (!area) return {};
    const fresh = Promise.resolve()
      .then(() => area.get(null))
      .then((raw) => raw || {}, () => ({}));
    fresh.then((raw) => {
      if (local) local.set({ [LAST_KNOWN_KEY]: raw }).catch(() => {});
      return raw;
    });
    const timer = new Promise((resolve) => setTimeout(() => resolve(TIMED_OUT), timeoutMs));
    const first = await Promise.race([fresh, timer]);
    if (first !== TIMED_OUT) return first;
    const stored = local ? ((await local.get([LAST_KNOWN_KEY])) || {})[LAST_KNOWN_KEY] : undefined;
    if (stored === undefined) return fresh;
    // Answer with the last policy now; the real one takes its place as soon as it arrives.
    fresh.then((raw) => {
      cached = Promise.resolve(normalize(raw));
    });
    return stored;
  }

  if (api && api.storage && api.storage.onChanged) {
    api.storage.onChanged.addListener((changes, areaName) => {
      if (areaName === "managed") cached = null;
    });
  }
  return {
    get() {
      if (!cached) cached = read().then(normalize);
      return cached;
    },
    invalidate() {
      cached = null;
    },
  };
}
