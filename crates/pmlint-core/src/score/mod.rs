//! A 0–100 score that ranks postmortems the way an experienced reviewer does: seven
//! criteria, each 0–10 from what the document shows (nothing written is 0; template
//! placeholders count as nothing), lowered by the findings of its family, summed with
//! the reviewer's weights. See docs/score.md for how each criterion is read.

mod criteria;
mod evidence;

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Slot};
use evidence::Evidence;
use serde::Serialize;

/// What a postmortem is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    Summary,
    Impact,
    Timeline,
    RootCause,
    Blameless,
    ActionItems,
    Lessons,
}

impl Criterion {
    pub const ALL: [Criterion; 7] = [
        Criterion::Summary,
        Criterion::Impact,
        Criterion::Timeline,
        Criterion::RootCause,
        Criterion::Blameless,
        Criterion::ActionItems,
        Criterion::Lessons,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Criterion::Summary => "Summary",
            Criterion::Impact => "Impact",
            Criterion::Timeline => "Timeline",
            Criterion::RootCause => "Root cause",
            Criterion::Blameless => "Blameless",
            Criterion::ActionItems => "Action items",
            Criterion::Lessons => "Lessons",
        }
    }

    /// Stable identifier, as in JSON and in `../shared/eval/real/grades.json`.
    pub fn key(self) -> &'static str {
        match self {
            Criterion::Summary => "summary",
            Criterion::Impact => "impact",
            Criterion::Timeline => "timeline",
            Criterion::RootCause => "root_cause",
            Criterion::Blameless => "blameless",
            Criterion::ActionItems => "action_items",
            Criterion::Lessons => "lessons",
        }
    }

    /// Weight in the total, in percent: the reviewer's rubric (the causes and the
    /// actions that follow from them weigh most; the weights sum to 100).
    pub fn weight(self) -> u32 {
        match self {
            Criterion::Summary | Criterion::Timeline | Criterion::Lessons => 10,
            Criterion::Impact | Criterion::Blameless => 15,
            Criterion::RootCause | Criterion::ActionItems => 20,
        }
    }
}

/// One criterion's part of the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionScore {
    pub criterion: Criterion,
    pub title: &'static str,
    /// 0–100.
    pub score: u32,
    /// Share of the total, in percent (the weights sum to 100).
    pub weight: u32,
    /// One line: what was found or is missing.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// 0–100: the criteria's scores, weighted.
    pub total: u32,
    pub criteria: Vec<CriterionScore>,
}

/// Placeholders left in a criterion's own section (S003) say the section is not
/// finished: each costs a point, up to three.
fn unfinished(
    ev: &Evidence,
    criterion: Criterion,
    verdict: criteria::Verdict,
) -> criteria::Verdict {
    let group = match criterion {
        Criterion::Summary => Slot::Summary,
        Criterion::Impact => Slot::Impact,
        Criterion::Timeline => Slot::Timeline,
        Criterion::RootCause => Slot::RootCause,
        Criterion::ActionItems => Slot::ActionItems,
        Criterion::Lessons => Slot::LessonsLearned,
        Criterion::Blameless => return verdict,
    };
    let left = ev.count_in("S003", &ev.ranges(group));
    if left == 0 || verdict.value == 0.0 {
        return verdict;
    }
    criteria::Verdict {
        value: (verdict.value - left.min(3) as f64).max(0.0),
        reason: format!(
            "{}; {left} placeholder{} left in",
            verdict.reason,
            if left == 1 { "" } else { "s" }
        ),
    }
}

/// Scores `doc` from what it shows and the `diagnostics` linted from it.
pub fn score(doc: &Document, diagnostics: &[Diagnostic]) -> Score {
    let ev = Evidence::new(doc, diagnostics);
    let mut weighted = 0.0;
    let criteria = Criterion::ALL
        .into_iter()
        .map(|criterion| {
            let verdict = match criterion {
                Criterion::Summary => criteria::summary(&ev),
                Criterion::Impact => criteria::impact(&ev),
                Criterion::Timeline => criteria::timeline(&ev),
                Criterion::RootCause => criteria::root_cause(&ev),
                Criterion::Blameless => criteria::blameless(&ev),
                Criterion::ActionItems => criteria::action_items(&ev),
                Criterion::Lessons => criteria::lessons(&ev),
            };
            let verdict = unfinished(&ev, criterion, verdict);
            weighted += verdict.value * f64::from(criterion.weight());
            CriterionScore {
                criterion,
                title: criterion.title(),
                score: (verdict.value * 10.0).round() as u32,
                weight: criterion.weight(),
                reason: verdict.reason,
            }
        })
        .collect();
    let total_weight: u32 = Criterion::ALL.iter().map(|c| c.weight()).sum();
    Score {
        total: (weighted * 10.0 / f64::from(total_weight)).round() as u32,
        criteria,
    }
}
