use super::{is_done, item_span, list_to_table_fix, short_action};
use crate::diagnostic::Severity;
use crate::document::{ActionSource, TICKET_HEADERS};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "A007",
    name: "missing-tracking-link",
    family: Family::ActionItems,
    default_severity: Severity::Info,
    summary: "An action item has no ticket or link while the others are tracked.",
    docs: RuleDocs {
        what: "Where the postmortem tracks its action items — a Ticket/Bug/Issue/Link column, or tickets (`JIRA-123`, `#123`, URLs) on other items — reports each open item without one. A postmortem that tracks none of its items is left alone, so untracked drafts are not flooded with notes.",
        why: "Seed `001`'s tracking process is \"Tickets created in issue tracker\" and \"Link tickets back to postmortem\"; seed `003` says \"All action items go into the team's tracking system\". The item without a ticket is the one that is forgotten.",
        example: "| Add pool alert | @sre | 2025-02-01 | OPS-12 |\n| Add query timeout | @dba | 2025-02-01 | |",
        better: "| Add pool alert | @sre | 2025-02-01 | OPS-12 |\n| Add query timeout | @dba | 2025-02-01 | OPS-13 |",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let has_ticket_column = |table: usize| doc.tables[table].column(TICKET_HEADERS).is_some();
    let tracked = doc.action_items.iter().any(|a| {
        a.ticket.is_some()
            || matches!(a.source, ActionSource::TableRow { table, .. } if has_ticket_column(table))
    });
    if !tracked {
        return;
    }
    for item in &doc.action_items {
        if item.ticket.is_some() || is_done(item) {
            continue;
        }
        let fix = list_to_table_fix(doc, item);
        let diagnostic = ctx.report(
            item_span(item, None),
            format!(
                "No tracking link: file a ticket and link it, e.g. \"{} (…, JIRA-123)\"",
                short_action(item)
            ),
        );
        if let Some(fix) = fix {
            diagnostic.with_fix(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::actions::test_support::findings;

    #[test]
    fn untracked_items_among_tracked_ones() {
        let list = "- Add alert (@a, due 2025-02-01, OPS-1)\n- Add check (@b, due 2025-02-01)\n- Add test (@c, https://bugs.example/3)\n- [x] Add dashboard (@d)\n";
        let found = findings("A007", list);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("\"Add check (…, JIRA-123)\""),
            "{}",
            found[0].message
        );
        let table = "| Action | Owner | Bug |\n|---|---|---|\n| Add alert | @a | — |\n| Add check | @b | #12 |\n";
        assert_eq!(findings("A007", table).len(), 1);
    }

    #[test]
    fn untracked_postmortems_are_left_alone() {
        let list = "- Add alert (@a, due 2025-02-01)\n- Add check (@b, due 2025-02-01)\n";
        assert!(findings("A007", list).is_empty());
    }
}
