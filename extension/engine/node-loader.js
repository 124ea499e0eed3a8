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
  return { version: rules.version, link_pattern: rules.link_pattern, policy: rules.policy, rules: rules.rules,
           lists, sites: optional("sites.json"), district: optional("district.json") };
}
