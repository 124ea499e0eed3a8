// Text preparation shared by every matcher (mirrors helper/engine/text.py, table for table; see
// SPEC.md "Text preparation"). Rules read a draft as a reader sees it: Unicode spaces, full-width
// forms, styled letters and digits, Unicode hyphens and curly quotes become ASCII one for one, tabs a space; invisible characters, emoji
// between digits or between spaces, and the spaces after a space are removed; emoji glued between letters read as a space; text under a right-to-left override is reversed; look-alike letters in
// a mixed-script word become Latin (not in `linkText`: there the look-alike is the danger); a draft
// in capitals reads in sentence case.
// span() maps a span of the prepared text (UTF-16 units) to the draft's code points, as Python counts.
import { TABLES } from "./tables.js";

const ONE_FOR_ONE = new Map();
for (const c of [0x09, 0x00a0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) ONE_FOR_ONE.set(String.fromCharCode(c), " ");
for (let c = 0x2000; c < 0x200b; c++) ONE_FOR_ONE.set(String.fromCharCode(c), " ");
for (let c = 0xff01; c < 0xff5f; c++) ONE_FOR_ONE.set(String.fromCharCode(c), String.fromCharCode(c - 0xfee0)); // full-width ！ to ～
for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xfe63]) ONE_FOR_ONE.set(String.fromCharCode(c), "-");
for (const [c, to] of [[0x2018, "'"], [0x2019, "'"], [0x02bc, "'"], [0x201c, '"'], [0x201d, '"']]) {
  ONE_FOR_ONE.set(String.fromCharCode(c), to);
}
// Styled letters and digits, as "fancy font" sites make them, read as Unicode's compatibility mapping
// (and a browser, in a host) reads them: circled letters and digits, the letter-like symbols, and
// mathematical bold, italic, script, fraktur, double-struck, sans-serif and monospace (below).
const LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
for (let c = 0x24b6; c < 0x24ea; c++) ONE_FOR_ONE.set(String.fromCharCode(c), LATIN[c - 0x24b6]);
for (let c = 0x2460; c < 0x2469; c++) ONE_FOR_ONE.set(String.fromCharCode(c), String(c - 0x245f));
ONE_FOR_ONE.set("\u24ea", "0");
[..."ℂℊℋℌℍℎℐℑℒℓℕℙℚℛℜℝℤℨℬℭℯℰℱℳℴ"].forEach((c, i) => ONE_FOR_ONE.set(c, "CgHHHhIILlNPQRRRZZBCeEFMo"[i]));
const ONE_FOR_ONE_RE = new RegExp(`[${[...ONE_FOR_ONE.keys()].join("")}]`, "g");
// The mathematical letters and digits take two UTF-16 units: each becomes its letter or digit and a
// word joiner, so the units keep their places (the joiner is removed with the invisible characters).
const STYLED_RE = /[\u{1d400}-\u{1d6a3}\u{1d7ce}-\u{1d7ff}]/gu;
const styled = (ch) => {
  const c = ch.codePointAt(0);
  return (c >= 0x1d7ce ? String((c - 0x1d7ce) % 10) : LATIN[(c - 0x1d400) % 52]) + "\u2060";
};

const OVERRIDE = "\u202e";
// Characters that take no room on screen. U+202E (the override) is handled on its own.
const INVISIBLE = "\\u00ad\\u034f\\u061c\\u180b-\\u180f\\u200b-\\u200f\\u202a-\\u202d\\u2060-\\u2064\\u2066-\\u206f\\u20e3" +
  "\\ufe00-\\ufe0f\\ufeff\\u{e0000}-\\u{e007f}\\u{e0100}-\\u{e01ef}";
const EMOJI = "\\u2300-\\u23ff\\u2500-\\u27bf\\u2b00-\\u2bff\\u{1f000}-\\u{1faff}";
// A run under the override; a run of invisible characters or emoji; or the spaces after a space.
const STRUCTURE = new RegExp(`\\u202e[^\\u202c\\u2069\\n]*[\\u202c\\u2069]?|[${INVISIBLE}${EMOJI}]+|(?<= ) +`, "gu");
const SPACE_RUN = /\t|  /;
const LETTER = /[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f\u1d00-\u1d2b\ua730\ua731]/;
const INVISIBLE_CHAR = new RegExp(`^[${INVISIBLE}\\u202e]$`, "u");
const EMOJI_CHAR = new RegExp(`[${EMOJI}]`, "u");
const NON_ASCII = /[^\x00-\x7f]/;

const LOOKALIKES = TABLES.lookalike_letters;
const LOOKALIKE_CHAR = new RegExp(`[${Object.keys(LOOKALIKES).join("")}]`);
const LOOKALIKE_ALL = new RegExp(`[${Object.keys(LOOKALIKES).join("")}]`, "g");
const LETTER_RUN = /[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f\u1d00-\u1d2b\ua730\ua731]+/g;

export function prepare(draft) {
  const toCp = codePointIndexer(draft);
  if (!NON_ASCII.test(draft) && !SPACE_RUN.test(draft)) return plain(unshout(draft), draft, toCp);
  const text = draft.replace(ONE_FOR_ONE_RE, (c) => ONE_FOR_ONE.get(c)).replace(STYLED_RE, styled);
  const { linkText, orig, reversed } = restructure(text, toCp);
  const prepared = unshout(foldLookalikes(linkText));
  if (orig === null) return plain(prepared, linkText, toCp);
  return {
    text: prepared,
    linkText,
    span(start, end) {
      if (end <= start) {
        const at = start < orig.length ? orig[start] : toCp(draft.length);
        return [at, at];
      }
      if (!reversed) return [orig[start], orig[end - 1] + 1];
      let lo = Infinity, hi = -1; // a reversed piece maps a run of characters to a run, backwards
      for (let i = start; i < end; i++) { lo = Math.min(lo, orig[i]); hi = Math.max(hi, orig[i]); }
      return [lo, hi + 1];
    },
  };
}

function plain(text, linkText, toCp) {
  // Nothing moved: UTF-16 indices only need counting as the draft's code points.
  return { text, linkText, span: (start, end) => [toCp(start), toCp(end)] };
}

function restructure(text, toCp) {
  // Steps 2 and 3 of SPEC.md: the text without invisible characters and emoji between digits,
  // overrides reversed, and for each UTF-16 unit left the draft's code point it came from (toCp
  // counts the draft's code points: step 1 kept every UTF-16 unit in its place).
  const pieces = [];
  const orig = [];
  let pos = 0, reversed = false;
  const copy = (from, to) => {
    pieces.push(text.slice(from, to));
    for (let i = from; i < to; i++) orig.push(toCp(i));
  };
  const keep = (kept) => {
    for (const [ch, at] of kept) {
      pieces.push(ch);
      for (let k = 0; k < ch.length; k++) orig.push(toCp(at));
    }
  };
  for (const m of text.matchAll(STRUCTURE)) {
    const start = m.index;
    let end = start + m[0].length;
    const run = m[0];
    const chars = [];
    for (let i = 0; i < run.length;) {
      const ch = String.fromCodePoint(run.codePointAt(i));
      chars.push([ch, start + i]);
      i += ch.length;
    }
    let kept;
    if (run[0] === OVERRIDE) {
      kept = chars.filter(([ch]) => !INVISIBLE_CHAR.test(ch)).reverse();
      reversed = true;
    } else if (run[0] === " ") {
      kept = []; // the spaces after a space
    } else if (EMOJI_CHAR.test(run) && (betweenDigits(text, start, end) || (text[start - 1] === " " && text[end] === " "))) {
      if (text[start - 1] === " " && text[end] === " ") end += 1; // "309 📞 555", "no 😂 wonder": one space stays
      kept = [];
    } else if (EMOJI_CHAR.test(run) && LETTER.test(text[start - 1] || "") && LETTER.test(text[end] || "")) {
      kept = [[" ", start]]; // "no😂wonder": a space, as the eye reads it
    } else {
      kept = chars.filter(([ch]) => !INVISIBLE_CHAR.test(ch));
      if (kept.length === chars.length) continue; // emoji among words: nothing to change
    }
    copy(pos, start);
    keep(kept);
    pos = end;
  }
  if (pos === 0) return { linkText: text, orig: null, reversed: false };
  copy(pos, text.length);
  return { linkText: pieces.join(""), orig: Int32Array.from(orig), reversed };
}

function betweenDigits(text, start, end) {
  // A digit before the run (or a digit and one separator) and a digit after it (or one separator
  // and a digit), as in 309📞555, 309-📞555, 309📞-555 and 309 📞 555.
  return /[0-9][ .\-]?$/.test(text.slice(Math.max(0, start - 2), start)) && /^[ .\-]?[0-9]/.test(text.slice(end, end + 2));
}

// Step 5: a draft written in capitals (at least 12, and at most one small letter for four) reads
// in sentence case: small letters, but the first letter of the draft and of each sentence.
const UPPER_ALL = /[A-Z]/g;
const LOWER_ALL = /[a-z]/g;
// Codes with digits (IBANs) keep their capitals, and so do the letter groups beside them (MT84 MALT 0110).
const CAPITAL_WORD = /(?<![A-Za-z0-9])[A-Z]+(?![A-Za-z0-9])/g;
const CODE_AFTER = /^ [A-Za-z]{0,40}[0-9]/;
const ALNUM = /[A-Za-z0-9]/;
const DIGIT = /[0-9]/;
function tokenBefore(text, at) {
  let start = at;
  while (start > 0 && ALNUM.test(text[start - 1])) start--;
  return [start, text.slice(start, at)];
}
// A code with a digit just after the word, or just before it, or a 4-character group before it
// that follows such a code (90AB CDEF G); the digit within 16 characters before the word or 42 after it.
function besideACode(text, start, end) {
  if (!DIGIT.test(text.slice(Math.max(0, start - 16), end + 42))) return false; // no digit near the word
  if (CODE_AFTER.test(text.slice(end, end + 42))) return true;
  if (text[start - 1] !== " ") return false;
  const [at, previous] = tokenBefore(text, start - 1);
  if (DIGIT.test(previous)) return true;
  if (previous.length === 4 && text[at - 1] === " ") return DIGIT.test(tokenBefore(text, at - 1)[1]);
  return false;
}
const SENTENCE_START = /(?:^|[.!?][ \n\r\f\v]+)[^A-Za-z]{0,3}[a-z]/g;
function unshout(text) {
  const upper = (text.match(UPPER_ALL) || []).length;
  if (upper < 12) return text;
  const lower = (text.match(LOWER_ALL) || []).length;
  if (lower * 4 > upper) return text;
  return text.replace(CAPITAL_WORD, (word, at) => (besideACode(text, at, at + word.length) ? word : word.toLowerCase()))
    .replace(SENTENCE_START, (m) => m.slice(0, -1) + m.slice(-1).toUpperCase());
}

function foldLookalikes(text) {
  if (!LOOKALIKE_CHAR.test(text)) return text;
  return text.replace(LETTER_RUN, (run) => {
    const folded = run.replace(LOOKALIKE_ALL, (c) => LOOKALIKES[c]);
    return folded !== run && (/[A-Za-z]/.test(run) || !NON_ASCII.test(folded)) ? folded : run;
  });
}

// Spans are reported in Unicode code points, as Python counts them, not UTF-16 units.
export function codePointIndexer(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length &&
          text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff)) cp++;
  }
  map[text.length] = cp;
  return (i) => map[i];
}

// Digits and signs inside words, read as the letters they stand for, for rules with `obfuscation`
// (SPEC.md), as text.py does: `l0ser`, `fr1ends`, `n0 w0nder`, `st!nk`. One for one: spans are the text's.
const AS_LETTER = TABLES.letter_readings;
const SIGN = new RegExp("[" + Object.keys(AS_LETTER).map((c) => ("\\]^-[".includes(c) ? "\\" + c : c)).join("") + "]", "g");
const LEET_HINT = /[A-Za-z][0-9@$]|[0-9@$][A-Za-z]|[A-Za-z]![a-z]/;
const LEET_TOKEN = /[A-Za-z0-9@$]+/g;
const KEPT_TOKEN = new RegExp("^(?:" + TABLES.letter_readings_kept.join("|") + ")$");
const BANG = /(?<=[A-Za-z])!(?=[a-z])/g;

export function readAsLetters(text) {
  if (!LEET_HINT.test(text)) return text;
  return text.replace(LEET_TOKEN, (token) => {
    let letters = 0;
    for (const c of token) if ((c >= "A" && c <= "Z") || (c >= "a" && c <= "z")) letters++;
    if (letters === token.length || letters * 2 < token.length || KEPT_TOKEN.test(token)) return token;
    return token.replace(SIGN, (c) => AS_LETTER[c]);
  }).replace(BANG, "i");
}

// Where a rule's `context`, `unless` or `innocent` pattern is searched around a match, as text.py
// does: `size` code points each side (a character outside the BMP is one, as Python counts),
// widened (by up to SNAP more) so no word is cut in two: a cut "this" reads "his".
const SNAP = 16;
const WORD_CHAR = /[A-Za-z0-9_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/;
const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

function back(text, at, n) {
  for (; n > 0 && at > 0; n--) {
    at--;
    if (isLow(text.charCodeAt(at)) && at > 0 && isHigh(text.charCodeAt(at - 1))) at--;
  }
  return at;
}

function forward(text, at, n) {
  for (; n > 0 && at < text.length; n--) {
    at++;
    if (isHigh(text.charCodeAt(at - 1)) && at < text.length && isLow(text.charCodeAt(at))) at++;
  }
  return at;
}

export function windowAround(text, start, end, size) {
  let lo = back(text, start, size), hi = forward(text, end, size);
  const floor = back(text, lo, SNAP), ceil = forward(text, hi, SNAP);
  const word = (i) => WORD_CHAR.test(text[i]);
  while (floor < lo && lo < text.length && word(lo - 1) && word(lo)) lo--;
  while (0 < hi && hi < ceil && word(hi - 1) && word(hi)) hi++;
  return [lo, hi];
}
