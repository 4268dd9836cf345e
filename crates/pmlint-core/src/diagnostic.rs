//! What a rule reports: a diagnostic over a byte range, with optional fixes.

use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A replacement of a byte range of the linted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit {
            range: at..at,
            replacement: text.into(),
        }
    }
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: text.into(),
        }
    }
    pub fn delete(range: Range<usize>) -> Self {
        Edit {
            range,
            replacement: String::new(),
        }
    }
}

/// Safe fixes preserve meaning and are applied by `--fix` and fix-all; unsafe ones
/// (rewordings) are only offered, as Ruff does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping edits, sorted by range start.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Byte range into the linted text.
    pub range: Range<usize>,
    pub message: String,
    /// A longer explanation or a suggested rewording.
    pub note: Option<String>,
    pub fixes: Vec<Fix>,
    /// Places in other documents that the finding refers to (R001's alike causes).
    pub related: Vec<Related>,
}

/// A place in another document: LSP `relatedInformation`, SARIF `relatedLocations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// The other document's key in the [`crate::recurrence::CorpusIndex`]: a path or URI.
    pub key: String,
    /// Byte range in that document's text as it was indexed.
    pub range: Range<usize>,
    /// Zero-based line of the range's start.
    pub line: u32,
    pub message: String,
}

/// Applies edits (from one or many fixes) to `text`. Edits that overlap an earlier
/// accepted edit are skipped, so applying any set of fixes yields valid text.
/// Returns the new text and the number of edits applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for edit in sorted {
        let Range { start, end } = edit.range;
        if start < cursor || end > text.len() || start > end {
            continue;
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(&edit.replacement);
        cursor = end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_sorted_edits_and_skips_overlaps() {
        let edits = vec![
            Edit::replace(6..11, "there"),
            Edit::insert(0, ">> "),
            Edit::replace(8..9, "X"),
        ];
        let (out, applied) = apply_edits("hello world", &edits);
        assert_eq!(out, ">> hello there");
        assert_eq!(applied, 2);
    }
}
