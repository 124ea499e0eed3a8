/*
 * Content script, on every supported site (X, Facebook, Messenger, Instagram), at document_start,
 * loaded before main.js. Photos: notices every way a photo enters the page: the file
 * picker (an <input type="file"> "input"/"change"), drag and drop ("drop") and paste ("paste"),
 * all in the capture phase on window, before the site's own handlers. The photo is held back from
 * the site while Social Guard looks at it: read in memory (FileReader, never saved) and handed to
 * the background (cs-bg-check-image), which sends it to the local helper only. The helper answers
 * image.student_photo (faces; by name for students on the do-not-publish list) and image.location
 * (GPS). Then the overlay's dialog asks the user to confirm that written guardian consent is on
 * file for every student shown (and advises removing the location); the choice is an audit event
 * (never the image). Only when the user confirms does the photo reach the site: the held event is
 * given to the site again with the same files. "Don't add this photo" (the default) keeps it out.
 * While a photo question is open, the post is held: the composers' send buttons and send keys do
 * nothing. With the helper down (or not paired), every photo gets the consent reminder, since
 * faces cannot be counted without it. A photo with no people and no location goes straight in.
 */
(function () {
  "use strict";
  const SG = globalThis.SocialGuard;
  if (!SG || SG.photos) return;

  const MAX_BYTES = 25 * 1024 * 1024; // the helper's own limit
  const ANSWER_TIMEOUT_MS = 20000;
  const IMAGE_NAME = /\.(jpe?g|png|gif|webp|bmp|heic|heif|avif|tiff?)$/i;

  // Photos the user has already answered for on this page ("consent is on file"): they go through
  // untouched when the held event is given back to the site, or when the same file is added again.
  const approved = new Set();
  let bypass = 0;
  let pending = 0; // photo questions not yet answered: while > 0, posts are held

  /** A photo's identity for "already answered": a SHA-256 of its bytes, kept only in memory. */
  async function fingerprint(file) {
    try {
      const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
      return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    } catch (e) {
      return [file.name, file.size, file.type, file.lastModified].join("|");
    }
  }
  const isImage = (f) => Boolean(f) && (/^image\//i.test(f.type || "") || IMAGE_NAME.test(f.name || ""));
  const imagesIn = (files) => Array.from(files || []).filter(isImage);

  function surfaceFor(target) {
    const el = target && target.nodeType === 1 ? target : target && target.parentElement;
    if (!el || !SG.compose) return "post";
    const direct = SG.compose.composerFor(el);
    if (direct) return direct.cfg.surface;
    // A file input is next to its composer, not inside it: the nearest composer around it.
    for (let anc = el.parentElement; anc; anc = anc.parentElement) {
      for (const cfg of (SG.profile && SG.profile.composers) || []) {
        const match = SG.chain.find(anc, cfg.selectors);
        if (match) {
          const comp = SG.compose.composerFor(SG.editableOf(match) || match);
          return comp ? comp.cfg.surface : cfg.surface;
        }
      }
    }
    return SG.dm && SG.dm.isDmHere && SG.dm.isDmHere() ? "dm" : "post";
  }

  function readAsDataURL(file) {
    return new Promise((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(typeof r.result === "string" ? r.result : null);
      r.onerror = () => resolve(null);
      r.readAsDataURL(file);
    });
  }

  /** The findings for one photo, from the background: {findings, source, canOverride} or null. */
  async function checkOne(file, surface) {
    const image = file.size <= MAX_BYTES ? await readAsDataURL(file) : null;
    return SG.send(
      SG.M.CS_BG_CHECK_IMAGE,
      { image, name: String(file.name || "").slice(0, 255), size: file.size, surface, locale: SG.locale() },
      ANSWER_TIMEOUT_MS,
    );
  }

  function merge(answers) {
    const findings = [];
    const seen = new Set();
    let offline = false;
    let unreadable = false;
    let canOverride = true;
    let off = true;
    // Face boxes only for a single photo: it is the one the dialog shows as a thumbnail.
    const faces = answers.length === 1 && answers[0] && Array.isArray(answers[0].faces) ? answers[0].faces : [];
    for (const a of answers) {
      if (!a || a.source !== "off") off = false;
      if (!a || a.source !== "helper") offline = offline || !a || a.source === "local";
      if (a && a.canOverride === false) canOverride = false;
      if (a && (a.reason === "unreadable" || a.reason === "too_large")) unreadable = true;
      for (const f of (a && a.findings) || []) {
        const key = f.rule + "\u0000" + f.message;
        if (!seen.has(key)) {
          seen.add(key);
          findings.push(f);
        }
      }
    }
    if (offline && !findings.length) {
      // Not even the background answered: the reminder all the same, in the extension's own words.
      findings.push({ rule: "image.faces", category: "image.student_photo", severity: "warn", message: SG.t("photoReminder"), span: [0, 0] });
    }
    return { findings, faces, offline, unreadable, canOverride, off };
  }

  // ---- giving the held photo back to the site ------------------------------------------------------
  function transfer(files, text) {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(f);
    if (text) dt.setData("text/plain", text);
    return dt;
  }

  function release(how, files, prints) {
    for (const p of prints || []) approved.add(p);
    bypass++;
    try {
      if (how.type === "input") {
        if (!how.input.isConnected) return;
        how.input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
        how.input.dispatchEvent(new Event("change", { bubbles: true }));
      } else if (how.type === "paste") {
        const target = how.target && how.target.isConnected ? how.target : document.activeElement || document.body;
        if (target.focus) target.focus();
        target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer(files, how.text), bubbles: true, cancelable: true, composed: true }));
      } else if (how.type === "drop") {
        const target = how.target && how.target.isConnected ? how.target : document.body;
        const init = { dataTransfer: transfer(files, how.text), bubbles: true, cancelable: true, composed: true, clientX: how.x, clientY: how.y };
        for (const type of ["dragenter", "dragover", "drop"]) target.dispatchEvent(new DragEvent(type, init));
      }
    } finally {
      bypass--;
    }
  }

  function discard(how) {
    if (how.type === "input" && how.input.isConnected) {
      try {
        how.input.value = ""; // the picker's choice is dropped: nothing for the site to read later
      } catch (e) {
        /* some inputs refuse */
      }
    }
  }

  // ---- the question ---------------------------------------------------------------------------------
  function introOf(files, result, people) {
    const { offline, unreadable } = result;
    const listed = people.some((f) => f.severity === "block");
    return [
      offline ? SG.t(unreadable ? "photoIntroUnreadable" : "photoIntroOffline") : listed ? SG.t("photoIntroListed") : people.length ? SG.t("photoIntroPeople") : SG.t("photoIntroLocation"),
      files.length > 1 && !offline ? SG.t("photoIntroMany", [String(files.length)]) : "",
    ].filter(Boolean).join(" ");
  }

  /** People and a location are separate questions: each is answered on its own. */
  function bothQuestions() {
    return [
      { id: "consent", legend: SG.t("photoQConsent"), allow: ["yes"],
        options: [{ value: "yes", label: SG.t("photoAConsentYes") }, { value: "no", label: SG.t("photoAConsentNo") }] },
      { id: "location", legend: SG.t("photoQLocation"), allow: ["keep"],
        options: [{ value: "keep", label: SG.t("photoALocationKeep") }, { value: "remove", label: SG.t("photoALocationRemove") }] },
    ];
  }

  /** A thumbnail of the photo, drawn from the file in memory (never stored or sent anywhere). */
  function thumbnailOf(files, faces) {
    let src = null;
    try {
      src = files.length === 1 ? URL.createObjectURL(files[0]) : null;
    } catch (e) {
      src = null;
    }
    const facesText = faces.length ? SG.t(faces.length === 1 ? "photoFaceFound" : "photoFacesFound", [String(faces.length)]) : "";
    return { image: src ? { src, alt: SG.t("photoThumbAlt"), faces, facesText } : null, forget: () => src && URL.revokeObjectURL(src) };
  }

  /** Logs one answer of the dialog as a choice event, under the rule of the category it answers. */
  function choiceLogger(findings, people, rule, surface, decision) {
    const peopleRule = (people[0] || {}).rule || rule;
    const locationRule = (findings.find((f) => f.category === "image.location") || {}).rule || rule;
    return (choice, category, reason) =>
      SG.event({ kind: "choice", choice, category, rule: category === "image.location" ? locationRule : peopleRule, surface, decision, reason });
  }

  function ask(files, how, surface, result, prints) {
    const { findings, faces, offline, canOverride } = result;
    const people = findings.filter((f) => f.category === "image.student_photo");
    const location = findings.some((f) => f.category === "image.location");
    const main = people.length ? "image.student_photo" : "image.location";
    const rule = (findings.find((f) => f.category === main) || findings[0]).rule;
    // One decision id for everything this dialog logs; each answer is an event of its own in it.
    const decision = crypto.randomUUID();
    const log = choiceLogger(findings, people, rule, surface, decision);
    SG.event({ kind: "warning_shown", category: main, rule, surface, decision, findings: [...new Set(findings.map((f) => f.rule))] });
    pending++;
    let answered = false;
    const thumb = thumbnailOf(files, faces);
    const done = () => {
      thumb.forget();
      if (!answered) {
        answered = true;
        pending--;
      }
    };
    const both = people.length && location;
    const handle = SG.overlay.dialog({
      kind: "photo",
      decision,
      category: main,
      surface,
      title: people.length ? SG.t("photoTitle") : SG.t("photoTitleLocation"),
      intro: introOf(files, result, people),
      findings,
      image: thumb.image,
      status: canOverride ? "" : SG.t("photoBlocked"),
      primary: {
        label: files.length > 1 ? SG.t("photoDontAddMany") : SG.t("photoDontAdd"),
        onChoose() {
          done();
          // Not added. The questions answered before saying so are logged as they were answered.
          const given = answersIn(handle);
          if (given.consent) log("edit", "image.student_photo", given.consent === "yes" ? "consent_on_file" : "no_consent");
          if (given.location) log("edit", "image.location", given.location === "keep" ? "kept_location" : "remove_location");
          if (!given.consent && !given.location) log("edit", main);
          discard(how);
        },
      },
      secondary: canOverride
        ? {
            label: both ? SG.t("photoAddPhoto") : people.length ? SG.t("photoConsent") : SG.t("photoAddAnyway"),
            questions: both ? bothQuestions() : undefined,
            onChoose() {
              done();
              // Added: consent confirmed for the people, and the place kept (both questions allow only that).
              if (people.length) log("continue", "image.student_photo", "consent_on_file");
              if (location) log("post_anyway", "image.location", "kept_location");
              release(how, files, prints);
            },
          }
        : null,
    });
    if (handle && handle.element) handle.element.setAttribute("data-guard-source", offline ? "local" : "helper");
  }

  /** The answers checked in a photo dialog ({consent: "yes"|"no", location: "keep"|"remove"}), read
   * from its element, which stays readable once the dialog is closed. */
  function answersIn(handle) {
    const given = {};
    for (const id of ["consent", "location"]) {
      const checked = handle && handle.element && handle.element.querySelector(`[data-role="answer-${id}"]:checked`);
      if (checked) given[id] = checked.value;
    }
    return given;
  }

  /** Looks at the held photos; null when they may go straight in. */
  async function look(files, surface) {
    const prints = await Promise.all(files.map(fingerprint));
    if (prints.every((p) => approved.has(p))) return null; // already answered for on this page
    const answers = [];
    for (const f of files) answers.push(await checkOne(f, surface));
    const result = merge(answers);
    // Switched off here, or no people and no location: straight in.
    return result.off || !result.findings.length ? null : { result, prints };
  }

  async function gate(files, how) {
    const surface = surfaceFor(how.target || how.input);
    pending++; // the post is held from the moment the photo arrives
    SG.guardState("checking");
    let looked;
    try {
      looked = await look(files, surface);
    } finally {
      pending--;
    }
    if (!looked) {
      SG.guardState("clear");
      release(how, files);
    } else ask(files, how, surface, looked.result, looked.prints);
  }

  // ---- where photos come in -------------------------------------------------------------------------
  const holding = new WeakSet(); // file inputs whose "change" must wait for the answer too

  function onFileInput(e) {
    const input = e.target;
    if (bypass || !input || input.tagName !== "INPUT" || input.type !== "file" || SG.overlay.isOwn(input)) return;
    if (e.type === "change" && holding.has(input)) {
      holding.delete(input);
      e.stopImmediatePropagation();
      return;
    }
    const files = imagesIn(input.files);
    if (!files.length) return;
    e.stopImmediatePropagation();
    if (e.type === "input") holding.add(input);
    gate(files, { type: "input", input });
  }

  function onPaste(e) {
    if (bypass || SG.overlay.isOwn(e.target)) return;
    const data = e.clipboardData;
    const files = imagesIn(data && data.files);
    if (!files.length) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    gate(files, { type: "paste", target: e.target, text: data.getData("text/plain") });
  }

  function onDrop(e) {
    if (bypass || SG.overlay.isOwn(e.target)) return;
    const data = e.dataTransfer;
    const files = imagesIn(data && data.files);
    if (!files.length) return;
    e.preventDefault(); // and the browser does not open the file either
    e.stopImmediatePropagation();
    gate(files, { type: "drop", target: e.target, x: e.clientX, y: e.clientY, text: data.getData("text/plain") });
  }

  // ---- the post is held while a photo question is open ---------------------------------------------------
  function holdSend(e, comp) {
    e.preventDefault();
    e.stopImmediatePropagation();
    if (comp && comp.editable) SG.overlay.hint(comp.editable, SG.t("photoHeld"), "image.student_photo");
  }

  function onClick(e) {
    if (!pending || !e.target || SG.overlay.isOwn(e.target) || !SG.compose) return;
    const comp = SG.compose.composerForButton(e.target);
    if (comp) holdSend(e, comp);
  }

  function onKeydown(e) {
    if (!pending || e.key !== "Enter" || SG.overlay.isOwn(e.target) || !SG.compose) return;
    const comp = SG.compose.composerFor(e.target);
    if (!comp) return;
    const combo = e.ctrlKey ? "Ctrl+Enter" : e.metaKey ? "Meta+Enter" : e.shiftKey || e.altKey ? null : "Enter";
    if (combo && (comp.cfg.send_keys || []).includes(combo)) holdSend(e, comp);
  }

  SG.photos = {
    isHolding: () => pending > 0,
    start() {
      if (!SG.profile) return;
      window.addEventListener("input", onFileInput, true);
      window.addEventListener("change", onFileInput, true);
      window.addEventListener("paste", onPaste, true);
      window.addEventListener("drop", onDrop, true);
      window.addEventListener("click", onClick, true);
      window.addEventListener("keydown", onKeydown, true);
    },
  };
  // Registered now, before compose.js's listeners (main.js starts those), so a held post never
  // reaches the compose check either.
  SG.photos.start();
})();
