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
  // One alternation of the terms, longest first, with word edges (see compile.py). The terms are
  // grouped by the characters they can start with, and groups never share one: at any position only
  // one group can match, so the longest-first order holds, and a lookahead on each group's first
  // characters lets the regex engines skip the other groups fast.
  const order = (a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
  const alternative = (term) => [...term].map((ch, i) =>
    obfuscation ? charClass(ch, i === 0, masking) : (" '-".includes(ch) ? charClass(ch, true, false) : ch)).join("");
  const groups = [];
  for (const term of [...terms].sort(order)) {
    const starts = new Set([...(term[0] + (obfuscation ? LEET[term[0]] || "" : "")).toLowerCase()]);
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
