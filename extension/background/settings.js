// Background: the extension's settings. Defaults come from the district profile in the rule
// bundle; the user's choices (per-site switches, helper address) come from storage.local.
// Managed policies: `policyOverrides` is merged last, so a district's managed
// settings win over the user's.

export const DEFAULT_HELPER_URL = "http://127.0.0.1:47615";
export const SETTINGS_KEYS = ["sites", "helper", "mode"];

/** Merge district defaults, user choices and managed overrides into engine settings. */
export function mergeSettings(bundle, stored = {}, policyOverrides = {}) {
  const district = (bundle && bundle.district) || {};
  const pick = (key, fallback) =>
    policyOverrides[key] !== undefined ? policyOverrides[key] : stored[key] !== undefined ? stored[key] : district[key] !== undefined ? district[key] : fallback;
  const settings = {
    mode: pick("mode", "warn") === "block" ? "block" : "warn",
    approved_channels: pick("approved_channels", undefined),
    protected_domains: pick("protected_domains", undefined),
    allowlist: pick("allowlist", undefined),
    blocklist: pick("blocklist", undefined),
  };
  for (const k of Object.keys(settings)) if (settings[k] === undefined) delete settings[k];
  return settings;
}

/** Per-profile on/off switches (default on). A managed policy can lock a site on or off. */
export function siteEnabled(stored, profileId, policyOverrides = {}) {
  const forced = policyOverrides.sites && policyOverrides.sites[profileId];
  if (forced === true || forced === false) return forced;
  const sites = (stored && stored.sites) || {};
  return sites[profileId] !== false;
}

/** Whether the user may override a warning: not in block mode when a finding is `block`. */
export function canOverride(mode, findings) {
  return !(mode === "block" && (findings || []).some((f) => f.severity === "block"));
}

export function createSettingsStore(local, getPolicyOverrides = async () => ({})) {
  return {
    async load() {
      const stored = await local.get(SETTINGS_KEYS);
      const policy = await getPolicyOverrides();
      return { stored, policy };
    },
    async setSite(profileId, enabled) {
      const { sites = {} } = await local.get(["sites"]);
      sites[profileId] = Boolean(enabled);
      await local.set({ sites });
    },
    async helperConfig() {
      const { helper = {} } = await local.get(["helper"]);
      return { url: helper.url || DEFAULT_HELPER_URL, token: helper.token || "" };
    },
    async setHelperConfig(patch) {
      const { helper = {} } = await local.get(["helper"]);
      await local.set({ helper: { ...helper, ...patch } });
    },
  };
}
