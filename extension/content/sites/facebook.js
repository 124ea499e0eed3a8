/*
 * Content script, on www.facebook.com, at document_start. The Facebook adapter: picks the
 * "facebook" site profile (Lexical composers, Messenger pages under /messages/t/, chat pop-ups,
 * l.facebook.com/l.php?u= link wrappers, all from shared_rules/sites.json).
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  SG.registerAdapter({ profileId: "facebook" });
})();
