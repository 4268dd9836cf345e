// Running the `pmlint` command line for what the language server does not serve:
// templates, the rule list and rule explanations.

import { execFile } from "child_process";

/** Runs pmlint with `args` and resolves to its stdout. */
export type Pmlint = (args: string[]) => Promise<string>;

export function pmlintAt(binary: string): Pmlint {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile(binary, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) {
          const reason = stderr.trim() || error.message;
          reject(new Error(`\`pmlint ${args.join(" ")}\` failed: ${reason}`));
        } else {
          resolve(stdout);
        }
      });
    });
}

/** One entry of `pmlint rules --format json`. */
export interface RuleInfo {
  code: string;
  name: string;
  family: string;
  default_severity: string;
  summary: string;
}

export async function listRules(pmlint: Pmlint): Promise<RuleInfo[]> {
  return JSON.parse(await pmlint(["rules", "--format", "json"])) as RuleInfo[];
}
