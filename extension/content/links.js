/*
 * Content script, on every supported site, at document_start. Unsafe-link warnings: when the user
 * clicks a link that leaves the site, the link's real target (unwrapped from l.facebook.com/l.php?u=
 * or, for t.co, taken from the address the page shows) is checked by the background; an unsafe
 * target gets a warning before navigation, with "Stay on this page" (default) and "Open anyway".
 * Targets are checked ahead on hover so safe links open with no delay. Links inside the sites' open
 * shadow roots are found through the event's composedPath(). Holds no rules.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  if (SG.links) return;

  const cache = new Map(); // target -> Promise<answer>
  const settled = new Map(); // target -> answer
  let bypass = null;
  const P = () => SG.profile;

  function withScheme(s) {
    return /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : "https://" + s;
  }

  /** {target, shown} for a link that leaves the site, or null for in-site links. */
  function targetOf(a) {
    const raw = a.getAttribute("href") || "";
    let url;
    try {
      url = new URL(a.href, location.href);
    } catch (e) {
      return null;
    }
    if (/^(javascript|data|vbscript):/i.test(raw.trim()) && !/^javascript:\s*(void\(0\)|;)?\s*$/i.test(raw.trim())) return { target: raw.trim() };
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    for (const w of P().link_wrappers || []) {
      if (url.hostname.toLowerCase() !== w.host || (w.path && url.pathname !== w.path)) continue;
      if (w.target === "param") {
        const inner = url.searchParams.get(w.param || "u");
        return inner ? { target: withScheme(inner) } : null;
      }
      const shown = SG.adapter.wrappedTarget ? SG.adapter.wrappedTarget(a) : null;
      return shown ? { target: withScheme(shown) } : null; // the wrapper alone tells nothing
    }
    if (SG.hostMatches(url.hostname, P().hosts)) return null;
    return { target: url.href };
  }

  function unsafe(answer) {
    if (!answer || answer.enabled === false) return [];
    return SG.actionable(answer.findings).filter((f) => /^link\./.test(f.category) && f.category !== "link.unvisited");
  }

  function check(target) {
    if (!cache.has(target)) {
      if (cache.size > 300) {
        cache.clear();
        settled.clear();
      }
      const p = SG.send(SG.M.CS_BG_CHECK, { input: SG.input(target, "unknown") }).then((answer) => {
        settled.set(target, answer);
        return answer;
      });
      cache.set(target, p);
    }
    return cache.get(target);
  }

  /** Follow the link as the user asked: same tab, new tab (Ctrl/Cmd/middle click) or window. */
  function proceed(a, target, how) {
    SG.send(SG.M.CS_BG_VISITED, { url: target });
    if (how && how.button === 1) {
      window.open(a.href, "_blank", "noopener");
      return;
    }
    bypass = a;
    try {
      a.dispatchEvent(
        new MouseEvent("click", {
          bubbles: true,
          cancelable: true,
          composed: true,
          ctrlKey: Boolean(how && how.ctrlKey),
          metaKey: Boolean(how && how.metaKey),
          shiftKey: Boolean(how && how.shiftKey),
          altKey: Boolean(how && how.altKey),
        }),
      );
    } finally {
      bypass = null;
    }
  }

  function warn(a, target, answer, findings, how) {
    const main = SG.mainCategory(findings);
    const rule = (findings.find((f) => f.category === main) || findings[0]).rule;
    const decision = crypto.randomUUID(); // shared by everything this dialog logs
    SG.event({ kind: "warning_shown", category: main, rule, surface: "link", decision, findings: findings.map((f) => f.rule) });
    SG.overlay.dialog({
      kind: "link",
      decision,
      category: main,
      title: SG.t("linkTitle"),
      intro: SG.t("linkIntro", [target.length > 200 ? target.slice(0, 197) + "…" : target]),
      findings: findings.map((f) => ({ ...f, matched: "" })),
      status: answer.canOverride ? "" : SG.t("blockModeNote"),
      primary: {
        label: SG.t("stayHere"),
        onChoose() {
          SG.event({ kind: "choice", choice: "go_back", category: main, rule, surface: "link", decision });
          if (a.isConnected) a.focus({ preventScroll: true });
        },
      },
      secondary: answer.canOverride
        ? {
            label: SG.t("openAnyway"),
            onChoose() {
              SG.event({ kind: "choice", choice: "continue", category: main, rule, surface: "link", decision });
              proceed(a, target, how);
            },
          }
        : null,
    });
  }

  function onClick(e) {
    if (!P() || e.defaultPrevented) return;
    if (e.type === "auxclick" && e.button !== 1) return;
    const t = SG.eventTarget(e);
    if (!t || SG.isOurs(t)) return;
    const a = SG.closestDeep(t, "a[href]");
    if (!a || a === bypass) return;
    const info = targetOf(a);
    if (!info) return;
    const target = info.target;
    const how = { button: e.button, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, altKey: e.altKey };
    if (settled.has(target)) {
      const answer = settled.get(target);
      const list = unsafe(answer);
      if (!list.length) {
        SG.guardState("clear");
        SG.send(SG.M.CS_BG_VISITED, { url: target });
        return; // known safe: the browser navigates as usual
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      warn(a, target, answer, list, how);
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    SG.guardState("checking");
    check(target).then((answer) => {
      const list = unsafe(answer);
      if (!list.length) {
        SG.guardState("clear");
        proceed(a, target, how);
      } else warn(a, target, answer, list, how);
    });
  }

  function onHover(e) {
    const t = P() && SG.eventTarget(e);
    if (!t || !t.closest) return;
    const a = SG.closestDeep(t, "a[href]");
    if (!a) return;
    const info = targetOf(a);
    if (info) check(info.target);
  }

  SG.links = {
    start() {
      if (!P()) return;
      window.addEventListener("click", onClick, true);
      window.addEventListener("auxclick", onClick, true);
      window.addEventListener("pointerover", onHover, { capture: true, passive: true });
      window.addEventListener("focusin", onHover, { capture: true, passive: true });
    },
    targetOf,
    withScheme,
  };
})();
