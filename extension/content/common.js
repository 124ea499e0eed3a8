/*
 * Content script, on every supported site (X, Facebook, Messenger, Instagram), at document_start.
 * Shared helpers for the other content scripts: the SocialGuard namespace, messaging the
 * background (with a timeout), translated strings, selector fallback chains from the site
 * profiles (shared_rules/sites.json, embedded as content/site-profiles.js at build time), and
 * reading a draft's text without touching the editor. Holds no rules.
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
  function safeClosest(el, selector) {
    try {
      return el.closest(selector);
    } catch (e) {
      SG.broken.add(selector);
      return null;
    }
  }
  function safeQueryAll(root, selector) {
    try {
      return root.querySelectorAll(selector);
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
          for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
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
