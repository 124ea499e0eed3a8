// Unit tests of the extension's data: site profiles (shared_rules/sites.json), manifests and
// translations. Selector syntax is checked in the real browser by the e2e tests.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (p) => JSON.parse(readFileSync(join(ROOT, p), "utf8"));
const sites = read("shared_rules/sites.json");
const base = read("extension/manifest/base.json");

test("every profile's DM paths are valid regular expressions that match the documented addresses", () => {
  const expect = {
    x: ["/messages", "/messages/123-456", "/messages/compose", "/messages/requests", "/i/chat", "/i/chat/abc"],
    facebook: ["/messages/t/100", "/messages/e2ee/t/100", "/messages/requests/t/1"],
    messenger: ["/t/100", "/"],
    instagram: ["/direct/inbox/", "/direct/t/555/", "/direct/new/"],
  };
  const notDm = { x: ["/home", "/teacher_ana", "/messagesfoo"], facebook: ["/", "/sam.lee"], instagram: ["/", "/coach.lee/"] };
  for (const [id, p] of Object.entries(sites.profiles)) {
    const res = p.dm_paths.map((s) => new RegExp(s));
    for (const path of expect[id] || []) assert.ok(res.some((r) => r.test(path)), `${id} ${path}`);
    for (const path of notDm[id] || []) assert.ok(!res.some((r) => r.test(path)), `${id} ${path} is not a DM`);
    for (const c of p.composers) for (const s of c.paths || []) new RegExp(s);
  }
});

test("every profile cites its sources and has fallback chains", () => {
  for (const [id, p] of Object.entries(sites.profiles)) {
    assert.ok(p.dm_views.source && p.dm_entry_points.source, id);
    for (const c of p.composers) {
      assert.ok(c.source.length > 3, `${id} ${c.kind}`);
      assert.ok(c.selectors.length >= 1);
    }
  }
  const xPost = sites.profiles.x.composers.find((c) => c.kind === "post");
  assert.ok(xPost.selectors.length >= 3, "X's post composer has a fallback chain");
});

test("content scripts come from the site profiles at build time, with the fewest permissions", () => {
  // buildtools/content_scripts.py writes one entry per profile from manifest/content_scripts.json.
  const scripts = read("extension/manifest/content_scripts.json");
  assert.equal(base.content_scripts, undefined, "the source manifest holds no script list");
  const hosts = Object.values(sites.profiles).flatMap((p) => p.hosts);
  const granted = new Set(base.host_permissions.map((m) => new URL(m.replace("*", "x")).hostname));
  for (const h of hosts) assert.ok(granted.has(h), h);
  assert.deepEqual(base.permissions, ["storage"]);
  assert.equal(scripts.run_at, "document_start");
  assert.equal(scripts.all_frames, false);
  assert.equal(scripts.js.at(-1), "content/main.js");
  assert.deepEqual(scripts.js.slice(0, 2), ["platform/browser-api.js", "shared/messages.js"]);
  assert.ok(scripts.js.includes("content/sites/{profile}.js"));
  for (const id of Object.keys(sites.profiles)) assert.ok(existsSync(join(ROOT, "extension", "content", "sites", `${id}.js`)), id);
  for (const script of [...scripts.js.filter((s) => !s.includes("{") && s !== "content/site-profiles.js"), ...Object.keys(scripts.only_where_the_profile_has)]) {
    assert.ok(existsSync(join(ROOT, "extension", script)), script);
  }
});

test("content scripts start with a header comment saying where they run", () => {
  const dir = join(ROOT, "extension", "content");
  const files = [...readdirSync(dir).filter((f) => f.endsWith(".js")).map((f) => join(dir, f)),
    ...readdirSync(join(dir, "sites")).map((f) => join(dir, "sites", f))];
  for (const f of files) {
    const head = readFileSync(f, "utf8").slice(0, 200);
    assert.match(head, /^\/\*\n \* Content script, /, f);
  }
});

test("content scripts hold no rules and never reach the helper", () => {
  const dir = join(ROOT, "extension", "content");
  for (const f of [...readdirSync(dir).filter((f) => f.endsWith(".js")), ...readdirSync(join(dir, "sites")).map((f) => "sites/" + f)]) {
    const src = readFileSync(join(dir, f), "utf8");
    assert.doesNotMatch(src, /127\.0\.0\.1|localhost|fetch\(/, f);
    assert.doesNotMatch(src, /rules\.json|createEngine/, f);
  }
});

test("English and Spanish translations have the same keys and placeholders", () => {
  const en = read("extension/_locales/en/messages.json");
  const es = read("extension/_locales/es/messages.json");
  assert.deepEqual(Object.keys(en).sort(), Object.keys(es).sort());
  for (const k of Object.keys(en)) {
    assert.deepEqual(Object.keys(en[k].placeholders || {}), Object.keys(es[k].placeholders || {}), k);
    assert.notEqual(es[k].message, "", k);
  }
  // Every key the extension uses exists.
  const used = new Set();
  for (const f of ["content/dm.js", "content/compose.js", "content/links.js", "content/overlay.js", "content/warning-parts.js", "popup/popup.js", "popup/popup.html"]) {
    const src = readFileSync(join(ROOT, "extension", f), "utf8");
    for (const m of src.matchAll(/(?:SG\.t|\bt)\("([A-Za-z_]+)"\s*[,)]/g)) used.add(m[1]);
    for (const m of src.matchAll(/data-i18n="([A-Za-z_]+)"/g)) used.add(m[1]);
  }
  for (const k of used) assert.ok(k in en, `missing translation ${k}`);
});

test("the engine flags a DM surface, which the DM warning relies on", async () => {
  if (!existsSync(join(ROOT, "extension/engine/node-loader.js"))) return;
  const { loadBundle } = await import("../../extension/engine/node-loader.js");
  const { createEngine } = await import("../../extension/engine/index.js");
  const engine = createEngine(loadBundle(join(ROOT, "shared_rules")), {});
  for (const site of ["x", "facebook", "instagram"]) {
    const { findings } = engine.check({ text: "", site, surface: "dm" });
    assert.equal(findings[0].category, "direct_message");
  }
});
