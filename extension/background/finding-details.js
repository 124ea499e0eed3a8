// Background: what a warning needs beyond the engine's findings, from the rule bundle (so content
// scripts hold no policy): the district's "Must fix" categories (district.must_fix_categories:
// posting anyway then needs a reason), "Do this instead" (district.instead), and each finding's
// citation in plain words with, for Spanish, the translation of the quoted passage (rules.json
// policy entries: plain, es).

const RANK = { block: 0, warn: 1, info: 2 };

/** Findings ready to show: Must fix first, each with its policy key and the citation's extras. */
export function presentFindings(findings, bundle, locale) {
  const district = (bundle && bundle.district) || {};
  const mustFix = new Set(district.must_fix_categories || []);
  const policyOf = new Map(((bundle && bundle.rules) || []).map((r) => [r.id, r.policy]));
  const entries = (bundle && bundle.policy) || {};
  const out = (findings || []).map((f) => {
    const next = { ...f };
    if (mustFix.has(f.category) && f.severity === "warn") {
      next.severity = "block";
      next.ruleSeverity = f.severity; // what the rule itself says, for the record
    }
    const instead = insteadFor(f.category, district, locale);
    if (instead) next.instead = instead;
    const key = policyOf.get(f.rule);
    const entry = key && entries[key];
    if (entry && f.policy) {
      const policy = { ...f.policy, key };
      const plain = entry.plain && (entry.plain[locale] || entry.plain.en);
      if (plain) policy.plain = plain;
      // The procedure is in English: a Spanish reader gets a faithful rendering and the original.
      if (locale === "es" && entry.es && entry.es.quote) policy.translation = { section: entry.es.section, quote: entry.es.quote };
      next.policy = policy;
    }
    return next;
  });
  return out.sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
}

const PUBLIC = { public_phone: "public_phones", public_address: "public_addresses" };

/**
 * "Do this instead" for a category, from the district profile (district.instead): {text, links?:
 * [{label, url}], replacement?: {with, label}}. The replacement is one of the district's own
 * public details (the school office's number or address), never anything from the draft.
 */
export function insteadFor(category, district, locale) {
  const entry = district && district.instead && district.instead[category];
  if (!entry) return null;
  const pick = (t) => (t && (t[locale] || t.en)) || "";
  const out = { text: pick(entry) };
  if (Array.isArray(entry.links) && entry.links.length) out.links = entry.links.map((l) => ({ label: pick(l.label), url: l.url }));
  const values = entry.replace_with && district[PUBLIC[entry.replace_with]];
  if (Array.isArray(values) && values.length) out.replacement = { with: values[0], label: pick(entry.button) || values[0] };
  return out;
}

/** Going ahead despite a Must-fix finding needs a reason; a plain Check does not. */
export function needsReason(findings) {
  return (findings || []).some((f) => f.severity === "block");
}
