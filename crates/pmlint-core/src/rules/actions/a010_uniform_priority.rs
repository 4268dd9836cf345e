use super::actions_anchor;
use crate::diagnostic::Severity;
use crate::document::priority_rank;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "A010",
    name: "uniform-priority",
    family: Family::ActionItems,
    default_severity: Severity::Info,
    summary: "Every action item has the same priority.",
    docs: RuleDocs {
        what: "Reports the action-items heading when three or more items all carry a priority and it is the same for all (P1 = High, P2 = Medium …).",
        why: "Seed `002` asks that items be \"Prioritized: High/Medium/Low based on impact\" and seed `003` says \"Not all action items are equal\", ranking them by likelihood, severity and effort. When everything is P1, nothing is.",
        example: "| Add pool alert | P1 |\n| Update runbook | P1 |\n| Add query timeout | P1 |",
        better: "| Add query timeout | P1 |\n| Add pool alert | P2 |\n| Update runbook | P3 |",
    },
    check,
};

const MIN_ITEMS: usize = 3;

fn check(ctx: &mut Context) {
    let items = &ctx.doc.action_items;
    let ranks: Vec<Option<u8>> = items
        .iter()
        .map(|a| a.priority.as_ref().and_then(|p| priority_rank(&p.text)))
        .collect();
    let Some(Some(first)) = ranks.first().copied() else {
        return;
    };
    if ranks.len() < MIN_ITEMS || ranks.iter().any(|r| *r != Some(first)) {
        return;
    }
    let Some(anchor) = actions_anchor(ctx.doc) else {
        return;
    };
    ctx.report(
        anchor,
        format!("All {} action items have priority P{first}: rank them so the item that prevents recurrence goes first, e.g. \"Add query timeout | P1\" before \"Update runbook | P3\"", ranks.len()),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::actions::test_support::findings;

    fn table(priorities: &[&str]) -> String {
        let rows: String = priorities
            .iter()
            .enumerate()
            .map(|(i, p)| format!("| Add alert {i} | {p} |\n"))
            .collect();
        format!("| Action | Priority |\n|---|---|\n{rows}")
    }

    #[test]
    fn the_same_priority_everywhere() {
        assert_eq!(findings("A010", &table(&["P1", "P1", "High"])).len(), 1);
        assert!(findings("A010", &table(&["P1", "P1", "P2"])).is_empty());
        assert!(findings("A010", &table(&["P1", "P1"])).is_empty());
        assert!(findings("A010", &table(&["P1", "P1", ""])).is_empty());
    }
}
