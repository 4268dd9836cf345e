//! Invariants the fuzz targets check on whatever the fuzzer feeds them. A broken
//! invariant panics, which libFuzzer reports as a crash with the input that caused it.

use pmlint_core::date::Date;
use pmlint_core::{apply_edits, Diagnostic, Document, Encoding, LineIndex, Settings};
use std::ops::Range;

/// Default settings with a fixed "today", so date-relative rules run too.
pub fn settings() -> Settings {
    let mut settings = Settings::default();
    settings.today = Date::new(2025, 6, 1);
    settings
}

/// Asserts that `range` lies inside `text` on char boundaries.
pub fn assert_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what} {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} {range:?} splits a character"
    );
}

/// Every diagnostic range and every fix edit is in bounds and on char boundaries, a
/// fix's edits do not overlap (so all of them apply), and ranges convert to positions
/// and back.
pub fn assert_diagnostics_well_formed(text: &str, diagnostics: &[Diagnostic]) {
    let index = LineIndex::new(text);
    for d in diagnostics {
        assert_range(text, &d.range, d.code);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let start = index.line_col(text, d.range.start, encoding);
            let end = index.line_col(text, d.range.end, encoding);
            assert!(start <= end, "{} {:?}: start after end", d.code, d.range);
        }
        for fix in &d.fixes {
            for edit in &fix.edits {
                assert_range(
                    text,
                    &edit.range,
                    &format!("{} fix `{}`", d.code, fix.title),
                );
            }
            let (_, applied) = apply_edits(text, &fix.edits);
            assert_eq!(
                applied,
                fix.edits.len(),
                "{} fix `{}` has overlapping edits",
                d.code,
                fix.title
            );
        }
    }
}

/// Blocks, tables and code blocks are in document order and disjoint: lookups by
/// offset binary-search them.
pub fn assert_model_well_formed(doc: &Document) {
    let lists: [(&str, Vec<&Range<usize>>); 3] = [
        ("blocks", doc.blocks.iter().map(|b| &b.range).collect()),
        ("tables", doc.tables.iter().map(|t| &t.range).collect()),
        (
            "code blocks",
            doc.code_blocks.iter().map(|c| &c.range).collect(),
        ),
    ];
    for (what, ranges) in lists {
        let mut end = 0;
        for r in ranges {
            assert_range(doc.text, r, what);
            assert!(r.start >= end, "{what}: {r:?} overlaps the previous one");
            end = r.end;
        }
    }
    for s in &doc.sections {
        assert_range(doc.text, &s.heading_range, "section heading");
        assert_range(doc.text, &s.body, "section body");
    }
}

/// Lossy UTF-8, capped: inputs past the cap only slow the fuzzer down.
pub fn text_of(data: &[u8]) -> String {
    const MAX_BYTES: usize = 64 * 1024;
    String::from_utf8_lossy(&data[..data.len().min(MAX_BYTES)]).into_owned()
}
