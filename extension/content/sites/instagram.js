/*
 * Content script, on www.instagram.com, at document_start. The Instagram adapter: picks the
 * "instagram" site profile (DMs under /direct/, contenteditable DM composer, textarea comment and
 * caption boxes, from shared_rules/sites.json). Instagram's send buttons are plain
 * role="button" elements known only by their text, which the profile's chains express.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  SG.registerAdapter({ profileId: "instagram" });
})();
