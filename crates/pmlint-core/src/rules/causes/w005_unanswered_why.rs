use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "W005",
    name: "unanswered-why",
    family: Family::Causes,
    default_severity: Severity::Warning,
    summary: "A why has no answer, or the root cause is a placeholder.",
    docs: RuleDocs {
        what: "Reports each why whose answer is missing or a placeholder (\"?\", \"(open)\", \"TBD\", \"_To be determined._\", \"[Answer]\"), an answer that admits the cause is unknown (\"The reason … is unclear\", \"We don't know yet\"), and a root-cause statement that is a placeholder.",
        why: "An open why is the point where the analysis stopped: the chain cannot reach \"a systemic issue\" (seed `001`) past it. Seed `002`'s template ships with `[Answer]` slots that must be filled in.",
        example: "5. **Why** does monitoring check only that the job started?\n   - ?",
        better: "5. **Why** does monitoring check only that the job started?\n   - Because job monitors are generated from a template that has no freshness check.",
    },
    check,
};

fn check(ctx: &mut Context) {
    for chain in &ctx.doc.why_chains {
        for (n, step) in chain.steps.iter().enumerate() {
            if step.is_answered() {
                continue;
            }
            let range = step
                .answer
                .as_ref()
                .map_or(step.question.range.clone(), |a| a.range.clone());
            ctx.report(range, format!("Why {} is unanswered", n + 1))
                .with_note("Answer it, or say what is being done to find out; an open why is where the analysis stopped.");
        }
        if let Some(root) = chain
            .root_cause
            .as_ref()
            .filter(|_| chain.stated_root_cause().is_none())
        {
            ctx.report(root.range.clone(), "The root cause is not stated yet");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::causes::tests::*;

    #[test]
    fn answered_seed_chains_are_fine() {
        for text in [SEED_001_TEMPLATE, SEED_001_YAML, SEED_003] {
            assert_eq!(findings("W005", text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn reports_missing_and_placeholder_answers() {
        assert_eq!(findings("W005", SEED_002_TEMPLATE).len(), 6);
        let text = "# Postmortem\n\n## 5 Whys\n\n- Why? The SMS provider rejected our requests.\n- Why? Our quota was exceeded.\n- Why? (open)\n- Why?\n\n**Root Cause:** _To be determined._\n";
        assert_eq!(
            findings("W005", text),
            vec![
                "Why 3 is unanswered",
                "Why 4 is unanswered",
                "The root cause is not stated yet"
            ]
        );
        let admitted = "# Postmortem\n\n## 5 Whys\n\n### Why?\n\nThe cache node restarted.\n\n### Why?\n\nThe reason the kernel froze is unclear, and we could not reproduce it.\n";
        assert_eq!(findings("W005", admitted), vec!["Why 2 is unanswered"]);
        let question_only = "# Postmortem\n\n## 5 Whys\n\n1. **Why did it fail?**\n   - ?\n2. **Why is there no lock TTL?**\n   _(to be filled in)_\n";
        assert_eq!(findings("W005", question_only).len(), 2);
    }
}
