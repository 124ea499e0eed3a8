// Background: answers ui-bg-pair, the popup's one-time pairing code: trades it with the helper for
// a token (kept in storage.local), then fetches the district's rules before the popup says "paired".

import { errorCode } from "../helper-client.js";
import { isManaged } from "../managed-settings.js";

/** The origin of a helper address the user typed, only on loopback over http; else false. */
function validHelperUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost") && !u.pathname.replace(/\/$/, "") && u.origin;
  } catch (e) {
    return false;
  }
}

export function createPairHandler(ctx) {
  return async (msg) => {
    const code = typeof msg.code === "string" ? msg.code.trim() : "";
    if (!code) return { ok: false, error: "missing_code" };
    if (msg.url && !isManaged(await ctx.managed.get(), "helperPort")) {
      const origin = validHelperUrl(String(msg.url).trim());
      if (!origin) return { ok: false, error: "bad_url" };
      await ctx.settingsStore.setHelperConfig({ url: origin });
    }
    const name = typeof msg.name === "string" && msg.name ? msg.name.slice(0, 80) : ctx.B.browserName;
    try {
      const answer = await ctx.helper.pair(code, name);
      if (!answer || typeof answer.token !== "string" || !answer.token) return { ok: false, error: "bad_response" };
      await ctx.settingsStore.setHelperConfig({ token: answer.token });
      ctx.checker.reset();
      ctx.queue.flush();
      await ctx.syncRulesNow(); // the district's rules, before the popup says "paired"
      return { ok: true };
    } catch (e) {
      return { ok: false, error: errorCode(e) };
    }
  };
}
