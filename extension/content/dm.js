/*
 * Content script, on every supported site, at document_start. Direct-message interception: a
 * covering warning before any DM view is usable — on a direct load of a DM address, on in-app
 * navigation (history API, back/forward), when a DM view (drawer, chat pop-up, modal) appears, and
 * on clicks on DM entry points (nav links, profile "Message" buttons, X's chat drawer, Share >
 * "Send via Direct Message" / "Send in Messenger", m.me and ig.me links). DM views drawn inside the
 * sites' open shadow roots (X Chat) are seen too: events are read through composedPath() and the
 * page observer watches each open root (common.js). The warning is up the
 * moment the page starts, with the helper down too; the background's answer then fills in the
 * procedure's wording and whether "Continue" (with a reason) is allowed (not in block mode).
 * Which addresses and elements are DMs comes from the site profile; the policy from the background.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  if (SG.dm) return;

  const state = {
    enabled: true,
    allowed: false, // the user chose Continue for the DM they are in
    allowedAt: 0,
    allowedView: null,
    dialog: null,
    trigger: null,
    view: null,
    entry: null,
    decision: null, // the open dialog's decision id, on every event it logs
    declined: new WeakSet(),
    bypass: null,
    lastNonDmHref: null,
    urlGen: 0,
    union: "",
  };
  const P = () => SG.profile;
  const REASONS = ["district_account", "safety_report", "approved_by_admin", "other"];

  function urlIsDm(href) {
    let u;
    try {
      u = new URL(href, location.href);
    } catch (e) {
      return false;
    }
    const host = u.hostname.toLowerCase();
    const data = globalThis.SocialGuardSiteProfiles || {};
    for (const p of Object.values(data.profiles || {})) {
      if (p.hosts.includes(host) && SG.pathMatches(p.dm_paths, u.pathname)) return true;
    }
    // Short links that open a chat wherever they appear (m.me/<name>, ig.me/m/<name>).
    return (data.dm_links || []).some((l) => l.host === host && SG.pathMatches([l.path], u.pathname));
  }

  /** A link that opens a DM: directly, or through the site's link wrapper (l.facebook.com, t.co). */
  function linkIsDm(a) {
    if (urlIsDm(a.href)) return true;
    const info = SG.links && SG.links.targetOf(a);
    return Boolean(info && info.target && urlIsDm(info.target));
  }
  const hereIsDm = () => SG.pathMatches(P().dm_paths, location.pathname);

  function dmComposerOf(el) {
    for (const c of P().composers) if (c.kind === "dm" && SG.chain.closest(el, c.selectors)) return SG.chain.closest(el, c.selectors);
    return null;
  }
  function viewOf(el) {
    return SG.chain.closest(el, P().dm_views.selectors) || dmComposerOf(el);
  }
  /** Close DM views with the site's own close buttons, each button clicked once. */
  function closeViews(views) {
    const clicked = new Set();
    for (const view of views) {
      let closer = null;
      for (let n = view; n && !closer; n = SG.parentDeep(n)) closer = SG.chain.find(n, P().dm_views.close);
      if (closer && !clicked.has(closer)) {
        clicked.add(closer);
        state.bypass = closer;
        closer.click();
        state.bypass = null;
      }
      if (view.isConnected) state.declined.add(view);
    }
  }
  function openViews() {
    return SG.chain.findAll(document, P().dm_views.selectors).filter((v) => !state.declined.has(v));
  }

  /** A DM surface found only by a legacy selector is site-support news (main.js reports it). */
  function noteFallback(details) {
    if (!details) return;
    if (details.view) SG.chain.note(details.view, P().dm_views.selectors, "dm_views") || SG.chain.note(details.view, dmChainsFlat(), "dm_composer");
    if (details.entry) SG.chain.note(details.entry, P().dm_entry_points.selectors, "dm_entry_points");
    if (SG.health && SG.chain.fallbacks.size) SG.health.soon();
  }
  function dmChainsFlat() {
    return P().composers.filter((c) => c.kind === "dm").flatMap((c) => c.selectors);
  }

  function event(kind, extra) {
    SG.event({ kind, category: "direct_message", rule: "dm.surface", surface: "dm", decision: state.decision, ...(extra || {}) });
  }

  function goBack() {
    const trigger = state.trigger;
    event("choice", { choice: "go_back" });
    if (trigger === "url") {
      if (state.lastNonDmHref) {
        history.back();
        // If going back did not change the address at all, leave for the site's home page.
        const gen = state.urlGen;
        setTimeout(() => {
          if (state.urlGen === gen && hereIsDm()) location.assign(P().home);
        }, 500);
      } else {
        location.assign(P().home);
      }
    } else if (trigger === "view") {
      const view = state.view;
      // Every DM view open now goes (two chat pop-ups at once: both), not just the one that showed.
      const views = [view, ...openViews().filter((v) => v !== view && visible(v))].filter(Boolean);
      closeViews(views);
      const active = SG.activeElementDeep();
      if (active && views.some((v) => v && SG.containsDeep(v, active)) && typeof active.blur === "function") active.blur();
    } else if (trigger === "entry" && state.entry && state.entry.isConnected) {
      state.entry.focus({ preventScroll: true });
    }
  }

  function cont(reason) {
    state.allowed = true;
    state.allowedAt = Date.now();
    state.allowedView = state.trigger === "view" ? state.view : null;
    event("choice", { choice: "continue", reason });
    if (state.trigger === "entry" && state.entry && state.entry.isConnected) {
      const entry = state.entry;
      state.bypass = entry;
      entry.click();
      state.bypass = null;
    }
  }

  function show(trigger, details) {
    if (!state.enabled || state.allowed || !P()) return;
    if (state.dialog && state.dialog.isOpen()) return;
    // A DM view that appears while another warning is up waits: the page is inert under it, and
    // any later use of the view brings this warning (onInteract).
    const other = SG.overlay.current && SG.overlay.current();
    if (trigger === "view" && other && other.isOpen()) return;
    noteFallback(details);
    state.trigger = trigger;
    state.view = (details && details.view) || null;
    state.entry = (details && details.entry) || null;
    // One decision id for everything this dialog logs: the audit log shows it as one row.
    const decision = crypto.randomUUID();
    state.decision = decision;
    const handle = SG.overlay.dialog({
      kind: "dm",
      decision,
      category: "direct_message",
      title: SG.t("dmTitle"),
      intro: SG.t("dmIntro"),
      findings: [{ severity: "block", category: "direct_message", rule: "dm.surface", message: SG.t("dmFallbackMessage"), policy: { section: SG.t("dmFallbackSection"), quote: SG.t("dmFallbackQuote") } }],
      primary: { label: SG.t("goBack"), onChoose: goBack },
      secondary: null,
      status: SG.t("checking"),
    });
    state.dialog = handle;
    SG.send(SG.M.CS_BG_CHECK, { input: SG.input("", "dm") }).then((answer) => {
      if (!handle.isOpen()) return;
      if (!answer) {
        handle.update({ status: "" });
        return;
      }
      if (answer.enabled === false) {
        state.enabled = false;
        handle.close();
        SG.guardState("clear");
        return;
      }
      const f = (answer.findings || []).find((x) => x.category === "direct_message");
      if (!f) {
        // The district's rules do not flag DMs: nothing to warn about.
        state.allowed = true;
        handle.close();
        SG.guardState("clear");
        return;
      }
      handle.update({
        findings: [{ ...f, matched: "" }],
        status: answer.canOverride ? "" : SG.t("blockModeNote"),
        secondary: answer.canOverride
          ? { label: SG.t("continueDm"), onChoose: cont, reasons: REASONS.map((r) => ({ value: r, label: SG.t("reason_" + r) })) }
          : null,
      });
      handle.element.setAttribute("data-guard-source", answer.source || "");
      event("warning_shown", { decision, findings: [f.rule || "dm.surface"] });
    });
  }

  /** Re-evaluate after the address changed (in-app navigation, back/forward) or at start. */
  function onUrlChange() {
    state.urlGen++;
    if (!P() || !state.enabled) return;
    if (hereIsDm()) {
      show("url");
      return;
    }
    // Left a DM address: a warning about it is moot.
    if (state.dialog && state.dialog.isOpen() && state.trigger === "url") state.dialog.close();
    // DM views that the app renders for the new address are caught as they are added (onAdded);
    // the DOM seen here may still be the old page's.
    state.lastNonDmHref = location.href;
    // A drawer or chat pop-up the user accepted stays accepted while it is open.
    if (state.allowedView && state.allowedView.isConnected) return;
    if (state.allowed && Date.now() - state.allowedAt > 1500) state.allowed = false;
  }

  /** An open shadow root was found: its content is already there, and no mutation reports it. */
  function onRoot(root) {
    for (let c = root.firstElementChild; c; c = c.nextElementSibling) onAdded(c);
  }

  /** A node was added to the page: is it a DM view? (Called from the one MutationObserver.) */
  function onAdded(node) {
    if (state.allowed || !state.enabled || !state.union) return;
    if (state.dialog && state.dialog.isOpen()) return;
    let view = null;
    try {
      view = node.matches(state.union) ? node : node.querySelector(state.union);
    } catch (e) {
      return;
    }
    // A DM view kept hidden (pre-rendered) is not a DM yet: it is caught when it is shown
    // (onShown) or used (onInteract).
    if (view && !state.declined.has(view) && visible(view)) show("view", { view });
  }

  function visible(el) {
    try {
      return typeof el.checkVisibility === "function" ? el.checkVisibility() : el.getClientRects().length > 0;
    } catch (e) {
      return true;
    }
  }

  /** An element's hidden/aria-hidden/open changed: a DM view may have just been shown. */
  function onShown(el) {
    if (state.allowed || !state.enabled || !state.union || el.nodeType !== 1) return;
    if (state.dialog && state.dialog.isOpen()) return;
    let view = null;
    try {
      view = el.matches(state.union) ? el : el.querySelector(state.union) || SG.closestDeep(el, state.union);
    } catch (e) {
      return;
    }
    if (view && !state.declined.has(view) && visible(view)) show("view", { view });
  }

  function onClick(e) {
    if (!P() || !state.enabled) return;
    const t = SG.eventTarget(e);
    if (!t || SG.isOurs(t)) return;
    if (state.bypass && SG.containsDeep(state.bypass, t)) return;
    if (state.allowed) return;
    let entry = SG.chain.closest(t, P().dm_entry_points.selectors);
    if (!entry) {
      const a = SG.closestDeep(t, "a[href]");
      if (a && linkIsDm(a)) entry = a;
    }
    if (!entry) {
      const view = viewOf(t);
      if (view && !(state.dialog && state.dialog.isOpen())) {
        e.preventDefault();
        e.stopImmediatePropagation();
        show("view", { view });
      }
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    show("entry", { entry });
  }

  // Any attempt to use a DM view that the user has not accepted brings the warning back.
  function onInteract(e) {
    if (!P() || !state.enabled || state.allowed) return;
    const t = SG.eventTarget(e);
    if (!t || SG.isOurs(t)) return;
    if (state.bypass && SG.containsDeep(state.bypass, t)) return;
    const entry = SG.chain.closest(t, P().dm_entry_points.selectors);
    if (entry) {
      // Sites activate role="button" entry points on Enter/Space themselves, without a click.
      if (e.type === "keydown" && (e.key === "Enter" || e.key === " ") && !(state.dialog && state.dialog.isOpen())) {
        e.preventDefault();
        e.stopImmediatePropagation();
        show("entry", { entry });
      }
      return; // otherwise the click handler decides
    }
    const view = viewOf(t);
    if (!view) return;
    if (e.type === "focusin") {
      if (typeof t.blur === "function") t.blur();
    } else {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
    show(hereIsDm() ? "url" : "view", { view });
  }

  SG.dm = {
    start() {
      if (!P()) return;
      state.union = SG.chain.union(P().dm_views.selectors);
      window.addEventListener("click", onClick, true);
      for (const type of ["pointerdown", "mousedown", "focusin", "keydown", "beforeinput"]) window.addEventListener(type, onInteract, true);
      onUrlChange();
    },
    disable() {
      state.enabled = false;
      if (state.dialog) state.dialog.close();
    },
    onUrlChange,
    onAdded,
    onShown,
    onRoot,
    isAllowed: () => state.allowed,
    // One selector for all DM views, over the document and each open root: cheap enough for the
    // idle-time health scan on a long feed.
    isDmHere: () => Boolean(P()) && (hereIsDm() || SG.chain.allOf(document, state.union).some((v) => !state.declined.has(v))),
  };
})();
