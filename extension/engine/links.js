// Finds links in a draft and judges each one (mirrors helper/engine/links.py line for line).
import { TABLES } from "./tables.js";

export const UNSAFE_SCHEMES = new Set(TABLES.unsafe_schemes);
const SECOND_LEVEL = new Set(TABLES.second_level);
const TRAILING = ".,;:!?'\"*";
export const BAIT_WORDS = new Set(TABLES.bait_words);
const SKELETON_PAIRS = TABLES.skeleton_pairs;

const count = (s, ch) => s.split(ch).length - 1;

export function trim(url) {
  // Drops punctuation that ends the sentence rather than the link (a closing bracket only when it
  // has no opening one). The brackets are counted once: a link can end in 2,000 of them.
  let parens = count(url, ")") - count(url, "("), brackets = count(url, "]") - count(url, "[");
  let end = url.length;
  while (end) {
    const last = url[end - 1];
    if (TRAILING.includes(last)) end--;
    else if (last === ")" && parens > 0) { parens--; end--; }
    else if (last === "]" && brackets > 0) { brackets--; end--; }
    else break;
  }
  return url.slice(0, end);
}

export function parse(url) {
  // Returns [scheme, userinfo, host]; scheme is "" for a bare domain.
  const m = /^([A-Za-z][A-Za-z0-9+.\-]*):/.exec(url);
  let scheme = "", rest = url;
  if (m && (url.slice(m[0].length, m[0].length + 2) === "//" || UNSAFE_SCHEMES.has(m[1].toLowerCase()))) {
    scheme = m[1].toLowerCase();
    rest = url.slice(m[0].length);
    if (UNSAFE_SCHEMES.has(scheme) && !rest.startsWith("//")) return [scheme, "", ""];
    rest = rest.slice(2);
  }
  const authority = rest.split(/[/?#\\]/)[0];
  const at = authority.lastIndexOf("@");
  const userinfo = at >= 0 ? authority.slice(0, at) : "";
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  const host = hostport.startsWith("[") ? hostport.split("]")[0] + "]" : hostport.split(":")[0];
  return [scheme, userinfo, host.toLowerCase().replace(/\.+$/, "")];
}

export function findLinks(text, pattern) {
  const links = [];
  for (const m of text.matchAll(pattern)) {
    const url = trim(m[0]);
    if (!url) continue;
    const [scheme, userinfo, host] = parse(url);
    links.push({ start: m.index, end: m.index + url.length, url, scheme, userinfo, host });
  }
  return links;
}

export function registrable(host) {
  const labels = host.split(".");
  if (labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2])) return labels.slice(-3).join(".");
  return labels.slice(-2).join(".");
}

export function onList(host, entries) {
  // True when host is an entry or a subdomain of one.
  const parts = host.split(".");
  for (let i = 0; i < parts.length; i++) if (entries.has(parts.slice(i).join("."))) return true;
  return false;
}

export function underZone(host, zones) {
  // True when host is a name under one of the zones (x.duckdns.org, y.tk), not the zone itself:
  // its parent domain is on the list.
  const dot = host.indexOf(".");
  return dot >= 0 && onList(host.slice(dot + 1), zones);
}

const HEX_ID = /^(?=[a-f]*[0-9])(?=[0-9]*[a-f])[0-9a-f]{8,}$/;
const digitCount = (s) => (s.match(/[0-9]/g) || []).length;

export function machineMade(host) {
  // A name no person picked: a registrable name of letters with five or more digits among them, or
  // of seven or more digits alone (a8883658.com, 40109575.com), or a subdomain piece that is a long
  // number or a hex id (004261200-x.example.net, 0f23538a.shop.cn), or any name piece with digits and
  // letters shuffled together (005pyn4t.com). Scam kits mint such names by the thousand; sites people
  // are meant to type do not use them. Punycode labels are left to link.punycode.
  if (!host || isIpLiteral(host)) return false;
  const reg = registrable(host);
  const name = reg.split(".")[0];
  const digits = digitCount(name);
  if (!name.startsWith("xn--") &&
      ((digits >= 5 && digits < name.replace(/-/g, "").length) || (digits >= 7 && digits === name.length))) {
    return true;  // real number names are short: 12306.cn, 17173.com
  }
  const inner = host.slice(0, host.length - reg.length).replace(/\.+$/, "");
  const innerLabels = inner ? inner.split(".") : [];
  if (innerLabels.some((label) => !label.startsWith("xn--") &&
    label.split("-").some((piece) => digitCount(piece) >= 6 || HEX_ID.test(piece)))) return true;
  return [...innerLabels, name].some((label) => !label.startsWith("xn--") && label.split("-").some(scrambled));
}

function scrambled(piece) {
  // Digits and letters shuffled together (005pyn4t, 0cba1k17t3xffn), not a name with a number
  // in it (covid19, w3schools, 24x7support): three digits or more, switching often.
  const digits = digitCount(piece);
  let switches = 0;
  for (let i = 1; i < piece.length; i++) if (/[0-9]/.test(piece[i - 1]) !== /[0-9]/.test(piece[i])) switches++;
  return (digits >= 3 && switches >= 4) || (digits >= 4 && switches >= 3);
}

export function isIpLiteral(host) {
  if (host.startsWith("[")) return true;
  if (/^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/.test(host)) return true;
  return /^(?:0x[0-9a-f]+|[0-9]{8,10})$/.test(host);
}

const SKELETON_CACHE = new Map();

// skeleton() of a protected or brand name, remembered: the same few names are asked for each link.
function nameSkeleton(name) {
  if (!SKELETON_CACHE.has(name)) SKELETON_CACHE.set(name, skeleton(name));
  return SKELETON_CACHE.get(name);
}

export function skeleton(name) {
  name = name.toLowerCase();
  for (const [src, dst] of SKELETON_PAIRS) name = name.split(src).join(dst);
  return name.split("-").join("");
}

export function withinOneEdit(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
    return diffs.length === 1 || (diffs.length === 2 && diffs[1] === diffs[0] + 1 &&
      a[diffs[0]] === b[diffs[1]] && a[diffs[1]] === b[diffs[0]]);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

export function lookalikeOf(host, protectedDomains, brands = []) {
  // The protected domain (or brand name) this host imitates, or null.
  if (!host || isIpLiteral(host)) return null;
  const reg = registrable(host);
  const regName = reg.split(".")[0];
  const regSkeleton = skeleton(regName);
  const labels = host.split(".");
  const inner = labels.slice(0, -1);
  const innerPieces = inner.map((label) => label.split("-"));
  const allPieces = new Set(innerPieces.flat());
  // Each hyphen piece of each name label, read as it looks: a brand hidden in a compound
  // (faceb00k-security, secure-1nstagram) shows as a piece that is not the name but looks like it.
  const looks = new Map();
  for (const piece of allPieces) {
    const key = skeleton(piece);
    if (!looks.has(key)) looks.set(key, new Set());
    looks.get(key).add(piece);
  }
  for (const domain of protectedDomains) if (host === domain || host.endsWith("." + domain)) return null;
  for (const domain of protectedDomains) {
    const name = domain.split(".")[0];
    if (regName === name) continue; // google.de is Google's own
    if (name.length < 4) {
      // x-c0m-login.io: x.com written with a hyphen, disguised or beside a lure word
      if (spelledInPieces(regName.split("-"), domain)) return domain;
      continue; // x.com and t.co are too short to judge by name
    }
    if (regSkeleton === nameSkeleton(name) || (name.length >= 6 && withinOneEdit(regName, name))) return domain;
    // faceb00k-security.com, rnolineschools-login.org, login.g00gle.example.net
    if (disguised(looks, name)) return domain;
    // facebook-login.com, secure-instagram.net, apple-id-verify.com (not apple-pie-recipes.com)
    if (regName.split("-").includes(name) && (name.length >= 7 || baited(regName.split("-"), name))) return domain;
    if ((inner.join(".") + ".").indexOf(domain + ".") !== -1) return domain;
  }
  for (const entry of brands) {
    const [name, ...owned] = entry.split(/\s+/);
    if (regName === name || owned.includes(reg)) continue; // amazon.co.uk, amazon.de, outlook.office.com: the brand's own
    // amazon.jp-h.top, 1544617-coinbase.com, secure-paypal-login.net
    if (allPieces.has(name) && (inner.includes(name) || innerPieces.some((pieces) => baited(pieces, name)))) return name;
    // amaz0n.shop, netfl1x.com, paypa1-verify.net
    if (name.length >= 4 && (regSkeleton === nameSkeleton(name) || disguised(looks, name))) return name;
    if (name.length >= 6 && Math.abs(name.length - regName.length) <= 1 && withinOneEdit(regName, name)) return name;
  }
  return null;
}

function disguised(looks, name) {
  // A piece that looks like the name without being it.
  const pieces = looks.get(nameSkeleton(name));
  return !!pieces && [...pieces].some((p) => p !== name);
}

function spelledInPieces(pieces, domain) {
  // The domain's labels as consecutive hyphen pieces (x-com, x-c0m), one of them disguised or the
  // rest holding a lure word or a number: x-c0m-login, x-com-verify (not x-com alone, a game's name).
  const labels = domain.split(".");
  const want = labels.map(skeleton);
  const n = want.length;
  for (let i = 0; i + n <= pieces.length; i++) {
    const window = pieces.slice(i, i + n);
    if (window.every((p, k) => skeleton(p) === want[k])) {
      const rest = [...pieces.slice(0, i), ...pieces.slice(i + n)];
      if (window.some((p, k) => p !== labels[k]) || rest.some((p) => BAIT_WORDS.has(p) || /^[0-9]+$/.test(p))) return true;
    }
  }
  return false;
}

function baited(pieces, name) {
  // A brand name among a label's hyphen pieces, beside a lure word, a number or a TLD word
  // (paypal-login, 1544617-coinbase, microsoft-com); apple-pie-recipes is left alone.
  return pieces.includes(name) && pieces.some((p) => p !== name && (BAIT_WORDS.has(p) || /^[0-9]+$/.test(p)));
}

export function riskyFile(url, endings) {
  // True when the link's path ends in a program, script or archive (.../setup.exe, .../x.zip?dl=1).
  const rest = url.replace(/^[A-Za-z][A-Za-z0-9+.\-]*:\/\//, "");
  const path = rest.split(/[?#]/)[0];
  if (!path.includes("/")) return false;
  const last = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return last.includes(".") && endings.has(last.slice(last.lastIndexOf(".") + 1));
}

export function normalizeUrl(url) {
  // How visited links are compared: no scheme, no "www.", no trailing slash, lower-case host.
  url = url.replace(/^[A-Za-z][A-Za-z0-9+.\-]*:\/\//, "");
  const slash = url.indexOf("/");
  let host = slash >= 0 ? url.slice(0, slash) : url;
  const rest = slash >= 0 ? url.slice(slash) : "";
  host = host.toLowerCase();
  if (host.startsWith("www.")) host = host.slice(4);
  return (host + rest).replace(/\/+$/, "");
}

export function check(kind, link, ctx) {
  const host = link.host;
  if (kind === "unsafe_scheme") return UNSAFE_SCHEMES.has(link.scheme);
  if (UNSAFE_SCHEMES.has(link.scheme)) return false;
  if (kind === "credentials") return !!link.userinfo;
  const allowed = onList(host, ctx.allowlist);
  if (kind === "blocklisted") return !allowed && onList(host, ctx.blocklist);
  if (kind === "insecure") return link.scheme === "http";
  if (kind === "unvisited") return ctx.visited !== null && !ctx.visited.has(normalizeUrl(link.url));
  if (allowed) return false;
  if (kind === "ip_literal") return isIpLiteral(host);
  if (kind === "punycode") return host.split(".").some((l) => l.startsWith("xn--")) || /[^\x00-\x7f]/.test(host);
  if (kind === "lookalike") return lookalikeOf(host, ctx.protectedDomains, ctx.lists[ctx.list || "brands"] || new Set()) !== null;
  if (kind === "risky_file") return riskyFile(link.url, ctx.lists[ctx.list || "risky_extensions"] || new Set());
  if (kind === "shortener") return onList(host, ctx.lists[ctx.list || "shorteners"] || new Set());
  if (kind === "risky_host") return underZone(host, ctx.lists[ctx.list || "risky_hosts"] || new Set());
  if (kind === "machine_made") return machineMade(host);
  throw new Error(`unknown link check ${kind}`);
}
