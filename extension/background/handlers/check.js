// Background: answers cs-bg-check, a draft (or a link, or a post being reposted) from a content
// script: the helper's findings, or the local engine's when the helper is down. The text is held
// for this one check only: never stored, logged or queued.

import { siteEnabled, canOverride } from "../settings.js";
import { presentFindings, needsReason } from "../finding-details.js";

const MAX_TEXT = 20000;
const SURFACES = ["post", "comment", "dm", "unknown"];

/** The checker's input from a content script's message, every field bounded or defaulted. */
async function inputOf(ctx, msg, { profile, host }) {
  const raw = (msg && msg.input) || {};
  const input = {
    text: typeof raw.text === "string" ? raw.text.slice(0, MAX_TEXT) : "",
    site: profile.site || "other",
    surface: SURFACES.includes(raw.surface) ? raw.surface : "unknown",
    host,
    locale: ctx.localeOf(raw.locale),
  };
  // The links the user opened matter only for a post being reposted (link.unvisited): a draft's own
  // links are the author's, and are not judged by them.
  if (msg.repost === true) input.visited = (await ctx.B.session.get(["visited"])).visited || [];
  return input;
}

export function createCheckHandler(ctx) {
  return async (msg, sender) => {
    const who = await ctx.profileFor(sender);
    const { bundle, stored, policy, settings } = await ctx.currentSettings();
    if (!siteEnabled(stored, who.id, policy)) return { findings: [], source: "off", enabled: false, mode: settings.mode, canOverride: true };
    const input = await inputOf(ctx, msg, who);
    const { helper: h = {} } = stored;
    const result = await ctx.checker.check(input, { paired: Boolean(h.token) });
    if (result.source === "helper") {
      ctx.queue.flush();
      ctx.syncRulesSoon();
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
  };
}
