// Background: answers cs-bg-health, a page's report of site support (composer and DM surface found,
// selectors that fail or were found only by legacy fallbacks). Kept per site in storage.local for
// the popup, and told to the helper's status page when it changes or every ten minutes.

import { dmState } from "../dm-state.js";

const HEALTH_RESEND_MS = 10 * 60 * 1000;

/** The stored entry for this report, carried on from the site's previous one. */
function healthEntry(msg, prev, profile, url, t) {
  return {
    lastReportAt: t,
    lastFoundAt: msg.composerFound ? t : prev.lastFoundAt || 0,
    lastDmFoundAt: msg.dmSurfaceFound ? t : prev.lastDmFoundAt || 0,
    dmState: dmState(prev.dmState, msg.dmSurfaceFound, profile, url),
    misses: msg.composerFound ? 0 : (prev.misses || 0) + 1,
    brokenSelectors: Array.isArray(msg.brokenSelectors) ? msg.brokenSelectors.slice(0, 10).map(String) : [],
    fallbackSelectors: Array.isArray(msg.fallbackSelectors) ? msg.fallbackSelectors.slice(0, 10).map((s) => String(s).slice(0, 300)) : [],
    sentAt: prev.sentAt || 0,
    sentState: prev.sentState || "",
  };
}

/** Tell the helper, when the state changed or was told long ago; offline or unpaired: next time. */
async function tellHelper(ctx, id, msg, entry, t) {
  // A new pairing (another helper, or the same one paired again) gets the state at once.
  const { url, token } = await ctx.helperConfig();
  const fallbacks = entry.fallbackSelectors.filter(Boolean);
  const state = `${url}|${(token || "").slice(0, 8)}|${Boolean(msg.composerFound)}/${entry.dmState}/${fallbacks.join(",")}`;
  if (state === entry.sentState && t - entry.sentAt <= HEALTH_RESEND_MS) return;
  try {
    const report = { site: id, composerFound: Boolean(msg.composerFound),
      dmSurfaceFound: entry.dmState !== "missing", checkedAt: new Date(t).toISOString() };
    if (fallbacks.length) report.fallbackSelectors = fallbacks; // sent only when there are some
    await ctx.helper.siteHealth(report);
    entry.sentAt = t;
    entry.sentState = state;
  } catch (e) {
    // The helper is down or unpaired: try again with the next report.
  }
}

export function createHealthHandler(ctx) {
  return async (msg, sender) => {
    const { id, profile } = await ctx.profileFor(sender);
    const { health = {} } = await ctx.B.local.get(["health"]);
    const t = Date.now();
    const entry = healthEntry(msg, health[id] || {}, profile, sender.url, t);
    await tellHelper(ctx, id, msg, entry, t);
    health[id] = entry;
    await ctx.B.local.set({ health });
    return { ok: true };
  };
}
