//! pmlint's analysis core: parse a Markdown postmortem once into a typed
//! [`Document`], run small pure rules over it, and return [`Diagnostic`]s with byte
//! ranges. No I/O, no threads: the same code runs natively and in WebAssembly.

pub mod comms;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod digest;
pub mod document;
pub mod kind;
pub mod language;
pub mod line_index;
pub mod metrics;
pub mod profile;
pub mod recurrence;
pub mod rules;
pub mod score;
pub mod suppress;

pub use comms::Rubric;
pub use config::{Config, ConfigError, Settings};
pub use diagnostic::{apply_edits, Applicability, Diagnostic, Edit, Fix, Related, Severity};
pub use document::Document;
pub use kind::Kind;
pub use line_index::{Encoding, LineCol, LineIndex};
pub use metrics::IncidentMetrics;
pub use recurrence::CorpusIndex;
pub use rules::{find_rule, Corpus, Family, Rule, RULES};
pub use score::Score;

use line_index::floor_char_boundary;
use std::collections::HashSet;

/// Everything one lint of a document produces.
#[derive(Debug, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// What the document is (front matter, else the caller's [`Settings::kind`]).
    pub kind: Kind,
    pub score: Score,
    /// Seed `000`'s ten-criterion rubric, for the communication kinds only.
    pub rubric: Option<Rubric>,
    /// Time to detect, acknowledge, mitigate and resolve, from the timeline.
    pub metrics: IncidentMetrics,
}

/// Runs every enabled rule over `doc`, drops suppressed findings, and sorts the rest
/// by position.
pub fn lint_document(doc: &Document, settings: &Settings) -> Vec<Diagnostic> {
    lint_document_with(doc, settings, None)
}

/// [`lint_document`] with other documents to compare with: the cross-document rules
/// (R001) run only when `corpus` is given.
pub fn lint_document_with(
    doc: &Document,
    settings: &Settings,
    corpus: Option<Corpus>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let text = doc.text;
    let kind = Kind::of(doc, settings.kind);
    for (rule, severity) in RULES.iter().zip(&settings.severities) {
        let Some(severity) = *severity else { continue };
        if !rule.family.applies_to(kind) {
            continue;
        }
        let first = diagnostics.len();
        let mut ctx = rules::Context::new(doc, settings, corpus, rule, severity, &mut diagnostics);
        (rule.check)(&mut ctx);
        if diagnostics.len() == first {
            continue;
        }
        // Suppressions are resolved once per rule, not once per finding.
        let suppressed = doc.suppressions.for_rule(rule.code, rule.name);
        let mut found = diagnostics.split_off(first);
        if kind.is_communication() && rule.family == Family::Blame {
            found.retain(|d| !comms::owns_in_first_person(doc, d));
        }
        diagnostics.extend(found.into_iter().filter_map(|mut d| {
            // Ranges are clamped onto char boundaries so every front end can convert them.
            let start = floor_char_boundary(text, d.range.start);
            let end = floor_char_boundary(text, d.range.end.max(start));
            d.range = start..end;
            let line = doc.line_index.line_of(start);
            (!suppressed.covers(line)).then_some(d)
        }));
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    diagnostics.dedup_by(|a, b| a.code == b.code && a.range == b.range && a.message == b.message);
    offer_each_fix_once(&mut diagnostics);
    diagnostics
}

/// Keeps a fix only on the first finding that offers it: several rules offer the same
/// rewrite of a list (one table for the missing owners, due dates and tickets), and a
/// report should carry it, and an editor show it, once.
fn offer_each_fix_once(diagnostics: &mut [Diagnostic]) {
    let mut offered: HashSet<Fix> = HashSet::new();
    for d in diagnostics.iter_mut().filter(|d| !d.fixes.is_empty()) {
        d.fixes.retain(|fix| offered.insert(fix.clone()));
    }
}

/// Parses and lints `text`.
pub fn lint(text: &str, settings: &Settings) -> Report {
    lint_with(text, settings, None)
}

/// Parses and lints `text`, comparing its causes with other documents' when `corpus`
/// is given (see ARCHITECTURE.md, "Across documents").
pub fn lint_with(text: &str, settings: &Settings, corpus: Option<Corpus>) -> Report {
    let doc = Document::parse_with(text, &settings.parse);
    report_document(&doc, settings, corpus)
}

/// The [`Report`] of a parsed document: for callers that parse once and use the model
/// for more than the lint (the CLI gathers R001's causes from the same parse).
pub fn report_document(doc: &Document, settings: &Settings, corpus: Option<Corpus>) -> Report {
    let diagnostics = lint_document_with(doc, settings, corpus);
    let score = score::score(doc, &diagnostics);
    let metrics = metrics::compute(doc);
    let kind = Kind::of(doc, settings.kind);
    let rubric = kind
        .is_communication()
        .then(|| comms::rubric(doc, kind, &diagnostics));
    Report {
        diagnostics,
        kind,
        score,
        rubric,
        metrics,
    }
}
