//! Human output: like rustc and Ruff, the source line with the range underlined.

use super::{display_path, position, totals};
use crate::check::{Linted, Outcome};
use pmlint_core::{Applicability, Diagnostic, Severity};
use std::io::{self, Write};

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn severity(&self, s: Severity) -> String {
        match s {
            Severity::Error => self.paint("1;31", "error"),
            Severity::Warning => self.paint("1;33", "warning"),
            Severity::Info => self.paint("1;36", "info"),
        }
    }
    fn dim(&self, text: &str) -> String {
        self.paint("34", text)
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

pub fn write(outcome: &Outcome, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let style = Style { color };
    for file in &outcome.files {
        for d in &file.report.diagnostics {
            write_diagnostic(file, d, &style, out)?;
        }
    }
    for file in &outcome.files {
        if let Some(rubric) = &file.report.rubric {
            write_rubric(file, rubric, &style, out)?;
            continue;
        }
        let fixed = if file.fixed > 0 {
            format!(" ({} fixed)", file.fixed)
        } else {
            String::new()
        };
        let score = &file.report.score;
        writeln!(
            out,
            "{}: score {}/100{fixed}",
            style.bold(&display_path(file)),
            score.total,
        )?;
        for c in &score.criteria {
            writeln!(
                out,
                "  {:<12} {:>3}  {}",
                c.title,
                c.score,
                style.dim(&c.reason)
            )?;
        }
    }
    let t = totals(outcome);
    let files = outcome.files.len();
    let dirty = outcome
        .files
        .iter()
        .filter(|f| !f.report.diagnostics.is_empty())
        .count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if t.errors + t.warnings + t.infos == 0 {
        writeln!(out, "All checks passed ({}).", plural(files, "postmortem"))?;
    } else {
        writeln!(
            out,
            "Found {}, {} and {} info in {dirty} of {}.",
            plural(t.errors, "error"),
            plural(t.warnings, "warning"),
            t.infos,
            plural(files, "postmortem")
        )?;
        let fixable = outcome
            .files
            .iter()
            .flat_map(|f| &f.report.diagnostics)
            .filter(|d| {
                d.fixes
                    .iter()
                    .any(|f| f.applicability == Applicability::Safe)
            })
            .count();
        if fixable > 0 {
            writeln!(
                out,
                "{} fixable with `pmlint check --fix`.",
                plural(fixable, "finding")
            )?;
        }
    }
    if !outcome.failures.is_empty() {
        writeln!(
            out,
            "{} could not be linted (see above).",
            plural(outcome.failures.len(), "file")
        )?;
    }
    Ok(())
}

/// A communication's line: its kind, seed 000's rubric average and the ten criteria.
fn write_rubric(
    file: &Linted,
    rubric: &pmlint_core::Rubric,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let criteria: Vec<String> = rubric
        .criteria
        .iter()
        .map(|c| format!("{} {}", c.criterion.title(), c.score))
        .collect();
    writeln!(
        out,
        "{}: {} — rubric {:.1}/5 — {}",
        style.bold(&display_path(file)),
        file.report.kind.title().to_lowercase(),
        rubric.average,
        criteria.join(" · ")
    )
}

/// Characters of a long source line that are shown, and how many of them precede the range.
const WINDOW: usize = 100;
const LEAD: usize = 20;

fn write_diagnostic(
    file: &Linted,
    d: &Diagnostic,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let start = position(file, d.range.start);
    let line_range = file.line_index.line_range(&file.text, start.line - 1);
    let line_text = &file.text[line_range.clone()];
    // The underline covers the range on its first line (at least one caret).
    let end_on_line = d.range.end.clamp(d.range.start, line_range.end);
    let width = file.text[d.range.start..end_on_line].chars().count().max(1);
    let gutter = start.line.to_string().len();
    let pad = " ".repeat(gutter);
    writeln!(
        out,
        "{}{} {}",
        style.severity(d.severity),
        style.bold(&format!("[{}]", d.code)),
        style.bold(&d.message)
    )?;
    writeln!(
        out,
        "{pad}{} {}:{}:{}",
        style.dim("-->"),
        display_path(file),
        start.line,
        start.column
    )?;
    writeln!(out, "{pad} {}", style.dim("|"))?;
    // A long line is shown as a window around the range, so the caret stays on screen.
    let chars: Vec<char> = line_text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let first = (start.column - 1).saturating_sub(LEAD).min(chars.len());
    let shown: String = chars[first..].iter().take(WINDOW).collect();
    let before = if first > 0 { "…" } else { "" };
    let after = if chars.len() - first > WINDOW {
        "…"
    } else {
        ""
    };
    writeln!(
        out,
        "{} {} {before}{shown}{after}",
        style.dim(&start.line.to_string()),
        style.dim("|")
    )?;
    let indent = start.column - 1 - first + before.chars().count();
    let carets = "^".repeat(width.min(WINDOW));
    let marker = match d.severity {
        Severity::Error => style.paint("1;31", &carets),
        Severity::Warning => style.paint("1;33", &carets),
        Severity::Info => style.paint("1;36", &carets),
    };
    writeln!(
        out,
        "{pad} {} {}{marker} {}",
        style.dim("|"),
        " ".repeat(indent),
        style.dim(d.name)
    )?;
    if let Some(note) = &d.note {
        writeln!(
            out,
            "{pad} {} note: {}",
            style.dim("="),
            note.replace('\n', &format!("\n{pad}         "))
        )?;
    }
    for fix in &d.fixes {
        let kind = match fix.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "suggestion",
        };
        writeln!(out, "{pad} {} {kind}: {}", style.dim("="), fix.title)?;
    }
    writeln!(out)
}
