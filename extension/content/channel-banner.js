/*
 * Content script, at document_idle, on the social and messaging sites that are not one of the
 * extension's site profiles (Snapchat, TikTok, Discord, WhatsApp Web, ...: shared_rules/lists/
 * social_hosts.txt, written into the manifest by buildtools/channels.py). It asks the background to
 * check this page's host; when the rule `channel.unapproved` answers (the site is not among the
 * district's approved channels: district profile, or the managed policy's approvedChannels), it
 * shows a calm banner at the top of the page citing Approval guideline 5. The banner is a
 * role="alertdialog" with an accessible name and data-guard-category="unapproved_channel" in an
 * open shadow root (the contract); it does not cover the page. It reads nothing from the page.
 */
(function () {
  "use strict";
  const B = globalThis.SocialGuardBrowser;
  const M = globalThis.SocialGuardMessages;
  if (!B || !M || globalThis.SocialGuardChannelBanner) return;
  globalThis.SocialGuardChannelBanner = true;

  const t = (key, subs) => B.i18n(key, subs) || key; // every string is in _locales/
  const locale = () => (/^es\b/i.test(B.uiLanguage()) ? "es" : "en");

  const CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .bar {
      position: fixed; top: 0; left: 0; right: 0; z-index: 2147483646; display: flex; gap: 1rem; align-items: flex-start;
      padding: .85rem 1.2rem; background: #f0f4f8; color: #102a43; border-bottom: 3px solid #0b69a3;
      box-shadow: 0 4px 14px rgba(0,0,0,.15); font: 14.5px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
    }
    .text { flex: 1; min-width: 0; }
    h2 { font-size: 1.05rem; margin: 0 0 .2rem; }
    p { margin: .15rem 0; }
    .cite { font-size: 13px; color: #334e68; }
    .cite q { font-style: italic; }
    .actions { display: flex; gap: .5rem; flex-wrap: wrap; }
    button { font: inherit; font-weight: 600; border-radius: 999px; padding: .4rem 1rem; cursor: pointer; border: 2px solid #9fb3c8; background: #fff; color: #243b53; }
    button.primary { background: #0b69a3; border-color: #0b69a3; color: #fff; }
    button:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
    button.quiet { font-weight: 500; font-size: 13px; padding: .1rem .35rem; border-radius: 6px; border-color: transparent; background: none; color: #0b5a8a; text-decoration: underline; }
    .feedback { font-size: 13px; margin: .25rem 0 0; }
    .thanks { color: #1f5f3a; }
  `;

  function send(type, payload) {
    return B.sendMessage({ type, ...(payload || {}) }).then((a) => (a && !a.error ? a : null));
  }

  let decision = null; // the banner's decision id: everything it logs is one row of the audit log
  function event(kind, extra) {
    send(M.CS_BG_EVENT, { event: { kind, category: "unapproved_channel", rule: "channel.unapproved", surface: "unknown", decision, ...(extra || {}) } });
  }

  function el(tag, attrs, text) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    if (text) n.textContent = text;
    return n;
  }

  let host = null;
  function show(finding) {
    if (host || !document.documentElement) return;
    host = document.createElement("social-guard-channel-banner");
    decision = crypto.randomUUID();
    const root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", {}, CSS));
    const bar = el("div", { class: "bar", role: "alertdialog", "aria-modal": "false", "aria-labelledby": "sg-channel-title",
      "aria-describedby": "sg-channel-message", "data-guard-category": "unapproved_channel", "data-guard-kind": "channel" });
    const text = el("div", { class: "text" });
    text.appendChild(el("h2", { id: "sg-channel-title" }, t("channelTitle")));
    text.appendChild(el("p", { id: "sg-channel-message" }, finding.message || t("channelIntro")));
    if (finding.policy && finding.policy.quote) {
      const tr = finding.policy.translation;
      const cite = el("p", { class: "cite" });
      cite.appendChild(document.createTextNode(`${t("procedureLabel", [(tr && tr.section) || finding.policy.section || ""])} `));
      cite.appendChild(el("q", { lang: tr ? "es" : "en", "data-role": "quote" }, tr ? tr.quote : finding.policy.quote));
      text.appendChild(cite);
      if (tr) {
        // The procedure is in English: this is a rendering, and the original is one click away.
        const original = el("q", { lang: "en", "data-role": "original", class: "cite" }, finding.policy.quote);
        original.hidden = true;
        const show = el("button", { type: "button", class: "quiet", "data-role": "show-original", "aria-expanded": "false" }, t("showOriginal"));
        show.addEventListener("click", () => {
          original.hidden = !original.hidden;
          show.setAttribute("aria-expanded", String(!original.hidden));
        });
        const note = el("p", { class: "cite", "data-role": "translation-note" }, t("translationNote"));
        note.append(" ", show);
        text.append(note, original);
      }
    }
    // "Not a problem?": the district hears that this site was flagged wrongly (the rule, never the page).
    const feedback = el("p", { class: "feedback", "aria-live": "polite" });
    const wrong = el("button", { type: "button", class: "quiet", "data-role": "not-a-problem", "data-rule": "channel.unapproved" }, t("notAProblem"));
    wrong.addEventListener("click", () => {
      event("false_positive");
      feedback.textContent = "";
      feedback.appendChild(el("span", { class: "thanks", "data-role": "thanks" }, t("notAProblemThanks")));
      leave.focus({ preventScroll: true });
    });
    feedback.appendChild(wrong);
    text.appendChild(feedback);
    const actions = el("div", { class: "actions" });
    const leave = el("button", { type: "button", class: "primary", "data-role": "primary" }, t("channelLeave"));
    const dismiss = el("button", { type: "button", "data-role": "secondary" }, t("channelDismiss"));
    leave.addEventListener("click", () => {
      event("choice", { choice: "go_back" });
      close();
      if (history.length > 1) history.back();
      else location.replace("about:blank");
    });
    dismiss.addEventListener("click", () => {
      event("choice", { choice: "dismiss" });
      close();
    });
    for (const type of ["keydown", "keyup", "keypress"]) root.addEventListener(type, (e) => e.stopPropagation());
    bar.addEventListener("keydown", (e) => {
      if (e.key === "Escape") dismiss.click();
    });
    actions.append(dismiss, leave);
    bar.append(text, actions);
    root.appendChild(bar);
    document.documentElement.appendChild(host);
    leave.focus({ preventScroll: true });
    event("warning_shown", { findings: [finding.rule || "channel.unapproved"] });
  }

  function close() {
    if (host) host.remove();
  }

  async function run() {
    const answer = await send(M.CS_BG_CHECK, { input: { text: "", surface: "unknown", locale: locale() } });
    const finding = answer && (answer.findings || []).find((f) => f.category === "unapproved_channel");
    if (finding) show(finding);
  }

  run();
})();
