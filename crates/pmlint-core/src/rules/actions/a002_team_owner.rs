use super::{better_form, is_done, item_span, list_to_table_fix};
use crate::diagnostic::Severity;
use crate::document::{owner_kind, OwnerKind};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "A002",
    name: "team-owner",
    family: Family::ActionItems,
    default_severity: Severity::Warning,
    summary: "An action item is owned by a team, \"we\" or a placeholder, not a person.",
    docs: RuleDocs {
        what: "Reports an owner that names a group — team, squad, SRE, ops, platform, on-call rotation, everyone, \"we\", a compound handle such as `@db-team`, or a name listed in `[action-items] teams` — or a placeholder such as TBD or \"To be assigned\". \"We will …\" and \"Team should …\" count as group owners. A single-word handle (`@sre`) is taken to be a person, as the seeds' templates use them.",
        why: "Seed `001` asks for a \"Single owner (not a team)\" and lists \"Team should fix\" as a bad item; seed `002` says \"Single person responsible (not 'team')\". When a team owns an item, everyone assumes someone else has it.",
        example: "| Add connection pool alert | SRE | 2025-02-01 |",
        better: "| Add connection pool alert | @priya | 2025-02-01 |",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    for item in &doc.action_items {
        let Some(owner) = &item.owner else { continue };
        if is_done(item) {
            continue;
        }
        let name = owner.text.trim();
        let what = match owner_kind(name, &ctx.settings.teams) {
            OwnerKind::Team => "is a group, not a person",
            OwnerKind::Placeholder => "is a placeholder",
            OwnerKind::Person | OwnerKind::Several => continue,
        };
        let better = better_form(item, &ctx.settings.teams, None);
        let diagnostic = ctx
            .report(
                item_span(item, Some(owner)),
                format!("Owner \"{name}\" {what}: name one accountable person, e.g. {better}"),
            )
            .with_note("The team can do the work; one named person makes sure it is done.");
        if let Some(fix) = list_to_table_fix(doc, item) {
            diagnostic.with_fix(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::actions::test_support::{doc, findings, flags};
    use crate::{lint, Settings};

    #[test]
    fn reports_teams_groups_and_placeholders() {
        for item in [
            "- Team should fix the retry loop",
            "- We will add a pool alert (due 2025-02-01)",
            "- Add alert — owner: Infra, due: 2025-02-01",
            "- Add alert (@db-team, due 2025-02-01)",
            "- Add alert [Eng leadership] (by 2025-06-02)",
            "- Add alert (TBD, PAY-3051)",
            "- Add alert (To be assigned)",
            "* Add alert. **Owner:** On-call rotation.",
        ] {
            assert!(flags("A002", item), "{item}");
        }
        let table = "| Action | Owner |\n|---|---|\n| Add alert | Platform team |\n| Add check | TBD? |\n| Add test | everyone |\n";
        assert_eq!(findings("A002", table).len(), 3);
    }

    #[test]
    fn people_are_not_teams() {
        for item in [
            "- Add alert for connection pool > 80% (@sre, due 2025-02-01)",
            "- Add alert (@backend-lead, due 2025-02-01)",
            "- Add alert — owner: Björn Sandberg",
            "- Add alert (@dev.patel)",
            "- Rehearse the failover with all teams watching (@ann)",
        ] {
            assert!(!flags("A002", item), "{item}");
        }
    }

    #[test]
    fn configured_teams_count() {
        let text = doc("- Add alert — owner: Payments, due: 2025-02-01");
        let mut settings = Settings::default();
        let count = |s: &Settings| {
            lint(&text, s)
                .diagnostics
                .iter()
                .filter(|d| d.code == "A002")
                .count()
        };
        assert_eq!(count(&settings), 0);
        settings.teams = vec!["payments".into()];
        assert_eq!(count(&settings), 1);
    }
}
