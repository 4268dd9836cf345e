use super::{better_form, is_done, item_span, list_to_table_fix};
use crate::date::{find_date, find_deadline, Deadline, ParsedDate};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{priority_rank, ActionItem, MetaKey};
use crate::rules::{Context, Family, Rule, RuleDocs};
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "A004",
    name: "missing-due-date",
    family: Family::ActionItems,
    default_severity: Severity::Error,
    summary: "An action item has no real due date.",
    docs: RuleDocs {
        what: "Reports an open action item with no due date, or one that is not a date (\"TBD\", \"ongoing\") or does not exist (2025-02-30, Q5 2025). Relative dates (\"soon\", \"ASAP\", \"next sprint\"), a due date before the incident, and a P0/P1 item due more than a month after the incident are warnings. Dates may be written 2025-02-01, 2025/02/01, Feb 1, 2025 or 1 February 2025; a quarter (Q1 2025) or a month (March 2025) counts as due at its end.",
        why: "Seed `001` makes \"Has a due date\" a criterion of a good action item and sets action items \"Due within 30 days\"; seed `002` wants them \"Dated: Realistic due date\"; seed `003` says \"Due date, not 'when we have time'\". \"Soon\" is never overdue, so nobody escalates it.",
        example: "| Add connection pool alert | @sre | soon | P1 |",
        better: "| Add connection pool alert | @sre | 2025-02-01 | P1 |",
    },
    check,
};

/// A P0/P1 item should land within this many months of the incident (seed 001: "Due
/// within 30 days", read as a calendar month).
const URGENT_MONTHS: u32 = 1;

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let incident = doc
        .metadata
        .get(MetaKey::Date)
        .and_then(find_date)
        .and_then(|(d, _)| match d {
            ParsedDate::Valid(d) => Some(d),
            ParsedDate::Invalid => None,
        });
    let warning = ctx.severity().min(Severity::Warning);
    for item in &doc.action_items {
        if is_done(item) {
            continue;
        }
        let better = || better_form(item, &ctx.settings.teams, None);
        let Some(due) = &item.due else {
            let message = format!("No due date: add one, e.g. {}", better());
            report(ctx, item, message, None);
            continue;
        };
        let text = due.text.trim();
        let span = item_span(item, Some(due));
        let due_by = match find_deadline(text) {
            None => {
                let message = format!(
                    "Due date \"{text}\" is not a date: give a calendar date, e.g. {}",
                    better()
                );
                report(ctx, item, message, Some(span));
                continue;
            }
            Some((Deadline::Invalid, _)) => {
                ctx.report(
                    span,
                    format!("Due date \"{text}\" does not exist: check the day and month"),
                );
                continue;
            }
            Some((Deadline::Relative, _)) => {
                let message = format!(
                    "Due date \"{text}\" is relative and will never be overdue: give a calendar date, e.g. {}",
                    better()
                );
                report(ctx, item, message, Some(span)).with_severity(warning);
                continue;
            }
            Some((Deadline::Date(day) | Deadline::Period { last_day: day }, _)) => day,
        };
        let Some(incident) = incident else { continue };
        if due_by < incident {
            ctx.report(
                span,
                format!("Due {due_by} is before the incident ({incident}): check the year"),
            )
            .with_severity(warning);
        } else if let Some(rank @ 0..=1) =
            item.priority.as_ref().and_then(|p| priority_rank(&p.text))
        {
            let limit = incident.add_months(URGENT_MONTHS);
            if due_by > limit {
                ctx.report(
                    span,
                    format!(
                        "A P{rank} item due {} days after the incident: urgent items are due within a month (by {limit}), or lower the priority",
                        incident.days_until(due_by)
                    ),
                )
                .with_severity(warning);
            }
        }
    }
}

/// Reports a missing or unusable date, with the list-to-table fix for list items.
fn report<'c>(
    ctx: &'c mut Context,
    item: &ActionItem,
    message: String,
    span: Option<Range<usize>>,
) -> &'c mut Diagnostic {
    let fix = list_to_table_fix(ctx.doc, item);
    let diagnostic = ctx
        .report(span.unwrap_or_else(|| item_span(item, None)), message)
        .with_note("A date makes the item overdue when it slips, so someone notices.");
    if let Some(fix) = fix {
        diagnostic.with_fix(fix);
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::actions::test_support::{findings, flags};

    #[test]
    fn reports_missing_and_non_dates() {
        for item in [
            "- Add alert for pool > 80% (@sre)",
            "- Add alert — owner: @sre, due: TBD",
            "- Add alert — owner: @sre, due: ongoing",
        ] {
            let found = findings("A004", item);
            assert_eq!(found.len(), 1, "{item}");
            assert_eq!(found[0].severity, Severity::Error, "{item}");
        }
        let table = "| Action | Owner | Due Date |\n|---|---|---|\n| Add alert | @a | — |\n| Add check | @b |  |\n";
        assert_eq!(findings("A004", table).len(), 2);
    }

    #[test]
    fn relative_dates_are_warnings_impossible_dates_errors() {
        for item in [
            "- Add alert (@sre, due soon)",
            "- Add alert (@sre, due next sprint)",
            "- Add alert — owner: @sre, due: ASAP",
        ] {
            let found = findings("A004", item);
            assert_eq!(found.len(), 1, "{item}");
            assert_eq!(found[0].severity, Severity::Warning, "{item}");
            assert!(
                found[0].message.contains("relative"),
                "{}",
                found[0].message
            );
        }
        let found = findings("A004", "- Add alert (@sre, due 2025-02-30)");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].message.contains("does not exist"));
    }

    #[test]
    fn dates_are_checked_against_the_incident() {
        // The incident is on 2025-01-10.
        let before = findings("A004", "- Add alert (@sre, due 2024-12-01)");
        assert!(
            before[0].message.contains("before the incident"),
            "{}",
            before[0].message
        );
        let table = |due: &str, p: &str| {
            format!("| Action | Owner | Due | Priority |\n|---|---|---|---|\n| Add alert | @sre | {due} | {p} |\n")
        };
        assert_eq!(findings("A004", &table("2025-03-01", "P1")).len(), 1);
        assert_eq!(findings("A004", &table("2025-03-01", "High")).len(), 1);
        assert!(findings("A004", &table("2025-02-10", "P0")).is_empty());
        assert!(findings("A004", &table("2025-03-01", "P2")).is_empty());
        assert!(findings("A004", &table("Q1 2025", "P3")).is_empty());
        assert_eq!(findings("A004", &table("Q2 2025", "P1")).len(), 1);
    }

    #[test]
    fn good_items_pass() {
        for item in [
            "- Add alert for connection pool > 80% (@sre, due 2025-02-01)",
            "- Add alert (@sre, due Feb 1, 2025)",
            "- Add alert — @carol by 1 February 2025",
            "- Add alert (@sre, due Q1 2025)",
            "- [x] Add alert",
        ] {
            assert!(!flags("A004", item), "{item}");
        }
    }
}
