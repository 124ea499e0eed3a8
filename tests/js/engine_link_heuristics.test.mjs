// The link heuristics as functions: brand lookalikes (lists/brands.txt), compound hosts included, and
// direct downloads (lists/risky_extensions.txt). helper/engine/links.py must give the same answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createEngine } from "../../extension/engine/index.js";
import { lookalikeOf, machineMade, riskyFile, underZone } from "../../extension/engine/links.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { RULES_DIR } from "./vectors.mjs";

const bundle = loadBundle(RULES_DIR);
const brands = new Set(bundle.lists.brands);
const endings = new Set(bundle.lists.risky_extensions);
const riskyHosts = new Set(bundle.lists.risky_hosts);
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

// The same tables are in tests/test_link_heuristics.py: both engines must agree on every host.
const MACHINE_MADE = ["a8883658.com", "40109575.com", "33002s.com", "1544617-coinbase.com", "0f23538a.svyr9n.shop",
  "004261200-conf1rm.example.net", "x.207087262.xyz", "005pyn4t.com",
  "0cba1k17t3xffn.example.ru"];
const PERSON_MADE = ["12306.cn", "www.17173.com", "www.3m.com", "class2025.example.org", "web2.0calc.com",
  "xn--80ak6aa92e.com", "x.xn--wqr44au58h7ev.com", "deadbeef.example.com", "192.168.10.20", "us02web.zoom.us", "",
  "24x7support.com", "www.w3schools.com", "covid19.example.gov", "mp3juices.cc", "b2b2c.example.com"];

test("machine-made host names are told from names people chose", () => {
  for (const host of MACHINE_MADE) assert.equal(machineMade(host), true, host);
  for (const host of PERSON_MADE) assert.equal(machineMade(host), false, host);
});

test("a name under a risky zone is risky; the zone's own site and look-alike zones are not", () => {
  for (const host of ["x.duckdns.org", "a.b.netlify.app", "prize.tk", "brave-otter-12.trycloudflare.com"]) {
    assert.equal(underZone(host, riskyHosts), true, host);
  }
  for (const host of ["duckdns.org", "www.netlify.com", "tk", "notduckdns.org", "mrsrivera.blogspot.com", "ms-smith.github.io"]) {
    assert.equal(underZone(host, riskyHosts), false, host);
  }
});

// The same tables are in tests/test_link_heuristics.py: brands hidden in a compound host, and sites
// staff link to every day (several with hyphens, digits or a brand word in them).
const COMPOUND_LOOKALIKES = {
  "faceb00k-security.com": "facebook.com", "secure-1nstagram.net": "instagram.com", "x-c0m-login.io": "x.com",
  "x-com-verify.net": "x.com", "molinesch00ls-portal.org": "molineschools.org",
  "www.rnolineschools-login.org": "molineschools.org", "www.tvvitter-support.com": "twitter.com",
  "g00gle-docs-share.net": "google.com", "login.g00gle.example-mail.net": "google.com",
  "app1e-id-verify.com": "apple.com", "www.paypa1-verify.net": "paypal.com", "track.usp5-delivery.com": "usps",
  "netfl1x-billing.com": "netflix", "faceb00k.com": "facebook.com", "facebook-security.com": "facebook.com",
};
const STAFF_LINKED = ["docs.google.com", "drive.google.com", "classroom.google.com", "www.signupgenius.com", "www.youtube.com",
  "gofan.co", "www.molineschools.org", "www.moline-coalvalley.org", "www.boxtops4education.com",
  "www.rock-island-library.org", "www.4-h.org", "www.x-ray-vision.org", "www.x-com.org",
  "www.apple-festival.com", "www.ihsa.org", "www.maxpreps.com", "www.nfhsnetwork.com",
  "moline.schoology.com", "molineschools.powerschool.com", "outlook.office365.com", "teams.microsoft.com",
  "www.khanacademy.org", "quizlet.com", "www.scholastic.com", "www.pbskids.org", "www.qctimes.com",
  "www.wqad.com", "www.kwqc.com", "www.augustana.edu", "www.bhc.edu", "www.eastmoline.com",
  "www.rigov.org", "www.quad-city-arts.org", "www.black-hawk-college.org", "www.johndeere.com",
  "www.gofundme.com", "www.eventbrite.com", "www.canva.com", "www.classdojo.com", "www.seesaw.me",
  "www.mail-in-voting.org", "www.first-day-of-school.com", "www.team4tech.org", "www.k12.il.us"];

test("a brand disguised in one hyphen or dot piece of a compound host is found", () => {
  for (const [host, imitated] of Object.entries(COMPOUND_LOOKALIKES)) {
    assert.equal(lookalikeOf(host, protectedDomains, brands), imitated, host);
  }
});

test("sites staff link to are not lookalikes, and their links with paths raise nothing", () => {
  const engine = createEngine(bundle);
  for (const host of STAFF_LINKED) {
    assert.equal(lookalikeOf(host, protectedDomains, brands), null, host);
    const text = `Details here: https://${host}/2026/fall-sign-up?id=4417 thanks!`;
    assert.deepEqual(engine.check({ text, site: "facebook", surface: "post" }).findings, [], host);
  }
});

test("links ending in thousands of brackets cost no more than other links", () => {
  // Trimming counts a link's brackets once, not once per bracket it drops (CPU time, least of five).
  const engine = createEngine(bundle);
  const draft = (tail) => ("https://example.com/a" + tail.repeat(1990) + " ").repeat(50);
  const cpuMs = (text) => {
    const before = process.cpuUsage();
    engine.check({ text, site: "x", surface: "post" });
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const best = (text) => Math.min(...[0, 1, 2, 3, 4].map(() => cpuMs(text)));
  const [brackets, letters] = [best(draft(")")), best(draft("a"))];
  assert.ok(brackets < 4 * Math.max(letters, 1), `${brackets} ms against ${letters} ms`);
});
