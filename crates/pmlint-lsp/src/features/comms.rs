//! Communications (an executive update, a customer notice): seed `000`'s rubric, shown
//! when hovering the headline and sent with the score for status bars.

use crate::analysis::Analysis;
use pmlint_core::comms::{self, Criterion, Rubric};
use pmlint_core::{Diagnostic, Document, Kind};
use serde_json::Value;
use std::ops::Range;

#[derive(Debug)]
pub struct Communication {
    pub kind: Kind,
    pub rubric: Rubric,
    /// The headline (else the first line): hovering it explains the rubric.
    pub headline: Range<usize>,
}

impl Communication {
    /// The rubric of `doc` linted as `kind`, or `None` for a postmortem.
    pub fn of(doc: &Document, kind: Kind, diagnostics: &[Diagnostic]) -> Option<Communication> {
        kind.is_communication().then(|| Communication {
            kind,
            rubric: comms::rubric(doc, kind, diagnostics),
            headline: comms::anchor(doc),
        })
    }
}

/// What the document is linted as, for `pmlint/score`.
pub fn kind(a: &Analysis) -> Kind {
    a.communication
        .as_ref()
        .map_or(Kind::Postmortem, |c| c.kind)
}

/// The score as `pmlint check --format json` gives it: the core's score and, for a
/// communication, seed `000`'s rubric (`rubric`, `average`) beside it; `None` when the
/// document is not linted.
pub fn score_json(a: &Analysis) -> Option<Value> {
    if !a.postmortem {
        return None;
    }
    let mut value = serde_json::to_value(&a.score).ok()?;
    let rubric = a
        .communication
        .as_ref()
        .and_then(|c| serde_json::to_value(&c.rubric).ok());
    if let (Some(Value::Object(rubric)), Value::Object(score)) = (rubric, &mut value) {
        score.extend(rubric);
    }
    Some(value)
}

/// The hover on the headline: the headline criterion explained, then the ten criteria
/// with their scores and what a 5 looks like.
pub fn rubric_table(c: &Communication) -> String {
    let headline = Criterion::Headline;
    let mut out = format!(
        "**{} — rubric {:.1}/5** (seed 000)\n\n**{}: {}/5.** {}\n\n| Criterion | Score | A 5 is |\n|---|---:|---|\n",
        c.kind.title(),
        c.rubric.average,
        headline.title(),
        c.rubric.score_of(headline),
        headline.description(),
    );
    for s in &c.rubric.criteria {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            s.criterion.title(),
            s.score,
            s.criterion.description().replace('|', "\\|")
        ));
    }
    out
}
