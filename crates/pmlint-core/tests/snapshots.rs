//! Snapshots of every diagnostic on every example and every labelled evaluation
//! document, so that any change in what pmlint reports is reviewed. Update with
//! `INSTA_UPDATE=always cargo test -p pmlint-core --test snapshots` and read the diff.

use pmlint_core::{lint, Encoding, LineIndex, Settings};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

/// One line per diagnostic: position, code, severity, message, and the flagged text.
fn render(text: &str) -> String {
    let mut settings = Settings::default();
    settings.today = pmlint_core::date::Date::new(2025, 6, 1);
    let report = lint(text, &settings);
    let index = LineIndex::new(text);
    let mut out = format!("score {} ", report.score.total);
    for c in &report.score.criteria {
        let _ = write!(out, "{}={} ", c.criterion.key(), c.score);
    }
    out.push('\n');
    for d in &report.diagnostics {
        let pos = index.line_col(text, d.range.start, Encoding::Utf8);
        let flagged: String = text[d.range.clone()].chars().take(60).collect();
        let fixes = if d.fixes.is_empty() {
            String::new()
        } else {
            format!(" [{} fix]", d.fixes.len())
        };
        let _ = writeln!(
            out,
            "{}:{} {} {} {}{fixes} | {:?}",
            pos.line + 1,
            pos.col + 1,
            d.code,
            d.severity.as_str(),
            d.message,
            flagged
        );
    }
    out
}

fn snapshot_dir(dir: &Path, prefix: &str) {
    let files = markdown_files(dir);
    assert!(!files.is_empty(), "no Markdown files in {}", dir.display());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = format!("{prefix}__{}", path.file_stem().unwrap().to_string_lossy());
        insta::assert_snapshot!(name, render(&text));
    }
}

#[test]
fn examples() {
    snapshot_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples"),
        "examples",
    );
}

#[test]
fn eval_documents() {
    snapshot_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/docs"),
        "eval",
    );
}
