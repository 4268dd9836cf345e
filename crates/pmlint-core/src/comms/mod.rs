//! Incident communications: the executive update and the customer notice (seed `000`).
//!
//! This module reads a communication — its [`headline`], the [`evidence`] it shows,
//! its [`jargon`], its [`passive`] clauses — for the C rules (`rules/comms/`) and
//! scores it on seed `000`'s ten-criterion [`rubric`]. It never imports a rule: the
//! rubric reads the rules' findings by code.

pub mod evidence;
pub mod headline;
pub mod jargon;
pub mod lexicon;
pub mod passive;
pub mod rubric;

pub use rubric::{rubric, Criterion, CriterionScore, Rubric};

use crate::document::Document;
use std::ops::Range;

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
