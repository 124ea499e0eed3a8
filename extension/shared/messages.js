/*
 * The names of every message between the parts of the extension, in one file. Loaded as a classic
 * script by the content scripts and the popup, and imported for its side effect by the service
 * worker; it defines globalThis.SocialGuardMessages. Prefix = from-to: cs-bg (content script to
 * background), ui-bg (popup to background), bg-cs (background to content script).
 *
 *   cs-bg-check        {input: {text, site, surface, host, locale}, repost?: true}
 *                        (repost: the text of a post being reposted; its links are judged by the
 *                        user's opened links, link.unvisited)
 *                        -> {findings, source: "helper"|"local", enabled, mode, canOverride, needsReason}
 *                           findings: Must fix (block) first; policy gains key, plain (and translation, in es)
 *   cs-bg-event        {event}            -> {queued: true}   an audit event, never text
 *   cs-bg-health       {site, composerFound, dmSurfaceFound, brokenSelectors, fallbackSelectors} -> {ok: true}
 *   cs-bg-site-config  {site}             -> {enabled, mode, locale}
 *   cs-bg-visited      {url}              -> {ok: true}       a link the user opened (link.unvisited)
 *   cs-bg-check-image  {image: data URL, name, size, surface, locale}
 *                        -> {findings, source: "helper"|"local"|"off", canOverride}   a photo
 *   ui-bg-status       {}                 -> status for the popup
 *   ui-bg-pair         {code, name, url?} -> {ok, error?}
 *   ui-bg-set-site     {site, enabled}    -> {ok: true}
 *   ui-bg-pages-link   {}                 -> {ok, url?, error?}   a one-time sign-in to the helper's pages
 */
(function () {
  "use strict";
  globalThis.SocialGuardMessages = Object.freeze({
    CS_BG_CHECK: "cs-bg-check",
    CS_BG_EVENT: "cs-bg-event",
    CS_BG_HEALTH: "cs-bg-health",
    CS_BG_SITE_CONFIG: "cs-bg-site-config",
    CS_BG_VISITED: "cs-bg-visited",
    CS_BG_CHECK_IMAGE: "cs-bg-check-image",
    UI_BG_STATUS: "ui-bg-status",
    UI_BG_PAIR: "ui-bg-pair",
    UI_BG_SET_SITE: "ui-bg-set-site",
    UI_BG_PAGES_LINK: "ui-bg-pages-link",
  });
})();
