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

    /// How the criterion is read, for the rule reference (docs/rules.md, "The score").
    pub fn explanation(self) -> &'static str {
        match self {
            Criterion::Summary => "The Summary section (or, without one, the text between the title and the first recognised section). Nothing written is 0. It earns 2 points for being there, up to 4 more as it reaches 50 words, 2 more when it stands under a summary heading a reader can find, and 1 when it gives a number (users, duration, money). A summary S006 finds too long loses 1.5.",
            Criterion::Impact => "The Impact section, and the numbers the summary states. A number counts when it measures something: people or things affected (\"600 students\", \"five users\"), requests or errors, a duration, money, a share (\"12%\", \"four fifths of users\"), an SLO or error budget; a version, date or id does not. An impact section starts at 3 (described), up to 1 more by its length, and 1.3 per measured quantity (up to four); each vague quantity (I002) costs 0.5. With no impact section, quantities found elsewhere give 1 + 0.5 each (up to five): impact told in passing. None at all is 0.",
            Criterion::Timeline => "Timestamps in the Timeline section, read both from the model's entries and line by line (times as headings, bold labels, table cells), or, with no timeline section, lines anywhere that start with a time. Fewer than two timestamps make no timeline: 0, or up to 2 for a narrative timeline without times. Otherwise 3, plus 0.5 per stamped entry (a date alone counts; up to eight), 2 for a time zone (declared, in a heading or column, or on a time), 1 when the milestones are all there (no T003); order, duration and untimed-entry findings (T002, T004, T005) subtract their weight.",
            Criterion::RootCause => "How far the analysis goes past the trigger, read across the whole document (contributing conditions are often explained in the narrative, detection story or lessons): 0.4 per distinct systemic condition named (tests, monitoring, alerting, review, process, documentation, runbooks, design, configuration, capacity, limits, dependencies, ownership, rollout …; up to ten), 0.2 per causal step (because, due to, led to, so …; up to ten), 0.3 per answered why (up to five), 1 for a Contributing Factors section, and up to 2.5 for a root-cause section of 150 words (the reader finds the cause where it is looked for). A cause stated as unknown or only guessed at (\"root cause unknown\", \"to be filled in\", \"I think\") loses 2; each W finding (a chain too short, broken, ending at a person or at the trigger, a why unanswered) loses twice its weight. Nothing causal written is 0.",
            Criterion::Blameless => "9.5, minus 2 per error-weight of B findings (a warning costs 1), scaled down for documents under 100 words: a few lines are too little to show a blameless stance. Nothing written is 0.",
            Criterion::ActionItems => "The action items the model reads from tables and lists of the action-items section (rows whose action is only a placeholder do not count). With items: 1, up to 1.5 more as they reach four, then by the share of items that are specific (1.5: four words or more besides links, not vague or human-directed per A005/A006), owned by one person (2.5: an owner that is not a placeholder, a team or several people per A002/A003), dated (1) and tracked (2.5: a ticket column, an issue number or a link). Each cause without an action (W006) costs 0.5, up to two. A follow-up written only as prose gives up to 2; nothing is 0.",
            Criterion::Lessons => "The Lessons Learned group (What went well / poorly / Where we got lucky). Nothing written is 0. Otherwise 2, up to 4 more as it reaches 150 words, and 1.3 for each of went well, went poorly and lucky that has content.",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{TemplateFields, PROFILES};
    use crate::{lint, Settings};

    fn scored(text: &str) -> Score {
        lint(text, &Settings::default()).score
    }

    fn example(name: &str) -> String {
        let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn nothing_written_scores_nothing() {
        for profile in PROFILES {
            let score = scored(&profile.template(&TemplateFields::default()));
            assert!(score.total < 20, "{}: {score:?}", profile.name);
            let action_items = &score.criteria[5];
            assert_eq!(
                (action_items.score, action_items.reason.as_str()),
                (0, "no action items")
            );
        }
        let score = scored("# DB outage\n\nThe database went down for an hour.\n");
        assert!(score.total < 10, "{score:?}");
        assert_eq!(scored("").total, 0);
    }

    #[test]
    fn the_examples_rank_as_a_reviewer_would() {
        let exemplary = scored(&example("2025-01-15-checkout-db-pool-postmortem.md"));
        let typical = scored(&example("2025-02-03-login-latency-postmortem.md"));
        let bad = scored(&example("incident-report-payments-outage.md"));
        assert!(exemplary.total >= 90, "{exemplary:?}");
        assert!(bad.total <= 40, "{bad:?}");
        assert!(exemplary.total > typical.total && typical.total > bad.total);
        let weights: u32 = exemplary.criteria.iter().map(|c| c.weight).sum();
        assert_eq!(weights, 100);
        assert!(exemplary.criteria.iter().all(|c| !c.reason.is_empty()));
    }

    #[test]
    fn reasons_say_what_is_missing_and_findings_lower_a_criterion() {
        let owned = "# P\n\n## Action Items\n\n| Action | Owner | Due |\n|---|---|---|\n| Add an alert on pool saturation | @ana | 2025-02-01 |\n| Add a load test to the release checklist | | |\n";
        let score = scored(owned);
        let actions = &score.criteria[5];
        assert!(
            actions
                .reason
                .starts_with("1 of 2 action items have an owner, 1 a due date"),
            "{actions:?}"
        );
        let timeline = "# P\n\n## Timeline\n\n- 14:00 deploy\n- 14:05 alert\n- 14:20 rollback\n";
        let zoned = timeline.replace("## Timeline\n", "## Timeline\n\nAll times UTC.\n");
        let (bare, with_zone) = (&scored(timeline).criteria[2], &scored(&zoned).criteria[2]);
        assert!(bare.reason.contains("no time zone"), "{bare:?}");
        assert!(with_zone.score > bare.score, "{with_zone:?} {bare:?}");
        let context = "The orders service returned errors for forty minutes while its database was restored from the nightly backup. ".repeat(8);
        let blamed = scored(&format!("# P\n\n## Summary\n\n{context}The root cause was human error: the engineer carelessly deleted the table.\n"));
        let neutral = scored(&format!("# P\n\n## Summary\n\n{context}A cleanup job deleted the table: nothing kept it from production.\n"));
        let (b, n) = (&blamed.criteria[4], &neutral.criteria[4]);
        assert!(b.score < n.score, "{b:?} {n:?}");
        assert_eq!(n.reason, "no blaming language");
    }
}
