// The pure JavaScript rule engine (mirrors helper/engine/core.py). No DOM, no I/O, no clock:
// it runs in the extension's service worker and under Node's test runner alike.
import * as linklib from "./links.js";
import { compileRegex, compileRule } from "./compile.js";
import { detectLanguage, stopwordLists } from "./language.js";
import { prepare, readAsLetters, windowAround } from "./text.js";
import { VALIDATORS } from "./validators.js";

export const SITES = ["facebook", "x", "instagram", "other"];
export const SURFACES = ["post", "comment", "dm", "unknown"];
const SEVERITY_ORDER = { block: 0, warn: 1, info: 2 };
const SETTING_KEYS = ["mode", "domains", "approved_channels", "protected_domains", "allowlist", "blocklist", "public_phones",
  "public_addresses"];

export function effectiveSettings(bundle, settings) {
  // The district profile's defaults, overridden key by key by the given settings.
  const district = bundle.district || {};
  const merged = {};
  for (const key of SETTING_KEYS) merged[key] = district[key] ?? (key === "mode" ? "warn" : []);
  for (const [key, value] of Object.entries(settings || {})) {
    if (SETTING_KEYS.includes(key) && value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

function near(text, start, end, [pattern, window]) {
  const [lo, hi] = windowAround(text, start, end, window);
  return pattern.test(text.slice(lo, hi));
}

export function dedupe(findings) {
  // One finding per category and span (the most severe rule wins); sorted by position, then rule.
  const best = new Map();
  for (const f of findings) {
    const key = `${f.category}\u0000${f.span[0]}\u0000${f.span[1]}`;
    const prior = best.get(key);
    if (!prior || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prior.severity]) best.set(key, f);
  }
  return [...best.values()].sort((a, b) =>
    a.span[0] - b.span[0] || a.span[1] - b.span[1] || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

export function createEngine(bundle, settings) {
  const eff = effectiveSettings(bundle, settings);
  const rules = bundle.rules.map((rule) => [rule, compileRule(rule)]);
  const linkPattern = compileRegex(bundle.link_pattern.pattern, bundle.link_pattern.flags);
  const lists = Object.fromEntries(Object.entries(bundle.lists).map(([k, v]) => [k, new Set(v)]));
  const stopwords = stopwordLists(lists);
  const linkCtx = {
    lists,
    allowlist: new Set([...eff.allowlist, ...eff.domains]),
    blocklist: new Set([...(bundle.lists.blocklist || []), ...eff.blocklist]),
    protectedDomains: [...eff.protected_domains],
  };
  const approved = new Set(eff.approved_channels);

  function finding(rule, span, locale) {
    const policy = bundle.policy[rule.policy];
    return {
      rule: rule.id,
      category: rule.category,
      severity: rule.severity,
      message: rule.message[locale] || rule.message.en,
      policy: { section: policy.section, quote: policy.quote },
      span: [span[0], span[1]],
    };
  }

  function* regexSpans(text, rule, compiled) {
    const validate = VALIDATORS[rule.match.validate || ""];
    for (const m of text.matchAll(compiled.regex)) {
      const start = m.index, end = m.index + m[0].length;
      if (validate && !validate(m[0], eff)) continue;
      if (compiled.context && !near(text, start, end, compiled.context)) continue;
      if (compiled.unless && near(text, start, end, compiled.unless)) continue;
      if (compiled.keep && !compiled.keep(text, start, end)) continue;
      yield [start, end];
    }
  }

  function check(data) {
    const prepared = prepare(data.text || ""); // rules read the prepared text; spans point into the draft
    const text = prepared.text;
    const locale = data.locale || "en";
    const visited = data.visited ?? null;
    let foundLinks = null, visitedSet = null, language = null;
    let letters = null; // the text with digits in words read as letters, if a rule asks
    const findings = [];
    const add = (rule, span) => findings.push(finding(rule, prepared.span(span[0], span[1]), locale));
    for (const [rule, compiled] of rules) {
      const match = rule.match;
      if (match.type === "detector") {
        continue; // helper-only: the Python helper's detector reports under this rule's id
      } else if (match.type === "surface") {
        if (match.surfaces.includes(data.surface)) findings.push(finding(rule, [0, 0], locale));
      } else if (match.type === "host") {
        const host = (data.host || "").toLowerCase().replace(/\.+$/, "");
        if (host && linklib.onList(host, lists[match.list] || new Set()) && !linklib.onList(host, approved)) {
          findings.push(finding(rule, [0, 0], locale));
        }
      } else if (match.type === "link") {
        if (foundLinks === null) { // the links, and the user's visited ones, once per draft
          foundLinks = linklib.findLinks(prepared.linkText, linkPattern);
          visitedSet = visited === null || !["post", "comment"].includes(data.surface) ? null
            : new Set(visited.map(linklib.normalizeUrl));
        }
        const ctx = { ...linkCtx, list: match.list || null, visited: visitedSet };
        for (const link of foundLinks) if (linklib.check(match.check, link, ctx)) add(rule, [link.start, link.end]);
      } else {
        const seen = compiled.letters ? (letters ??= readAsLetters(text)) : text;
        for (const span of regexSpans(seen, rule, compiled)) {
          if (match.languages) { // a rule for some languages: the draft's is read once, if needed
            language = language || detectLanguage(text, stopwords);
            if (!match.languages.includes(language)) break;
          }
          add(rule, span);
        }
      }
    }
    return { findings: dedupe(findings) };
  }

  return { version: bundle.version, settings: eff, check };
}
