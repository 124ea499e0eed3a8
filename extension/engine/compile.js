// Turns rule data into compiled patterns (mirrors helper/engine/compile.py).
// Patterns use only syntax both engines accept (checked by the rules lint): no 'u' flag here,
// so \w \d \s \b are ASCII-only, as with Python's re.ASCII.
const LEET = { a: "@4", b: "8", e: "3", g: "9", i: "1!|l", l: "1|", o: "0", s: "$5", t: "7+", z: "2" };
const WORD_BEFORE = "(?<![A-Za-z0-9_*])";
const WORD_AFTER = "(?![A-Za-z0-9_*])";

export function compileRegex(pattern, flags = "") {
  return new RegExp(pattern, "g" + (flags.includes("i") ? "i" : ""));
}

function charClass(ch, first, masking) {
  if (ch === " ") return "[ _.\\-]?";
  if (ch === "'") return "'?";
  if (ch === "-") return "[ \\-]?";
  return classOf(ch + (LEET[ch] || "") + (masking && !first ? "*" : ""));
}

function classOf(chars) {
  return "[" + chars.replace(/\\/g, "\\\\").replace(/]/g, "\\]").replace(/\^/g, "\\^").replace(/-/g, "\\-") + "]";
}

export function termsPattern(terms, obfuscation, masking = false) {
  const sorted = [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const parts = sorted.map((term) => [...term].map((ch, i) =>
    obfuscation ? charClass(ch, i === 0, masking) : (" '-".includes(ch) ? charClass(ch, true, false) : ch)).join(""));
  // The lookahead on the possible first characters lets the regex engines skip most positions fast.
  const firsts = [...new Set(terms.flatMap((term) => [...(term[0] + (obfuscation ? LEET[term[0]] || "" : ""))]))].sort();
  return "(?=" + classOf(firsts.join("")) + ")" + WORD_BEFORE + "(?:" + parts.join("|") + ")" + WORD_AFTER;
}

export function compileRule(rule) {
  const match = rule.match;
  const compiled = { regex: null, context: null, unless: null };
  if (match.type === "regex") compiled.regex = compileRegex(match.pattern, match.flags || "");
  else if (match.type === "terms") {
    compiled.regex = compileRegex(termsPattern(match.terms, !!match.obfuscation, !!match.masking), "i");
  }
  for (const key of ["context", "unless"]) {
    // Without "g": a context is searched once per match, and must not keep a lastIndex.
    if (match[key]) compiled[key] = [new RegExp(match[key].pattern, (match[key].flags || "").includes("i") ? "i" : ""), match[key].window];
  }
  return compiled;
}
