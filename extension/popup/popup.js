// Toolbar popup: helper status (connected / offline), rules version, warnings this week, a
// switch per site with its support health, and the pairing form (sends ui-bg-pair). It only
// talks to the background, never to the helper.
(function () {
  "use strict";
  const B = globalThis.SocialGuardBrowser;
  const M = globalThis.SocialGuardMessages;
  const t = (key, subs) => B.i18n(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const send = (type, payload) => B.sendMessage({ type, ...(payload || {}) });

  document.documentElement.lang = /^es\b/i.test(B.uiLanguage()) ? "es" : "en";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.getAttribute("data-i18n"));

  const HELPER_TEXT = {
    connected: "popupHelperConnected",
    offline: "popupHelperOffline",
    unpaired: "popupHelperUnpaired",
    unauthorized: "popupHelperUnauthorized",
  };

  function renderSites(sites) {
    const list = $("sites");
    list.textContent = "";
    for (const s of sites) {
      const li = document.createElement("li");
      li.dataset.site = s.id;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.setAttribute("role", "switch");
      box.id = `site-${s.id}`;
      box.checked = s.enabled;
      box.setAttribute("aria-checked", String(s.enabled));
      if (s.managed) {
        box.disabled = true; // issue 8: locked by the district's managed policy
        li.dataset.managed = "true";
      }
      box.addEventListener("change", async () => {
        box.setAttribute("aria-checked", String(box.checked));
        await send(M.UI_BG_SET_SITE, { site: s.id, enabled: box.checked });
      });
      const label = document.createElement("label");
      label.htmlFor = box.id;
      label.textContent = s.label;
      const health = document.createElement("span");
      health.className = "health";
      health.dataset.health = s.health;
      health.id = `health-${s.id}`;
      health.textContent = t(`popupSiteHealth_${s.health}`);
      box.setAttribute("aria-describedby", health.id);
      li.append(box, label, health);
      if (s.managed) li.appendChild(managedTag());
      list.appendChild(li);
    }
  }

  // issue 8: a setting the district's managed policy sets is shown as such, and locked.
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
    const pending = $("pending");
    pending.hidden = !st.pendingEvents;
    pending.textContent = st.pendingEvents ? t("popupPending", [String(st.pendingEvents)]) : "";
    renderSites(st.sites);
  }

  $("pair-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const result = $("pair-result");
    result.textContent = "…";
    const answer = await send(M.UI_BG_PAIR, { code: $("pair-code").value.trim(), url: $("pair-url").value.trim() });
    if (answer && answer.ok) {
      result.textContent = t("popupPairOk");
      result.dataset.ok = "true";
      $("pair-code").value = "";
    } else {
      result.textContent = t("popupPairFailed", [(answer && answer.error) || "no answer"]);
      result.dataset.ok = "false";
    }
    refresh();
  });

  refresh();
})();
