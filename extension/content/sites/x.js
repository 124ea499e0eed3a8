/*
 * Content script, on x.com / twitter.com, at document_start. The X adapter: picks the "x" site
 * profile (selectors and DM URLs from shared_rules/sites.json) and knows two X habits: the
 * composer is a Draft.js editor inside [data-testid^="tweetTextarea"], and links in posts are
 * t.co wrappers whose visible text (or title) shows the real address.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  SG.registerAdapter({
    profileId: "x",
    wrappedTarget(a) {
      const shown = (a.getAttribute("title") || a.textContent || "").trim().replace(/[\u2026…]+$/, "");
      return /^(https?:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(shown) ? shown : null;
    },
  });
})();
