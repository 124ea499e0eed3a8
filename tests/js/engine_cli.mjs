// Reads {"input": ..., "settings": ...} lines on stdin and writes the JS engine's answer for each:
// lets pytest compare the two engines finding by finding (tests/test_engines_agree.py).
import { createInterface } from "node:readline";
import { createEngine } from "../../extension/engine/index.js";
import { loadBundle } from "../../extension/engine/node-loader.js";
import { RULES_DIR } from "./vectors.mjs";

const bundle = loadBundle(process.argv[2] || RULES_DIR);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { input, settings } = JSON.parse(line);
  process.stdout.write(JSON.stringify(createEngine(bundle, settings).check(input)) + "\n");
}
