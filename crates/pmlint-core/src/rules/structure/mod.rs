//! Structure (S): the postmortem has its sections, they are filled in, and it is
//! identified, owned and published.

pub mod s001_missing_section;
pub mod s002_empty_section;
pub mod s003_placeholder;
pub mod s004_missing_metadata;
pub mod s005_duplicate_section;
pub mod s006_summary_too_long;
pub mod s007_stale_draft;
mod template_text;

use crate::document::Document;
use std::ops::Range;

/// Where a finding about the whole document is shown: the title, else the first line.
pub(crate) fn document_anchor(doc: &Document) -> Range<usize> {
    if let Some(title) = &doc.title {
        return title.range.clone();
    }
    let first_line = (0..doc.line_index.line_count())
        .map(|l| doc.line_index.line_range(doc.text, l))
        .find(|r| !doc.text[r.clone()].trim().is_empty());
    first_line.unwrap_or(0..0)
}
