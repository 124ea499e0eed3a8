// Every string the user sees is in _locales/en and _locales/es: the content scripts and the popup
// name message keys only, and every key they name exists in both languages.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const EXT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "extension");
const locale = (l) => JSON.parse(readFileSync(join(EXT, "_locales", l, "messages.json"), "utf8"));
const en = locale("en");
const es = locale("es");
const sources = [
  ...readdirSync(join(EXT, "content")).filter((f) => f.endsWith(".js")).map((f) => join(EXT, "content", f)),
  join(EXT, "popup", "popup.js"),
];

test("every message key the content scripts and popup name is in English and Spanish", () => {
  for (const file of sources) {
    const src = readFileSync(file, "utf8");
    for (const [, key] of src.matchAll(/\b(?:SG\.)?t\(\s*"([A-Za-z0-9_]+)"\s*[,)]/g)) {
      assert.ok(en[key], `${file}: ${key} is not in _locales/en`);
      assert.ok(es[key], `${file}: ${key} is not in _locales/es`);
    }
  }
});

test("photos.js and channel-banner.js carry no string tables of their own", () => {
  for (const name of ["photos.js", "channel-banner.js"]) {
    const src = readFileSync(join(EXT, "content", name), "utf8");
    assert.doesNotMatch(src, /\b(STRINGS|FALLBACK)\b/, name);
    assert.doesNotMatch(src, /consentimiento|not a district-approved channel/, name);
  }
});

test("the photo question's Spanish is a translation, with its count where English has one", () => {
  assert.equal(es.photoDontAdd.message, "No añadir esta foto");
  assert.equal(es.photoIntroMany.message, "Social Guard revisó las $COUNT$ fotos que está añadiendo.");
  for (const key of Object.keys(en).filter((k) => k.startsWith("photo"))) {
    assert.notEqual(es[key].message, en[key].message, key);
  }
});
