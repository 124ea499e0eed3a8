/*
 * Content script, on every supported site, at document_start. Draws Social Guard's warnings and
 * hints in an OPEN shadow root of its own host element (<social-guard-root>, appended to <html>),
 * never inside the site's editor. A warning is a modal <dialog role="alertdialog"> in the browser's
 * top layer: it covers the page, makes the page inert (nothing behind it can be typed into) and
 * keeps keyboard focus; it has an accessible name and data-guard-category. Hints are quiet
 * role="status" notes next to a composer.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  if (SG.overlay) return;
  // The pieces of a warning: content/warning-parts.js.
  const { CSS, el, shieldIcon, bySeverity, whyBlock, findingItem, thumbnail } = SG.warningParts;

  let host = null;
  let root = null;
  let current = null; // the open dialog handle
  let hintEl = null;

  function ensureHost() {
    if (host && host.isConnected) return root;
    if (!host) {
      host = document.createElement("social-guard-root");
      root = host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = CSS;
      root.appendChild(style);
      // Keys typed in our dialogs stay ours: the site's global shortcuts never see them.
      for (const type of ["keydown", "keyup", "keypress"]) root.addEventListener(type, (e) => e.stopPropagation());
    }
    const parent = document.documentElement;
    if (!parent) return null;
    parent.appendChild(host);
    return root;
  }

  /**
   * Show a warning. opts: {kind, category, surface?, draft? (the text, for "Do this instead" copies),
   * title, intro, findings, primary: {label, onChoose},
   * secondary: {label, onChoose(reason | answers), reasons?: [{value, label}], reasonLabel?,
   *   questions?: [{id, legend, options: [{value, label}], allow: [values that permit it]}]} | null,
   * action?: {label, onChoose} (a third choice, before the default one: the repost gate's "Open it first"),
   * image?: {src, alt, faces?, facesText?} (a thumbnail, for photos, faces boxed), status,
   * decision?: the dialog's decision id, carried by its "Not a problem?" events}.
   * Findings are listed Must fix (block) first; with reasons, the secondary choice waits for one.
   * The primary choice is the default (focused, and what Escape does).
   */
  function dialog(opts) {
    if (current) current.close();
    const r = ensureHost();
    const d = el("dialog", dialogAttributes(opts));
    // What a redraw keeps: the options so far, and whether "Why?" is open.
    const view = { opts, root: r, whyOpen: null };
    const handle = dialogHandle(d, view);
    // Escape does the safe default instead of just closing.
    d.addEventListener("cancel", (e) => {
      e.preventDefault();
      choose(handle, view.opts.primary.onChoose);
    });
    renderDialog(d, view, handle);
    if (r) openIn(r, d);
    else openWhenThereIsAPage(d, handle);
    current = handle;
    SG.guardState(dialogState(opts));
    return handle;
  }

  function dialogAttributes(opts) {
    return {
      role: "alertdialog",
      "aria-modal": "true",
      "aria-labelledby": "sg-title",
      "aria-describedby": "sg-intro",
      "data-guard-category": opts.category || "unknown",
      "data-guard-kind": opts.kind || "warning",
      // When it appeared (ms since the page's time origin): for the benchmark.
      "data-guard-shown-at": performance.now().toFixed(1),
    };
  }

  /** What the guards hold of an open dialog: close it, redraw it with new options, ask if open. */
  function dialogHandle(d, view) {
    let closed = false;
    const handle = {
      element: d,
      kind: view.opts.kind,
      isOpen: () => !closed,
      close() {
        if (closed) return;
        closed = true;
        try {
          d.close();
        } catch (e) {
          /* already closed */
        }
        d.remove();
        if (current === handle) {
          current = null;
          SG.guardState("idle");
        }
      },
      update(next) {
        view.opts = { ...view.opts, ...next };
        renderDialog(d, view, handle);
        if (current === handle) SG.guardState(dialogState(view.opts));
      },
    };
    return handle;
  }

  function choose(handle, fn, arg) {
    handle.close();
    if (fn) fn(arg);
  }

  function showModal(d) {
    try {
      d.showModal();
    } catch (e) {
      d.setAttribute("open", "");
    }
  }

  function openIn(r, d) {
    r.appendChild(d);
    showModal(d);
    const primary = d.querySelector('[data-role="primary"]');
    if (primary) primary.focus();
  }

  /** No <html> yet (very early document_start): open as soon as there is one. */
  function openWhenThereIsAPage(d, handle) {
    const mo = new MutationObserver(() => {
      if (!document.documentElement || !handle.isOpen()) return;
      mo.disconnect();
      ensureHost().appendChild(d);
      showModal(d);
    });
    mo.observe(document, { childList: true });
  }

  /** Draws the dialog's content from view.opts, again on each update, keeping the focused control. */
  function renderDialog(d, view, handle) {
    const opts = view.opts;
    const r = view.root;
    const keepFocus = r && r.activeElement ? r.activeElement.getAttribute("data-role") : null;
    d.setAttribute("data-guard-category", opts.category || "unknown");
    d.textContent = "";
    d.append(brandLine(), el("h2", { id: "sg-title", text: opts.title }), el("p", { id: "sg-intro", text: opts.intro || "" }));
    if (opts.image && opts.image.src) d.appendChild(thumbnail(opts.image));
    const findings = bySeverity(opts.findings || []);
    if (findings.length) d.appendChild(findingsList(d, findings, opts));
    if (view.whyOpen === null) view.whyOpen = findings.some((f) => f.severity === "block");
    const why = whyBlock(findings, view.whyOpen, (open) => (view.whyOpen = open));
    if (why) d.appendChild(why);
    const choices = secondaryInputs(d, opts.secondary);
    d.appendChild(el("p", { class: "status", role: "status", text: opts.status || "" }));
    const { actions, primary } = actionButtons(opts, handle, choices);
    d.appendChild(actions);
    const again = keepFocus && d.querySelector(`[data-role="${keepFocus}"]`);
    (again || primary).focus();
  }

  function brandLine() {
    const brand = el("p", { class: "brand" });
    brand.appendChild(shieldIcon());
    brand.appendChild(document.createTextNode(SG.t("extName")));
    return brand;
  }

  function findingsList(d, findings, opts) {
    // After a "Not a problem?" click, focus goes back to the default choice.
    const refocus = () => {
      const p = d.querySelector('[data-role="primary"]');
      if (p) p.focus();
    };
    return el("ul", {}, findings.map((f, i) => findingItem(f, i, opts, refocus)));
  }

  /**
   * What the secondary choice waits for, drawn into `d`: a reason to pick, or separate questions,
   * each answered on its own. Returns {select, questions, answers, ready(), onChange(fn)}.
   */
  function secondaryInputs(d, sec) {
    const choices = { select: null, questions: (sec && sec.questions) || [], answers: {}, listeners: [] };
    choices.ready = () => (choices.select ? Boolean(choices.select.value) : choices.questions.every((q) => q.allow.includes(choices.answers[q.id])));
    const changed = () => choices.listeners.forEach((fn) => fn());
    if (sec && sec.reasons) {
      choices.select = el("select", { id: "sg-reason", "data-role": "reason" }, [
        el("option", { value: "", text: SG.t("reasonPlaceholder") }),
        ...sec.reasons.map((x) => el("option", { value: x.value, text: x.label })),
      ]);
      choices.select.addEventListener("change", changed);
      d.appendChild(el("div", { class: "reason" }, [el("label", { for: "sg-reason", text: sec.reasonLabel || SG.t("reasonLabel") }), choices.select]));
    }
    choices.questions.forEach((q, qi) => d.appendChild(questionSet(q, qi, choices.answers, changed)));
    return choices;
  }

  function questionSet(q, qi, answers, changed) {
    const set = el("fieldset", { class: "question", "data-question": q.id });
    set.appendChild(el("legend", { text: q.legend }));
    q.options.forEach((o, oi) => {
      const id = `sg-q${qi}-${oi}`;
      const radio = el("input", { type: "radio", id, name: `sg-q${qi}`, value: o.value, "data-role": `answer-${q.id}` });
      radio.addEventListener("change", () => {
        answers[q.id] = o.value;
        changed();
      });
      set.appendChild(el("label", { for: id }, [radio, el("span", { text: o.label })]));
    });
    return set;
  }

  /** The secondary choice (waiting for its reason or answers), the third one, and the default. */
  function actionButtons(opts, handle, choices) {
    const actions = el("div", { class: "actions" });
    const sec = opts.secondary;
    if (sec) {
      const waits = Boolean(choices.select) || choices.questions.length > 0;
      const secBtn = el("button", { type: "button", class: "secondary", "data-role": "secondary", disabled: waits, text: sec.label });
      const given = () => (choices.select ? choices.select.value : choices.questions.length ? { ...choices.answers } : undefined);
      secBtn.addEventListener("click", () => choose(handle, sec.onChoose, given()));
      choices.listeners.push(() => (secBtn.disabled = !choices.ready()));
      actions.appendChild(secBtn);
    }
    if (opts.action) {
      const act = el("button", { type: "button", class: "secondary", "data-role": "action", text: opts.action.label });
      act.addEventListener("click", () => choose(handle, opts.action.onChoose));
      actions.appendChild(act);
    }
    const primary = el("button", { type: "button", class: "primary", "data-role": "primary", autofocus: true, text: opts.primary.label });
    primary.addEventListener("click", () => choose(handle, opts.primary.onChoose));
    actions.appendChild(primary);
    return { actions, primary };
  }

  /** The page's data-guard-state while this dialog is up (the words: common.js, SG.guardState). */
  function dialogState(opts) {
    if (opts.kind === "dm") return "dm-gate";
    if (opts.kind === "photo") return "photo-held";
    if (!opts.secondary) return "blocked";
    return opts.kind === "link" ? "link-warned" : "warned";
  }

  function placeHint(anchor) {
    if (!hintEl || hintEl.hidden) return;
    if (!anchor || !anchor.isConnected) {
      hint(null, null); // the composer is gone (posted, closed): so is its hint
      return;
    }
    const rect = anchor.getBoundingClientRect();
    const top = Math.min(window.innerHeight - 40, rect.bottom + 4);
    hintEl.style.top = `${Math.max(0, top)}px`;
    hintEl.style.left = `${Math.max(4, Math.min(rect.left, window.innerWidth - 300))}px`;
  }

  let hintAnchor = null;
  let hintTimer = null;
  let rafPending = false;
  function onScroll() {
    if (rafPending || !hintAnchor) return;
    rafPending = true;
    requestAnimationFrame(() => {
      rafPending = false;
      placeHint(hintAnchor);
    });
  }

  // Rules the user marked "Not a problem?" in a hint, per composer: that hint stays away while
  // they type on (the warning at send still lists the finding).
  const hintMarked = new WeakMap();

  /** A quiet note under a composer while typing; text null hides it. meta: {rule, category, surface}. */
  function hint(anchor, text, category, meta) {
    const r = ensureHost();
    if (!r) return;
    if (!hintEl) {
      hintEl = el("div", { class: "hint", role: "status", "aria-live": "polite", hidden: true });
      r.appendChild(hintEl);
    }
    const rule = meta && meta.rule;
    const skip = text && rule && anchor && hintMarked.has(anchor) && hintMarked.get(anchor).has(rule);
    if (!text || skip) {
      hintEl.hidden = true;
      hintEl.textContent = "";
      hintAnchor = null;
      window.removeEventListener("scroll", onScroll, true);
      clearInterval(hintTimer);
      hintTimer = null;
      return;
    }
    // While a hint shows, look now and then whether its composer still exists.
    if (!hintTimer) hintTimer = setInterval(() => placeHint(hintAnchor), 1000);
    hintEl.hidden = false;
    hintEl.textContent = "";
    hintEl.appendChild(el("span", { "data-role": "hint-text", text }));
    if (rule) {
      const button = el("button", { type: "button", class: "quiet", "data-role": "not-a-problem", "data-rule": rule, text: SG.t("notAProblem") });
      // Pressing it must not take the caret out of the user's editor.
      button.addEventListener("mousedown", (e) => e.preventDefault());
      button.addEventListener("click", () => {
        if (!hintMarked.has(anchor)) hintMarked.set(anchor, new Set());
        hintMarked.get(anchor).add(rule);
        // A hint is not a dialog: its "Not a problem?" is a decision of its own.
        SG.event({ kind: "false_positive", category: meta.category || category || "unknown", rule, surface: meta.surface || "unknown", decision: crypto.randomUUID() });
        hintEl.textContent = "";
        hintEl.appendChild(el("span", { class: "thanks", "data-role": "thanks", text: SG.t("notAProblemThanks") }));
        // The thanks stays a moment, then the note gets out of the way.
        setTimeout(() => {
          if (hintAnchor === anchor && hintEl.querySelector('[data-role="thanks"]')) hint(null, null);
        }, 4000);
      });
      hintEl.appendChild(button);
    }
    hintEl.setAttribute("data-guard-category", category || "unknown");
    if (!hintAnchor) {
      window.addEventListener("scroll", onScroll, { capture: true, passive: true });
      window.addEventListener("resize", onScroll, { passive: true });
    }
    hintAnchor = anchor;
    placeHint(anchor);
  }

  /** If the page removed our host while a warning is up, put it back (called on DOM changes). */
  function keepAttached() {
    if (!host || host.isConnected || !document.documentElement) return;
    document.documentElement.appendChild(host);
    if (current && current.element.isConnected && !current.element.open) {
      try {
        current.element.showModal();
      } catch (e) {
        current.element.setAttribute("open", "");
      }
    }
  }

  SG.overlay = {
    keepAttached,
    dialog,
    hint,
    current: () => current,
    isOwn: (node) => Boolean(host && node && (node === host || host.contains(node))),
    host: () => host,
  };
})();
