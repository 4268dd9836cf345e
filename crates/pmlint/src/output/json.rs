//! Machine-readable output. The shape is versioned (`version`), documented in
//! docs/json-output.md, and only ever extended within a version.

use super::{display_path, position, totals, Position};
use crate::check::{Linted, Outcome};
use pmlint_core::metrics::MilestoneKind;
use pmlint_core::score::Score;
use pmlint_core::{Applicability, Kind, Rubric, Severity};
use serde::Serialize;
use std::io::{self, Write};

pub const JSON_VERSION: u32 = 2;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    failures: Vec<Failure>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: String,
    kind: Kind,
    score: FileScore<'a>,
    metrics: Metrics,
    fixed: usize,
    diagnostics: Vec<Diagnostic<'a>>,
}

/// The score, with seed 000's rubric (`rubric`, `average`) for the communication kinds.
#[derive(Serialize)]
struct FileScore<'a> {
    #[serde(flatten)]
    score: &'a Score,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    rubric: Option<&'a Rubric>,
}

/// The incident metrics from the timeline, durations in seconds.
#[derive(Serialize)]
struct Metrics {
    time_to_detect: Option<i64>,
    time_to_acknowledge: Option<i64>,
    time_to_mitigate: Option<i64>,
    time_to_resolve: Option<i64>,
    total: Option<i64>,
    milestones: Vec<Milestone>,
}

#[derive(Serialize)]
struct Milestone {
    kind: MilestoneKind,
    /// Seconds since the first timeline entry.
    elapsed: i64,
    range: Range,
}

fn metrics(file: &Linted) -> Metrics {
    let m = &file.report.metrics;
    Metrics {
        time_to_detect: m.time_to_detect,
        time_to_acknowledge: m.time_to_acknowledge,
        time_to_mitigate: m.time_to_mitigate,
        time_to_resolve: m.time_to_resolve,
        total: m.total,
        milestones: m
            .milestones
            .iter()
            .map(|ms| Milestone {
                kind: ms.kind,
                elapsed: ms.elapsed,
                range: range(file, &ms.range),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: &'a str,
    note: Option<&'a str>,
    range: Range,
    fixes: Vec<Fix<'a>>,
    related: Vec<Related<'a>>,
}

/// A place in another file (R001: the alike cause there).
#[derive(Serialize)]
struct Related<'a> {
    path: &'a str,
    /// One-based.
    line: u32,
    message: &'a str,
}

/// Both ends as one-based line/column (characters) and as byte offsets.
#[derive(Serialize)]
struct Range {
    start: Point,
    end: Point,
}

#[derive(Serialize)]
struct Point {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    range: Range,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Failure {
    path: String,
    message: String,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failures: usize,
}

fn range(file: &Linted, r: &std::ops::Range<usize>) -> Range {
    let point = |offset: usize| {
        let Position { line, column } = position(file, offset);
        Point {
            line,
            column,
            offset,
        }
    };
    Range {
        start: point(r.start),
        end: point(r.end),
    }
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let files = outcome
        .files
        .iter()
        .map(|file| File {
            path: display_path(file),
            kind: file.report.kind,
            score: FileScore {
                score: &file.report.score,
                rubric: file.report.rubric.as_ref(),
            },
            metrics: metrics(file),
            fixed: file.fixed,
            diagnostics: file
                .report
                .diagnostics
                .iter()
                .map(|d| Diagnostic {
                    code: d.code,
                    name: d.name,
                    severity: d.severity,
                    message: &d.message,
                    note: d.note.as_deref(),
                    range: range(file, &d.range),
                    fixes: d
                        .fixes
                        .iter()
                        .map(|f| Fix {
                            title: &f.title,
                            applicability: f.applicability,
                            edits: f
                                .edits
                                .iter()
                                .map(|e| Edit {
                                    range: range(file, &e.range),
                                    replacement: &e.replacement,
                                })
                                .collect(),
                        })
                        .collect(),
                    related: d
                        .related
                        .iter()
                        .map(|r| Related {
                            path: &r.key,
                            line: r.line + 1,
                            message: &r.message,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let t = totals(outcome);
    let doc = Document {
        version: JSON_VERSION,
        tool: Tool {
            name: "pmlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        files,
        failures: outcome
            .failures
            .iter()
            .map(|f| Failure {
                path: f.path.to_string_lossy().into_owned(),
                message: f.message.clone(),
            })
            .collect(),
        summary: Summary {
            files: outcome.files.len(),
            errors: t.errors,
            warnings: t.warnings,
            infos: t.infos,
            failures: outcome.failures.len(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
