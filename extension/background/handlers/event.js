// Background: answers cs-bg-event, an audit event from a content script (a warning shown, a
// choice made): tagged with the sender's site and queued for the helper. Events carry no text.

import { siteOf } from "../site-names.js";

export function createEventHandler(ctx) {
  return async (msg, sender) => {
    const { profile, host } = await ctx.profileFor(sender);
    const ev = { ...((msg && msg.event) || {}), site: siteOf(profile.site, host) };
    return ctx.queue.enqueue(ev);
  };
}
