use super::{better_form, is_done, item_span, list_to_table_fix};
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "A001",
    name: "missing-owner",
    family: Family::ActionItems,
    default_severity: Severity::Error,
    summary: "An action item has no owner.",
    docs: RuleDocs {
        what: "Reports an open action item with no owner: an empty, `-` or `N/A` Owner cell, or a list item with no `@handle`, `Owner:` label or name among its details. Lists of items get a fix that turns them into a table with an Owner column.",
        why: "\"Assigned: single owner (not a team)\" is one of the five criteria of a good action item in seed `001`; seed `002` requires each item to be Owned and seed `003` says \"One person, not a committee\". An item nobody owns is an item nobody does.",
        example: "- Add alert for connection pool > 80%",
        better: "- Add alert for connection pool > 80% (@sre, due 2025-02-01)",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    for item in &doc.action_items {
        if item.owner.is_some() || is_done(item) {
            continue;
        }
        let better = better_form(item, &ctx.settings.teams, None);
        let diagnostic = ctx
            .report(
                item_span(item, None),
                format!("No owner: name one accountable person, e.g. {better}"),
            )
            .with_note("A team or \"TBD\" is not an owner; pick the one person who will drive it.");
        if let Some(fix) = list_to_table_fix(doc, item) {
            diagnostic.with_fix(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::actions::test_support::{findings, flags};

    #[test]
    fn reports_items_without_an_owner() {
        assert!(flags(
            "A001",
            "- Add alert for connection pool > 80% (due 2025-02-01)"
        ));
        assert!(flags("A001", "- Improve monitoring"));
        let table = "| Action | Owner | Due |\n|---|---|---|\n| Add alert | N/A | 2025-02-01 |\n| Add check | - | 2025-02-01 |\n| Add test |  | 2025-02-01 |\n";
        assert_eq!(findings("A001", table).len(), 3);
    }

    #[test]
    fn owners_in_any_form_are_accepted() {
        for item in [
            "- Add alert for connection pool > 80% (@sre, due 2025-02-01)",
            "- Add alert — owner: Priya Nair",
            "- Add alert. **Owner:** Hana Sato.",
            "- Add alert [@jdiaz] (by 2025-03-07)",
            "- Add alert — Rosa — 2025-03-07",
            "- [x] Add alert",
        ] {
            assert!(!flags("A001", item), "{item}");
        }
        let table = "| Who | Action |\n|---|---|\n| @sre | Add alert |\n";
        assert!(findings("A001", table).is_empty());
    }

    #[test]
    fn message_shows_a_better_form_and_list_items_offer_the_table_fix() {
        let d = &findings("A001", "- Add alert (due 2025-02-01)")[0];
        assert_eq!(
            d.message,
            "No owner: name one accountable person, e.g. \"Add alert (@name, due 2025-02-01)\""
        );
        assert_eq!(d.fixes.len(), 1);
    }
}
