/*
 * Content script, on every supported site, at document_start. Compose interception on every
 * composer in the site profile (post, reply, comment, quote, DM): reads the draft from the editor
 * (Draft.js, Lexical, contenteditable, textarea) without changing it; checks it while typing
 * (debounced) and shows a quiet inline hint; at send (the Post/Reply/Send button, or Enter /
 * Ctrl+Enter in the capture phase, before the site sees it) a draft with block or warn findings
 * gets a dialog listing each finding, its procedure citation and the matched text, with "Edit"
 * (default, back to the editor) and "Post anyway". A clean draft already checked while typing
 * goes through untouched, so there is no delay. Composers inside the sites' open shadow roots (X
 * Chat's textarea) are reached through composedPath(). If the site redraws the composer while the
 * dialog is open, the choice acts on the composer as it is then. The rules live in the background.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  if (SG.compose) return;

  const DEBOUNCE_MS = 350;
  const POST_REASONS = ["district_account", "public_information", "consent_on_file", "approved_by_admin", "other"];
  const results = new WeakMap(); // editable -> {text, answer}
  const timers = new WeakMap();
  const pending = new WeakSet(); // editables whose send is waiting for its check
  let bypass = false;
  let dialog = null;
  const P = () => SG.profile;

  function composerFor(target) {
    if (!target || target.nodeType !== 1 || !P()) return null;
    for (const cfg of P().composers) {
      const match = SG.chain.closest(target, cfg.selectors);
      if (!match) continue;
      if (cfg.paths && !SG.pathMatches(cfg.paths, location.pathname)) continue;
      if (cfg.context && cfg.context.length && !SG.chain.closest(match, cfg.context)) continue;
      return { cfg, match, editable: SG.editableOf(match) || match };
    }
    return null;
  }

  function composerForButton(target) {
    if (!target || target.nodeType !== 1 || !P()) return null;
    for (const cfg of P().composers) {
      const button = SG.chain.closest(target, cfg.send_buttons);
      if (!button) continue;
      for (let anc = SG.parentDeep(button); anc; anc = SG.parentDeep(anc)) {
        const match = SG.chain.find(anc, cfg.selectors);
        if (!match) continue;
        const comp = composerFor(SG.editableOf(match) || match);
        if (comp && comp.cfg === cfg) return { ...comp, button };
        break;
      }
    }
    return null;
  }

  function check(text, surface) {
    return SG.send(SG.M.CS_BG_CHECK, { input: SG.input(text, surface) });
  }

  /** What the user must see before sending; a DM the user already accepted is not repeated. */
  function mustShow(answer, surface) {
    if (!answer) return [];
    let list = SG.actionable(answer.findings);
    if (surface === "dm" && SG.dm && SG.dm.isAllowed()) list = list.filter((f) => f.category !== "direct_message");
    return list;
  }

  function updateHint(comp, answer) {
    if (!answer || answer.enabled === false) return SG.overlay.hint(null, null);
    const list = mustShow(answer, comp.cfg.surface);
    // Nothing to hold at send: "clear". A hint for a finding writes nothing (its note is the answer),
    // so a late typing check cannot take the place of a warning's answer.
    if (!list.length) SG.guardState("clear");
    const info = (answer.findings || []).filter((f) => f.severity === "info");
    if (list.length) {
      SG.overlay.hint(comp.editable, list.length === 1 ? SG.t("hintOne", [list[0].message]) : SG.t("hintMany", [String(list.length), list[0].message]), SG.mainCategory(list), { rule: list[0].rule, category: list[0].category, surface: comp.cfg.surface });
    } else if (info.length) {
      SG.overlay.hint(comp.editable, SG.t("hintInfo", [info[0].message]), info[0].category, { rule: info[0].rule, category: info[0].category, surface: comp.cfg.surface });
    } else {
      SG.overlay.hint(null, null);
    }
  }

  function scheduleCheck(comp) {
    const prev = timers.get(comp.editable);
    if (prev) clearTimeout(prev);
    timers.set(
      comp.editable,
      setTimeout(async () => {
        timers.delete(comp.editable);
        const text = SG.readText(comp.match);
        if (!text.trim()) {
          results.delete(comp.editable);
          SG.overlay.hint(null, null);
          return;
        }
        const answer = await check(text, comp.cfg.surface);
        if (SG.readText(comp.match) !== text) return; // typed on; a newer check is coming
        results.set(comp.editable, { text, answer });
        updateHint(comp, answer);
      }, DEBOUNCE_MS),
    );
  }

  /**
   * The composer as the page has it now: the same one, or (when the site redrew it while the
   * dialog was open) the editor of the same kind that took its place.
   */
  function current(comp) {
    if (comp.editable.isConnected) return comp;
    for (const el of SG.chain.findAll(document, comp.cfg.selectors)) {
      const now = composerFor(SG.editableOf(el) || el);
      if (now && now.cfg === comp.cfg) return now;
    }
    return null;
  }

  function buttonNear(comp) {
    for (let anc = SG.parentDeep(comp.editable); anc; anc = SG.parentDeep(anc)) {
      const b = SG.chain.find(anc, comp.cfg.send_buttons);
      if (b) return b;
    }
    return null;
  }

  function resend(how, comp) {
    const now = current(comp) || comp;
    bypass = true;
    try {
      if (how.type === "button") {
        (how.button.isConnected ? how.button : buttonNear(now) || how.button).click();
      } else {
        const init = { key: "Enter", code: "Enter", keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true, ctrlKey: how.ctrlKey, metaKey: how.metaKey };
        (how.target && how.target.isConnected ? how.target : now.editable).dispatchEvent(new KeyboardEvent("keydown", init));
      }
    } finally {
      bypass = false;
    }
  }

  function showDialog(comp, text, answer, findings, how) {
    const surface = comp.cfg.surface;
    const main = SG.mainCategory(findings);
    const rule = (findings.find((f) => f.category === main) || findings[0]).rule;
    // A reason only when one of the findings shown is Must fix (an accepted DM is not shown).
    const needsReason = Boolean(answer.needsReason) && findings.some((f) => f.severity === "block");
    // One decision id for everything this dialog logs: the audit log shows it as one row.
    const decision = crypto.randomUUID();
    SG.event({ kind: "warning_shown", category: main, rule, surface, decision, findings: findings.map((f) => f.rule) });
    dialog = SG.overlay.dialog({
      kind: "compose",
      decision,
      category: main,
      surface,
      title: SG.t(surface === "dm" ? "composeTitleDm" : "composeTitle"),
      intro: SG.t(findings.length === 1 ? "composeIntroOne" : "composeIntroMany", [String(findings.length)]),
      findings: SG.withMatched(findings, text),
      draft: text, // stays in this page: for "Do this instead" copies, never sent
      status: answer.canOverride ? "" : SG.t("blockModeNote"),
      primary: {
        label: SG.t("edit"),
        onChoose() {
          SG.event({ kind: "choice", choice: "edit", category: main, rule, surface, decision });
          const now = current(comp);
          if (now) now.editable.focus();
        },
      },
      secondary: answer.canOverride
        ? {
            label: SG.t("postAnyway"),
            // Going ahead despite a "Must fix" finding needs a reason (the background says when).
            reasons: needsReason ? POST_REASONS.map((r) => ({ value: r, label: SG.t("postReason_" + r) })) : undefined,
            reasonLabel: needsReason ? SG.t("postReasonLabel") : undefined,
            onChoose(reason) {
              SG.event({ kind: "choice", choice: "post_anyway", category: main, rule, surface, reason, decision });
              resend(how, comp);
              results.delete(comp.editable);
              SG.overlay.hint(null, null);
            },
          }
        : null,
    });
    dialog.element.setAttribute("data-guard-source", answer.source || "");
  }

  async function handleSend(e, comp, how) {
    const text = SG.readText(comp.match);
    if (!text.trim()) return;
    // A second send while this draft's dialog is up (a double click, a redrawn button) is held.
    if (dialog && dialog.isOpen()) {
      e.preventDefault();
      e.stopImmediatePropagation();
      return;
    }
    const surface = comp.cfg.surface;
    const cached = results.get(comp.editable);
    if (cached && cached.text === text && cached.answer) {
      const list = mustShow(cached.answer, surface);
      if (!list.length) return SG.guardState("clear"); // checked while typing and clean: no delay at all
      e.preventDefault();
      e.stopImmediatePropagation();
      showDialog(comp, text, cached.answer, list, how);
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    if (pending.has(comp.editable)) return; // already being checked: one answer, one dialog
    pending.add(comp.editable);
    SG.guardState("checking");
    let answer;
    try {
      answer = await check(text, surface);
    } finally {
      pending.delete(comp.editable);
    }
    if (!answer) {
      // The extension's background did not answer: do not trap the user's post.
      SG.guardState("clear");
      resend(how, comp);
      return;
    }
    results.set(comp.editable, { text, answer });
    const list = mustShow(answer, surface);
    if (!list.length) {
      SG.guardState("clear");
      resend(how, comp);
    } else showDialog(comp, text, answer, list, how);
  }

  function onKeydown(e) {
    if (bypass || e.key !== "Enter" || e.isComposing || e.keyCode === 229) return;
    const t = SG.eventTarget(e);
    if (!t || SG.isOurs(t)) return;
    const comp = composerFor(t);
    if (!comp) return;
    const combo = e.ctrlKey ? "Ctrl+Enter" : e.metaKey ? "Meta+Enter" : e.shiftKey || e.altKey ? null : "Enter";
    if (!combo || !(comp.cfg.send_keys || []).includes(combo)) return;
    handleSend(e, comp, { type: "key", target: t, ctrlKey: e.ctrlKey, metaKey: e.metaKey });
  }

  function onClick(e) {
    if (bypass) return;
    const t = SG.eventTarget(e);
    if (!t || SG.isOurs(t)) return;
    const comp = composerForButton(t);
    if (!comp) return;
    if (comp.button.getAttribute("aria-disabled") === "true" || comp.button.disabled) return;
    handleSend(e, comp, { type: "button", button: comp.button });
  }

  function onInput(e) {
    const comp = composerFor(SG.eventTarget(e));
    if (!comp) return;
    SG.compose.seen(comp);
    scheduleCheck(comp);
  }

  function onFocusIn(e) {
    const t = SG.eventTarget(e);
    if (!t || SG.isOurs(t)) return;
    const comp = composerFor(t);
    if (comp) SG.compose.seen(comp);
    else if (t.tagName === "TEXTAREA" || t.isContentEditable) SG.compose.unknownEditor(t);
  }

  SG.compose = {
    start() {
      if (!P()) return;
      window.addEventListener("keydown", onKeydown, true);
      window.addEventListener("click", onClick, true);
      window.addEventListener("input", onInput, true);
      window.addEventListener("focusin", onFocusIn, true);
    },
    composerFor,
    composerForButton,
    // Site-health hooks, set by main.js.
    seen() {},
    unknownEditor() {},
  };
})();
