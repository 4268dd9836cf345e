//! Passive verb groups in a sentence, and whether one hides who acted.
//!
//! A stand-in with the shape of the language layer's clauses (issue 17,
//! /work/coord/language-api.md: `Clause { voice: Voice::Passive, verb, subject, agent }`):
//! when that layer lands, [`passive_clauses`] becomes a filter over its clauses and the
//! rest of this module stays as it is.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One passive clause; ranges are relative to the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassiveClause {
    /// The auxiliary through the participle: "were made", "was not tested".
    pub verb: Range<usize>,
    /// The participle alone, lower-cased: "made".
    pub participle: String,
    /// The words before the auxiliary in the same clause: the patient ("mistakes").
    pub subject: Range<usize>,
    /// The "by …" phrase naming the doer, if any.
    pub agent: Option<Range<usize>>,
}

static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:am|is|are|was|were|be|been|being|got|get|gets)\s+(?:(?:not|never|also|then|quickly|later|already|inadvertently|accidentally|mistakenly|subsequently|eventually|initially|only|first|simply)\s+){0,2}(?P<p>[a-z]+(?:ed|en)|made|done|run|set|put|shut|hit|caught|found|left|brought|built|sent|taken|given|seen|known|lost|held|told|kept|pushed|missed|overlooked)(?-u:\b)(?:\s+(?:out|through|back|up|off|in))?",
    )
    .expect("passive pattern")
});

static AGENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s+by\s+([^,.;:()]{1,80})").expect("agent pattern"));

/// Where a clause starts: after the last clause break before `end`. Not at "that" or
/// "which": a relative clause's patient is the noun before it ("a change in the
/// library which was deployed").
fn clause_start(text: &str, end: usize) -> usize {
    let (base, before) = super::window_before(text, end);
    let lower = before.to_ascii_lowercase();
    [",", ";", ":", "(", " and ", " but ", " when ", " after "]
        .iter()
        .filter_map(|b| lower.rfind(b).map(|i| i + b.len()))
        .max()
        .map_or(base, |i| base + i)
}

/// Every passive clause in `text`.
pub fn passive_clauses(text: &str) -> Vec<PassiveClause> {
    PASSIVE
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let participle = caps.name("p")?.as_str().to_ascii_lowercase();
            let start = clause_start(text, whole.start());
            let agent = AGENT.captures(&text[whole.end()..]).and_then(|a| {
                let g = a.get(1)?;
                Some(whole.end() + g.start()..whole.end() + g.end())
            });
            Some(PassiveClause {
                verb: whole.range(),
                participle,
                subject: start..whole.start(),
                agent,
            })
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
    let verb = text[clause.verb.clone()].to_ascii_lowercase();
    let negated = verb.contains("not") || verb.contains("never");
    if NEGATED_ONLY.contains(&participle) && !negated {
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
    fn named_doers_and_recovery_pass() {
        assert!(hiding("The change was approved by me as CTO.").is_empty());
        assert!(hiding("Service was restored at 06:47.").is_empty());
        assert!(hiding("The fix was deployed at 14:05.").is_empty());
        assert!(hiding("The alert was triggered by the error-rate monitor.").is_empty());
        assert!(hiding("The migration was tested in staging.").is_empty());
    }
}
