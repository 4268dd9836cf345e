use super::{blames_person, content_words, shared_words};
use crate::diagnostic::Severity;
use crate::recurrence::cause_statements;
use crate::rules::{Context, Family, Rule, RuleDocs};
use std::collections::BTreeSet;

pub const RULE: Rule = Rule {
    code: "W006",
    name: "cause-without-action",
    family: Family::Causes,
    default_severity: Severity::Warning,
    summary: "A root cause or contributing factor has no action item that addresses it.",
    docs: RuleDocs {
        what: "Compares each root-cause statement (a chain's `Root Cause:` line, else its last answer) or, without a chain, the Root Cause section's first paragraphs, and each contributing factor (a list item or table row under Contributing Factors) with the action items by their content words. A cause that shares no content word with any action item is reported, by name (\"alert\" and \"monitoring\" count as the same word). Documents without action items are left to the structure rules.",
        why: "Seed `003`: \"A postmortem that does not change anything is worse than no postmortem\"; seed `001` wants action items that are \"relevant: actually addresses the problem\". A cause found but never acted on is the one that recurs.",
        example: "## Contributing Factors\n- No query timeout: long queries hold connections indefinitely.\n\n## Action Items\n- Add a connection pool alert at 70% (@sre, due 2025-02-01)",
        better: "## Action Items\n- Add a connection pool alert at 70% (@sre, due 2025-02-01)\n- Configure a 5-second query timeout on the orders database (@dba, due 2025-01-25)",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    if doc.action_items.is_empty() {
        return;
    }
    let actions: Vec<BTreeSet<String>> = doc
        .action_items
        .iter()
        .map(|a| content_words(&a.action.text))
        .collect();
    for cause in cause_statements(doc) {
        let words = content_words(&cause.text);
        // A cause that blames a person is W003's and the blame rules' finding, not a
        // gap in the action items.
        if words.is_empty()
            || blames_person(&cause.text)
            || actions.iter().any(|a| shared_words(&words, a) > 0)
        {
            continue;
        }
        let name = cause.text.trim().trim_end_matches('.');
        ctx.report(
            cause.range.clone(),
            format!("No action item addresses this cause: \"{name}\""),
        )
        .with_note("Add an action item that removes or guards against this cause, or say why it is accepted (seed 001: action items must be relevant and actually address the problem).");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::causes::tests::*;

    #[test]
    fn seed_template_cause_is_addressed() {
        assert_eq!(findings("W006", SEED_001_TEMPLATE), Vec::<String>::new());
    }

    #[test]
    fn names_causes_without_actions() {
        let text = "# Postmortem\n\n## Contributing Factors\n\n- No query timeout: long queries hold connections indefinitely.\n- The pool-saturation alert threshold was 100% for 10 minutes.\n\n## Action Items\n\n- Lower the pool-saturation alert threshold to 90% for 3 minutes (@aylin, due 2025-03-14)\n";
        assert_eq!(
            findings("W006", text),
            vec!["No action item addresses this cause: \"No query timeout: long queries hold connections indefinitely\""]
        );
    }

    #[test]
    fn without_action_items_the_structure_rules_speak() {
        let text = "# Postmortem\n\n## Contributing Factors\n\n- No query timeout.\n";
        assert_eq!(findings("W006", text), Vec::<String>::new());
    }
}
