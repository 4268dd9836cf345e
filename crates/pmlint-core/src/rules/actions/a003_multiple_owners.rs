use super::{better_form, is_done, item_span};
use crate::diagnostic::Severity;
use crate::document::{owner_kind, OwnerKind};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "A003",
    name: "multiple-owners",
    family: Family::ActionItems,
    default_severity: Severity::Warning,
    summary: "An action item names several owners.",
    docs: RuleDocs {
        what: "Reports an owner field that names two or more people (`@alice, @bob`, `Alice and Bob`, `@a / @b`).",
        why: "Seed `001` asks for a \"Single owner\", seed `002` for a \"Single person responsible\" and seed `003` for \"One person, not a committee\". Shared ownership is diluted ownership; helpers can be listed in the item's text.",
        example: "- Add connection pool alert (@alice, @bob, due 2025-02-01)",
        better: "- Add connection pool alert with @bob's dashboard (@alice, due 2025-02-01)",
    },
    check,
};

fn check(ctx: &mut Context) {
    for item in &ctx.doc.action_items {
        let Some(owner) = &item.owner else { continue };
        let name = owner.text.trim();
        if is_done(item) || owner_kind(name, &ctx.settings.teams) != OwnerKind::Several {
            continue;
        }
        let first = name
            .split([',', ';', '/', '&', '+'])
            .flat_map(|p| p.split(" and "))
            .map(str::trim)
            .find(|p| !p.is_empty())
            .unwrap_or(name);
        let better = better_form(item, &ctx.settings.teams, Some(first));
        ctx.report(
            item_span(item, Some(owner)),
            format!("\"{name}\" are several owners: keep one accountable person, e.g. {better}"),
        )
        .with_note("Others can help; mention them in the item's text or its ticket.");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::actions::test_support::{findings, flags};

    #[test]
    fn reports_several_people() {
        assert!(flags("A003", "- Add alert (@alice, @bob, due 2025-02-01)"));
        let table = "| Action | Owner |\n|---|---|\n| Add alert | Alice and Bob |\n| Add test | @a / @b |\n";
        let found = findings("A003", table);
        assert_eq!(found.len(), 2);
        assert!(
            found[0].message.contains("(Alice, due YYYY-MM-DD)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn one_person_or_a_team_is_not_several() {
        for item in [
            "- Add alert (@alice, due 2025-02-01)",
            "- Add alert — owner: Mary-Jane O'Neil",
            "- Add alert — owner: QA team",
        ] {
            assert!(!flags("A003", item), "{item}");
        }
    }
}
