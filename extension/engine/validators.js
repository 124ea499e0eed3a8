// Checks that a regular-expression match is really what it looks like (mirrors validators.py).
const CARD_PREFIXES = ["4", "34", "37", "30", "36", "38", "39", "35", "2131", "1800", "6011", "64", "65", "62",
  "51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27",
  "50", "56", "57", "58", "63", "67"];
const MAESTRO_PREFIXES = ["50", "56", "57", "58", "63", "67"];

export const digits = (s) => s.replace(/[^0-9]/g, "");

function nanpPhone(match, settings) {
  let d = digits(match);
  if (d.length === 11 && d[0] === "1") d = d.slice(1);
  if (d.length !== 10) return false;
  const area = d.slice(0, 3), exchange = d.slice(3, 6);
  if (area.slice(1) === "11" || exchange.slice(1) === "11" || ["555", "950", "958", "959"].includes(area)) return false;
  // The district's own public numbers are fine to post.
  return !(settings.public_phones || []).some((p) => digits(p).slice(-10) === d);
}

function luhnCard(match) {
  const d = digits(match);
  if (d.length < 12 || d.length > 19 || new Set(d).size === 1 || !CARD_PREFIXES.some((p) => d.startsWith(p))) return false;
  if (d.length === 12 && !MAESTRO_PREFIXES.some((p) => d.startsWith(p))) return false; // only Maestro cards have 12 digits
  let total = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) n = n > 4 ? n * 2 - 9 : n * 2;
    total += n;
  }
  return total % 10 === 0;
}

function iban(match) {
  const s = match.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const rotated = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rotated) {
    const value = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function personalEmail(match, settings) {
  const domain = match.slice(match.lastIndexOf("@") + 1).toLowerCase();
  return !(settings.domains || []).some((own) => domain === own || domain.endsWith("." + own));
}

function notPublicPhone(match, settings) {
  // False for one of the district's own public numbers (district profile `public_phones`).
  const d = digits(match);
  return d.length < 10 || !(settings.public_phones || []).some((p) => digits(p).slice(-10) === d.slice(-10));
}

// Street-type and direction words, and their usual abbreviations, compared as one.
const ADDRESS_WORDS = { street: "st", avenue: "ave", av: "ave", road: "rd", boulevard: "blvd", lane: "ln",
  drive: "dr", court: "ct", place: "pl", terrace: "ter", circle: "cir", parkway: "pkwy", highway: "hwy",
  trail: "trl", north: "n", south: "s", east: "e", west: "w", apartment: "apt", suite: "ste" };

export function addressTokens(s) {
  return (s.toLowerCase().match(/[a-z0-9]+/g) || []).map((t) => ADDRESS_WORDS[t] || t);
}

function publicAddress(match, settings) {
  // False when the match is the start of one of the district's public addresses (or one of them is
  // the start of the match): `public_addresses` in the district profile are fine to post.
  const found = addressTokens(match);
  if (!found.length) return true;
  for (const pub of settings.public_addresses || []) {
    const own = addressTokens(pub);
    const n = Math.min(own.length, found.length);
    if (n && own.slice(0, n).every((t, i) => t === found[i])) return false;
  }
  return true;
}

export const VALIDATORS = { nanp_phone: nanpPhone, luhn_card: luhnCard, iban, personal_email: personalEmail,
  not_public_phone: notPublicPhone, public_address: publicAddress };
