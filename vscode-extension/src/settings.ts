// The extension's settings as the server wants them: `.pmlint.toml` keys in JSON form,
// layered by the server over the project's own `.pmlint.toml`. Settings that only the
// extension reads (`enable`, `path`, `trace`) never reach the server, which refuses
// unknown keys.

/** What the server accepts in `initializationOptions` and `workspace/didChangeConfiguration`. */
export interface ServerSettings {
  profile?: string;
  rules?: Record<string, string>;
}

/** The part of `vscode.WorkspaceConfiguration` this module reads. */
export interface SettingsReader {
  get<T>(section: string): T | undefined;
}

/** Unset values are left out so that `.pmlint.toml` decides. */
export function serverSettings(config: SettingsReader): ServerSettings {
  const settings: ServerSettings = {};
  const profile = config.get<string | null>("profile");
  if (profile) {
    settings.profile = profile;
  }
  const rules = config.get<Record<string, unknown> | null>("rules");
  const severities = Object.entries(rules ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
  if (severities.length > 0) {
    settings.rules = Object.fromEntries(severities);
  }
  return settings;
}

/** What a settings change calls for; `affects` is `ConfigurationChangeEvent.affectsConfiguration`. */
export function reactionToChange(affects: (section: string) => boolean): "restart" | "notify" | "none" {
  if (affects("pmlint.enable") || affects("pmlint.path")) {
    return "restart";
  }
  if (affects("pmlint.profile") || affects("pmlint.rules")) {
    return "notify";
  }
  // `pmlint.trace.server` is read by the language client itself.
  return "none";
}
