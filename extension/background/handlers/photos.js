// Background: photos. Answers cs-bg-check-image from content/photos.js: sends the photo
// to the local helper (POST /v1/check-image, paired, on 127.0.0.1 only) and passes its findings on.
// The photo is a data: URL in memory; it is never stored, logged or sent anywhere but the helper.
// With the helper down, not paired or failing, the answer is the consent reminder (image.faces,
// with its procedure citation from the rule bundle): faces cannot be counted without the helper,
// so every photo gets the reminder.

import { presentFindings } from "../finding-details.js";

const MAX_DATA_URL = Math.ceil((25 * 1024 * 1024 * 4) / 3) + 128; // the helper's 25 MB, in base64
const SURFACES = ["post", "comment", "dm", "unknown"];

/** The bundle's rule as a finding (the same shape the engines make), span [0, 0]. */
export function ruleFinding(bundle, ruleId, locale) {
  const rule = (bundle.rules || []).find((r) => r.id === ruleId);
  if (!rule) return null;
  const policy = (bundle.policy || {})[rule.policy] || {};
  return {
    rule: rule.id,
    category: rule.category,
    severity: rule.severity,
    message: rule.message[locale] || rule.message.en,
    policy: { section: policy.section || "", quote: policy.quote || "" },
    span: [0, 0],
  };
}

const MAX_FACES = 50;

/** The helper's face boxes that are well formed: [x, y, w, h], each a fraction 0-1 of the photo. */
export function faceBoxes(faces) {
  if (!Array.isArray(faces)) return [];
  const fraction = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1;
  return faces
    .filter((b) => Array.isArray(b) && b.length === 4 && b.every(fraction) && b[2] > 0 && b[3] > 0)
    .slice(0, MAX_FACES)
    .map((b) => b.slice());
}

export function registerPhotoHandlers({ router, type, helper, getBundle, currentSettings, profileFor, siteEnabled, canOverride, localeOf, onHelperAnswer = () => {} }) {
  router.register(type, async (msg, sender) => {
    const { id, profile } = await profileFor(sender);
    const { stored, policy, settings } = await currentSettings();
    if (!siteEnabled(stored, id, policy)) return { findings: [], source: "off", canOverride: true };
    const locale = localeOf(msg.locale);
    const image = typeof msg.image === "string" && msg.image.startsWith("data:") && msg.image.length <= MAX_DATA_URL ? msg.image : null;
    const { helper: h = {} } = stored;
    let findings = null;
    let faces = []; // the helper's face boxes, fractions of the photo: the dialog draws them
    let source = "local";
    // Why there is only the reminder: the content script says so to the user.
    let reason = !image ? "too_large" : !h.token ? "unpaired" : "offline";
    if (image && h.token) {
      try {
        const answer = await helper.checkImage({
          image,
          site: profile.site || "other",
          surface: SURFACES.includes(msg.surface) ? msg.surface : "unknown",
          locale,
          name: typeof msg.name === "string" ? msg.name.slice(0, 255) : undefined,
        });
        if (Array.isArray(answer.findings)) {
          findings = answer.findings;
          faces = faceBoxes(answer.faces);
          source = "helper";
          onHelperAnswer();
        }
      } catch (e) {
        findings = null; // offline, refused, or a photo the helper could not read: the reminder
        if (e && e.kind === "http" && [413, 415, 422].includes(e.status)) reason = "unreadable";
      }
    }
    if (findings === null) {
      const reminder = ruleFinding(await getBundle(), "image.faces", locale);
      findings = reminder ? [reminder] : [];
    }
    findings = presentFindings(findings, await getBundle(), locale); // Must fix first, citations in plain words
    return { findings, faces, source, canOverride: canOverride(settings.mode, findings), ...(source === "local" ? { reason } : {}) };
  });
}
