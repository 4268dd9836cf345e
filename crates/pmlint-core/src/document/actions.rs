//! Action items from tables (columns recognised by header meaning, any order) and from
//! lists ("Add alert … (@sre, due 2025-02-01)") in action-item sections.

use super::{Document, Field, Slot, Table};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionSource {
    /// Row `row` of table `table` in [`Document::tables`].
    TableRow { table: usize, row: usize },
    /// Item `item` of [`Document::list_items`].
    ListItem { item: usize },
}

#[derive(Debug, Clone)]
pub struct ActionItem {
    /// The whole row or list item.
    pub range: Range<usize>,
    /// What is to be done.
    pub action: Field,
    pub owner: Option<Field>,
    pub due: Option<Field>,
    pub priority: Option<Field>,
    /// Prevent / Detect / Mitigate / Document …
    pub kind: Option<Field>,
    pub status: Option<Field>,
    pub ticket: Option<Field>,
    pub source: ActionSource,
    pub section: usize,
}

pub const ACTION_HEADERS: &[&str] = &[
    "action",
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
    "issue",
    "link",
    "tracking",
    "jira",
    "tracker",
    "tracking link",
    "ref",
];

static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(\[,;])(@[A-Za-z0-9][\w.-]*[\w])").expect("handle pattern")
});
static OWNER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:owner|assignee|who|dri)\s*[:=]\s*\**([^,;)\]\n*]+)")
        .expect("owner pattern")
});
static DUE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:due(?:\s+date)?|by|deadline|target|eta)\s*[:=]?\s+([^,;)\]\n]+)")
        .expect("due pattern")
});
static TICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z][A-Z0-9]+-\d+\b|(?:^|\s)#\d+\b|https?://\S+").expect("ticket pattern")
});
static PRIORITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Pp][0-4]\b").expect("priority pattern"));

/// Whether `table` lists action items: it is inside an action-item section and has an
/// action-like or owner-like column.
fn is_action_table(table: &Table) -> bool {
    table.column(ACTION_HEADERS).is_some() || table.column(OWNER_HEADERS).is_some()
}

pub(super) fn extract(doc: &Document) -> Vec<ActionItem> {
    let mut items = Vec::new();
    let in_actions = |offset: usize| doc.slot_at(offset) == Some(Slot::ActionItems);
    for (t, table) in doc.tables.iter().enumerate() {
        if !in_actions(table.range.start) || !is_action_table(table) {
            continue;
        }
        let Some(section) = doc.section_at(table.range.start) else {
            continue;
        };
        let action_col = table.column(ACTION_HEADERS).or_else(|| {
            // The first column that is not an ID.
            table
                .header
                .cells
                .iter()
                .position(|c| !matches!(c.text.trim(), "#" | "ID" | "Id" | "id" | "No" | "No."))
        });
        let cols = [
            table.column(OWNER_HEADERS),
            table.column(DUE_HEADERS),
            table.column(PRIORITY_HEADERS),
            table.column(KIND_HEADERS),
            table.column(STATUS_HEADERS),
            table.column(TICKET_HEADERS),
        ];
        for (r, row) in table.rows.iter().enumerate() {
            let cell = |col: Option<usize>| -> Option<Field> {
                let c = row.cells.get(col?)?;
                (!c.text.trim().is_empty()).then(|| Field {
                    text: c.text.clone(),
                    range: c.range.clone(),
                })
            };
            let Some(action) = cell(action_col) else {
                continue;
            };
            items.push(ActionItem {
                range: row.range.clone(),
                action,
                owner: cell(cols[0]),
                due: cell(cols[1]),
                priority: cell(cols[2]),
                kind: cell(cols[3]),
                status: cell(cols[4]),
                ticket: cell(cols[5]),
                source: ActionSource::TableRow { table: t, row: r },
                section,
            });
        }
    }
    for (i, item) in doc.list_items.iter().enumerate() {
        // Top-level items of lists in action sections; nested items are details.
        let nested = item
            .parent
            .is_some_and(|p| in_actions(doc.list_items[p].range.start));
        if nested || !in_actions(item.range.start) || item.text_range.is_empty() {
            continue;
        }
        let Some(section) = doc.section_at(item.range.start) else {
            continue;
        };
        items.push(parse_list_item(doc, i, section));
    }
    items.sort_by_key(|a| a.range.start);
    items
}

fn parse_list_item(doc: &Document, index: usize, section: usize) -> ActionItem {
    let item = &doc.list_items[index];
    let range = item.text_range.clone();
    let text = &doc.text[range.clone()];
    let at = |r: Range<usize>| Field::new(doc.text, range.start + r.start..range.start + r.end);
    let owner = OWNER_LABEL
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| {
            let t = m.as_str().trim_end();
            m.start()..m.start() + t.len()
        })
        .or_else(|| {
            HANDLE
                .captures(text)
                .and_then(|c| c.get(1))
                .map(|m| m.range())
        })
        .map(at);
    let due = DUE_PHRASE
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| {
            let t = m.as_str().trim_end();
            m.start()..m.start() + t.len()
        })
        .or_else(|| crate::date::find_date(text).map(|(_, r)| r))
        .map(at);
    let ticket = TICKET.find(text).map(|m| {
        let t = m.as_str().trim();
        let s = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        at(s..s + t.len())
    });
    let priority = PRIORITY.find(text).map(|m| at(m.range()));
    // The action is the text before the first parenthetical or dash-separated metadata.
    let cut = text
        .find(" (")
        .into_iter()
        .chain(text.find(" — "))
        .chain(text.find(" -- "))
        .chain(
            owner
                .as_ref()
                .map(|o| o.range.start - range.start)
                .filter(|&o| o > 0),
        )
        .min()
        .unwrap_or(text.len());
    let action_text = text[..cut].trim_end_matches([' ', ',', ';', '-', '—', ':']);
    ActionItem {
        range: item.range.clone(),
        action: at(0..action_text.len()),
        owner,
        due,
        priority,
        kind: None,
        status: item.task.map(|done| Field {
            text: if done { "done".into() } else { "open".into() },
            range: item.range.start..item.range.start,
        }),
        ticket,
        source: ActionSource::ListItem { item: index },
        section,
    }
}
