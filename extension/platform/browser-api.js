/*
 * The platform layer: every browser-specific difference in one place, kept apart from the rest of
 * the extension the way uBlock Origin keeps its `vapi`. Loaded both as a classic script (first
 * content script on every site, and the popup) and as a side-effect import by the service worker
 * module; it defines globalThis.SocialGuardBrowser and nothing else. Chrome exposes `chrome.*`,
 * Firefox `browser.*` (and a promise-returning `chrome.*` in MV3); nothing outside extension/platform/
 * names either, or tests which browser it runs in.
 */
(function () {
  "use strict";
  if (globalThis.SocialGuardBrowser) return;
  const hasBrowser = typeof globalThis.browser !== "undefined" && globalThis.browser && globalThis.browser.runtime;
  const api = hasBrowser ? globalThis.browser : globalThis.chrome;
  // Firefox by the extension's own URL scheme: Chromium defines globalThis.browser too now.
  let isFirefox = false;
  try {
    isFirefox = api.runtime.getURL("").startsWith("moz-extension:");
  } catch (e) {
    isFirefox = false;
  }

  function area(name) {
    const a = api && api.storage && api.storage[name];
    if (!a) return null;
    return {
      get: (keys) => Promise.resolve(a.get(keys)).then((v) => v || {}),
      set: (items) => Promise.resolve(a.set(items)),
      remove: (keys) => Promise.resolve(a.remove(keys)),
    };
  }

  globalThis.SocialGuardBrowser = Object.freeze({
    api,
    isFirefox,
    browserName: isFirefox ? "Firefox" : "Chromium",
    runtimeId: api && api.runtime ? api.runtime.id : "",
    getURL: (path) => api.runtime.getURL(path),
    manifest: () => api.runtime.getManifest(),
    /** Send a message to the background; resolves with its answer (never rejects: null on failure). */
    sendMessage(message) {
      try {
        return Promise.resolve(api.runtime.sendMessage(message)).catch(() => null);
      } catch (e) {
        return Promise.resolve(null);
      }
    },
    /** Open `url` in a new tab (the popup's "Open Social Guard"). */
    openTab(url) {
      return Promise.resolve(api.tabs.create({ url }));
    },
    onMessage(listener) {
      api.runtime.onMessage.addListener(listener);
    },
    local: area("local"),
    // storage.session: cleared when the browser closes (Chrome 102+, Firefox 115+).
    session: area("session") || area("local"),
    onStorageChanged(listener) {
      if (api.storage && api.storage.onChanged) api.storage.onChanged.addListener(listener);
    },
    i18n(key, substitutions) {
      try {
        return (api.i18n && api.i18n.getMessage(key, substitutions)) || "";
      } catch (e) {
        return "";
      }
    },
    uiLanguage() {
      try {
        return (api.i18n && api.i18n.getUILanguage()) || "en";
      } catch (e) {
        return "en";
      }
    },
  });
})();
