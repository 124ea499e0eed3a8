// Checks that a regular-expression match is really what it looks like (mirrors validators.py).
import { TABLES } from "./tables.js";

const CARD_PREFIXES = TABLES.card_prefixes;
const MAESTRO_PREFIXES = TABLES.maestro_prefixes;

export const digits = (s) => s.replace(/[^0-9]/g, "");

const TOLL_FREE = TABLES.toll_free_area_codes;

function nanpTen(d, settings) {
  if (d.length === 11 && d[0] === "1") d = d.slice(1);
  if (d.length !== 10) return false;
  const area = d.slice(0, 3), exchange = d.slice(3, 6);
  if ("01".includes(area[0]) || area.slice(1) === "11" || exchange.slice(1) === "11" ||
      ["555", "950", "958", "959"].includes(area) || TOLL_FREE.includes(area)) return false;
  // The district's own public numbers are fine to post.
  return !(settings.public_phones || []).some((p) => digits(p).slice(-10) === d);
}

const nanpPhone = (match, settings) => nanpTen(digits(match), settings);

const DIGIT_WORDS = TABLES.digit_words;

function spelledPhone(match, settings) {
  // A North American number written with digit words or with a space between single digits (see
  // validators.py): a list of scores or sizes has longer numbers in it, or fewer than three words.
  const tokens = match.toLowerCase().match(/[0-9]+|[a-z]+/g) || [];
  const isNumber = (t) => /^[0-9]/.test(t);
  const words = tokens.filter((t) => !isNumber(t)).length;
  if (words < 3 && tokens.some((t) => isNumber(t) && t.length > 1)) return false;
  return nanpTen(tokens.map((t) => DIGIT_WORDS[t] ?? t).join(""), settings);
}

// Dates, ranges of years and Social Security numbers, written with the separators of a phone number.
const NOT_CONTACT = /^(?:[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}|[0-9]{4}[/.\-][0-9]{1,2}[/.\-][0-9]{1,2}|(?:19|20)[0-9]{2} ?[\-/] ?(?:19|20)?[0-9]{2}|[0-9]{3}([ .\-])[0-9]{2}\1[0-9]{4})$/;

export function looksLikeAList(match) {
  // Numbers with spaces between that read as a list, not one number: small numbers (21 14 35 28,
  // sizes 10 12 14 16) with no + or trunk 0 in front, or years (2024 2025).
  const groups = match.trim().split(" ");
  if (groups.some((g) => !/^[0-9]+$/.test(g))) return false;
  if (groups.every((g) => g.length <= 2) && groups[0][0] !== "0") return true;
  return groups.every((g) => g.length === 4 && ["19", "20"].includes(g.slice(0, 2)));
}

function publicDigits(settings) {
  // The district's public numbers, whole and as the seven digits dialled locally.
  const out = new Set();
  for (const p of settings.public_phones || []) {
    const d = digits(p);
    if (d.length >= 7) { out.add(d.slice(-10)); out.add(d.slice(-7)); }
  }
  return out;
}

function contactNumber(match, settings) {
  // A phone number in any country's format after a phone or messaging word: 7 to 15 digits, not a
  // date, a range of years or an SSN, not one digit repeated, not a toll-free or public number.
  const d = digits(match);
  if (d.length < 7 || d.length > 15 || new Set(d).size === 1 || NOT_CONTACT.test(match.trim()) || looksLikeAList(match)) {
    return false;
  }
  const national = d.length === 11 && d[0] === "1" ? d.slice(1) : d;
  if (national.length === 10 && TOLL_FREE.includes(national.slice(0, 3))) return false;
  return ![...publicDigits(settings)].some((p) => d.slice(-p.length) === p || p.endsWith(d));
}

const CARD_LENGTHS = TABLES.card_lengths;

function cardLengthOk(d) {
  if (MAESTRO_PREFIXES.some((p) => d.startsWith(p))) return true; // Maestro: 12 to 19 digits
  for (const [prefix, lengths] of CARD_LENGTHS) if (d.startsWith(prefix)) return lengths.includes(d.length);
  return d.length === 16; // Mastercard (51-55, 22-27)
}

function luhnCard(match) {
  const d = digits(match);
  if (d.length < 12 || d.length > 19 || new Set(d).size === 1 || !CARD_PREFIXES.some((p) => d.startsWith(p)) ||
      !cardLengthOk(d)) return false;
  let total = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) n = n > 4 ? n * 2 - 9 : n * 2;
    total += n;
  }
  return total % 10 === 0;
}

const IBAN_LENGTHS = TABLES.iban_lengths;

function iban(match) {
  // The mod-97 check of an IBAN of its country's length, written in one case (see validators.py); a
  // word after the number is no part of it: groups are dropped from the end until one reading fits.
  const parts = match.split(/[ -]/).filter(Boolean);
  while (parts.length) {
    if (ibanOk(parts.join(""))) return true;
    parts.pop();
  }
  return false;
}

function ibanOk(raw) {
  const upper = raw.toUpperCase(), lower = raw.toLowerCase();
  if (raw !== upper && raw !== lower && /[A-Za-z]/.test(raw.slice(2))) return false;
  const s = upper;
  if (IBAN_LENGTHS[s.slice(0, 2)] !== s.length) return false;
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

const ADDRESS_WORDS = TABLES.address_words;

export function addressTokens(s) {
  return (s.toLowerCase().match(/[a-z0-9]+/g) || []).map((t) => ADDRESS_WORDS[t] || t);
}

function publicAddress(match, settings) {
  // False when the match is the start of one of the district's public addresses (or one of them is
  // the start of the match): `public_addresses` in the district profile are fine to post.
  // Words before the house number ("vivo en", "my address is") are no part of the address.
  let found = addressTokens(match);
  const first = found.findIndex((t) => /^[0-9]/.test(t));
  if (first > 0 && found[first - 1] !== "box") found = found.slice(first);
  if (!found.length) return true;
  for (const pub of settings.public_addresses || []) {
    const own = addressTokens(pub);
    const n = Math.min(own.length, found.length);
    if (n && own.slice(0, n).every((t, i) => t === found[i])) return false;
  }
  return true;
}

export const VALIDATORS = { nanp_phone: nanpPhone, luhn_card: luhnCard, iban, personal_email: personalEmail,
  not_public_phone: notPublicPhone, public_address: publicAddress, spelled_phone: spelledPhone,
  contact_number: contactNumber };
