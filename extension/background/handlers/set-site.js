// Background: answers ui-bg-set-site, the popup's per-site switch; a site the district's managed
// policy set stays as the policy says.

import { isManaged } from "../managed-settings.js";

export function createSetSiteHandler(ctx) {
  return async (msg) => {
    const { bundle } = await ctx.currentSettings();
    const profiles = (bundle.sites && bundle.sites.profiles) || {};
    if (!Object.prototype.hasOwnProperty.call(profiles, msg.site)) return { ok: false, error: "unknown_site" };
    if (isManaged(await ctx.managed.get(), `sites.${msg.site}`)) return { ok: false, error: "managed" }; // locked by policy
    await ctx.settingsStore.setSite(msg.site, Boolean(msg.enabled));
    return { ok: true };
  };
}
