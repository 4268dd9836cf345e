//! Cause analysis (W): the depth and shape of 5-whys chains, where they stop, and
//! whether every cause found is addressed by an action item.
//!
//! The shared vocabulary lives here: content words with light stemming for "does this
//! text carry that one forward", and the classification of where a chain stopped
//! (a person, an event, or a systemic condition — seed `003`'s root cause categories).

pub mod w001_shallow_chain;
pub mod w002_broken_chain;
pub mod w003_person_terminal;
pub mod w004_proximate_terminal;
pub mod w005_unanswered_why;
pub mod w006_cause_without_action;

use crate::document::{Field, WhyChain};
use crate::language::{analyze, Analysis, VerbForm};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Function words and words every why-chain repeats; they say nothing about content.
const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "against", "all", "also", "and", "any", "are", "because", "been",
    "before", "being", "between", "both", "but", "can", "could", "did", "does", "doing", "done",
    "down", "during", "each", "few", "for", "from", "further", "get", "gets", "got", "had", "has",
    "have", "having", "her", "here", "his", "how", "into", "its", "just", "may", "might", "more",
    "most", "must", "new", "nor", "not", "now", "off", "old", "once", "one", "only", "onto",
    "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "since",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "too", "two", "under", "until", "upon", "very", "was", "were",
    "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "without",
    "would", "yet", "you", "your",
];

/// Abbreviations and words that name the same thing in incident reports, mapped to
/// one form.
const SYNONYMS: &[(&str, &str)] = &[
    ("alarm", "monitor"),
    ("alarms", "monitor"),
    ("alert", "monitor"),
    ("alerting", "monitor"),
    ("alerts", "monitor"),
    ("auth", "authentication"),
    ("cert", "certificate"),
    ("certs", "certificate"),
    ("config", "configuration"),
    ("configs", "configuration"),
    ("db", "database"),
    ("dbs", "database"),
    ("deps", "dependency"),
    ("env", "environment"),
    ("infra", "infrastructure"),
    ("k8s", "kubernetes"),
    ("perf", "performance"),
    ("prod", "production"),
    ("repo", "repository"),
    ("repos", "repository"),
    ("svc", "service"),
    ("timed", "timeout"),
    ("tls", "ssl"),
];

/// Strips common English suffixes so "rescheduled", "rescheduling" and "reschedules"
/// meet; crude on purpose (both sides are stemmed the same way).
fn stem(word: &str) -> String {
    let mut w = word;
    for suffix in [
        "ations", "ation", "ings", "ing", "edly", "ied", "ies", "ed", "es", "s", "ly",
    ] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.chars().count() >= 3 {
                w = base;
                break;
            }
        }
    }
    let w = w.strip_suffix('e').filter(|b| b.len() >= 3).unwrap_or(w);
    w.to_string()
}

/// The stemmed content words of `text`: lowercased, stop words and words shorter than
/// three letters dropped, synonyms folded together.
pub(crate) fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|w| w.trim_matches(['-', '\'']).to_lowercase())
        .map(|w| w.strip_suffix("'s").map(str::to_string).unwrap_or(w))
        .map(|w| {
            SYNONYMS
                .iter()
                .find(|(from, _)| *from == w)
                .map_or(w, |(_, to)| to.to_string())
        })
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !w.contains('\'') && STOP_WORDS.binary_search(&w.as_str()).is_err())
        .map(|w| stem(&w))
        .collect()
}

/// How many content words two texts share.
pub(crate) fn shared_words(a: &BTreeSet<String>, b: &BTreeSet<String>) -> usize {
    a.intersection(b).count()
}

/// A person's lapse named as the cause: human error, inattention, carelessness,
/// missing training (seed `001`: "Focus on process/system, not people"). Lexical by
/// nature; who did what comes from the language layer (see [`blames_person`]).
static PERSON_LAPSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)(?:human|operator|user|engineer|engineering|manual|people|personnel|staff)\s+(?:error|mistake|oversight|slip|failure)s?(?-u:\b)
        | (?-u:\b)(?:oversight|carelessness|negligence|inattention|complacency)(?-u:\b)
        | (?-u:\b)(?:careless|negligent|sloppy|lazy|inexperienced|incompetent|reckless)(?-u:\b)
        | (?-u:\b)(?:wasn't|was\s+not|weren't|were\s+not|isn't|is\s+not|not)\s+(?:careful|attentive|diligent|thorough|paying\s+attention)
        | (?-u:\b)lack(?:s|ed|ing)?\s+(?:of\s+)?(?:training|attention|care|diligence|experience|focus|awareness)
        | (?-u:\b)not\s+(?:been\s+)?(?:properly\s+|adequately\s+)?trained(?-u:\b) | (?-u:\b)untrained(?-u:\b) | (?-u:\b)(?:needs?|needed)\s+(?:more\s+)?training(?-u:\b)
        | (?-u:\b)typo\s+by(?-u:\b) | (?-u:\b)made\s+a\s+mistake(?-u:\b)
        ",
    )
    .expect("person lapse pattern")
});

/// Verbs of a person's slip: forgot, overlooked, mistyped; checks not done.
const SLIP_VERBS: &[&str] = &[
    "forget",
    "mistype",
    "misread",
    "overlook",
    "neglect",
    "ignore",
    "skip",
    "miss",
    "misconfigure",
    "fat-finger",
];
const CHECK_VERBS: &[&str] = &[
    "know",
    "check",
    "follow",
    "notice",
    "test",
    "verify",
    "read",
    "double-check",
    "look",
    "realise",
    "realize",
    "review",
    "pay",
    "think",
    "catch",
];

/// Whether a clause of `a` makes people the doer of a slip: "the engineer forgot to add
/// it", "Dmitri didn't check", "someone should have known"; not "the script ignored the
/// flag" (a system did it).
fn people_slipped(a: &Analysis) -> bool {
    a.clauses.iter().any(|c| {
        let Some(agent) = a.agent(c) else {
            return false;
        };
        if !agent.party.is_people() {
            return false;
        }
        let verb = a.lemma(c.verb);
        // "failed to add the index", "forgot to run the migration".
        if matches!(verb, "fail" | "neglect" | "forget") && a.lower(c.verb + 1) == "to" {
            return !c.negated;
        }
        // "didn't check" tells a slip; "we do not check for drift" a process gap.
        let past = c.group.clone().any(|i| {
            matches!(a.lower(i), "did" | "didn't" | "had" | "hadn't" | "never")
                || a.tokens[i].form == VerbForm::Past
        });
        let missed_check = CHECK_VERBS.contains(&verb)
            && ((c.negated && past) || (c.modal.is_some() && c.perfect));
        (SLIP_VERBS.contains(&verb) && !c.negated) || missed_check
    })
}

/// Absence of a safeguard: a negation near a process, tooling or design word
/// ("no review step", "does not verify", "monitoring … not").
static MISSING_SAFEGUARD: LazyLock<Regex> = LazyLock::new(|| {
    let negation = r"(?:(?-u:\b)(?:no|not|never|without|lacks?|lacking|lack\s+of|missing|neither|nor|absence\s+of)|n't)";
    let safeguard = r"(?:checks?|checking|checklists?|tests?|testing|tested|reviews?|reviewed|reviewers?|alerts?|alerting|monitors?|monitoring|monitored|process(?:es)?|procedures?|polic(?:y|ies)|standards?|owners?|ownership|owns|owning|inventory|contracts?|interfaces?|gates?|gating|automation|automated|validation|validates?|validated|verification|verif(?:y|ies|ied)|safeguards?|guardrails?|runbooks?|steps?|tracking|tracked|track|plans?|baselines?|dry-run|previews?|roadmap|requirements?|requires?|required|mechanisms?|tooling|documentation|documented|approvals?|circuit\s+breakers?|rate\s+limits?|limits?|expiry|alias|concept|slas?|templates?|linters?|backpressure|ttl|timeouts?|isolation|redundancy|failover|budgets?|priorit(?:y|ies)|priorityclass|code|api|import|discovery|visibility|dashboards?|metrics?|audits?|way)";
    Regex::new(&format!(
        r"(?i){negation}(?-u:\b)(?:\W+\w+){{0,4}}?\W+{safeguard}(?-u:\b)|(?-u:\b){safeguard}(?-u:\b)(?:\W+\w+){{0,4}}?\W+{negation}(?-u:\b)"
    ))
    .expect("missing safeguard pattern")
});

/// Standing conditions of process, design or ownership (seed `003`: process, tooling,
/// knowledge, capacity and communication gaps).
static SYSTEMIC_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)manual(?:ly)?\s+(?:step|process|task|script|sql|procedure|import|rotation)s?(?-u:\b) | (?-u:\b)by\s+hand(?-u:\b) | (?-u:\b)hard-?coded(?-u:\b)
        | (?-u:\b)tribal\s+knowledge(?-u:\b) | (?-u:\b)informal(?:ly)?(?-u:\b) | (?-u:\b)ad[\s-]hoc(?-u:\b) | (?-u:\b)by\s+default(?-u:\b) | (?-u:\b)out\s+of\s+scope(?-u:\b)
        | (?-u:\b)single\s+point\s+of\s+failure(?-u:\b)
        | (?-u:\b)(?:personal|individual)\s+(?:inbox|mailbox|email|account|laptop)(?-u:\b) | (?-u:\b)who\s+had\s+(?:since\s+|already\s+)?left(?-u:\b)
        | (?-u:\b)only\s+(?:one|a\s+single)\s+(?:person|engineer|maintainer|admin)(?-u:\b) | (?-u:\b)treated\s+as(?-u:\b) | (?-u:\b)exempt(?-u:\b)
        | (?-u:\b)(?:designed|built|written|created|configured|sized)\s+(?:assuming|for|before|when|around)(?-u:\b) | (?-u:\b)assum(?:ed|es|ing|ption)(?-u:\b)
        | (?-u:\b)(?:no\s+(?:one|team|role|owner)|nobody)\s+owns(?-u:\b)
        | (?-u:\b)nothing\s+(?:requires|checks|prevents|stops|enforces|alerts|validates|verifies)(?-u:\b)
        | (?-u:\b)un(?:detected|tested|monitored|reviewed|tracked|owned|documented|validated|verified|checked|enforced|registered|versioned|managed|bounded|limited)(?-u:\b)
        | (?-u:\b)(?:covers|covered|checks|checked|applies|tests|monitors|alerts)\s+only(?-u:\b) | (?-u:\b)only\s+(?:checks|covers|applies|tests|monitors)(?-u:\b)
        | (?-u:\b)(?:covers|checks|tests|monitors|handles|validates)(?-u:\b)[^.;]*(?-u:\b)but\s+not(?-u:\b)
        ",
    )
    .expect("systemic condition pattern")
});

/// Where a why-chain stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Terminal {
    /// At a person: human error, carelessness, training.
    Person,
    /// At an event (a typo, the deploy, a bug, disk full) rather than a condition.
    Proximate,
    /// At a process, tooling, design, policy or missing-safeguard condition.
    Systemic,
}

pub(crate) fn blames_person(text: &str) -> bool {
    PERSON_LAPSE.is_match(text) || people_slipped(&analyze(text))
}

fn is_systemic(text: &str) -> bool {
    MISSING_SAFEGUARD.is_match(text)
        || SYSTEMIC_CONDITION.is_match(text)
        || states_standing_gap(&analyze(text))
}

/// A causal link: what follows it is the reason for what precedes it.
static CAUSAL_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:because|due\s+to|owing\s+to|(?:a|the)\s+result\s+of|stemm(?:ed|s)\s+from)(?-u:\b)")
        .expect("causal link pattern")
});

/// Verbs a design or a change is faulted with when it missed a case: "the workflow did
/// not support …", "the events were not expected by the parser".
const UNANTICIPATED: &[&str] = &[
    "support",
    "handle",
    "anticipate",
    "expect",
    "consider",
    "cover",
];

/// Whether `text` explains why a cause was possible rather than only naming it: it
/// gives a standing process, design or safeguard condition as the reason ("vulnerable
/// because our dependencies have open-ended version constraints", "not a defect but the
/// lack of documentation"), or says a system or change did not provide for the case
/// ("the build workflow did not support …", "did not take into account that …").
pub(crate) fn explains_why_possible(text: &str) -> bool {
    if CAUSAL_LINK
        .find_iter(text)
        .any(|m| is_systemic(&text[m.end()..]))
    {
        return true;
    }
    let a = analyze(text);
    a.clauses.iter().any(|c| {
        if !c.negated || a.agent(c).is_some_and(|agent| agent.party.is_people()) {
            return false;
        }
        let verb = a.lemma(c.verb);
        let into_account = || {
            verb == "take"
                && (c.verb + 1..a.tokens.len().min(c.verb + 6))
                    .any(|i| a.lower(i) == "into" && a.lower(i + 1).starts_with("account"))
        };
        UNANTICIPATED.contains(&verb) || into_account()
    })
}

/// Whether a clause states a standing gap, in the present: what a system or process
/// does not do, has none of, or does only in part ("the firmware does not trust the new
/// CA", "has not been updated since 2021", "scripts are written only for planned
/// changes", "nothing compares settings"). An event is told in the past ("the deploy
/// pushed a bad config").
fn states_standing_gap(a: &Analysis) -> bool {
    a.clauses.iter().any(|c| {
        let present = c.group.clone().any(|i| {
            matches!(
                a.lower(i),
                "is" | "are"
                    | "am"
                    | "has"
                    | "have"
                    | "does"
                    | "do"
                    | "can"
                    | "isn't"
                    | "aren't"
                    | "hasn't"
                    | "haven't"
                    | "doesn't"
                    | "don't"
                    | "can't"
                    | "cannot"
            )
        }) || (a.tokens[c.verb].form == VerbForm::Present
            || (a.tokens[c.verb].form == VerbForm::Base
                && c.subject.is_some()
                && c.group.len() == 1));
        if !present
            || c.modal
                .is_some_and(|m| a.lower(m) != "can" && a.lower(m) != "can't")
        {
            return false;
        }
        let around = c.group.start.saturating_sub(4)..(c.group.end + 6).min(a.tokens.len());
        let none = |i: usize| {
            matches!(
                a.lower(i),
                "no" | "nothing" | "nobody" | "none" | "only" | "never"
            )
        };
        c.negated || around.clone().any(none)
    })
}

/// Where `chain` stopped, judged on its last answer and its root-cause statement, with
/// the text that shows it; `None` when the last why is unanswered (W005's finding).
pub(crate) fn terminal(chain: &WhyChain) -> Option<(Terminal, &Field)> {
    let last = chain.last_answer()?;
    let root = chain.stated_root_cause();
    let candidates = || std::iter::once(last).chain(root);
    if let Some(blaming) = candidates().find(|f| blames_person(&f.text)) {
        return Some((Terminal::Person, blaming));
    }
    if candidates().any(|f| is_systemic(&f.text)) {
        return Some((Terminal::Systemic, last));
    }
    Some((Terminal::Proximate, last))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{lint, Settings};

    /// The messages of rule `code` on `text`.
    pub(crate) fn findings(code: &str, text: &str) -> Vec<String> {
        lint(text, &Settings::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| d.message)
            .collect()
    }

    /// Seed `001`'s template chain, as written in its "Why It Happened" section.
    pub(crate) const SEED_001_TEMPLATE: &str = "# Postmortem: API errors\n\n## 5 Whys\n\n1. **Why** did the service return errors?\n   - Because the database connection pool was exhausted.\n\n2. **Why** was the connection pool exhausted?\n   - Because a slow query was holding connections for 30+ seconds.\n\n3. **Why** was the query slow?\n   - Because a missing index caused a full table scan.\n\n4. **Why** was the index missing?\n   - Because the migration to add it was never run in production.\n\n5. **Why** wasn't the migration run?\n   - Because our deployment process doesn't verify pending migrations.\n\n**Root Cause**: Deployment process lacks verification of pending database migrations.\n\n## Action Items\n\n| Action | Owner | Due Date |\n|---|---|---|\n| Add a pending-migration verification step to the deployment pipeline | @ana | 2025-02-01 |\n";

    /// Seed `001`'s YAML example, written as `Why N:` questions with answers.
    pub(crate) const SEED_001_YAML: &str = "# Postmortem: 500 errors\n\n## 5 Whys\n\nWhy 1: Why did the service return 500 errors? The database was unreachable.\n\nWhy 2: Why was the database unreachable? The database ran out of disk space.\n\nWhy 3: Why did it run out of disk space? Logs were not being rotated.\n\nWhy 4: Why were logs not being rotated? Log rotation was configured but not enabled.\n\nWhy 5: Why was it not enabled? The infrastructure template didn't include it.\n\n**Root Cause:** Infrastructure templates missing log rotation config.\n";

    /// Seed `002`'s 5 Whys template: placeholders only.
    pub(crate) const SEED_002_TEMPLATE: &str = "# Post-Mortem: Checkout errors\n\n### 5 Whys Analysis\n\n1. **Why did [incident occur]?**\n   - [Answer]\n\n2. **Why [answer to #1]?**\n   - [Answer]\n\n3. **Why [answer to #2]?**\n   - [Answer]\n\n4. **Why [answer to #3]?**\n   - [Answer]\n\n5. **Why [answer to #4]?**\n   - [Answer]\n\n**Systemic Root Cause:** [The process, tool, or cultural issue revealed by 5 Whys]\n";

    /// Seed `003`'s bulleted example: six whys.
    pub(crate) const SEED_003: &str = "# Postmortem: connections\n\n## 5 Whys\n\n- Why did the outage happen? The database ran out of connections.\n- Why did it run out of connections? A query was holding connections open too long.\n- Why was the query holding connections? It was doing a full table scan.\n- Why was it doing a full table scan? An index was missing.\n- Why was the index missing? The schema migration did not include it.\n- Why did the migration not include it? There was no code review checklist for schema changes.\n";

    #[test]
    fn content_words_stem_and_fold() {
        let w = content_words("The pods weren't rescheduled after the DB config changed");
        assert!(w.contains("pod") && w.contains("reschedul") && w.contains("databas"));
        assert!(w.contains("configur") && w.contains("chang"));
        assert!(!w.contains("the") && !w.contains("after"));
        let a = content_words("the evicted pods were not rescheduled");
        let b = content_words("Why weren't the evicted pods rescheduling?");
        assert_eq!(shared_words(&a, &b), 3);
    }

    #[test]
    fn classifies_where_chains_stop() {
        let systemic = [
            "Our deployment process doesn't verify pending migrations.",
            "There was no code review checklist for schema changes.",
            "Monitoring checks that the job started, not that it finished.",
            "Internal tools are treated as low-risk by default.",
            "The device test suite covers the first connection but not reconnecting.",
            "The renewal reminders went to the personal mailbox of a contractor.",
            "Only one engineer could rotate the signing keys.",
        ];
        for text in systemic {
            assert!(is_systemic(text), "{text}");
        }
        let events = [
            "A typo in the DNS record.",
            "The deploy at 14:02.",
            "There was a bug in the config parsing code.",
            "The disk was full.",
            "A misconfiguration of the load balancer.",
            "The purge request returned an error, so nothing was purged.",
            "The freed capacity had been taken by batch jobs, leaving no room.",
        ];
        for text in events {
            assert!(!is_systemic(text) && !blames_person(text), "{text}");
        }
        for text in [
            "The engineer forgot to run the migration.",
            "Human error.",
            "The operator had not been trained on the tool.",
            "The team wasn't careful enough.",
        ] {
            assert!(blames_person(text), "{text}");
        }
        assert!(!blames_person(
            "The notice went to the inbox of an engineer who had since left."
        ));
        assert!(!blames_person(
            "The platform team has not defined a default package."
        ));
    }
}
