use super::{impact_statement, HARM};
use crate::diagnostic::Severity;
use crate::document::Slot;
use crate::rules::{Context, Family, Rule, RuleDocs};
use regex::Regex;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    code: "I002",
    name: "vague-quantifier",
    family: Family::Impact,
    default_severity: Severity::Warning,
    summary: "The impact is given as a vague quantity instead of a number.",
    docs: RuleDocs {
        what: "Finds vague quantities where the impact is stated — the Impact section, or the Summary's sentences about harm where there is no Impact section: a vague count of what was affected (\"many customers\", \"several students\", \"few users\", \"multiple popular plugins\", \"a number of requests\", \"several hours\"), \"significant\", \"substantial\", \"an extended period\", \"for a while\" — and, anywhere, an amount of impact left vague (\"little or no user impact\", \"any significant downtime\", \"the impact was limited\"). Counts of ideas (\"several reasons\", \"some changes\") and a number given right after (\"some users (about 2,400)\") are not reported.",
        why: "Seed `000`: \"Specificity: 847 customers (not 'many'), 4.5 hours (not 'extended'), $15K (not 'financial impact')\"; its rubric scores Evidence Quality on specific data. A vague quantity lets each reader imagine a different incident.",
        example: "Many customers were affected for an extended period.",
        better: "847 customers (80% of active accounts) were affected for 4.5 hours.",
    },
    check,
};

/// A vague count and the words after it, where what it counts is found: "several
/// students", "multiple popular Gradle plugins", "a number of requests".
static VAGUE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?P<det>many|several|some|numerous|various|countless|multiple|(?:a\s+)?few|a\s+lot\s+of|lots\s+of|a\s+(?:large\s+|small\s+|significant\s+)?number\s+of|a\s+handful\s+of|a\s+subset\s+of|a\s+portion\s+of|a\s+majority\s+of|a\s+couple\s+of|most)(?:\s+of\s+(?:our|the|their))?
        (?P<rest>(?:\s+[\w'’@./-]+){1,4})",
    )
    .expect("vague count pattern")
});

/// Vague amounts and durations: "significant", "an extended period", "for a while".
static VAGUE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:
          significant(?:ly)? | substantial(?:ly)? | considerabl[ey] | massive(?:ly)?
        | (?:an?\s+)?(?:extended|prolonged|long|lengthy)\s+(?:period|time|outage|duration)
        | for\s+(?:a\s+while|some\s+time|a\s+(?:short|brief)\s+(?:time|period|while))
        )(?-u:\b)",
    )
    .expect("vague amount pattern")
});

/// An amount of impact left vague, wherever it is said: "little or no user impact",
/// "any significant downtime", "the impact was limited".
static VAGUE_IMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:
          (?:little|minimal|limited|minor|negligible|some|significant|substantial|considerable|major)(?:\s+or\s+no)?\s+(?:user[-\s]|customer[-\s]|end[-\s]user\s+)?(?:impact|downtime|disruption|degradation)
        | impact\s+(?:was|is|has\s+been)\s+(?:\w+\s+)?(?:limited|minimal|small|minor|low|negligible|significant|considerable)
        )(?-u:\b)",
    )
    .expect("vague impact pattern")
});

/// What a count of affected things is about: people, services, requests, time. Words
/// that count ideas, not impact ("several reasons", "some changes") are not.
const NOT_IMPACT: &[&str] = &[
    "reasons",
    "ways",
    "cases",
    "things",
    "times",
    "steps",
    "ideas",
    "questions",
    "changes",
    "fixes",
    "improvements",
    "lessons",
    "areas",
    "aspects",
    "factors",
    "points",
    "parts",
    "places",
    "kinds",
    "sorts",
    "types",
    "options",
    "tests",
    "people's",
    "bugs",
    "issues",
    "of",
    "other",
    "others",
    "point",
    "time",
    "extent",
    "degree",
    "sort",
    "kind",
    "way",
    "reason",
    "more",
    "cases",
    "years",
    "weeks",
    "months",
    "ago",
];
const MASS_IMPACT: &[&str] = &[
    "downtime",
    "disruption",
    "degradation",
    "traffic",
    "data",
    "impact",
    "latency",
    "loss",
    "outage",
];
const DURATIONS: &[&str] = &["minutes", "hours", "days"];

/// Whether `head` is what a count of impact counts: something plural, or harm itself.
fn counts_impact(head: &str) -> bool {
    let lower = head.to_lowercase();
    if NOT_IMPACT.contains(&lower.as_str()) {
        return false;
    }
    let plural = lower.len() > 3
        && lower.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| lower.ends_with(e));
    plural || MASS_IMPACT.contains(&lower.as_str()) || lower == "people"
}

/// Where what a vague count counts ends in `rest` (the words after it), when it counts
/// impact: the first such word within a few ("multiple popular Gradle plugins").
fn counted(det: &str, rest: &str) -> Option<usize> {
    let mut at = 0;
    for word in rest.split_whitespace() {
        let start = at + rest[at..].find(word)?;
        at = start + word.len();
        let bare = word.trim_end_matches(['.', ',', ';', ':', ')']);
        let lower = bare.to_lowercase();
        if DURATIONS.contains(&lower.as_str()) {
            let counts_time = ["several", "many"]
                .iter()
                .any(|d| det.eq_ignore_ascii_case(d));
            return counts_time.then_some(start + bare.len());
        }
        if NOT_IMPACT.contains(&lower.as_str()) || bare.len() < word.len() {
            return counts_impact(bare).then_some(start + bare.len());
        }
        if counts_impact(bare) {
            return Some(start + bare.len());
        }
    }
    None
}

/// "Some users (about 2,400)": the number is given right after.
static COUNT_FOLLOWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*[(,—–-]\s*(?:about|approximately|around|roughly|nearly|over|~|≈)?\s*\$?\d")
        .expect("count follows pattern")
});

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let (sections, is_impact) = impact_statement(doc);
    let mut scopes: Vec<_> = sections
        .iter()
        .map(|&i| doc.sections[i].body.clone())
        .collect();
    scopes.sort_by_key(|r| r.start);
    let in_scope = |at: usize| {
        let i = scopes.partition_point(|r| r.start <= at);
        i > 0 && scopes[i - 1].contains(&at)
    };
    let mut found = Vec::new();
    for sentence in &doc.sentences {
        if sentence.quoted || doc.within_slot(sentence.range.start, Slot::Timeline) {
            continue;
        }
        let text = &doc.prose[sentence.range.clone()];
        let mut spans: Vec<std::ops::Range<usize>> =
            VAGUE_IMPACT.find_iter(text).map(|m| m.range()).collect();
        // In a Summary, counts and amounts are the impact's in a sentence about harm.
        let statement = in_scope(sentence.range.start)
            && (is_impact
                || HARM.is_match(text)
                || doc.slot_at(sentence.range.start) == Some(Slot::Impact));
        if statement {
            for caps in VAGUE_COUNT.captures_iter(text) {
                let (Some(det), Some(rest)) = (caps.name("det"), caps.name("rest")) else {
                    continue;
                };
                if let Some(end) = counted(det.as_str(), rest.as_str()) {
                    spans.push(det.start()..rest.start() + end);
                }
            }
            spans.extend(VAGUE_AMOUNT.find_iter(text).map(|m| m.range()));
        }
        spans.sort_by_key(|r| (r.start, usize::MAX - r.end));
        let mut last_end = 0;
        for span in spans {
            if span.start < last_end || COUNT_FOLLOWS.is_match(&text[span.end..]) {
                continue;
            }
            last_end = span.end;
            found.push(sentence.range.start + span.start..sentence.range.start + span.end);
        }
    }
    for range in found {
        let written = doc.prose[range.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        ctx.report(range, format!("Vague quantity `{written}`: say how many or how long"))
            .with_note("Give the number: users, requests, orders, minutes, money (seed 000: \"847 customers (not 'many'), 4.5 hours (not 'extended')\").");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_vague_quantities_where_the_impact_is_stated() {
        let summary = "# P\n\n## Summary\n\nMany customers were affected for an extended period.\n";
        assert_eq!(
            findings("I002", summary),
            vec![
                "Vague quantity `Many customers`: say how many or how long",
                "Vague quantity `an extended period`: say how many or how long",
            ]
        );
        let impact = "# P\n\n## Summary\n\nMany customers were affected.\n\n## Impact\n\nSeveral merchants saw significant delays. Users of multiple popular Gradle plugins could not build. Few users in the Lisbon office were affected.\n";
        assert_eq!(
            findings("I002", impact),
            vec![
                "Vague quantity `Several merchants`: say how many or how long",
                "Vague quantity `significant`: say how many or how long",
                "Vague quantity `multiple popular Gradle plugins`: say how many or how long",
                "Vague quantity `Few users`: say how many or how long",
            ]
        );
    }

    #[test]
    fn vague_amounts_of_impact_are_reported_anywhere() {
        let text = "# P\n\n## What went well\n\n- Little or no user impact\n\n## Conclusion\n\nFortunately this didn't cause any significant downtime.\n";
        assert_eq!(
            findings("I002", text),
            vec![
                "Vague quantity `Little or no user impact`: say how many or how long",
                "Vague quantity `significant downtime`: say how many or how long",
            ]
        );
    }

    #[test]
    fn counts_of_ideas_and_summaries_without_harm_pass() {
        let text = "# P\n\n## Summary\n\nWe found several reasons and made some changes. The testnet ran into issues with several clients.\n";
        assert_eq!(findings("I002", text), Vec::<String>::new());
    }

    #[test]
    fn numbers_and_other_sections_pass() {
        let text = "# P\n\n## Summary\n\nSome users (about 2,400) saw errors on 2025-02-03.\n\n## Lessons Learned\n\nMany customers retry on their own.\n";
        assert_eq!(findings("I002", text), Vec::<String>::new());
        let dated = "# P\n\n## Summary\n\nLogins were slow for many users on 2025-02-03.\n";
        assert_eq!(findings("I002", dated).len(), 1);
        assert_eq!(findings("I002", text), Vec::<String>::new());
    }
}
