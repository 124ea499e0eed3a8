// Background: answers ui-bg-status for the popup: the helper's state, the rules version and mode,
// warnings this week, events waiting, what the district's policy locks, and each site's switch and
// support health.

import { warningsThisWeek, STATS_KEY } from "../event-queue.js";
import { siteEnabled } from "../settings.js";
import { isManaged } from "../managed-settings.js";

/** A site's support health from its last reports: ok, fallback, degraded, missing or unknown. */
export function healthStatus(entry) {
  if (!entry || !entry.lastReportAt) return "unknown";
  if (entry.brokenSelectors && entry.brokenSelectors.length) return "degraded";
  if (entry.misses >= 2) return "missing";
  // A DM or share surface found only by a legacy selector: working, but the site is changing.
  if (entry.fallbackSelectors && entry.fallbackSelectors.length) return "fallback";
  return entry.lastFoundAt ? "ok" : "unknown";
}

/** connected, unpaired, unauthorized or offline, with the helper's versions when it answers. */
async function helperState(ctx) {
  const { url, token } = await ctx.helperConfig();
  let info = { state: "offline", url, paired: Boolean(token) };
  try {
    const h = await ctx.helper.health();
    info = { ...info, state: token ? "connected" : "unpaired", version: h.version, rulesVersion: h.rules_version };
    if (token && ctx.checker.helperState === "unauthorized") info.state = "unauthorized";
  } catch (e) {
    info.state = "offline";
  }
  return info;
}

function siteRow(id, p, { stored, policy, managedInfo, health }) {
  const h = health[id];
  return {
    id,
    label: p.label || id,
    enabled: siteEnabled(stored, id, policy),
    managed: isManaged(managedInfo, `sites.${id}`),
    health: healthStatus(h),
    lastFoundAt: (h && h.lastFoundAt) || 0,
    lastVisitAt: (h && h.lastReportAt) || 0, // the last time a page of this site reported in
    dm: (h && h.dmState) || "unknown",
  };
}

export function createStatusHandler(ctx) {
  return async () => {
    const { bundle, stored, policy, settings } = await ctx.currentSettings();
    const managedInfo = await ctx.managed.get();
    const helper = await helperState(ctx);
    const { health = {}, [STATS_KEY]: stats = {}, eventQueue = [] } = await ctx.B.local.get(["health", STATS_KEY, "eventQueue"]);
    const profiles = (bundle.sites && bundle.sites.profiles) || {};
    return {
      helper,
      rulesVersion: bundle.version,
      mode: settings.mode,
      warningsThisWeek: warningsThisWeek(stats, Date.now()),
      pendingEvents: eventQueue.length,
      browserName: ctx.B.browserName,
      managed: managedInfo.managed, // names of managed_schema.json set by the district's policy: the popup shows them locked
      rulePackUrl: managedInfo.overrides.rule_pack_url || null,
      sites: Object.entries(profiles).map(([id, p]) => siteRow(id, p, { stored, policy, managedInfo, health })),
    };
  };
}
