//! pmlint for JavaScript: `lint`, `rules`, `profiles` and `version`, plus a Web
//! Worker entry (`serveWorker`) that lints off the page's main thread, and the language
//! server (`LanguageServer`) that the VS Code web extension runs in its worker. Offsets are
//! UTF-16 string indices, so `text.slice(d.from, d.to)` is the flagged text.

mod lsp;
pub mod model;
mod worker;

pub use lsp::LanguageServer;
pub use model::{
    ChecklistEntry, CriterionInfo, JsDiagnostic, JsEdit, JsFix, KindInfo, LintResult, ProfileInfo,
    RuleInfo, SectionStatus,
};
pub use worker::serve_worker;

use pmlint_core::date::Date;
use pmlint_core::{ConfigError, Kind, Settings};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Severity = "error" | "warning" | "info";
export type Family = "blame" | "structure" | "action-items" | "causes" | "timeline" | "impact" | "recurrence" | "communication";

/** A text edit over UTF-16 indices of the linted text. */
export interface Edit { from: number; to: number; insert: string; }

export interface Fix {
  title: string;
  /** Safe fixes preserve meaning (fix-all applies them); unsafe ones are rewordings. */
  safe: boolean;
  /** Non-overlapping, sorted by `from`. */
  edits: Edit[];
}

export interface Diagnostic {
  code: string;
  name: string;
  severity: Severity;
  /** UTF-16 index of the start: `text.slice(from, to)` is the flagged text. */
  from: number;
  to: number;
  /** One-based line and UTF-16 column of `from`. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  note: string | null;
  fixes: Fix[];
}

export type Criterion = "summary" | "impact" | "timeline" | "root_cause" | "blameless" | "action_items" | "lessons";
/** One criterion of the score: 0–100, its weight in percent of the total, and why. */
export interface CriterionScore { criterion: Criterion; title: string; score: number; weight: number; reason: string; }
/** 0–100, the weighted criteria (all seven, in this order). */
export interface Score { total: number; criteria: CriterionScore[]; }

export interface ChecklistEntry {
  slot: string;
  title: string;
  required: boolean;
  status: "present" | "empty" | "missing";
  /** UTF-16 index of the slot's first heading. */
  at: number | null;
}

export type MilestoneKind = "detection" | "acknowledgement" | "mitigation" | "resolution";

export interface Milestone {
  kind: MilestoneKind;
  /** Seconds since the first timeline entry. */
  elapsed: number;
  /** UTF-16 range of the entry's time, and its one-based line. */
  from: number;
  to: number;
  line: number;
}

/** Incident durations from the timeline, in seconds; null when a milestone is missing. */
export interface IncidentMetrics {
  timeToDetect: number | null;
  timeToAcknowledge: number | null;
  timeToMitigate: number | null;
  timeToResolve: number | null;
  /** From the first to the last timed entry. */
  total: number | null;
  milestones: Milestone[];
}

export type Kind = "postmortem" | "exec-update" | "customer-notice";

/** A document kind, with its new-document skeleton (`pmlint init --kind`); null for a postmortem, whose templates are the profiles'. */
export interface KindInfo { kind: Kind; title: string; template: string | null; }

export type RubricCriterion = "headline" | "structure" | "evidence" | "audience" | "storytelling" | "accountability" | "actionability" | "tone" | "transparency" | "credibility";
/** A criterion of seed 000's rubric: its name and what a 5 looks like. */
export interface CriterionInfo { criterion: RubricCriterion; title: string; description: string; }

export interface LintResult {
  diagnostics: Diagnostic[];
  score: Score;
  kind: Kind;
  /** The kind the front matter declares (no editor choice overrides it); null when the text does not say. */
  declaredKind: Kind | null;
  /** Seed 000's rubric (ten criteria 1–5, in CriterionInfo order, and their average), for the communication kinds only. */
  rubric: { rubric: { criterion: RubricCriterion; score: number }[]; average: number } | null;
  checklist: ChecklistEntry[];
  metrics: IncidentMetrics;
  profile: string;
}

export interface RuleDocs { what: string; why: string; example: string; better: string; }

export interface RuleInfo {
  code: string;
  name: string;
  family: Family;
  familyTitle: string;
  defaultSeverity: Severity;
  summary: string;
  docs: RuleDocs;
  /** The whole explanation as Markdown, as `pmlint explain` prints it. */
  explanation: string;
}

export interface ProfileInfo {
  name: string;
  description: string;
  required: string[];
  recommended: string[];
  /** A new postmortem of this profile, placeholders left for the author. */
  template: string;
}

/** A configuration error: the message, and where in the TOML it stands. */
export interface ConfigErrorInfo extends Error { line: number | null; column: number | null; }

/** Messages the worker started by `serveWorker` understands. */
export type WorkerRequest = { type: "lint"; id: number; text: string; config?: string | null; today?: string | null; kind?: Kind | null; fileName?: string | null };

/** Messages it posts: `ready` once, then one `result` or `error` per request. */
export type WorkerResponse =
  | { type: "ready"; version: string; rules: RuleInfo[]; profiles: ProfileInfo[]; kinds: KindInfo[]; criteria: CriterionInfo[] }
  | { type: "result"; id: number; result: LintResult; elapsedMs: number }
  | { type: "error"; id: number; message: string };
"#;

/// Lints a postmortem. `config` is the text of a `.pmlint.toml`; `today`
/// (`YYYY-MM-DD`) dates rules such as S007 stale-draft, the core having no clock;
/// `kind` (`postmortem`, `exec-update`, `customer-notice`) is the editor's choice of
/// document kind (front matter `type:` still wins). `file_name`, when the text comes
/// from a file, may date the postmortem (`2024-03-04-dns-outage.md`) and, without a
/// `kind`, name it (`exec-update-….md`). Throws an `Error` with `line`/`column`
/// properties on an invalid configuration.
#[wasm_bindgen(unchecked_return_type = "LintResult")]
pub fn lint(
    text: &str,
    config: Option<String>,
    today: Option<String>,
    file_name: Option<String>,
    kind: Option<String>,
) -> Result<JsValue, JsValue> {
    let settings = settings(config.as_deref(), today.as_deref(), kind.as_deref())?;
    to_js(&model::lint(
        text,
        &for_file(settings, file_name.as_deref(), kind.as_deref()),
    ))
}

/// `settings` for a text read from the file `file_name`: its date, and its kind when
/// the editor did not choose one.
fn for_file(mut settings: Settings, file_name: Option<&str>, kind: Option<&str>) -> Settings {
    let Some(name) = file_name.filter(|n| !n.is_empty()) else {
        return settings;
    };
    settings.parse = settings.parse.for_file(name);
    if kind.is_none_or(str::is_empty) {
        if let Some(by_name) = Kind::from_file_name(name) {
            settings.kind = by_name;
        }
    }
    settings
}

/// Seed 000's ten rubric criteria, with their names and what a 5 looks like.
#[wasm_bindgen(unchecked_return_type = "CriterionInfo[]")]
pub fn criteria() -> Result<JsValue, JsValue> {
    to_js(&model::criteria())
}

/// The document kinds with their new-document skeletons, as `pmlint init --kind` writes them.
#[wasm_bindgen(unchecked_return_type = "KindInfo[]")]
pub fn kinds() -> Result<JsValue, JsValue> {
    to_js(&model::kinds())
}

/// Every rule with its documentation.
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&model::rules())
}

/// The profiles, each with its required sections and its new-postmortem template.
#[wasm_bindgen(unchecked_return_type = "ProfileInfo[]")]
pub fn profiles() -> Result<JsValue, JsValue> {
    to_js(&model::profiles())
}

/// The version of pmlint.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Resolves the configuration text and today's date into settings.
fn settings(
    config: Option<&str>,
    today: Option<&str>,
    kind: Option<&str>,
) -> Result<Settings, JsValue> {
    let mut settings = match config {
        Some(source) if !source.trim().is_empty() => {
            Settings::from_toml(source).map_err(config_error)?
        }
        _ => Settings::default(),
    };
    if let Some(today) = today.filter(|t| !t.is_empty()) {
        let date = Date::parse_iso(today).ok_or_else(|| {
            JsValue::from(js_sys::Error::new(&format!(
                "invalid date `{today}`: expected YYYY-MM-DD"
            )))
        })?;
        settings.today = Some(date);
    }
    if let Some(kind) = kind.filter(|k| !k.is_empty()) {
        settings.kind = Kind::from_key(kind).ok_or_else(|| {
            JsValue::from(js_sys::Error::new(&format!(
                "unknown kind `{kind}`: expected postmortem, exec-update or customer-notice"
            )))
        })?;
    }
    Ok(settings)
}

fn config_error(error: ConfigError) -> JsValue {
    let js = js_sys::Error::new(&format!("invalid configuration: {error}"));
    let number = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from(n as u32));
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"line".into(), &number(error.line));
    let _ = js_sys::Reflect::set(&js, &"column".into(), &number(error.column));
    js.into()
}

/// Plain JS objects and arrays (maps as objects, `None` as `null`), as JSON would give.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_names_the_kind_unless_the_editor_chose_one() {
        let named = |kind| for_file(Settings::default(), Some("exec-update-q3.md"), kind).kind;
        assert_eq!(named(None), Kind::ExecUpdate);
        assert_eq!(named(Some("")), Kind::ExecUpdate);
        let chosen = settings(None, None, Some("customer-notice")).unwrap();
        let chosen = for_file(chosen, Some("exec-update-q3.md"), Some("customer-notice"));
        assert_eq!(chosen.kind, Kind::CustomerNotice);
        assert_eq!(
            for_file(Settings::default(), Some("notes.md"), None).kind,
            Kind::Postmortem
        );
    }
}
