//! Report formats. Every format reads the same [`Outcome`]; positions are converted
//! from byte offsets here, at the edge, through each file's `LineIndex`.

mod github;
mod json;
mod junit;
mod sarif;
mod text;

use crate::check::{Linted, Outcome};
use pmlint_core::{Encoding, Severity};
use std::io::{self, Write};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source excerpts with the range underlined, then a summary (for people).
    Text,
    /// Versioned JSON (schema in docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
}

pub fn write(
    format: Format,
    outcome: &Outcome,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::write(outcome, color, out),
        Format::Json => json::write(outcome, out),
        Format::Sarif => sarif::write(outcome, out),
        Format::Github => github::write(outcome, out),
        Format::Junit => junit::write(outcome, out),
    }
}

/// A one-based line and column; the column counts characters, as rustc and Ruff do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

pub fn position(file: &Linted, offset: usize) -> Position {
    let pos = file.line_index.line_col(&file.text, offset, Encoding::Utf8);
    let start = file.line_index.line_start(pos.line as usize);
    let column = file.text[start..start + pos.col as usize].chars().count() + 1;
    Position {
        line: pos.line as usize + 1,
        column,
    }
}

/// Counts of findings by severity over all files.
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn totals(outcome: &Outcome) -> Totals {
    let count = |s: Severity| {
        outcome
            .files
            .iter()
            .flat_map(|f| &f.report.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    Totals {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
    }
}

/// The path as shown in reports: `/`-separated, without a leading `./`.
pub fn display_path(file: &Linted) -> String {
    crate::targets::shown(&file.path)
}
