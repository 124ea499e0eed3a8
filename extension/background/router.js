// Background: the one place that accepts messages. It checks who sent each message before any
// handler runs: content-script messages (cs-bg-*) only from a tab on one of the extension's own
// sites, popup messages (ui-bg-*) only from the extension's own pages. Handlers live in a table so
// later features (photos, managed policies) add a row instead of another listener.

export function hostsFromMatches(matches) {
  const hosts = new Set();
  for (const m of matches || []) {
    const r = /^https:\/\/([^/*]+)\//.exec(m);
    if (r) hosts.add(r[1].toLowerCase());
  }
  return hosts;
}

export function createRouter({ runtimeId, extensionOrigin, siteHosts }) {
  const handlers = new Map();

  function senderOk(type, sender) {
    if (!sender || sender.id !== runtimeId) return false;
    const url = typeof sender.url === "string" ? sender.url : "";
    if (type.startsWith("cs-bg-")) {
      if (!sender.tab) return false;
      let u;
      try {
        u = new URL(url);
      } catch (e) {
        return false;
      }
      return u.protocol === "https:" && siteHosts.has(u.hostname.toLowerCase());
    }
    if (type.startsWith("ui-bg-")) {
      return url.startsWith(extensionOrigin);
    }
    return false;
  }

  return {
    register(type, handler) {
      handlers.set(type, handler);
    },
    types: () => [...handlers.keys()],
    /** Resolves with the handler's answer, or {error} for a refused or unknown message. */
    async handle(message, sender) {
      if (!message || typeof message !== "object" || typeof message.type !== "string") return { error: "bad_message" };
      const handler = handlers.get(message.type);
      if (!handler) return { error: "unknown_message" };
      if (!senderOk(message.type, sender)) return { error: "forbidden_sender" };
      try {
        return await handler(message, sender);
      } catch (e) {
        return { error: "handler_failed", detail: String((e && e.message) || e) };
      }
    },
  };
}
