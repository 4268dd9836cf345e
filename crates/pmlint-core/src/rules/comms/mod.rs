//! Incident communications (C): the executive update and the customer notice, read
//! against seed `000`. These rules run only on the communication kinds
//! ([`crate::kind::Kind`]); the analysis they share lives in [`crate::comms`].

pub mod c001_label_headline;
pub mod c002_hidden_agent;
pub mod c003_no_ownership;
pub mod c004_vague_amount;
pub mod c005_unexplained_jargon;
pub mod c006_no_timestamps;
pub mod c007_vague_prevention;
pub mod c008_undated_commitment;
pub mod c009_untiered_actions;
pub mod c010_no_transparency;
pub mod c011_no_ask;
pub mod c012_no_apology;
pub mod c013_no_customer_steps;
pub mod c014_minimising_tone;

use crate::comms::evidence::sentences;
use crate::kind::Kind;
use crate::rules::Context;
use regex::Regex;
use std::ops::Range;

/// The kind of the document the rule is looking at.
fn kind(ctx: &Context) -> Kind {
    Kind::of(ctx.doc, ctx.settings.kind)
}

/// Every match of `pattern` in the authors' prose, as document ranges.
fn phrases(ctx: &Context, pattern: &Regex) -> Vec<Range<usize>> {
    sentences(ctx.doc)
        .flat_map(|(range, text)| {
            pattern
                .find_iter(text)
                .map(move |m| range.start + m.start()..range.start + m.end())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::{lint, Settings};

    /// The messages rule `code` reports on `text` linted as `kind`.
    pub(crate) fn findings(code: &str, kind: &str, text: &str) -> Vec<String> {
        let text = format!("---\ntype: {kind}\n---\n{text}");
        lint(&text, &Settings::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| text[d.range].to_string())
            .collect()
    }
}
