/*
 * Content script, on X, Facebook and Instagram, at document_start. The repost gate: before someone
 * else's post is reposted (X Repost and Quote, Facebook "Share now" and "Share to Feed", Instagram
 * "Add post to your story"), the post's text and links are checked by the background with the same
 * rules as a draft, plus the links the user has opened, so a link the user has not looked at is
 * flagged (link.unvisited). Links are written as their real targets, unwrapped as links.js does
 * (l.facebook.com/l.php?u=, X's t.co from the address shown). A clean repost goes through untouched;
 * a flagged one is held (its click stopped in the capture phase) until the user chooses "Open it
 * first", "Repost anyway" or "Cancel". The selectors are the profile's `repost` section
 * (shared_rules/sites.json); the decision is the rules'. Holds no rules.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  if (SG.repost) return;

  const R = () => SG.profile && SG.profile.repost;
  const checks = new WeakMap(); // post element -> {text, links, promise, answer}
  let lastPost = null; // the post whose repost menu or share dialog was opened last
  let held = null; // the repost waiting for its check or for the user's choice
  let bypass = null; // the element a chosen repost is re-dispatched to
  let visitSaved = Promise.resolve(); // a link just opened from the dialog: the next check waits for it

  function postOf(el) {
    return SG.chain.closest(el, R().posts);
  }

  /** Whether a link's target is on the site itself (a t.co link to another post on X). */
  function inSite(info) {
    try {
      return SG.hostMatches(new URL(SG.links.withScheme(info.target)).hostname, SG.profile.hosts);
    } catch (e) {
      return false; // not a URL (javascript:, data:): the rules judge it
    }
  }

  /** What is reposted: the post's own text with each outbound link written as its real target,
   * then the outbound links found outside that text (link cards, attachments). */
  function contentOf(post) {
    const links = [];
    const add = (a, info) => {
      if (!links.some((l) => l.target === info.target)) links.push({ target: info.target, href: a.href });
    };
    const own = (el) => postOf(el) === post; // not a comment or a nested post of its own
    const blocks = SG.chain.findAll(post, R().text).filter(own);
    // A text block inside another one (a chain that matches twice) is read once, with its parent.
    const texts = blocks.filter((el) => !blocks.some((o) => o !== el && o.contains(el)));
    const parts = [];
    for (const el of texts) {
      const copy = el.cloneNode(true);
      for (const a of copy.querySelectorAll("a[href]")) {
        const info = SG.links.targetOf(a);
        if (!info) continue; // a mention, a hashtag: its text stays
        if (inSite(info)) {
          a.replaceWith(document.createTextNode(" ")); // another post on the site: not a link to open
          continue;
        }
        add(a, info);
        a.replaceWith(document.createTextNode(` ${info.target} `));
      }
      const text = (copy.textContent || "").replace(/\u200b/g, "").trim();
      if (text) parts.push(text);
    }
    const extra = [];
    for (const a of post.querySelectorAll("a[href]")) {
      if (!own(a) || texts.some((t) => t.contains(a))) continue;
      const info = SG.links.targetOf(a);
      if (!info || inSite(info) || links.some((l) => l.target === info.target)) continue;
      add(a, info);
      extra.push(info.target);
    }
    if (extra.length) parts.push(extra.join("\n"));
    return { text: parts.join("\n").slice(0, 20000), links };
  }

  function startCheck(post) {
    const { text, links } = contentOf(post);
    const entry = { text, links, answer: undefined, promise: null };
    entry.promise = text.trim()
      ? visitSaved
          .then(() => SG.send(SG.M.CS_BG_CHECK, { input: SG.input(text, "post"), repost: true }))
          .then((answer) => (entry.answer = answer))
      : Promise.resolve((entry.answer = null));
    checks.set(post, entry);
    return entry;
  }

  function findingsToShow(answer) {
    if (!answer || answer.enabled === false) return [];
    return SG.actionable(answer.findings);
  }

  // Link findings that still ask the user to look at the link (a shortener's rule says "Open it and
  // check"); any other link finding makes the link one not to open from here.
  const OPEN_TO_CHECK = new Set(["link.unvisited", "link.shortener"]);

  /** The first link flagged as not opened that nothing else flags as unsafe: the one to open. */
  function linkToOpen(entry, findings) {
    const unsafe = findings.filter((f) => /^link\./.test(f.category) && !OPEN_TO_CHECK.has(f.category));
    const sameSpan = (a, b) => a.span && b.span && a.span[0] === b.span[0] && a.span[1] === b.span[1];
    for (const f of findings) {
      if (f.category !== "link.unvisited" || unsafe.some((u) => sameSpan(u, f))) continue;
      const shown = SG.codepointSlice(entry.text, f.span[0], f.span[1]);
      const target = SG.links.withScheme(shown);
      const link = entry.links.find((l) => l.target === shown || l.target === target);
      return { target, href: link ? link.href : target };
    }
    return null;
  }

  /** The action element to re-dispatch to: the one clicked, or the same item of a redrawn menu. */
  function actionNow(h) {
    if (h.action.isConnected) return h.action;
    if (lastPost !== h.post) return null;
    return SG.chain.find(document, [h.entry]);
  }

  function release(h) {
    if (held === h) held = null;
  }

  function redo(h) {
    release(h);
    const el = actionNow(h);
    if (!el) return;
    bypass = el;
    try {
      el.click();
    } finally {
      bypass = null;
    }
  }

  function warn(h, entry, answer, findings) {
    const main = SG.mainCategory(findings);
    const rule = (findings.find((f) => f.category === main) || findings[0]).rule;
    const decision = crypto.randomUUID(); // shared by everything this dialog logs
    const ev = (extra) => SG.event({ category: main, rule, surface: "post", decision, ...extra });
    ev({ kind: "warning_shown", findings: findings.map((f) => f.rule) });
    const open = linkToOpen(entry, findings);
    const opts = {
      kind: "repost",
      decision,
      category: main,
      surface: "post",
      title: SG.t("repostTitle"),
      intro: SG.t(findings.length === 1 ? "repostIntroOne" : "repostIntroMany", [String(findings.length)]),
      findings: SG.withMatched(findings, entry.text),
      status: answer.canOverride ? "" : SG.t("blockModeNote"),
      primary: {
        label: SG.t("repostCancel"),
        onChoose() {
          ev({ kind: "choice", choice: "dismiss" });
          release(h);
        },
      },
      secondary: answer.canOverride
        ? {
            label: SG.t("repostAnyway"),
            onChoose() {
              ev({ kind: "choice", choice: "post_anyway" });
              redo(h);
            },
          }
        : null,
    };
    if (open) {
      opts.action = {
        label: SG.t("openItFirst"),
        onChoose() {
          ev({ kind: "choice", choice: "go_back" });
          release(h);
          checks.delete(h.post); // the next repost of it is checked with this link opened
          window.open(open.href, "_blank", "noopener");
          visitSaved = SG.send(SG.M.CS_BG_VISITED, { url: open.target });
        },
      };
    }
    const handle = SG.overlay.dialog(opts);
    handle.element.setAttribute("data-guard-source", answer.source || "");
    // A quick double click on Repost: its second click lands on whatever the dialog put under the
    // pointer. The second click of a double click (detail 2) is never the user's choice.
    handle.element.addEventListener("click", (ev) => {
      if (ev.detail > 1) {
        ev.preventDefault();
        ev.stopPropagation();
      }
    }, true);
    h.dialog = handle;
  }

  async function gate(e, post, action, entryMatched) {
    let entry = checks.get(post);
    if (!entry) entry = startCheck(post);
    if (entry.answer !== undefined && !findingsToShow(entry.answer).length) return SG.guardState("clear"); // checked and clean: no delay
    e.preventDefault();
    e.stopImmediatePropagation();
    const h = (held = { post, action, entry: entryMatched });
    SG.guardState("checking");
    const answer = await entry.promise;
    if (held !== h) return;
    const findings = findingsToShow(answer);
    // No answer from the background, or nothing to say: do not trap the user's repost.
    if (!answer || !findings.length) {
      SG.guardState("clear");
      return redo(h);
    }
    warn(h, entry, answer, findings);
  }

  function matchedEntry(t) {
    for (const entry of R().actions) if (SG.chain.closest(t, [entry])) return entry;
    return null;
  }

  function onActivate(e) {
    if (!R()) return;
    const t = SG.eventTarget(e);
    if (!t || SG.isOurs(t)) return;
    if (bypass && (t === bypass || bypass.contains(t))) return;
    // Another warning took the screen (the overlay shows one at a time): that repost was not chosen.
    if (held && held.dialog && !held.dialog.isOpen()) held = null;
    if (held) {
      // One repost at a time: a second click (or a redrawn menu's item) waits for the first.
      if (matchedEntry(t)) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
      return;
    }
    const entry = matchedEntry(t);
    if (entry) {
      const action = SG.chain.closest(t, [entry]);
      const post = postOf(action) || (lastPost && lastPost.isConnected ? lastPost : null);
      if (post) gate(e, post, action, entry);
      return;
    }
    const opener = SG.chain.closest(t, R().openers);
    if (opener) {
      // A menu opened by keyboard may fire no click: Enter or Space on the opener counts too.
      const post = postOf(opener);
      if (!post) return;
      lastPost = post;
      startCheck(post); // checked while the menu opens, so a clean repost has no delay
    } else if (e.type === "click" && SG.chain.closest(t, ["a[href]"])) {
      const post = postOf(t);
      if (post) checks.delete(post); // a link opened from the post: its next check must know it
    }
  }

  function onKeydown(e) {
    if (e.key !== "Enter" && e.key !== " ") return;
    onActivate(e);
  }

  SG.repost = {
    start() {
      if (!R()) return;
      window.addEventListener("click", onActivate, true);
      window.addEventListener("keydown", onKeydown, true);
    },
    contentOf,
  };
})();
