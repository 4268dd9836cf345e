//! Passive clauses of a sentence, from the language layer ([`crate::language`]: its
//! clauses know their voice, subject and "by" agent), and whether one hides who acted.

use crate::language::{self, Voice};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One passive clause; ranges are relative to the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassiveClause {
    /// The verb group, auxiliary through participle: "were made", "was not tested".
    pub verb: Range<usize>,
    /// The participle alone, lower-cased: "made".
    pub participle: String,
    /// "not", "n't" or "never" in the verb group.
    pub negated: bool,
    /// The grammatical subject, the patient ("mistakes"); for a relative clause ("a
    /// change … which was deployed") or none, the sentence before the verb, which holds
    /// the antecedent.
    pub subject: Range<usize>,
    /// The "by …" phrase naming the doer, if any.
    pub agent: Option<Range<usize>>,
}

/// Relative pronouns: the patient they stand for is earlier in the sentence.
const RELATIVE: &[&str] = &["that", "which", "who", "what"];

/// Every passive clause in `text` (a sentence).
pub fn passive_clauses(text: &str) -> Vec<PassiveClause> {
    let analysis = language::analyze(text);
    let chunk_span = |c: usize| {
        let chunk = &analysis.chunks[c];
        analysis.span(chunk.tokens.start, chunk.tokens.end - 1)
    };
    analysis
        .clauses
        .iter()
        .filter(|c| c.voice == Voice::Passive)
        .map(|c| {
            let verb = analysis.span(c.group.start, c.group.end - 1);
            PassiveClause {
                participle: analysis.lower(c.verb).to_string(),
                negated: c.negated,
                subject: c
                    .subject
                    .filter(|&s| !RELATIVE.contains(&analysis.lower(analysis.chunks[s].head)))
                    .map_or_else(
                        || super::window_before(text, verb.start).0..verb.start,
                        chunk_span,
                    ),
                agent: c.by_agent.map(chunk_span),
                verb,
            }
        })
        .collect()
}

/// Verbs of deciding and changing: when one of these is passive and nobody is named
/// as its doer, the sentence hides who made the call.
const DECISION_VERBS: &[&str] = &[
    "renewed",
    "updated",
    "patched",
    "checked",
    "caught",
    "noticed",
    "followed",
    "monitored",
    "made",
    "triggered",
    "caused",
    "introduced",
    "deployed",
    "approved",
    "pushed",
    "released",
    "shipped",
    "missed",
    "overlooked",
    "skipped",
    "misconfigured",
    "changed",
    "applied",
    "decided",
    "allowed",
    "executed",
    "merged",
    "scheduled",
    "enabled",
    "disabled",
    "removed",
    "deleted",
    "configured",
    "rolled",
    "tested",
    "reviewed",
    "ignored",
    "postponed",
    "deferred",
    "deprioritized",
    "deprioritised",
    "dismissed",
    "chosen",
    "taken",
    "signed",
];

/// Verbs that hide someone only when negated: "the certificate was not renewed".
const NEGATED_ONLY: &[&str] = &[
    "renewed",
    "updated",
    "patched",
    "checked",
    "caught",
    "noticed",
    "followed",
    "monitored",
    "tested",
    "reviewed",
];

/// The patient of a hiding passive: the failure or the change itself.
static FAILURE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:mistakes?|errors?|incident|outage|issue|problem|failure|changes?|migration|deploy(?:ment)?|update|release|config(?:uration)?|decision|bug|defect|misconfiguration|script|command|patch|rollout|it|this|flag|setting|certificate|job|warnings?|alerts?|risks?|steps?|shortcuts?|tests?|checks?|review|upgrade|call)(?-u:\b)")
        .expect("failure subject pattern")
});

/// A doer that names no one: "a combination of factors".
static ABSTRACT_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:an?|the|some|this|that|its|our|unforeseen|unexpected)?\s*(?:[a-z]+\s+)?(?:factors?|combination|circumstances|issues?|problems?|conditions|events?|series|set|confluence|variety|errors?|mistakes?|glitch(?:es)?)(?:\s|$)")
        .expect("abstract agent pattern")
});

/// Whether the clause leaves the failure without anyone who acted: a passive decision
/// verb over a failure or change, with no doer or only an abstract one.
pub fn hides_agent(text: &str, clause: &PassiveClause) -> bool {
    let participle = clause.participle.as_str();
    if !DECISION_VERBS.contains(&participle) {
        return false;
    }
    // "Was tested", "was renewed" are no failure; "was not tested" hides who skipped it.
    if NEGATED_ONLY.contains(&participle) && !clause.negated {
        return false;
    }
    if !FAILURE_SUBJECT.is_match(&text[clause.subject.clone()]) {
        return false;
    }
    match &clause.agent {
        None => true,
        Some(agent) => ABSTRACT_AGENT.is_match(&text[agent.clone()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hiding(text: &str) -> Vec<&str> {
        passive_clauses(text)
            .into_iter()
            .filter(|c| hides_agent(text, c))
            .map(|c| &text[c.verb])
            .collect()
    }

    #[test]
    fn finds_passives_that_hide_the_doer() {
        assert_eq!(hiding("Mistakes were made."), vec!["were made"]);
        assert_eq!(
            hiding("The incident was triggered by a combination of factors."),
            vec!["was triggered"]
        );
        assert_eq!(
            hiding("A configuration change was deployed without review."),
            vec!["was deployed"]
        );
        assert_eq!(
            hiding("The migration was not tested under load."),
            vec!["was not tested"]
        );
    }

    #[test]
    fn a_relative_clause_reads_its_antecedent() {
        assert_eq!(
            hiding(
                "It was a change in the export library which was deployed as a routine upgrade."
            ),
            vec!["was deployed"]
        );
        assert!(hiding("We restored the service that was affected.").is_empty());
    }

    #[test]
    fn named_doers_and_recovery_pass() {
        assert!(hiding("The change was approved by me as CTO.").is_empty());
        assert!(hiding("Service was restored at 06:47.").is_empty());
        assert!(hiding("The fix was deployed at 14:05.").is_empty());
        assert!(hiding("The alert was triggered by the error-rate monitor.").is_empty());
        assert!(hiding("The migration was tested in staging.").is_empty());
    }
}
