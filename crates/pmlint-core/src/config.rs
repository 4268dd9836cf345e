//! `.pmlint.toml`: parsed strictly (unknown keys and bad values are errors with a line),
//! then resolved into [`Settings`] that rules read. Discovery of the file is the
//! caller's job: the core does no I/O.

use crate::date::Date;
use crate::diagnostic::Severity;
use crate::document::{normalize_heading, ParseOptions, Slot};
use crate::line_index::LineIndex;
use crate::profile::{find_profile, Profile, PROFILES};
use crate::rules::{find_rule, RULES};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use toml::Spanned;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// `default`, `sre-book` or `pagerduty`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub profile: Option<Spanned<String>>,
    /// Globs (relative to the config file) of files that are postmortems.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub include: Option<Vec<Spanned<String>>>,
    /// Globs of files never linted.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Rule code or name → `error` | `warning` | `info` | `off`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, Level>"))]
    pub rules: BTreeMap<Spanned<String>, Spanned<Level>>,
    #[serde(default)]
    pub sections: SectionsConfig,
    #[serde(default)]
    pub blame: BlameConfig,
    #[serde(default)]
    pub action_items: ActionItemsConfig,
    #[serde(default)]
    pub whys: WhysConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionsConfig {
    /// Slots that must be present; replaces the profile's list.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub required: Option<Vec<Spanned<String>>>,
    /// Slots `init` adds but that are not required.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub recommended: Option<Vec<Spanned<String>>>,
    /// Slot → extra heading names that mean it.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, Vec<String>>"))]
    pub synonyms: BTreeMap<Spanned<String>, Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BlameConfig {
    /// Phrases never flagged.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Team-specific phrases → the blame rule (code or name) that reports them.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, String>"))]
    pub extra: BTreeMap<String, Spanned<String>>,
    /// People's names to treat as persons.
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ActionItemsConfig {
    /// More action items than this is a finding (A008).
    #[cfg_attr(feature = "schema", schemars(with = "Option<usize>"))]
    pub max: Option<Spanned<usize>>,
    /// Extra owner names that are teams, not people (A002).
    #[serde(default)]
    pub teams: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WhysConfig {
    /// Fewer whys than this is an error (W001).
    #[cfg_attr(feature = "schema", schemars(with = "Option<usize>"))]
    pub min_depth: Option<Spanned<usize>>,
    /// Fewer whys than this (but at least `min-depth`) is a warning.
    #[cfg_attr(feature = "schema", schemars(with = "Option<usize>"))]
    pub recommended_depth: Option<Spanned<usize>>,
}

/// A configuration problem with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    /// One-based line and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses `.pmlint.toml` text strictly.
    pub fn parse(source: &str) -> Result<Config, ConfigError> {
        toml::from_str(source).map_err(|e| {
            let message = e.message().trim().to_string();
            error_at(source, e.span(), message)
        })
    }

    /// Layers `over` on top of `self` (editor settings over the file): scalars and
    /// lists in `over` replace, rule levels merge.
    pub fn merge(&mut self, over: Config) {
        if over.profile.is_some() {
            self.profile = over.profile;
        }
        if over.include.is_some() {
            self.include = over.include;
        }
        if over.exclude.is_some() {
            self.exclude = over.exclude;
        }
        self.rules.extend(over.rules);
        if over.sections.required.is_some() {
            self.sections.required = over.sections.required;
        }
        if over.sections.recommended.is_some() {
            self.sections.recommended = over.sections.recommended;
        }
        self.sections.synonyms.extend(over.sections.synonyms);
        self.blame.allow.extend(over.blame.allow);
        self.blame.extra.extend(over.blame.extra);
        self.blame.names.extend(over.blame.names);
        if over.action_items.max.is_some() {
            self.action_items.max = over.action_items.max;
        }
        self.action_items.teams.extend(over.action_items.teams);
        if over.whys.min_depth.is_some() {
            self.whys.min_depth = over.whys.min_depth;
        }
        if over.whys.recommended_depth.is_some() {
            self.whys.recommended_depth = over.whys.recommended_depth;
        }
    }
}

fn error_at(source: &str, span: Option<Range<usize>>, message: String) -> ConfigError {
    match span {
        Some(span) => {
            let index = LineIndex::new(source);
            let pos = index.line_col(source, span.start, crate::line_index::Encoding::Utf8);
            let column = source[index.line_start(pos.line as usize)..span.start.min(source.len())]
                .chars()
                .count()
                + 1;
            ConfigError {
                message,
                line: Some(pos.line as usize + 1),
                column: Some(column),
            }
        }
        None => ConfigError {
            message,
            line: None,
            column: None,
        },
    }
}

/// Settings the rules read: the configuration resolved against the profile.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: &'static Profile,
    /// Per rule (indexed like [`RULES`]): its severity, or `None` when off.
    pub severities: Vec<Option<Severity>>,
    pub required: Vec<Slot>,
    pub recommended: Vec<Slot>,
    pub parse: ParseOptions,
    pub blame_allow: Vec<String>,
    /// (phrase, rule code) pairs.
    pub blame_extra: Vec<(String, &'static str)>,
    pub blame_names: Vec<String>,
    pub max_action_items: usize,
    pub teams: Vec<String>,
    pub whys_min_depth: usize,
    pub whys_recommended_depth: usize,
    include: GlobSet,
    exclude: GlobSet,
    /// Today's date, from the caller (CLI `--today` or the clock): the core has no clock.
    pub today: Option<Date>,
}

/// Files that are postmortems by their path (DESIGN §3).
pub const DEFAULT_INCLUDE: &[&str] = &[
    "**/postmortem*",
    "**/post-mortem*",
    "**/postmortems/**",
    "**/incidents/**",
    "**/*incident-report*",
    "**/*retrospective*",
];

impl Default for Settings {
    fn default() -> Self {
        Settings::resolve(&Config::default(), "").expect("the default configuration is valid")
    }
}

impl Settings {
    /// Resolves a parsed config. `source` is its text, for error lines.
    pub fn resolve(config: &Config, source: &str) -> Result<Settings, ConfigError> {
        let err = |span: Range<usize>, message: String| error_at(source, Some(span), message);
        let profile = match &config.profile {
            None => &PROFILES[0],
            Some(name) => find_profile(name.get_ref()).ok_or_else(|| {
                let names: Vec<_> = PROFILES.iter().map(|p| p.name).collect();
                err(
                    name.span(),
                    format!(
                        "unknown profile `{}`; expected one of: {}",
                        name.get_ref(),
                        names.join(", ")
                    ),
                )
            })?,
        };
        let mut severities: Vec<Option<Severity>> =
            RULES.iter().map(|r| Some(r.default_severity)).collect();
        for (key, level) in &config.rules {
            let rule = find_rule(key.get_ref()).ok_or_else(|| {
                err(
                    key.span(),
                    format!(
                        "unknown rule `{}` in [rules]; `pmlint rules` lists them",
                        key.get_ref()
                    ),
                )
            })?;
            let index = RULES
                .iter()
                .position(|r| r.code == rule.code)
                .expect("found rules are registered");
            severities[index] = level.get_ref().severity();
        }
        let slots = |list: &Option<Vec<Spanned<String>>>,
                     default: &[Slot]|
         -> Result<Vec<Slot>, ConfigError> {
            match list {
                None => Ok(default.to_vec()),
                Some(list) => list
                    .iter()
                    .map(|s| parse_slot(s).map_err(|m| err(s.span(), m)))
                    .collect(),
            }
        };
        let required = slots(&config.sections.required, profile.required)?;
        let recommended = slots(&config.sections.recommended, profile.recommended)?;
        let mut synonyms = Vec::new();
        for (slot, names) in &config.sections.synonyms {
            let slot = parse_slot(slot).map_err(|m| err(slot.span(), m))?;
            synonyms.extend(names.iter().map(|n| (slot, normalize_heading(n))));
        }
        let mut blame_extra = Vec::new();
        for (phrase, rule) in &config.blame.extra {
            let found = find_rule(rule.get_ref())
                .filter(|r| r.code.starts_with('B'))
                .ok_or_else(|| {
                    err(
                        rule.span(),
                        format!(
                            "[blame] extra: `{}` is not a blame rule (B001–B008 or its name)",
                            rule.get_ref()
                        ),
                    )
                })?;
            blame_extra.push((phrase.clone(), found.code));
        }
        let whys_min_depth = config.whys.min_depth.as_ref().map_or(3, |d| *d.get_ref());
        let whys_recommended_depth = config
            .whys
            .recommended_depth
            .as_ref()
            .map_or(4, |d| *d.get_ref());
        if let Some(d) = &config.whys.recommended_depth {
            if whys_recommended_depth < whys_min_depth {
                return Err(err(d.span(), format!("recommended-depth ({whys_recommended_depth}) is below min-depth ({whys_min_depth})")));
            }
        }
        let max_action_items = match &config.action_items.max {
            Some(m) if *m.get_ref() == 0 => {
                return Err(err(m.span(), "max must be at least 1".into()))
            }
            Some(m) => *m.get_ref(),
            None => 10,
        };
        let globs = |list: &Option<Vec<Spanned<String>>>,
                     default: &[&str]|
         -> Result<GlobSet, ConfigError> {
            let mut builder = GlobSetBuilder::new();
            match list {
                None => {
                    for g in default {
                        builder.add(Glob::new(g).expect("built-in globs are valid"));
                    }
                }
                Some(list) => {
                    for g in list {
                        builder.add(
                            Glob::new(g.get_ref())
                                .map_err(|e| err(g.span(), format!("invalid glob: {e}")))?,
                        );
                    }
                }
            }
            builder.build().map_err(|e| ConfigError {
                message: e.to_string(),
                line: None,
                column: None,
            })
        };
        Ok(Settings {
            profile,
            severities,
            required,
            recommended,
            parse: ParseOptions {
                synonyms,
                ..ParseOptions::default()
            },
            blame_allow: config.blame.allow.clone(),
            blame_extra,
            blame_names: config.blame.names.clone(),
            max_action_items,
            teams: config.action_items.teams.clone(),
            whys_min_depth,
            whys_recommended_depth,
            include: globs(&config.include, DEFAULT_INCLUDE)?,
            exclude: globs(&config.exclude, &[])?,
            today: None,
        })
    }

    /// Parses and resolves `.pmlint.toml` text.
    pub fn from_toml(source: &str) -> Result<Settings, ConfigError> {
        Settings::resolve(&Config::parse(source)?, source)
    }

    /// The severity of the rule with this code, or `None` when it is off.
    pub fn severity_of(&self, code: &str) -> Option<Severity> {
        let index = RULES.iter().position(|r| r.code == code)?;
        self.severities[index]
    }

    /// Whether the path (relative to the config's directory, `/`-separated) names a
    /// postmortem by the include globs.
    pub fn path_is_included(&self, relative_path: &str) -> bool {
        self.include.is_match(relative_path)
    }

    pub fn path_is_excluded(&self, relative_path: &str) -> bool {
        self.exclude.is_match(relative_path)
    }
}

fn parse_slot(name: &Spanned<String>) -> Result<Slot, String> {
    Slot::from_key(name.get_ref()).ok_or_else(|| {
        let keys: Vec<_> = Slot::ALL.iter().map(|s| s.key()).collect();
        format!(
            "unknown section `{}`; expected one of: {}",
            name.get_ref(),
            keys.join(", ")
        )
    })
}

/// The JSON schema of `.pmlint.toml`, for editors (taplo, Even Better TOML).
#[cfg(feature = "schema")]
pub fn json_schema() -> schemars::Schema {
    let mut schema = schemars::schema_for!(Config);
    schema.insert("title".into(), ".pmlint.toml".into());
    schema.insert(
        "description".into(),
        "Configuration of pmlint, the postmortem linter. Looked up from each linted file's directory upward.".into(),
    );
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_unknown_keys_and_bad_values_with_lines() {
        let e = Settings::from_toml("profile = \"default\"\nfrobnicate = 1\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("frobnicate"), "{e}");

        let e = Settings::from_toml("[rules]\nB002 = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");

        let e = Settings::from_toml("[rules]\nS001 = \"off\"\nZ999 = \"off\"\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("Z999"), "{e}");

        let e = Settings::from_toml("profile = \"nope\"\n").unwrap_err();
        assert!(e.message.contains("sre-book"), "{e}");

        let e = Settings::from_toml("[sections]\nrequired = [\"summary\", \"timelime\"]\n")
            .unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn resolves_levels_by_code_or_name() {
        let s = Settings::from_toml(
            "profile = \"sre-book\"\n[rules]\nS001 = \"warning\"\nempty-section = \"off\"\n",
        )
        .unwrap();
        assert_eq!(s.severity_of("S001"), Some(Severity::Warning));
        assert_eq!(s.severity_of("S002"), None);
        assert!(s.required.contains(&Slot::Detection));
        assert!(s.path_is_included("docs/postmortems/2025-01-15-db.md"));
        assert!(!s.path_is_included("README.md"));
    }
}
