// Node only (tests, tools): loads shared_rules/ into the bundle, as helper/engine/loader.py does.
// The extension never imports this file; build.py writes the bundle into dist/ instead.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, basename } from "node:path";

export function readList(path) {
  return readFileSync(path, "utf8").split(/\r?\n/)
    .map((line) => line.split("#")[0].trim().toLowerCase()).filter(Boolean);
}

export function loadBundle(dir) {
  const rules = JSON.parse(readFileSync(join(dir, "rules.json"), "utf8"));
  const lists = {};
  for (const name of readdirSync(join(dir, "lists")).filter((n) => n.endsWith(".txt")).sort()) {
    lists[basename(name, ".txt")] = readList(join(dir, "lists", name));
  }
  const optional = (name) => existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : {};
  return withDistrict({ version: rules.version, link_pattern: rules.link_pattern, policy: rules.policy, rules: rules.rules,
           lists, sites: optional("sites.json"), district: optional("district.json") }, null);
}

// The bundle with this district profile (null: keep its own); the profile's procedure.policy entries
// replace the section names and quotes that findings cite, key by key (as loader.py with_district).
export function withDistrict(bundle, district) {
  const out = { ...bundle };
  if (district) out.district = district;
  const overrides = ((out.district || {}).procedure || {}).policy || {};
  if (Object.keys(overrides).length) {
    out.policy = Object.fromEntries(Object.entries(out.policy).map(([k, v]) => [k, { ...v, ...(overrides[k] || {}) }]));
  }
  return out;
}
