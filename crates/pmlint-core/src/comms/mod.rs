//! Incident communications: the executive update and the customer notice (seed `000`).
//!
//! This module reads a communication — its [`headline`], the [`evidence`] it shows,
//! its [`jargon`], its [`passive`] clauses (from the language layer) — for the C rules
//! (`rules/comms/`) and scores it on seed `000`'s ten-criterion [`rubric`]. It never imports a rule: the
//! rubric reads the rules' findings by code.

pub mod evidence;
pub mod headline;
pub mod jargon;
pub mod lexicon;
pub mod passive;
pub mod rubric;
pub mod template;

pub use rubric::{rubric, Criterion, CriterionScore, Rubric};
pub use template::template;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use std::ops::Range;

/// The last `LOOK_BEHIND` bytes of `text` before `end`: how far back a check reads, so
/// a sentence of 40,000 words costs linear time, not quadratic.
pub fn window_before(text: &str, end: usize) -> (usize, &str) {
    const LOOK_BEHIND: usize = 240;
    let start = crate::line_index::floor_char_boundary(text, end.saturating_sub(LOOK_BEHIND));
    (start, &text[start..end])
}

/// Where a finding about the whole communication goes: its headline, else its first line.
pub fn anchor(doc: &Document) -> Range<usize> {
    if let Some(range) = headline::find(doc) {
        return range;
    }
    let start = doc.front_matter.as_ref().map_or(0, |r| r.end);
    let rest = &doc.text[start..];
    let lead = rest.len() - rest.trim_start().len();
    let line = rest.trim_start().lines().next().unwrap_or("");
    start + lead..start + lead + line.trim_end().len()
}

/// Whether a blame finding is the writer owning the failure in the first person ("I did
/// not ask", "we shipped the change without testing", "we should have caught this"). In
/// a communication that is the accountability seed `000` asks for ("I take
/// responsibility"); blame is about someone else.
pub fn owns_in_first_person(doc: &Document, diagnostic: &Diagnostic) -> bool {
    let flagged = doc.text[diagnostic.range.clone()].trim_start();
    let first = flagged
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        first.as_str(),
        "i" | "we" | "i'm" | "we're" | "i've" | "we've" | "i'd" | "we'd" | "our" | "my"
    )
}
