// Loads the shared test vectors (shared_rules/vectors/*.json, not the helper-only ones) and the
// per-function cases (shared_rules/vectors/functions/*.json).
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const RULES_DIR = join(ROOT, "shared_rules");

export function loadVectors() {
  const dir = join(RULES_DIR, "vectors");
  const cases = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const doc = JSON.parse(readFileSync(join(dir, name), "utf8"));
    doc.cases.forEach((c, i) => cases.push({ ...c, id: `${name}#${i}` }));
  }
  return cases;
}

export function loadFunctionCases() {
  const dir = join(RULES_DIR, "vectors", "functions");
  return readdirSync(dir).filter((n) => n.endsWith(".json")).sort()
    .map((name) => ({ name, ...JSON.parse(readFileSync(join(dir, name), "utf8")) }));
}
