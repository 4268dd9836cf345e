// Generates the per-rule part of package.json (`pmlint.rules` properties) from
// `pmlint rules --format json`, so that the settings never drift from the rules.
//
//   node scripts/generate-rule-settings.mjs PMLINT           rewrite package.json
//   node scripts/generate-rule-settings.mjs PMLINT --check   fail when it is stale

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const MANIFEST = fileURLToPath(new URL("../package.json", import.meta.url));
const SEVERITIES = ["error", "warning", "info", "off"];

/** One setting per rule, keyed by code, in the order pmlint lists them. */
export function ruleSettings(rules) {
  return Object.fromEntries(
    rules.map((rule) => [
      rule.code,
      {
        type: "string",
        enum: SEVERITIES,
        markdownDescription: `\`${rule.name}\` (${rule.family}, default ${rule.default_severity}): ${rule.summary}`,
      },
    ]),
  );
}

/** package.json's text with the rule settings generated from `rules`. */
export function generatedManifest(manifestText, rules) {
  const manifest = JSON.parse(manifestText);
  manifest.contributes.configuration.properties["pmlint.rules"].properties = ruleSettings(rules);
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function rulesOf(pmlint) {
  return JSON.parse(execFileSync(pmlint, ["rules", "--format", "json"], { encoding: "utf8" }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [pmlint, flag] = process.argv.slice(2);
  if (!pmlint || (flag && flag !== "--check")) {
    console.error("usage: node scripts/generate-rule-settings.mjs PATH/TO/pmlint [--check]");
    process.exit(2);
  }
  const current = readFileSync(MANIFEST, "utf8");
  const generated = generatedManifest(current, rulesOf(pmlint));
  if (generated === current) {
    console.error("package.json: rule settings are up to date");
  } else if (flag === "--check") {
    console.error(`package.json: rule settings are stale; run \`npm run generate -- ${pmlint}\``);
    process.exit(1);
  } else {
    writeFileSync(MANIFEST, generated);
    console.error("package.json: rule settings regenerated");
  }
}
