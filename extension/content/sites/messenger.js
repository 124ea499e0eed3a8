/*
 * Content script, on www.messenger.com, at document_start. The Messenger adapter: picks the
 * "messenger" site profile, in which every page is a direct-message surface.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  SG.registerAdapter({ profileId: "messenger" });
})();
