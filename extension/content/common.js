/*
 * Content script, on every supported site (X, Facebook, Messenger, Instagram), at document_start.
 * Shared helpers for the other content scripts: the SocialGuard namespace, messaging the
 * background (with a timeout), translated strings, selector fallback chains from the site
 * profiles (shared_rules/sites.json, embedded as content/site-profiles.js at build time), and
 * reading a draft's text without touching the editor, and seeing into the sites' OPEN shadow roots
 * (X Chat draws its DMs in one): the real target of an event, closest() across shadow boundaries,
 * queries that reach into known roots, and one MutationObserver that also watches every open
 * shadow root as it is found. Holds no rules.
 */
(function () {
  "use strict";
  const SG = (globalThis.SocialGuard = globalThis.SocialGuard || {});
  if (SG.common) return;
  SG.common = true;
  const B = (SG.B = globalThis.SocialGuardBrowser);
  SG.M = globalThis.SocialGuardMessages;
  SG.broken = new Set(); // selectors this browser rejects: reported as site health

  SG.send = function (type, payload, timeoutMs = 4000) {
    return new Promise((resolve) => {
      let done = false;
      const timer = setTimeout(() => {
        if (!done) {
          done = true;
          resolve(null);
        }
      }, timeoutMs);
      B.sendMessage({ type, ...(payload || {}) }).then((answer) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(answer && !answer.error ? answer : null);
      });
    });
  };

  SG.event = function (event) {
    SG.send(SG.M.CS_BG_EVENT, { event });
  };

  SG.locale = function () {
    return /^es\b/i.test(B.uiLanguage()) ? "es" : "en";
  };

  SG.t = function (key, subs) {
    return B.i18n(key, subs) || key;
  };

  // ---- test hook: <html data-guard-state> ------------------------------------------------------------
  // One word for what the guard is doing about the user's last action (a send, a link clicked, a
  // repost, a photo, a DM address), so tests can wait on it instead of sleeping; a check while
  // typing writes only "clear", when it found nothing to hold. Only the words below
  // (extension/README.md, "Test hooks"): never any of the draft's text.
  const GUARD_STATES = new Set(["idle", "checking", "clear", "warned", "blocked", "link-warned", "dm-gate", "photo-held"]);
  const DIALOG_STATES = new Set(["warned", "blocked", "link-warned", "dm-gate", "photo-held"]);
  let waitingState = null;
  SG.guardState = function (state) {
    if (!GUARD_STATES.has(state)) return;
    // While a warning is up it is the page's state: a late typing check does not hide it.
    const open = SG.overlay && SG.overlay.current && SG.overlay.current();
    if (!DIALOG_STATES.has(state) && open && open.isOpen()) return;
    if (document.documentElement) {
      document.documentElement.setAttribute("data-guard-state", state);
      return;
    }
    // Very early at document_start there is no <html> yet: set it as soon as there is one.
    if (waitingState === null) {
      const mo = new MutationObserver(() => {
        if (!document.documentElement) return;
        mo.disconnect();
        document.documentElement.setAttribute("data-guard-state", waitingState);
        waitingState = null;
      });
      mo.observe(document, { childList: true });
    }
    waitingState = state;
  };

  // ---- open shadow roots ---------------------------------------------------------------------------
  // Listeners on window see an event from inside a shadow root retargeted to its host, and
  // closest()/querySelectorAll() stop at shadow boundaries; attaching a shadow root fires no
  // mutation. These helpers see through OPEN roots (closed ones are the page's own business).

  /** The host of the shadow root `n` is in, or null when `n` is in the document itself. */
  function hostOf(n) {
    const root = n && typeof n.getRootNode === "function" ? n.getRootNode() : null;
    return root && root !== n && root.host ? root.host : null;
  }

  /** The parent element, or the shadow host when `n` is at the top of a shadow root. */
  SG.parentDeep = function (n) {
    if (!n) return null;
    if (n.parentElement) return n.parentElement;
    const p = n.parentNode;
    return p && p.nodeType === 11 && p.host ? p.host : null;
  };

  /** Whether `node` is `ancestor` or inside it, across shadow boundaries. */
  SG.containsDeep = function (ancestor, node) {
    if (!ancestor || !node) return false;
    for (let n = node; n; n = hostOf(n)) if (ancestor === n || ancestor.contains(n)) return true;
    return false;
  };

  /** The element an event really happened on (inside open shadow roots), not its retargeted host. */
  SG.eventTarget = function (e) {
    const path = typeof e.composedPath === "function" ? e.composedPath() : null;
    if (path && path.length) {
      for (const n of path) {
        if (n && n.nodeType === 1) {
          noteRootsOnPath(path);
          return n;
        }
        if (n === window || n === document) break;
      }
    }
    return e.target && e.target.nodeType === 1 ? e.target : null;
  };

  /** closest() for one CSS selector, climbing out of shadow roots. */
  SG.closestDeep = function (el, selector) {
    return el && el.nodeType === 1 ? safeClosest(el, selector) : null;
  };

  /** The active element, followed into open shadow roots. */
  SG.activeElementDeep = function () {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };

  /** Whether `node` is part of Social Guard's own overlay (which lives in its own shadow root). */
  SG.isOurs = function (node) {
    if (!SG.overlay || !node) return false;
    for (let n = node; n; n = hostOf(n)) if (SG.overlay.isOwn(n)) return true;
    return false;
  };

  const shadowRoots = new Set(); // open shadow roots of the page seen so far
  const rootListeners = [];
  // Nodes already walked in this batch of mutations (several observers get the same records).
  let walked = null;
  const pendingHosts = new Set(); // elements a shadow root is expected on, not attached yet
  let pendingTimer = null;
  let pendingRounds = 0;

  // The connected roots, worked out once per task: a scan asks for them once per selector.
  let connectedRoots = null;
  function rootsNow() {
    if (connectedRoots) return connectedRoots;
    connectedRoots = [];
    for (const r of shadowRoots) {
      if (r.host && r.host.isConnected) connectedRoots.push(r);
      else shadowRoots.delete(r);
    }
    queueMicrotask(() => (connectedRoots = null));
    return connectedRoots;
  }

  function shadowRootsUnder(root) {
    if (!shadowRoots.size) return [];
    if (root === document) return rootsNow();
    const out = [];
    for (const r of rootsNow()) {
      const host = r.host;
      if (!host || !host.isConnected) {
        shadowRoots.delete(r);
        continue;
      }
      if (r !== root && SG.containsDeep(root, host)) out.push(r);
    }
    return out;
  }

  function addRoot(r) {
    if (!r || shadowRoots.has(r) || (SG.overlay && SG.overlay.isOwn(r.host))) return false;
    shadowRoots.add(r);
    connectedRoots = null;
    for (const fn of rootListeners) {
      try {
        fn(r);
      } catch (e) {
        /* one listener failing must not stop the others */
      }
    }
    discover(r); // roots nested inside it
    return true;
  }

  function noteRootsOnPath(path) {
    for (const n of path) if (n && n.nodeType === 11 && n.host && n.mode === "open") addRoot(n);
  }

  let hostUnion = null;
  function hostSelector() {
    if (hostUnion === null && SG.profile) hostUnion = SG.chain.union((SG.profile.shadow_hosts || {}).selectors || []);
    return hostUnion || "";
  }

  function checkPending() {
    for (const h of pendingHosts) {
      if (!h.isConnected) pendingHosts.delete(h);
      else if (h.shadowRoot) {
        pendingHosts.delete(h);
        addRoot(h.shadowRoot);
      }
    }
  }

  // A root attached after its host was added shows up on no observer: look again at the hosts we
  // expect one on, every frame at first, then less and less often.
  function schedulePending() {
    if (pendingTimer || !pendingHosts.size) return;
    const tick = () => {
      pendingTimer = null;
      checkPending();
      if (!pendingHosts.size) {
        pendingRounds = 0;
        return;
      }
      pendingRounds++;
      if (pendingRounds < 40) pendingTimer = requestAnimationFrame(tick);
      else if (pendingRounds < 80) pendingTimer = setTimeout(tick, 500);
      else {
        pendingHosts.clear(); // ten-odd seconds without a root: it is not coming
        pendingRounds = 0;
      }
    };
    pendingTimer = pendingRounds < 40 ? requestAnimationFrame(tick) : setTimeout(tick, 500);
  }

  /** Find open shadow roots on `node` and the elements under it (called for added nodes). */
  function discover(node) {
    if (!node) return;
    if (!walked) {
      walked = new Set();
      queueMicrotask(() => (walked = null));
    }
    if (walked.has(node)) return;
    walked.add(node);
    if (node.nodeType === 1) {
      visit(node);
      if (!node.firstElementChild) return;
    } else if (node.nodeType !== 11 && node.nodeType !== 9) {
      return;
    }
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) visit(el);
  }
  function visit(el) {
    const r = el.shadowRoot;
    if (r) {
      addRoot(r);
      return;
    }
    const sel = hostSelector();
    if (sel && el.matches(sel)) {
      pendingHosts.add(el);
      schedulePending();
    }
  }

  SG.shadow = {
    /** Calls fn(root) for every open shadow root found, now and later. */
    onRoot(fn) {
      rootListeners.push(fn);
      for (const r of shadowRootsUnder(document)) fn(r);
    },
    /** Look again where a shadow root may have been attached late (hosts named in the profile). */
    rescan() {
      const sel = hostSelector();
      const hosts = sel ? safeQueryAll(document, sel) : [];
      for (const h of hosts) if (!h.shadowRoot) pendingHosts.add(h);
      for (const h of hosts) if (h.shadowRoot) addRoot(h.shadowRoot);
      checkPending();
      schedulePending();
    },
  };

  /**
   * One MutationObserver over the document and every open shadow root as it is found. `callback`
   * gets the records as MutationObserver gives them; `onRoot(root)` (optional) is called for each
   * new root, whose existing content no record will report.
   */
  SG.observeDeep = function (callback, options, onRoot) {
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const added = r.addedNodes;
        for (let i = 0; i < added.length; i++) if (added[i].nodeType === 1) discover(added[i]);
      }
      if (pendingHosts.size) checkPending();
      callback(records);
    });
    observer.observe(document, options);
    SG.shadow.onRoot((root) => {
      observer.observe(root, options);
      if (onRoot) onRoot(root);
    });
    return observer;
  };

  // ---- selector chains ---------------------------------------------------------------------------
  function entryParts(entry) {
    return typeof entry === "string" ? { selector: entry, text: null } : { selector: entry.selector, text: entry.text || null };
  }
  function safeMatches(el, selector) {
    try {
      return el.matches(selector);
    } catch (e) {
      SG.broken.add(selector);
      return false;
    }
  }
  /** closest() that climbs out of shadow roots through their hosts. */
  function safeClosest(el, selector) {
    try {
      for (let n = el; n; n = hostOf(n)) {
        const hit = n.closest(selector);
        if (hit) return hit;
      }
      return null;
    } catch (e) {
      SG.broken.add(selector);
      return null;
    }
  }
  /** querySelectorAll on `root` and on every known open shadow root inside it. */
  function safeQueryAll(root, selector) {
    try {
      const own = root.querySelectorAll(selector);
      const inner = shadowRootsUnder(root);
      if (!inner.length) return own;
      const out = Array.from(own);
      for (const r of inner) for (const el of r.querySelectorAll(selector)) out.push(el);
      return out;
    } catch (e) {
      SG.broken.add(selector);
      return [];
    }
  }
  function textOk(el, texts) {
    if (!texts) return true;
    const t = (el.textContent || "").trim().toLowerCase();
    return texts.some((x) => x.toLowerCase() === t);
  }

  SG.chain = {
    /** The nearest element at or above `el` that matches an entry of the chain (first entry wins). */
    closest(el, chain) {
      if (!el || el.nodeType !== 1 || !chain) return null;
      for (const entry of chain) {
        const { selector, text } = entryParts(entry);
        if (!text) {
          const hit = safeClosest(el, selector);
          if (hit) return hit;
        } else {
          for (let n = el; n && n.nodeType === 1; n = SG.parentDeep(n)) {
            if (safeMatches(n, selector) && textOk(n, text)) return n;
          }
        }
      }
      return null;
    },
    /** All elements under `root` matching the chain, in chain order. */
    findAll(root, chain) {
      const out = [];
      if (!root || !chain) return out;
      for (const entry of chain) {
        const { selector, text } = entryParts(entry);
        for (const el of safeQueryAll(root, selector)) if (textOk(el, text) && !out.includes(el)) out.push(el);
      }
      return out;
    },
    find(root, chain) {
      if (!root || !chain) return null;
      for (const entry of chain) {
        const { selector, text } = entryParts(entry);
        for (const el of safeQueryAll(root, selector)) if (textOk(el, text)) return el;
      }
      return null;
    },
    /** Legacy (`fallback: true`) selectors that found a DM or share surface: site-health news. */
    fallbacks: new Set(),
    /**
     * Whether `el` itself matches an entry of the chain (first entry wins); when that entry is a
     * legacy fallback, it is remembered as "<what>: <selector>" for the site-support report.
     */
    note(el, chain, what) {
      if (!el || el.nodeType !== 1) return false;
      for (const entry of chain || []) {
        const { selector, text } = entryParts(entry);
        if (!safeMatches(el, selector) || !textOk(el, text)) continue;
        if (entry && entry.fallback) SG.chain.fallbacks.add(`${what}: ${selector}`);
        return true;
      }
      return false;
    },
    /** Every element under `root` (and its open shadow roots) matching one CSS selector string. */
    allOf(root, union) {
      return union ? Array.from(safeQueryAll(root, union)) : [];
    },
    /** One CSS selector string for the whole chain (text conditions dropped): for quick pre-tests. */
    union(chain) {
      return (chain || [])
        .map((e) => entryParts(e).selector)
        .filter((s) => {
          try {
            document.createDocumentFragment().querySelector(s);
            return true;
          } catch (e) {
            SG.broken.add(s);
            return false;
          }
        })
        .join(",");
    },
  };

  SG.pathMatches = function (patterns, path) {
    return (patterns || []).some((p) => {
      try {
        return new RegExp(p).test(path);
      } catch (e) {
        SG.broken.add(p);
        return false;
      }
    });
  };

  /** Slice by Unicode code points (findings' spans count code points, not UTF-16 units). */
  SG.codepointSlice = function (text, start, end) {
    return Array.from(text).slice(start, end).join("");
  };

  /** Each finding with the text it matched (cut to 120 characters), for the dialog to quote back. */
  SG.withMatched = function (findings, text) {
    return findings.map((f) => {
      const [s, e] = Array.isArray(f.span) ? f.span : [0, 0];
      let matched = e > s ? SG.codepointSlice(text, s, e) : "";
      if (matched.length > 120) matched = matched.slice(0, 117) + "…";
      return { ...f, matched };
    });
  };

  SG.isEditable = function (el) {
    if (!el || el.nodeType !== 1) return false;
    if (el.tagName === "TEXTAREA") return true;
    if (el.tagName === "INPUT") return /^(text|search|url|email|)$/i.test(el.type || "");
    return Boolean(el.isContentEditable);
  };

  /** The editable element for a composer match (the match itself or the editor inside it). */
  SG.editableOf = function (el) {
    if (!el) return null;
    if (SG.isEditable(el)) {
      // The outermost contenteditable is the editor root.
      let root = el;
      while (root.parentElement && root.parentElement.isContentEditable) root = root.parentElement;
      return root;
    }
    return el.querySelector('[contenteditable="true"], [contenteditable=""], textarea');
  };

  /** The draft's text, read without changing the editor. */
  SG.readText = function (el) {
    const ed = SG.editableOf(el);
    if (!ed) return "";
    if (ed.tagName === "TEXTAREA" || ed.tagName === "INPUT") return ed.value || "";
    return (ed.innerText || ed.textContent || "").replace(/\u200b/g, "").replace(/\n$/, "");
  };

  SG.hostMatches = function (host, list) {
    host = String(host || "").toLowerCase();
    return (list || []).some((h) => host === h || host.endsWith("." + h));
  };

  // ---- the profile for this page -------------------------------------------------------------------
  SG.registerAdapter = function (adapter) {
    const profiles = (globalThis.SocialGuardSiteProfiles && globalThis.SocialGuardSiteProfiles.profiles) || {};
    const profile = profiles[adapter.profileId];
    if (!profile) return;
    if (!profile.hosts.includes(location.hostname.toLowerCase())) return;
    SG.profileId = adapter.profileId;
    SG.profile = profile;
    SG.adapter = adapter;
  };

  SG.input = function (text, surface) {
    return { text, site: SG.profile ? SG.profile.site : "other", surface, host: location.hostname, locale: SG.locale() };
  };

  /** Findings the user must see before sending: block and warn (info ones are hints only). */
  SG.actionable = function (findings) {
    return (findings || []).filter((f) => f.severity === "block" || f.severity === "warn");
  };

  SG.mainCategory = function (findings) {
    const list = findings || [];
    const f = list.find((x) => x.severity === "block") || list[0];
    return f ? f.category : "unknown";
  };
})();
