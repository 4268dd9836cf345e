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
    summary: "The Summary or Impact uses a vague quantity instead of a number.",
    docs: RuleDocs {
        what: "Finds vague quantities in the Summary and Impact sections — \"many customers\", \"several\", \"some users\", \"a number of\", \"significant\", \"substantial\", \"an extended period\", \"for a while\" — unless the number follows right after (\"some users (about 2,400)\").",
        why: "Seed `000`: \"Specificity: 847 customers (not 'many'), 4.5 hours (not 'extended'), $15K (not 'financial impact')\"; its rubric scores Evidence Quality on specific data. A vague quantity lets each reader imagine a different incident.",
        example: "Many customers were affected for an extended period.",
        better: "847 customers (80% of active accounts) were affected for 4.5 hours.",
    },
    check,
};

static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:
          (?:many|several|some|numerous|various|countless|multiple|a\s+few|a\s+lot\s+of|lots\s+of|a\s+number\s+of|a\s+large\s+number\s+of|a\s+handful\s+of|a\s+subset\s+of|a\s+portion\s+of|a\s+majority\s+of|most)\s+(?:of\s+(?:our|the)\s+)?(?:customers?|users?|clients?|merchants?|accounts?|requests?|orders?|transactions?|people|players?|stores?|tenants?|services?|regions?)
        | significant(?:ly)? | substantial(?:ly)? | considerabl[ey] | massive(?:ly)?
        | (?:an?\s+)?(?:extended|prolonged|long|lengthy)\s+(?:period|time|outage|duration)
        | for\s+(?:a\s+while|some\s+time|a\s+(?:short|brief)\s+(?:time|period|while))
        | several\s+(?:minutes|hours|days)
        )(?-u:\b)",
    )
    .expect("vague quantifier pattern")
});

/// "Some users (about 2,400)": the number is given right after.
static COUNT_FOLLOWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*[(,—–-]\s*(?:about|approximately|around|roughly|nearly|over|~|≈)?\s*\$?\d")
        .expect("count follows pattern")
});

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    for sentence in &doc.sentences {
        let slot = doc.slot_at(sentence.range.start);
        if !matches!(slot, Some(Slot::Summary | Slot::Impact)) {
            continue;
        }
        let text = &doc.prose[sentence.range.clone()];
        for m in VAGUE.find_iter(text) {
            if COUNT_FOLLOWS.is_match(&text[m.end()..]) {
                continue;
            }
            let start = sentence.range.start + m.start();
            ctx.report(
                start..sentence.range.start + m.end(),
                format!("Vague quantity `{}`: say how many or how long", m.as_str()),
            )
            .with_note("Give the number: users, requests, orders, minutes, money (seed 000: \"847 customers (not 'many'), 4.5 hours (not 'extended')\").");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_vague_quantities_in_summary_and_impact() {
        let text = "# P\n\n## Summary\n\nMany customers were affected for an extended period.\n\n## Impact\n\nSeveral merchants saw significant delays.\n";
        assert_eq!(
            findings("I002", text),
            vec![
                "Vague quantity `Many customers`: say how many or how long",
                "Vague quantity `an extended period`: say how many or how long",
                "Vague quantity `Several merchants`: say how many or how long",
                "Vague quantity `significant`: say how many or how long",
            ]
        );
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
