// Unit tests of shared_rules/sites.json's provenance (docs/SITES.md): every selector names the
// public source it was checked against, every DM path has a source, legacy fallbacks come last,
// and the DM short links and X Chat's shadow-root hosts are there.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const sites = JSON.parse(readFileSync(join(ROOT, "shared_rules/sites.json"), "utf8"));

function chains(p) {
  const out = [["dm_views", p.dm_views.selectors], ["dm_views.close", p.dm_views.close], ["dm_entry_points", p.dm_entry_points.selectors]];
  if (p.shadow_hosts) out.push(["shadow_hosts", p.shadow_hosts.selectors]);
  for (const c of p.composers) out.push([`${c.kind}.selectors`, c.selectors], [`${c.kind}.send_buttons`, c.send_buttons]);
  return out;
}

test("every selector of the DM, share and composer chains names its source", () => {
  for (const [id, p] of Object.entries(sites.profiles)) {
    for (const [name, chain] of chains(p)) {
      for (const entry of chain) {
        assert.equal(typeof entry, "object", `${id} ${name}: ${JSON.stringify(entry)} has no source`);
        assert.ok(typeof entry.source === "string" && entry.source.length > 10, `${id} ${name} ${entry.selector}`);
        // A named extension file at a commit, SELECTORS.md, or an honest "not found yet".
        assert.match(entry.source, /@[0-9a-f]{40}|SELECTORS\.md|not found in a named extension|same |Spanish|shadow root/, `${id} ${name} ${entry.selector}`);
      }
    }
  }
});

test("legacy fallbacks come after every current selector of their chain", () => {
  for (const [id, p] of Object.entries(sites.profiles)) {
    for (const [name, chain] of chains(p)) {
      const firstFallback = chain.findIndex((e) => e.fallback);
      if (firstFallback < 0) continue;
      assert.ok(chain.slice(firstFallback).every((e) => e.fallback), `${id} ${name}: a current selector after a fallback`);
      assert.ok(firstFallback > 0, `${id} ${name}: only fallbacks`);
    }
  }
});

test("every DM path has a source, and the documented addresses are DMs", () => {
  for (const [id, p] of Object.entries(sites.profiles)) {
    assert.deepEqual(Object.keys(p.dm_path_sources || {}).sort(), [...p.dm_paths].sort(), id);
  }
  const dm = (id, path) => sites.profiles[id].dm_paths.some((s) => new RegExp(s).test(path));
  for (const path of ["/i/chat", "/i/chat/123-456", "/i/chat/pin", "/messages"]) assert.ok(dm("x", path), path);
  for (const path of ["/messages/t/1", "/messages/e2ee/t/1", "/messages/requests/", "/messages/archived/", "/messages/new/"]) assert.ok(dm("facebook", path), path);
  for (const path of ["/", "/marketplace", "/sam.lee", "/messagesfoo"]) assert.ok(!dm("facebook", path), path);
  for (const path of ["/home", "/i/chatter", "/sam_lee"]) assert.ok(!dm("x", path), path);
});

test("m.me and ig.me links are DM links; X Chat's shadow-root hosts are listed", () => {
  const link = (host, path) => sites.dm_links.some((l) => l.host === host && new RegExp(l.path).test(path));
  assert.ok(link("m.me", "/coach.lee"));
  assert.ok(link("ig.me", "/m/coach.lee"));
  assert.ok(!link("ig.me", "/coach.lee"));
  const hosts = sites.profiles.x.shadow_hosts.selectors.map((e) => e.selector);
  assert.ok(hosts.includes('[data-testid="xchatEmbedRoute"]') && hosts.includes('[data-testid="xchatEmbedOverlays"]'));
});
