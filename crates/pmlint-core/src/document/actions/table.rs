//! Action items from tables: columns recognised by what their header means.

use super::{is_blank, subject_owner, ActionItem, ActionSource};
use crate::document::{Field, Table};

pub const ACTION_HEADERS: &[&str] = &[
    "action",
    "actions",
    "action item",
    "action items",
    "item",
    "task",
    "description",
    "what",
    "title",
    "remediation",
    "follow up",
    "corrective action",
    "summary",
    "fix",
    "improvement",
];
pub const OWNER_HEADERS: &[&str] = &[
    "owner",
    "owners",
    "who",
    "assignee",
    "assignees",
    "responsible",
    "assigned to",
    "dri",
    "assigned",
];
pub const DUE_HEADERS: &[&str] = &[
    "due",
    "due date",
    "deadline",
    "target",
    "target date",
    "eta",
    "by",
    "when",
    "date",
    "due by",
];
pub const PRIORITY_HEADERS: &[&str] = &["priority", "p", "prio", "pri"];
pub const KIND_HEADERS: &[&str] = &["type", "kind", "category", "class", "action type"];
pub const STATUS_HEADERS: &[&str] = &["status", "state", "done", "progress"];
pub const TICKET_HEADERS: &[&str] = &[
    "ticket",
    "tickets",
    "bug",
    "bugs",
    "issue",
    "issues",
    "link",
    "links",
    "tracking",
    "jira",
    "tracker",
    "tracking link",
    "tracking issue",
    "ref",
    "pr",
];

/// Whether `table` lists action items: it has a column for the action, the owner, a
/// ticket, a status or a priority (due dates alone are a schedule, not a list of work).
pub(super) fn is_action_table(table: &Table) -> bool {
    [
        ACTION_HEADERS,
        OWNER_HEADERS,
        TICKET_HEADERS,
        STATUS_HEADERS,
        PRIORITY_HEADERS,
    ]
    .iter()
    .any(|names| table.column(names).is_some())
}

/// A cell that says an item is finished, whatever its column.
const DONE_WORDS: &[&str] = &[
    "done",
    "completed",
    "complete",
    "closed",
    "fixed",
    "resolved",
];

pub(super) fn items(table: &Table, t: usize, section: usize) -> Vec<ActionItem> {
    let action_col = table.column(ACTION_HEADERS).or_else(|| {
        // The first column that is not an ID.
        table.header.cells.iter().position(|c| {
            !matches!(
                c.text.trim().to_ascii_lowercase().as_str(),
                "#" | "id" | "no" | "no." | "nr"
            )
        })
    });
    let column = |names| table.column(names);
    let (owner, due, priority, kind, status, ticket) = (
        column(OWNER_HEADERS),
        column(DUE_HEADERS),
        column(PRIORITY_HEADERS),
        column(KIND_HEADERS),
        column(STATUS_HEADERS),
        column(TICKET_HEADERS),
    );
    let mut items = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let cell = |col: Option<usize>| -> Option<Field> {
            let c = row.cells.get(col?)?;
            (!is_blank(&c.text)).then(|| Field {
                text: c.text.clone(),
                range: c.range.clone(),
            })
        };
        let Some(action) = cell(action_col) else {
            continue;
        };
        items.push(ActionItem {
            range: row.range.clone(),
            owner: cell(owner).or_else(|| subject_owner(&action)),
            action,
            due: cell(due),
            priority: cell(priority),
            kind: cell(kind),
            // "Done" in a Notes column is the item's status too.
            status: cell(status).or_else(|| {
                row.cells
                    .iter()
                    .find(|c| DONE_WORDS.contains(&c.text.trim().to_lowercase().as_str()))
                    .map(|c| Field {
                        text: c.text.clone(),
                        range: c.range.clone(),
                    })
            }),
            ticket: cell(ticket),
            unparsed: Vec::new(),
            source: ActionSource::TableRow { table: t, row: r },
            section,
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::super::tests::items;

    #[test]
    fn tables_with_reordered_and_extra_columns_escaped_pipes_and_code() {
        let parsed = items(
            "| # | Due | Who | Notes | Action item | Bug | P |\n|---|---|---|---|---|---|---|\n\
             | 1 | 2025-02-01 | @sre | x | Alert when `a \\| b` > 80% | OPS-1 | P1 |\n\
             | 2 | — | N/A |  | Improve monitoring |  | P2 |\n\
             | 3 | 2025-02-01 | @a |  |  |  | P2 |\n",
        );
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].action.text, "Alert when a | b > 80%");
        assert_eq!(parsed[0].owner.as_ref().unwrap().text, "@sre");
        assert_eq!(parsed[0].due.as_ref().unwrap().text, "2025-02-01");
        assert_eq!(parsed[0].ticket.as_ref().unwrap().text, "OPS-1");
        assert_eq!(parsed[0].priority.as_ref().unwrap().text, "P1");
        assert!(parsed[1].owner.is_none() && parsed[1].due.is_none() && parsed[1].ticket.is_none());
    }
}
