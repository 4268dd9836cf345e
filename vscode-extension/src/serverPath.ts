// Which `pmlint` executable runs: the `pmlint.path` setting when set, else the one
// `cargo xtask vsix` bundled into the extension's `bin/`.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The executable to run, or why there is none (a message naming the path tried). */
export type ServerPath = { ok: true; path: string } | { ok: false; message: string };

export function bundledServerPath(extensionDir: string, platform = process.platform): string {
  return path.join(extensionDir, "bin", platform === "win32" ? "pmlint.exe" : "pmlint");
}

/**
 * `setting` is `pmlint.path`: `~` is expanded and a relative path is taken from the
 * first workspace folder (or the extension's folder when there is none).
 */
export function resolveServerPath(
  setting: string | null | undefined,
  extensionDir: string,
  workspaceDir: string | undefined,
): ServerPath {
  const configured = setting?.trim();
  if (!configured) {
    const bundled = bundledServerPath(extensionDir);
    const problem = executableProblem(bundled);
    return problem
      ? {
          ok: false,
          message: `pmlint: the bundled server ${bundled} ${problem}. Reinstall the extension or set "pmlint.path" to a pmlint executable.`,
        }
      : { ok: true, path: bundled };
  }
  const expanded = configured.replace(/^~(?=$|[\\/])/, os.homedir());
  const resolved = path.resolve(workspaceDir ?? extensionDir, expanded);
  const problem = executableProblem(resolved);
  return problem
    ? {
        ok: false,
        message: `pmlint: ${resolved} (from the "pmlint.path" setting) ${problem}. Fix the setting or clear it to use the bundled server.`,
      }
    : { ok: true, path: resolved };
}

/** Why `file` cannot be run, or `undefined` when it can. */
function executableProblem(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return "does not exist";
  }
  if (!stat.isFile()) {
    return "is not a file";
  }
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return "is not executable";
  }
  return undefined;
}
