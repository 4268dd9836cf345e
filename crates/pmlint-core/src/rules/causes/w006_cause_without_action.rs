use super::{blames_person, content_words, shared_words};
use crate::diagnostic::Severity;
use crate::document::{whole_emphasis, BlockKind, Document, Slot};
use crate::language::analyze;
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
        what: "Compares each root-cause statement (a chain's `Root Cause:` line, else its last answer) or, without a chain, the Root Cause section's first paragraphs, and each contributing factor (a list item or table row under Contributing Factors) with the action items by their content words. A cause that shares no content word with any action item is reported, by name (\"alert\" and \"monitoring\" count as the same word). A chain's conclusion also counts as addressed when the root-cause prose states a plan (\"we should …\") that is one of the action items. Template prompts (a wholly italic paragraph), lone images and remedies told in the root-cause section (\"we've set up alerts …\") are not causes. Documents without action items are left to the structure rules.",
        why: "Seed `003`: \"A postmortem that does not change anything is worse than no postmortem\"; seed `001` wants action items that are \"relevant: actually addresses the problem\". A cause found but never acted on is the one that recurs.",
        example: "## Contributing Factors\n- No query timeout: long queries hold connections indefinitely.\n\n## Action Items\n- Add a connection pool alert at 70% (@sre, due 2025-02-01)",
        better: "## Action Items\n- Add a connection pool alert at 70% (@sre, due 2025-02-01)\n- Configure a 5-second query timeout on the orders database (@dba, due 2025-01-25)",
    },
    check,
};

/// Whether `text` tells a remedy rather than a cause: people as the subject of a change
/// made or promised ("We've set up new alerts …", "we will add a limit"), as a
/// root-cause section that also says what changes often does.
fn tells_a_remedy(text: &str) -> bool {
    let a = analyze(text);
    a.clauses.first().is_some_and(|c| {
        let promised = c
            .modal
            .is_some_and(|m| matches!(a.lower(m), "will" | "'ll" | "shall"));
        !c.negated && (c.perfect || promised) && a.subject(c).is_some_and(|s| s.party.is_people())
    })
}

/// The content words of the plans the root-cause prose states ("we should write
/// resource constraints for services like this"): when one of them is also an action
/// item, the author has tied the actions to the cause in their own words.
fn plans_in_root_cause(doc: &Document) -> Vec<std::collections::BTreeSet<String>> {
    doc.sentences
        .iter()
        .filter(|s| {
            s.kind != BlockKind::Heading
                && !s.quoted
                && doc.slot_at(s.range.start) == Some(Slot::RootCause)
                && !doc
                    .why_chains
                    .iter()
                    .any(|c| c.range.contains(&s.range.start))
        })
        .filter(|s| {
            let a = analyze(&doc.prose[s.range.clone()]);
            a.clauses.iter().any(|c| {
                !c.negated
                    && c.modal.is_some_and(|m| {
                        matches!(a.lower(m), "should" | "will" | "must" | "shall" | "'ll")
                    })
                    && a.subject(c).is_some_and(|s| s.party.is_people())
            })
        })
        .map(|s| content_words(&doc.prose[s.range.clone()]))
        .collect()
}

/// `![alt](path)` and nothing else.
fn is_lone_image(text: &str) -> bool {
    text.strip_prefix("![")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|inner| inner.split_once("]("))
        .is_some_and(|(alt, path)| !alt.contains(']') && !path.contains(')'))
}

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
    // Two shared words tie a stated plan to an action item; one could be chance.
    let plan_is_an_action = plans_in_root_cause(doc)
        .iter()
        .any(|plan| actions.iter().any(|a| shared_words(plan, a) >= 2));
    for cause in cause_statements(doc) {
        let words = content_words(&cause.text);
        let concludes_chain = doc
            .why_chains
            .iter()
            .any(|c| c.range.contains(&cause.range.start));
        // A cause that blames a person is W003's and the blame rules' finding, not a
        // gap in the action items. A wholly emphasised paragraph is the template's
        // prompt or an aside, and a lone image a diagram: neither is a cause.
        if words.is_empty()
            || is_lone_image(cause.text.trim())
            || blames_person(&cause.text)
            || whole_emphasis(cause.text.trim()).is_some()
            || tells_a_remedy(&cause.text)
            || (concludes_chain && plan_is_an_action)
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
    fn prompts_remedies_and_stated_plans_are_not_unaddressed_causes() {
        let text = "# Postmortem\n\n## Root cause\n\n*Note the final root cause and what needs to change.*\n\n![latency graph](assets/latency.svg)\n\nWe've set up new dashboards so that we can watch this more closely.\n\n## Action Items\n\n- Add a pool alert (@ana, due 2025-02-01)\n";
        assert_eq!(findings("W006", text), Vec::<String>::new());

        let chain = "# Postmortem\n\n## 5 Whys\n\n- Why? The API was down.\n- Why? The node ran out of CPU.\n- Why? One report scanned every row.\n\n## Root cause\n\nOne report scanned every row. We should set memory quotas for batch jobs like this one.\n\n## Action Items\n\n- Set memory quotas for batch jobs (@ana, due 2025-02-01)\n";
        assert_eq!(findings("W006", chain), Vec::<String>::new());
        let unrelated = chain.replace(
            "Set memory quotas for batch jobs",
            "Rotate the on-call schedule",
        );
        assert_eq!(findings("W006", &unrelated).len(), 1);
    }

    #[test]
    fn without_action_items_the_structure_rules_speak() {
        let text = "# Postmortem\n\n## Contributing Factors\n\n- No query timeout.\n";
        assert_eq!(findings("W006", text), Vec::<String>::new());
    }
}
