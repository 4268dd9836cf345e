use super::{actions_anchor, is_done};
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "A008",
    name: "too-many-actions",
    family: Family::ActionItems,
    default_severity: Severity::Warning,
    summary: "More action items than a team will finish.",
    docs: RuleDocs {
        what: "Reports a postmortem with more open action items than `[action-items] max` (10 by default), on its action-items heading; items already done (`- [x]`, a Done status) are not counted.",
        why: "The seeds' templates carry three to five items (seeds `001`, `002`, `004`); seed `003` asks to prioritise by likelihood, severity and effort, and \"Low likelihood + low severity + high effort = do not bother\". A long list is a backlog, and its important items drown.",
        example: "## Action Items\n(14 items)",
        better: "## Action Items\n(the 5 that prevent recurrence; the rest in one backlog ticket)",
    },
    check,
};

fn check(ctx: &mut Context) {
    // Items already done are the record of the response, not a backlog.
    let count = ctx.doc.action_items.iter().filter(|a| !is_done(a)).count();
    let max = ctx.settings.max_action_items;
    if count <= max {
        return;
    }
    let Some(anchor) = actions_anchor(ctx.doc) else {
        return;
    };
    ctx.report(
        anchor,
        format!("{count} action items (more than {max}): keep the few that prevent recurrence, e.g. 3–5, and move the rest to a backlog ticket"),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::actions::test_support::{doc, findings};
    use crate::{lint, Settings};

    fn items(n: usize) -> String {
        (1..=n)
            .map(|i| format!("- Add alert {i} (@a, due 2025-02-01)\n"))
            .collect()
    }

    #[test]
    fn more_than_the_maximum() {
        assert!(findings("A008", &items(10)).is_empty());
        let found = findings("A008", &items(11));
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .starts_with("11 action items (more than 10)"));
        let mut settings = Settings::default();
        settings.max_action_items = 3;
        let text = doc(&items(4));
        assert!(lint(&text, &settings)
            .diagnostics
            .iter()
            .any(|d| d.code == "A008"));
        let done: String = (1..=6)
            .map(|i| format!("- [x] Rolled back {i}\n"))
            .collect();
        assert!(findings("A008", &format!("{done}{}", items(6))).is_empty());
    }
}
