//! GitHub Actions workflow commands: each finding becomes an annotation.

use super::{display_path, position};
use crate::check::Outcome;
use pmlint_core::Severity;
use std::io::{self, Write};

/// Escapes per the workflow-command rules: data escapes %, CR, LF; properties also : and ,.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for file in &outcome.files {
        let path = escape_property(&display_path(file));
        for d in &file.report.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = position(file, d.range.start);
            let end = position(file, d.range.end);
            let title = escape_property(&format!("pmlint {} {}", d.code, d.name));
            let message = match &d.note {
                Some(note) => format!("{}\n{}", d.message, note),
                None => d.message.clone(),
            };
            writeln!(
                out,
                "::{level} file={path},line={},col={},endLine={},endColumn={},title={title}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                escape_data(&message)
            )?;
        }
    }
    for f in &outcome.failures {
        let path = escape_property(&f.path.to_string_lossy());
        writeln!(
            out,
            "::error file={path},title=pmlint::{}",
            escape_data(&f.message)
        )?;
    }
    Ok(())
}
