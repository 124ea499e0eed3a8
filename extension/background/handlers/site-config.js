// Background: answers cs-bg-site-config: whether Social Guard is on for the sender's site, the
// mode, and the locale, for content/main.js as a page starts.

import { siteEnabled } from "../settings.js";

export function createSiteConfigHandler(ctx) {
  return async (msg, sender) => {
    const { id } = await ctx.profileFor(sender);
    const { stored, policy, settings } = await ctx.currentSettings();
    return { site: id, enabled: siteEnabled(stored, id, policy), mode: settings.mode, locale: ctx.localeOf() };
  };
}
