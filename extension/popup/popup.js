// Toolbar popup, for people: helper status, rules version, warnings this week, a switch per site
// (turning protection off asks first) with its support health and last visit, a link that opens
// Social Guard's own pages, and pairing ("Paired ✓ · Pair again"; errors in plain words; the
// helper address under Advanced). Settings the district's managed policy sets are shown read-only,
// "Set by your district". It only talks to the background, never to the helper.
(function () {
  "use strict";
  const B = globalThis.SocialGuardBrowser;
  const M = globalThis.SocialGuardMessages;
  const t = (key, subs) => B.i18n(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const send = (type, payload) => B.sendMessage({ type, ...(payload || {}) });
  const locale = /^es\b/i.test(B.uiLanguage()) ? "es" : "en";

  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.getAttribute("data-i18n"));

  const HELPER_TEXT = {
    connected: "popupHelperConnected",
    offline: "popupHelperOffline",
    unpaired: "popupHelperUnpaired",
    unauthorized: "popupHelperUnauthorized",
  };

  /** What went wrong with pairing, in words a teacher can act on. */
  function pairingError(code) {
    if (code === "missing_code") return t("pairErrorMissingCode");
    if (code === "bad_url") return t("pairErrorBadUrl");
    if (code === "http_403" || code === "unauthorized") return t("pairErrorExpired");
    if (code === "http_429") return t("pairErrorLocked");
    if (code === "http_400" || code === "http_422") return t("pairErrorNotACode");
    if (code === "http_503") return t("pairErrorKeyring");
    if (code === "offline" || code === "timeout" || !code) return t("pairErrorOffline");
    return t("pairErrorOther");
  }

  function lastVisit(ms) {
    if (!ms) return "";
    const when = new Date(ms);
    const today = new Date();
    const sameDay = when.toDateString() === today.toDateString();
    const time = when.toLocaleTimeString(locale, { hour: "numeric", minute: "2-digit" });
    return sameDay ? t("popupLastVisitToday", [time]) : t("popupLastVisitOn", [when.toLocaleDateString(locale, { day: "numeric", month: "short" }), time]);
  }

  // ---- sites --------------------------------------------------------------------------------------
  function confirmOff(li, site, box) {
    const old = li.querySelector(".confirm");
    if (old) old.remove();
    const panel = document.createElement("div");
    panel.className = "confirm";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-labelledby", `confirm-${site.id}`);
    const q = document.createElement("p");
    q.id = `confirm-${site.id}`;
    q.textContent = t("popupConfirmOff", [site.label]);
    const off = document.createElement("button");
    off.type = "button";
    off.className = "danger";
    off.textContent = t("popupConfirmOffYes");
    const keep = document.createElement("button");
    keep.type = "button";
    keep.className = "secondary";
    keep.textContent = t("popupConfirmOffNo");
    const close = () => {
      panel.remove();
      box.focus();
    };
    off.addEventListener("click", async () => {
      const answer = await send(M.UI_BG_SET_SITE, { site: site.id, enabled: false });
      if (answer && answer.ok) {
        box.checked = false;
        box.setAttribute("aria-checked", "false");
      }
      close();
    });
    keep.addEventListener("click", close);
    panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") close();
    });
    panel.append(q, keep, off);
    li.appendChild(panel);
    keep.focus(); // the safe choice first
  }

  // Rows are kept and updated in place, so a refresh never pulls a switch or an open
  // confirmation out from under the pointer or the keyboard focus.
  function siteRow(s) {
    const li = document.createElement("li");
    li.dataset.site = s.id;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.setAttribute("role", "switch");
    box.id = `site-${s.id}`;
    box.addEventListener("change", async () => {
      const site = li.site;
      if (!box.checked) {
        // Turning protection off is asked for first; the switch stays on until confirmed.
        box.checked = true;
        confirmOff(li, site, box);
        return;
      }
      box.setAttribute("aria-checked", "true");
      await send(M.UI_BG_SET_SITE, { site: site.id, enabled: true });
    });
    const label = document.createElement("label");
    label.htmlFor = box.id;
    const health = document.createElement("span");
    health.className = "health";
    health.id = `health-${s.id}`;
    box.setAttribute("aria-describedby", health.id);
    li.append(box, label, health);
    return li;
  }

  function updateRow(li, s) {
    li.site = s;
    const [box, label, health] = li.children;
    if (!li.querySelector(".confirm")) {
      box.checked = s.enabled;
      box.setAttribute("aria-checked", String(s.enabled));
    }
    box.disabled = Boolean(s.managed); // locked by the district's managed policy
    label.textContent = s.label;
    health.dataset.health = s.health;
    health.textContent = t(`popupSiteHealth_${s.health}`);
    const visit = lastVisit(s.lastVisitAt);
    if (visit) {
      const v = document.createElement("span");
      v.className = "visit";
      v.id = `visit-${s.id}`;
      v.textContent = visit;
      health.append(" · ", v);
    }
    const tag = li.querySelector(":scope > .managed");
    if (s.managed) {
      li.dataset.managed = "true";
      if (!tag) health.after(managedTag());
    } else {
      delete li.dataset.managed;
      if (tag) tag.remove();
    }
  }

  function renderSites(sites) {
    const list = $("sites");
    const rows = new Map([...list.children].map((li) => [li.dataset.site, li]));
    let at = list.firstElementChild;
    for (const s of sites) {
      const li = rows.get(s.id) || siteRow(s);
      rows.delete(s.id);
      updateRow(li, s);
      if (li !== at) list.insertBefore(li, at);
      else at = at.nextElementSibling;
    }
    for (const gone of rows.values()) gone.remove();
  }

  // A setting the district's managed policy sets is shown as such, and locked.
  function managedTag() {
    const tag = document.createElement("span");
    tag.className = "managed";
    tag.textContent = t("popupManaged");
    return tag;
  }

  function markManaged(el, on) {
    if (on) {
      el.dataset.managed = "true";
      el.appendChild(document.createTextNode(" "));
      el.appendChild(managedTag());
    } else {
      delete el.dataset.managed;
    }
  }

  // ---- pairing ------------------------------------------------------------------------------------
  let pairAgain = false;
  function showPairing(st) {
    const paired = st.helper.paired && st.helper.state !== "unauthorized";
    $("paired-line").hidden = !paired;
    $("pair-form").hidden = paired && !pairAgain;
    // The address matters when something is wrong: then it is in view, otherwise under Advanced.
    if (st.helper.state !== "connected" && !$("advanced").dataset.touched) $("advanced").open = true;
  }

  async function refresh() {
    const st = await send(M.UI_BG_STATUS);
    if (!st || st.error) return;
    const state = st.helper.state;
    $("helper-state").dataset.state = state;
    $("helper-state").textContent = t(HELPER_TEXT[state] || "popupHelperOffline");
    $("rules-version").textContent = st.helper.rulesVersion && state === "connected" ? st.helper.rulesVersion : st.rulesVersion;
    $("mode").textContent = t(st.mode === "block" ? "popupModeBlock" : "popupModeWarn");
    const managed = st.managed || [];
    markManaged($("mode"), managed.includes("mode"));
    $("warnings-week").textContent = String(st.warningsThisWeek);
    if (!$("pair-url").value) $("pair-url").value = st.helper.url;
    if (managed.includes("helperPort")) {
      $("pair-url").value = st.helper.url;
      $("pair-url").readOnly = true;
      $("pair-url").title = t("popupManaged");
    }
    // Lists the district's policy sets, which the popup has no field for: named, read-only.
    const lists = ["approvedChannels", "protectedDomains", "allowlist", "blocklist"].filter((n) => managed.includes(n));
    $("district-set").hidden = !lists.length;
    $("district-set").textContent = lists.length ? t("popupDistrictSets", [lists.map((n) => t(`popupSetting_${n}`)).join(", ")]) : "";
    $("open-pages").hidden = state !== "connected";
    const pending = $("pending");
    pending.hidden = !st.pendingEvents;
    pending.textContent = st.pendingEvents ? t("popupPending", [String(st.pendingEvents)]) : "";
    showPairing(st);
    renderSites(st.sites);
  }

  $("advanced").addEventListener("toggle", () => ($("advanced").dataset.touched = "true"));

  $("pair-again").addEventListener("click", () => {
    pairAgain = true;
    $("pair-form").hidden = false;
    $("pair-code").focus();
  });

  $("open-pages").addEventListener("click", async () => {
    const result = $("open-pages-result");
    result.textContent = "";
    const answer = await send(M.UI_BG_PAGES_LINK);
    if (answer && answer.ok) {
      await B.openTab(answer.url);
      window.close();
    } else {
      result.textContent = t("popupOpenPagesFailed");
    }
  });

  $("pair-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const result = $("pair-result");
    result.textContent = "…";
    delete result.dataset.ok;
    const answer = await send(M.UI_BG_PAIR, { code: $("pair-code").value.trim(), url: $("pair-url").value.trim() });
    if (answer && answer.ok) {
      result.textContent = t("popupPairOk");
      result.dataset.ok = "true";
      $("pair-code").value = "";
      pairAgain = false;
    } else {
      result.textContent = pairingError(answer && answer.error);
      result.dataset.ok = "false";
      result.dataset.error = (answer && answer.error) || "no_answer";
    }
    refresh();
  });

  refresh();
})();
