// Turns rule data into compiled patterns (mirrors helper/engine/compile.py).
// Patterns use only syntax both engines accept (checked by the rules lint): no 'u' flag here,
// so \w \d \s \b are ASCII-only, as with Python's re.ASCII.
import { TABLES } from "./tables.js";
import { windowAround } from "./text.js";

const LEET = TABLES.leet;
// Latin letters with accents count as letters at a term's edges (Spanish: "disputa" holds no "puta").
const LATIN_LETTERS = "\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f";
const WORD_BEFORE = "(?<![A-Za-z0-9_*" + LATIN_LETTERS + "])";
const WORD_AFTER = "(?![A-Za-z0-9_*" + LATIN_LETTERS + "])";
// Both cases of an accented letter are listed, as compile.py does.
const PLAIN_VOWEL = TABLES.plain_vowels;
const LETTER = new RegExp("[A-Za-z" + LATIN_LETTERS + "]", "g");
const DIGIT = /[0-9]/g;
const INNOCENT_WINDOW = 40;

export function compileRegex(pattern, flags = "") {
  return new RegExp(pattern, "g" + (flags.includes("i") ? "i" : ""));
}

function letters(ch, obfuscation) {
  // The characters that stand for this letter of a term.
  if (ch.charCodeAt(0) < 128) return ch + (obfuscation ? LEET[ch] || "" : "");
  const plain = PLAIN_VOWEL[ch] || "";
  return ch + ch.toUpperCase() + plain + (obfuscation ? LEET[plain] || "" : "");
}

function charClass(ch, first, masking) {
  if (ch === " ") return "[ _.\\-]?";
  if (ch === "'") return "'?";
  if (ch === "-") return "[ \\-]?";
  return classOf(letters(ch, true) + (masking && !first ? "*" : ""));
}

function classOf(chars) {
  return "[" + chars.replace(/\\/g, "\\\\").replace(/]/g, "\\]").replace(/\^/g, "\\^").replace(/-/g, "\\-") + "]";
}

export function termsPattern(terms, obfuscation, masking = false) {
  // One alternation of the terms, longest first, with word edges (see compile.py). The terms are
  // grouped by the characters they can start with, and groups never share one: at any position only
  // one group can match, so the longest-first order holds, and a lookahead on each group's first
  // characters lets the regex engines skip the other groups fast.
  const order = (a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
  const alternative = (term) => [...term].map((ch, i) =>
    obfuscation ? charClass(ch, i === 0, masking)
      : " '-".includes(ch) ? charClass(ch, true, false) : ch.charCodeAt(0) < 128 ? ch : classOf(letters(ch, false))).join("");
  const groups = [];
  for (const term of [...terms].sort(order)) {
    const starts = new Set([...letters(term[0], obfuscation)]);
    const touching = groups.filter((g) => [...g.starts].some((c) => starts.has(c)));
    if (!touching.length) {
      groups.push({ starts, terms: [term] });
      continue;
    }
    const into = touching[0];
    for (const g of touching.slice(1)) { // a start both share (i and l share "1" and "|"): one group
      g.starts.forEach((c) => into.starts.add(c));
      into.terms.push(...g.terms);
      groups.splice(groups.indexOf(g), 1);
    }
    starts.forEach((c) => into.starts.add(c));
    into.terms.push(term);
  }
  const parts = groups.map((g) => "(?=" + classOf([...g.starts].sort().join("")) + ")(?:" +
    [...g.terms].sort(order).map(alternative).join("|") + ")");
  // The lookahead on the possible first characters lets the regex engines skip most positions fast.
  const firsts = [...new Set(terms.flatMap((term) => [...letters(term[0], obfuscation)]))].sort();
  return "(?=" + classOf(firsts.join("")) + ")" + WORD_BEFORE + "(?:" + parts.join("|") + ")" + WORD_AFTER;
}

// A look-alike reading counts only for a token with letters, no fewer letters than digits: "sh1t",
// "b!tch" and "f***" read as words; "455" (a room, a bus, a price) and "a55" do not.
export function readsAsWord(token) {
  const count = (re) => (token.match(re) || []).length;
  const n = count(LETTER);
  return n > 0 && n >= count(DIGIT);
}

function inside(pattern, text, start, end) {
  // True when a match of the pattern (searched near the span) covers the span.
  const [lo, hi] = windowAround(text, start, end, INNOCENT_WINDOW);
  for (const m of text.slice(lo, hi).matchAll(pattern)) {
    if (m.index + lo <= start && end <= m.index + m[0].length + lo) return true;
  }
  return false;
}

export function compileRule(rule) {
  // keep(text, start, end) drops look-alike readings of bare numbers and matches inside a phrase the
  // rule calls innocent (a name or a place), as compile.py does; letters: the rule reads the draft
  // with digits in words read as letters (a regex with obfuscation).
  const match = rule.match;
  const compiled = { regex: null, context: null, unless: null, keep: null, letters: match.type === "regex" && !!match.obfuscation };
  if (match.type === "regex") compiled.regex = compileRegex(match.pattern, match.flags || "");
  else if (match.type === "terms") {
    compiled.regex = compileRegex(termsPattern(match.terms, !!match.obfuscation, !!match.masking), "i");
  }
  for (const key of ["context", "unless"]) {
    // Without "g": a context is searched once per match, and must not keep a lastIndex.
    if (match[key]) compiled[key] = [new RegExp(match[key].pattern, (match[key].flags || "").includes("i") ? "i" : ""), match[key].window];
  }
  const checks = [];
  if (match.type === "terms" && match.obfuscation) checks.push((text, start, end) => readsAsWord(text.slice(start, end)));
  if (match.innocent) {
    const innocent = compileRegex(match.innocent.pattern, match.innocent.flags || "");
    checks.push((text, start, end) => !inside(innocent, text, start, end));
  }
  if (checks.length) compiled.keep = (text, start, end) => checks.every((check) => check(text, start, end));
  return compiled;
}
