use super::actions_anchor;
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "A009",
    name: "no-prevent-action",
    family: Family::ActionItems,
    default_severity: Severity::Warning,
    summary: "No action item is of type Prevent.",
    docs: RuleDocs {
        what: "Where action items carry a type (a Type/Kind/Category column or a `type:` label), reports the action-items heading when none of them is Prevent (preventive, prevention). Items without types are not judged.",
        why: "Seed `001` types its items Prevent, Detect, Mitigate and Document — Prevent being \"Stop this class of incident from happening\" — and asks in its summary \"what we're doing to prevent recurrence\"; seed `003` puts \"What are we going to do to prevent this?\" at the heart of the meeting. Detection and documentation alone let the incident happen again.",
        example: "| Add pool alert | Detect | P2 |\n| Update runbook | Document | P3 |",
        better: "| Add migration check to deployment pipeline | Prevent | P1 |\n| Add pool alert | Detect | P2 |",
    },
    check,
};

fn check(ctx: &mut Context) {
    let kinds: Vec<String> = ctx
        .doc
        .action_items
        .iter()
        .filter_map(|a| a.kind.as_ref())
        .map(|k| k.text.to_lowercase())
        .collect();
    if kinds.is_empty() || kinds.iter().any(|k| k.contains("prevent")) {
        return;
    }
    let Some(anchor) = actions_anchor(ctx.doc) else {
        return;
    };
    ctx.report(
        anchor,
        "No Prevent action: add one that stops this class of incident, e.g. \"Add migration check to deployment pipeline | Prevent | P1\"",
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::actions::test_support::findings;

    #[test]
    fn typed_items_need_a_prevent() {
        let table = |t1: &str, t2: &str| {
            format!("| Action | Type |\n|---|---|\n| Add pool alert | {t1} |\n| Update runbook | {t2} |\n")
        };
        assert_eq!(findings("A009", &table("Detect", "Document")).len(), 1);
        assert!(findings("A009", &table("Detect", "Preventive")).is_empty());
        assert!(findings("A009", &table("Prevent", "")).is_empty());
        assert!(findings(
            "A009",
            "- Add pool alert (@a, type: Prevent)\n- Fix x (@b)\n"
        )
        .is_empty());
        assert_eq!(
            findings("A009", "- Add pool alert (@a, type: Detect)\n").len(),
            1
        );
    }

    #[test]
    fn untyped_items_are_not_judged() {
        assert!(findings("A009", "- Add pool alert (@a, due 2025-02-01)\n").is_empty());
    }
}
