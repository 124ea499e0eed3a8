/*
 * Content script, on every supported site, at document_start, loaded before overlay.js. The pieces
 * a warning is drawn from, with no state of their own beyond this page's "Not a problem?" marks:
 * the style sheet of the overlay's shadow root, the shield and severity badges (told apart by
 * words and shape, never colour alone), one finding with its "Do this instead" and "Not a
 * problem?", the "Why?" passages, and a photo's thumbnail with its faces boxed. overlay.js puts
 * them together into the dialog and the hint.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  if (SG.warningParts) return;

  const CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    dialog {
      max-width: min(34rem, calc(100vw - 2rem)); width: 100%; max-height: calc(100vh - 2rem); overflow: auto;
      border: none; border-radius: 14px; padding: 1.4rem 1.5rem 1.2rem; margin: auto;
      background: #ffffff; color: #1f2933; box-shadow: 0 18px 50px rgba(0,0,0,.35);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    }
    /* Header and buttons stay in view; a long list of findings scrolls between them. */
    dialog[open] { display: flex; flex-direction: column; overflow: hidden; }
    dialog[open] > * { flex: none; }
    dialog[open] > ul { flex: 1 1 auto; min-height: 0; overflow: auto; }
    dialog::backdrop { background: rgb(16, 24, 40); }
    dialog[data-guard-kind="compose"]::backdrop, dialog[data-guard-kind="link"]::backdrop { background: rgba(16, 24, 40, 0.6); }
    /* A photo question leaves the post in view: a light backdrop, the dialog at the side. */
    dialog[data-guard-kind="photo"]::backdrop { background: rgba(16, 24, 40, 0.25); }
    dialog[data-guard-kind="photo"] { margin: auto 1rem auto auto; max-width: min(26rem, calc(100vw - 2rem)); }
    dialog[data-guard-kind="photo"] .actions { flex-direction: column; align-items: stretch; }
    /* Its thumbnail and two questions can be taller than a laptop screen: the whole dialog scrolls,
       what the photo shows keeps its height, and the buttons stay in view at the bottom. */
    dialog[data-guard-kind="photo"][open] { overflow: auto; }
    dialog[data-guard-kind="photo"][open] > ul { flex: none; overflow: visible; }
    dialog[data-guard-kind="photo"][open] > .actions { position: sticky; bottom: -1.2rem; background: #ffffff; padding: .5rem 0 1.2rem; margin-bottom: -1.2rem; }
    dialog[data-guard-kind="photo"] .thumb img { max-height: min(9rem, 20vh); }
    dialog[data-guard-kind="photo"] .actions [data-role="primary"] { order: -1; }
    .thumb { margin: .4rem 0; }
    .thumb .frame { position: relative; display: inline-block; max-width: 100%; vertical-align: top; }
    .thumb img { display: block; max-width: 100%; max-height: 9rem; border-radius: 8px; border: 1px solid #bcccdc; }
    /* Yellow on a dark edge: a face box reads on light and dark photos alike. */
    .thumb .face { position: absolute; box-sizing: border-box; border: 2px solid #ffd400; outline: 1px solid #1f2933; border-radius: 3px; pointer-events: none; }
    .thumb figcaption { font-size: 13px; color: #52606d; margin-top: .2rem; }
    fieldset.question { border: 1px solid #bcccdc; border-radius: 8px; margin: .5rem 0 0; padding: .35rem .7rem .5rem; }
    fieldset.question legend { font-weight: 600; font-size: 14px; padding: 0 .25rem; }
    fieldset.question label { display: flex; gap: .45rem; align-items: baseline; margin: .2rem 0; font-size: 14px; }
    input[type="radio"]:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
    .brand { display: flex; align-items: center; gap: .5rem; font-size: 12px; letter-spacing: .04em; text-transform: uppercase; color: #52606d; margin: 0 0 .4rem; }
    .brand svg { flex: none; }
    h2 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 .5rem; color: #102a43; }
    p { margin: .35rem 0; }
    ul { list-style: none; padding: 0; margin: .8rem 0; }
    li { border-left: 4px solid #f0b429; background: #fffbea; padding: .55rem .75rem; border-radius: 6px; margin: .5rem 0; }
    li[data-severity="block"] { border-left-color: #d64545; background: #fff5f5; }
    li[data-severity="info"] { border-left-color: #9fb3c8; background: #f5f7fa; }
    .severity { display: flex; align-items: center; gap: .35rem; margin: 0 0 .15rem; font-size: 12.5px; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; }
    .severity svg { flex: none; }
    li[data-severity="block"] .severity { color: #a61b1b; }
    li[data-severity="warn"] .severity { color: #7a4d00; }
    li[data-severity="info"] .severity { color: #334e68; }
    .ref { font-size: 13px; color: #486581; }
    .instead { margin: .35rem 0 0; }
    .instead a { color: #0b5a8a; font-weight: 600; }
    .instead .links { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: .2rem 0 0; }
    .copy { display: grid; gap: .25rem; margin: .4rem 0 0; }
    .copy label { font-size: 13px; font-weight: 600; }
    .copy textarea { font: inherit; font-size: 13.5px; width: 100%; min-height: 4.2em; padding: .35rem .5rem; border-radius: 8px; border: 1px solid #829ab1; resize: vertical; }
    .why { margin: .1rem 0 .2rem; }
    .why-body { margin: .3rem 0 0; padding: .5rem .75rem; border-radius: 8px; background: #f0f4f8; font-size: 13.5px; }
    .why-body[hidden], .why-body [hidden] { display: none; }
    .translation-note { font-size: 12.5px; color: #486581; margin: 0 0 .2rem; }
    .why-section { font-weight: 600; color: #243b53; margin: .2rem 0 0; }
    .why-body blockquote { margin: .2rem 0 .45rem; padding-left: .6rem; border-left: 3px solid #829ab1; font-style: italic; color: #243b53; }
    .matched { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: rgba(0,0,0,.06); padding: 0 .25rem; border-radius: 4px; word-break: break-all; }
    .reason { margin: .8rem 0 .2rem; display: grid; gap: .3rem; }
    .reason label { font-weight: 600; font-size: 14px; }
    select { font: inherit; padding: .35rem .5rem; border-radius: 8px; border: 1px solid #9fb3c8; }
    .actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: .6rem; margin-top: .75rem; }
    button { font: inherit; font-weight: 600; border-radius: 999px; padding: .5rem 1.15rem; cursor: pointer; border: 2px solid transparent; }
    button.primary { background: #0b69a3; color: #fff; }
    button.secondary { background: #fff; color: #334e68; border-color: #9fb3c8; }
    button:disabled { opacity: .45; cursor: not-allowed; }
    button.small { font-size: 13.5px; padding: .25rem .8rem; margin-top: .3rem; }
    /* The focus ring: dark blue on the white dialog (8:1), never a pale colour. */
    button:focus-visible, select:focus-visible, a:focus-visible, textarea:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
    .status { font-size: 13px; color: #52606d; min-height: 1em; }
    .status:empty { display: none; }
    button.quiet { font-weight: 500; font-size: 13px; padding: .1rem .35rem; border-radius: 6px; background: none; color: #0b5a8a; text-decoration: underline; border: 2px solid transparent; }
    .feedback { margin: .25rem 0 0; font-size: 13px; }
    .thanks { color: #1f5f3a; }
    .hint {
      position: fixed; z-index: 2147483647; max-width: 22rem; pointer-events: none; opacity: .96;
      font: 12.5px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
      background: #fffbea; color: #513c06; border: 1px solid #f0b429; border-radius: 8px; padding: .3rem .6rem;
      box-shadow: 0 2px 8px rgba(0,0,0,.12);
    }
    .hint button.quiet { pointer-events: auto; font-size: 12.5px; color: #513c06; margin-left: .3rem; }
    .hint[hidden] { display: none; }
  `;
  function shieldIcon() {
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    for (const [k, v] of [["width", "16"], ["height", "16"], ["viewBox", "0 0 24 24"], ["aria-hidden", "true"]]) svg.setAttribute(k, v);
    const path = document.createElementNS(NS, "path");
    path.setAttribute("fill", "#0b69a3");
    path.setAttribute("d", "M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3z");
    svg.appendChild(path);
    return svg;
  }

  // "Must fix", "Check" and "Tip" are told apart by their words and by shape (octagon, triangle,
  // circle), never by colour alone.
  const SEVERITY = {
    block: { label: "severityBlock", shape: "M8 1h8l7 7v8l-7 7H8l-7-7V8z", mark: "M11 6h2v8h-2zM11 16h2v2h-2z" },
    warn: { label: "severityWarn", shape: "M12 1 23 21H1z", mark: "M11 8h2v7h-2zM11 17h2v2h-2z" },
    info: { label: "severityInfo", shape: "M12 1a11 11 0 1 0 0 22 11 11 0 0 0 0-22z", mark: "M11 10h2v8h-2zM11 6h2v2h-2z" },
  };
  function severityBadge(severity) {
    const s = SEVERITY[severity] || SEVERITY.warn;
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    for (const [k, v] of [["width", "16"], ["height", "16"], ["viewBox", "0 0 24 24"], ["aria-hidden", "true"]]) svg.setAttribute(k, v);
    const shape = document.createElementNS(NS, "path");
    shape.setAttribute("d", s.shape);
    shape.setAttribute("fill", "currentColor");
    const mark = document.createElementNS(NS, "path");
    mark.setAttribute("d", s.mark);
    mark.setAttribute("fill", "#ffffff");
    svg.append(shape, mark);
    const p = el("p", { class: "severity", "data-role": "severity" });
    p.append(svg, document.createTextNode(SG.t(s.label)));
    return p;
  }
  const RANK = { block: 0, warn: 1, info: 2 };
  const bySeverity = (list) => [...list].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));

  /**
   * "Why?": each cited passage once per dialog, under the section in plain words. Open from the
   * start when something must be fixed; one click away for a plain check.
   */
  function whyBlock(findings, open, onToggle) {
    const passages = new Map();
    for (const f of findings) {
      const p = f.policy;
      if (p && p.quote && !passages.has(p.quote)) passages.set(p.quote, p);
    }
    if (!passages.size) return null;
    const wrap = el("div", { class: "why" });
    const button = el("button", { type: "button", class: "quiet", "data-role": "why", "aria-expanded": String(open),
      "aria-controls": "sg-why", text: SG.t("why") });
    const body = el("div", { id: "sg-why", class: "why-body", "data-role": "why-body", hidden: !open });
    for (const p of passages.values()) {
      body.appendChild(el("p", { class: "why-section", text: p.plain || SG.t("procedureSays") }));
      if (p.translation && p.translation.quote) {
        // The procedure is in English: a faithful rendering, said to be one, the original one click away.
        body.appendChild(el("blockquote", { lang: "es", "data-role": "quote", text: p.translation.quote }));
        body.appendChild(el("p", { class: "translation-note", "data-role": "translation-note", text: SG.t("translationNote") }));
        const original = el("blockquote", { lang: "en", "data-role": "original", hidden: true, text: p.quote });
        const show = el("button", { type: "button", class: "quiet", "data-role": "show-original", "aria-expanded": "false", text: SG.t("showOriginal") });
        show.addEventListener("click", () => {
          const now = original.hidden;
          original.hidden = !now;
          show.setAttribute("aria-expanded", String(now));
        });
        body.append(show, original);
      } else {
        body.appendChild(el("blockquote", { lang: "en", "data-role": "quote", text: p.quote }));
      }
    }
    button.addEventListener("click", () => {
      const now = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(now));
      body.hidden = !now;
      onToggle(now);
    });
    wrap.append(button, body);
    return wrap;
  }

  function el(tag, attrs, children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") n.textContent = v;
      else n.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children || []) if (c) n.appendChild(c);
    return n;
  }

  // "Not a problem?": one click tells the district that a rule fired where it should not have.
  // The event names the rule, its category and the surface (the background adds the site); never
  // the draft. Marked rules are remembered for this page, so a re-drawn dialog keeps its thanks.
  const marked = new Set();
  function notAProblem(f, surface, describedBy, afterClick, decision) {
    const box = el("p", { class: "feedback", "aria-live": "polite" });
    const key = `${surface}|${f.rule}`;
    const thank = () => {
      box.textContent = "";
      box.appendChild(el("span", { class: "thanks", "data-role": "thanks", text: SG.t("notAProblemThanks") }));
    };
    if (marked.has(key)) {
      thank();
      return box;
    }
    const button = el("button", { type: "button", class: "quiet", "data-role": "not-a-problem", "data-rule": f.rule,
      "aria-describedby": describedBy, text: SG.t("notAProblem") });
    button.addEventListener("click", () => {
      marked.add(key);
      SG.event({ kind: "false_positive", category: f.category || "unknown", rule: f.rule, surface, decision });
      thank();
      if (afterClick) afterClick();
    });
    box.appendChild(button);
    return box;
  }

  /** The draft with every span of these findings replaced (spans count code points). */
  function replaced(text, findings, value) {
    const chars = Array.from(text);
    const spans = findings
      .map((f) => f.span)
      .filter((sp) => Array.isArray(sp) && sp[1] > sp[0] && sp[1] <= chars.length)
      .sort((a, b) => b[0] - a[0]);
    let end = Infinity;
    for (const [start, stop] of spans) {
      if (stop > end) continue; // overlaps the one already replaced
      chars.splice(start, stop - start, value);
      end = start;
    }
    return chars.join("");
  }

  // "Do this instead": what the district suggests, its approved channels, and (for a phone number
  // or an address) a copy of the draft with the school office's public detail in its place, for
  // the user to paste. The site's editor is never changed.
  function insteadBlock(f, opts, index) {
    const i = f.instead;
    if (!i || !i.text) return null;
    const box = el("div", { class: "instead", "data-role": "instead" });
    const p = el("p");
    p.appendChild(el("strong", { text: SG.t("insteadLabel") + " " }));
    p.appendChild(document.createTextNode(i.text));
    box.appendChild(p);
    const links = (i.links || []).filter((l) => /^https:\/\//.test(l.url || ""));
    if (links.length) {
      box.appendChild(el("p", { class: "links" }, links.map((l) =>
        el("a", { href: l.url, target: "_blank", rel: "noopener noreferrer", "data-role": "approved-channel", text: l.label }))));
    }
    const r = i.replacement;
    if (r && r.with && typeof opts.draft === "string" && Array.isArray(f.span)) {
      const button = el("button", { type: "button", class: "secondary small", "data-role": "use-replacement", text: r.label });
      const status = el("p", { class: "feedback", "aria-live": "polite" });
      button.addEventListener("click", () => {
        const same = (opts.findings || []).filter((x) => x.instead && x.instead.replacement && x.instead.replacement.with === r.with);
        const value = replaced(opts.draft, same.length ? same : [f], r.with);
        let copy = box.querySelector("textarea");
        if (!copy) {
          const id = `sg-copy-${index}`;
          copy = el("textarea", { id, readonly: true, rows: "3", "data-role": "copy-box" });
          box.appendChild(el("div", { class: "copy" }, [el("label", { for: id, text: SG.t("copyBoxLabel") }), copy]));
        }
        copy.value = value;
        copy.focus();
        copy.select();
        const done = (ok) => (status.textContent = SG.t(ok ? "copiedToClipboard" : "copyByHand"));
        try {
          navigator.clipboard.writeText(value).then(() => done(true), () => done(false));
        } catch (e) {
          done(false);
        }
      });
      box.append(button, status);
    }
    return box;
  }

  function surfaceOf(opts) {
    return opts.surface || { dm: "dm", link: "link" }[opts.kind] || "unknown";
  }

  function findingItem(f, index, opts, afterFeedback) {
    const li = el("li", { "data-severity": f.severity || "warn", "data-category": f.category || "", "data-rule": f.rule || "" });
    const messageId = `sg-finding-${index}`;
    li.appendChild(severityBadge(f.severity));
    li.appendChild(el("p", { id: messageId, text: f.message || "" }));
    if (f.matched) {
      const p = el("p");
      p.appendChild(document.createTextNode(SG.t("matchedLabel") + " "));
      p.appendChild(el("span", { class: "matched", text: f.matched }));
      li.appendChild(p);
    }
    // The passage itself is under "Why?", once per dialog; each finding names its section.
    const t = f.policy && f.policy.translation;
    if (f.policy && f.policy.section) li.appendChild(el("p", { class: "ref", text: SG.t("procedureRef", [t && t.section ? t.section : f.policy.section]) }));
    const instead = insteadBlock(f, opts, index);
    if (instead) li.appendChild(instead);
    if (f.rule) li.appendChild(notAProblem(f, surfaceOf(opts), messageId, afterFeedback, opts.decision));
    return li;
  }

  /** The photo's thumbnail, with each face boxed ({src, alt, faces?: [[x, y, w, h] fractions], facesText?}). */
  function thumbnail(image) {
    const frame = el("span", { class: "frame" }, [el("img", { src: image.src, alt: image.alt || "" })]);
    for (const [x, y, w, h] of image.faces || []) {
      const box = el("span", { class: "face", "aria-hidden": "true" });
      // CSSOM, not a style attribute: a page's style-src policy cannot drop the boxes.
      box.style.left = x * 100 + "%";
      box.style.top = y * 100 + "%";
      box.style.width = w * 100 + "%";
      box.style.height = h * 100 + "%";
      frame.appendChild(box);
    }
    const caption = image.facesText ? el("figcaption", { text: image.facesText }) : null;
    return el("figure", { class: "thumb" }, [frame, caption]);
  }

  SG.warningParts = { CSS, el, shieldIcon, bySeverity, whyBlock, findingItem, thumbnail };
})();
