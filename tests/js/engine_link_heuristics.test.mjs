// The link heuristics added for issue 4, as functions: brand lookalikes (lists/brands.txt) and
// direct downloads (lists/risky_extensions.txt). helper/engine/links.py must give the same answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lookalikeOf, riskyFile } from "../../extension/engine/links.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { RULES_DIR } from "./vectors.mjs";

const bundle = loadBundle(RULES_DIR);
const brands = new Set(bundle.lists.brands);
const endings = new Set(bundle.lists.risky_extensions);
const protectedDomains = bundle.district.protected_domains;

test("a brand on someone else's domain is a lookalike; the brand's own domains are not", () => {
  for (const host of ["amazon.jp-h.top", "1544617-coinbase.com", "amaz0n.shop", "netflx.com", "netflix.com.account-update.ru"]) {
    assert.notEqual(lookalikeOf(host, protectedDomains, brands), null, host);
  }
  for (const host of ["www.amazon.co.uk", "outlook.office.com", "appleid.apple.com", "www.apple-pie-recipes.com",
    "www.chase-field-tours.com", "en.wikipedia.org"]) {
    assert.equal(lookalikeOf(host, protectedDomains, brands), null, host);
  }
});

test("a path ending in a program or archive is a download; documents and queries are not", () => {
  assert.equal(riskyFile("http://1.2.3.4/bins/mozi.m68k", endings), true);
  assert.equal(riskyFile("https://example.org/setup.EXE?dl=1#x", endings), true);
  assert.equal(riskyFile("https://example.org/handout.pdf", endings), false);
  assert.equal(riskyFile("https://www.google.com/search?q=setup.exe", endings), false);
  assert.equal(riskyFile("example.zip", endings), false, "a bare domain has no path");
});
