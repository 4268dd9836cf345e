//! JUnit XML: one test suite per file, one failing test case per finding, so CI test
//! reports list every finding (a clean file is one passing case).

use super::{display_path, position};
use crate::check::Outcome;
use std::io::{self, Write};

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let findings: usize = outcome
        .files
        .iter()
        .map(|f| f.report.diagnostics.len())
        .sum();
    let cases = outcome
        .files
        .iter()
        .map(|f| f.report.diagnostics.len().max(1))
        .sum::<usize>()
        + outcome.failures.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="pmlint" tests="{cases}" failures="{findings}" errors="{}">"#,
        outcome.failures.len()
    )?;
    for file in &outcome.files {
        let path = escape(&display_path(file));
        let n = file.report.diagnostics.len();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{n}" errors="0">"#,
            n.max(1)
        )?;
        if n == 0 {
            writeln!(
                out,
                r#"    <testcase name="postmortem" classname="{path}"/>"#
            )?;
        }
        for d in &file.report.diagnostics {
            let pos = position(file, d.range.start);
            writeln!(
                out,
                r#"    <testcase name="{} {} line {}" classname="{path}">"#,
                d.code, d.name, pos.line
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{path}:{}:{}: {} [{}]{}</failure>"#,
                d.severity.as_str(),
                escape(&d.message),
                pos.line,
                pos.column,
                escape(&d.message),
                d.code,
                d.note
                    .as_deref()
                    .map(|n| format!("\n{}", escape(n)))
                    .unwrap_or_default()
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    for f in &outcome.failures {
        let path = escape(&f.path.to_string_lossy());
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="1" failures="0" errors="1">"#
        )?;
        writeln!(
            out,
            r#"    <testcase name="read" classname="{path}"><error message="{}"/></testcase>"#,
            escape(&f.message)
        )?;
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
