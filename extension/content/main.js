/*
 * Content script, on every supported site, at document_start; the last one loaded. Starts the DM,
 * compose and link guards for this site's profile, watches the page for in-app navigation (one
 * MutationObserver plus popstate/hashchange: these sites are single-page apps) and for DM views
 * being added (in the document and in every open shadow root, SG.observeDeep), and reports site
 * support health (whether the profile's composers and DM views are still found, and whether a DM
 * or share surface was found only by a legacy selector) to the background, so the popup can show
 * when a site has changed its pages.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  if (!SG || !SG.profile || SG.started) return;
  SG.started = true;
  SG.guardState("idle");

  SG.dm.start();
  SG.compose.start();
  SG.links.start();
  if (SG.repost) SG.repost.start();

  SG.send(SG.M.CS_BG_SITE_CONFIG, {}).then((cfg) => {
    if (cfg && cfg.enabled === false) {
      SG.dm.disable();
      SG.overlay.hint(null, null);
    }
  });

  // ---- in-app navigation ----------------------------------------------------------------------------
  let lastHref = location.href;
  function checkUrl() {
    if (location.href === lastHref) return;
    lastHref = location.href;
    SG.dm.onUrlChange();
    SG.shadow.rescan(); // a new page may attach its shadow roots after its hosts are added
    scheduleHealth();
  }
  window.addEventListener("popstate", checkUrl, true);
  window.addEventListener("hashchange", checkUrl, true);
  try {
    if (globalThis.navigation && typeof globalThis.navigation.addEventListener === "function") {
      globalThis.navigation.addEventListener("currententrychange", checkUrl);
    }
  } catch (e) {
    /* not available in this world */
  }
  // Mutation callbacks run before the next paint, so a DM view rendered after a pushState is
  // covered before the user ever sees it.
  SG.observeDeep(
    (records) => {
      checkUrl();
      SG.overlay.keepAttached();
      for (const r of records) {
        if (r.type === "attributes") {
          SG.dm.onShown(r.target);
          continue;
        }
        const added = r.addedNodes;
        for (let i = 0; i < added.length; i++) {
          const n = added[i];
          if (n.nodeType === 1 && n.localName !== "social-guard-root") SG.dm.onAdded(n);
        }
      }
    },
    // Only the few attributes that show or hide a pre-rendered view: cheap even on a busy feed.
    { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "aria-hidden", "open"] },
    (root) => SG.dm.onRoot(root),
  );

  // ---- site support health ----------------------------------------------------------------------------
  let healthTimer = null;
  let composerUnion = null;
  let composerSeen = false;
  function report(composerFound) {
    SG.send(SG.M.CS_BG_HEALTH, {
      site: SG.profileId,
      composerFound,
      dmSurfaceFound: SG.dm.isDmHere(),
      brokenSelectors: [...SG.broken],
      fallbackSelectors: [...SG.chain.fallbacks],
    });
  }
  // A DM or share surface just found by a legacy selector: tell the popup without waiting.
  let fallbackReported = 0;
  SG.health = {
    soon() {
      if (SG.chain.fallbacks.size === fallbackReported) return;
      fallbackReported = SG.chain.fallbacks.size;
      scheduleHealth(300);
    },
  };
  function scan() {
    healthTimer = null;
    if (composerUnion === null) composerUnion = SG.chain.union(SG.profile.composers.flatMap((c) => c.selectors));
    const found = SG.chain.allOf(document, composerUnion).length > 0;
    // On a DM address a composer is expected: not finding one there is news too.
    if (found || SG.broken.size || SG.chain.fallbacks.size || SG.dm.isDmHere()) report(found);
  }
  function scheduleHealth(delay) {
    if (healthTimer) clearTimeout(healthTimer);
    healthTimer = setTimeout(() => {
      if (typeof requestIdleCallback === "function") requestIdleCallback(scan, { timeout: 2000 });
      else scan();
    }, typeof delay === "number" ? delay : 3000); // as a DOMContentLoaded listener it gets the event
  }
  SG.compose.seen = () => {
    if (!composerSeen) {
      composerSeen = true;
      report(true);
    }
  };
  // The user is typing into an editor that no composer chain knows: the site has likely changed.
  let unknownReported = false;
  SG.compose.unknownEditor = () => {
    if (!unknownReported) {
      unknownReported = true;
      report(false);
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scheduleHealth, { once: true });
  else scheduleHealth();
})();
