//! Action items in every shape they are written: table rows (columns recognised by
//! header meaning, any order, with or without owner and due columns), list items and
//! checklists with their details inline ([`list`]), items that are only a ticket, and
//! prose plans ("We should …", "We will …") in sections that hold no list or table
//! ([`prose`]); plus what an owner or priority text means ([`owner`]).

mod list;
mod owner;
mod prose;
mod reading;
mod table;

pub use owner::{owner_kind, priority_rank};
pub use table::TICKET_HEADERS;

use super::{Document, Field, Slot};
use crate::date::{find_deadline, Deadline};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionSource {
    /// Row `row` of table `table` in [`Document::tables`].
    TableRow { table: usize, row: usize },
    /// Item `item` of [`Document::list_items`].
    ListItem { item: usize },
    /// A paragraph of plans, block `block` of [`Document::blocks`].
    Paragraph { block: usize },
}

/// One action item. Fields are `None` when absent or blank ("", "-", "N/A").
#[derive(Debug, Clone)]
pub struct ActionItem {
    /// The whole row or list item.
    pub range: Range<usize>,
    /// What is to be done (for list items, the raw Markdown before the metadata).
    pub action: Field,
    pub owner: Option<Field>,
    pub due: Option<Field>,
    pub priority: Option<Field>,
    /// Prevent / Detect / Mitigate / Document …
    pub kind: Option<Field>,
    pub status: Option<Field>,
    pub ticket: Option<Field>,
    /// Parts of a list item's metadata that are none of the fields ("blocked on vendor").
    pub unparsed: Vec<Field>,
    pub source: ActionSource,
    pub section: usize,
}

/// Who an owner names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerKind {
    Person,
    /// A team, a rotation or "we": nobody in particular.
    Team,
    /// "TBD", "To be assigned", "@[name]".
    Placeholder,
    /// Two or more people.
    Several,
}

/// An owner named as the subject: "We will coach …", "Team should fix".
static SUBJECT_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\*\*|__)?(?:((?:the\s+|our\s+)?team|we|everyone|everybody|all\s+engineers|engineers|developers|devs)\s+(?:will|should|shall|must|needs?\s+to|is\s+going\s+to|are\s+going\s+to|are|plan\s+to|to)(?-u:\b)|(we)['’](?:ll|re)(?-u:\b))")
        .expect("subject owner pattern")
});
/// People named as the subject: "Ed to create …", "Ed and Caroline to write …",
/// "@ana to add …".
static NAMED_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*\*|__)?((?:@[\w.-]+|\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)(?:\s*(?:,|and|&)\s*(?:@[\w.-]+|\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?))*)\s+to\s+\p{Ll}")
        .expect("named owner pattern")
});
/// Endings of nouns that open an item as its topic, not its owner ("Documentation to …").
const NOUN_ENDINGS: &[&str] = &[
    "s", "tion", "ment", "ing", "ity", "ness", "ance", "ence", "ure",
];
/// Verbs that take "to" and open an instruction, not an owner ("Remember to check …").
const VERBS_BEFORE_TO: &[&str] = &[
    "remember",
    "try",
    "need",
    "plan",
    "continue",
    "begin",
    "start",
    "ask",
    "remind",
    "want",
    "learn",
    "go",
    "aim",
    "agree",
    "prepare",
    "strive",
    "get",
    "have",
    "be",
    "seek",
    "attempt",
    "tell",
    "encourage",
    "train",
    "decide",
    "make",
    "work",
    "move",
    "switch",
    "change",
    "add",
    "update",
    "migrate",
    "upgrade",
    "write",
    "look",
    "reach",
    "refer",
    "return",
    "stick",
];

/// Whether a cell or value says nothing: "", "-", "—", "N/A", "none".
pub fn is_blank(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '`'));
    matches!(t, "" | "-" | "--" | "—" | "–" | "−")
        || ["n/a", "na", "none", "nobody", "null", "nil"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
}

pub(super) fn extract(doc: &Document) -> Vec<ActionItem> {
    let in_actions = |offset: usize| doc.within_slot(offset, Slot::ActionItems);
    let mut items = Vec::new();
    for (t, table) in doc.tables.iter().enumerate() {
        if !in_actions(table.range.start) || !table::is_action_table(table) {
            continue;
        }
        let Some(section) = doc.section_at(table.range.start) else {
            continue;
        };
        items.extend(table::items(table, t, section));
    }
    // Where the items are kept in a table, lists in action sections are notes beside it
    // (a legend of types, a follow-up checklist).
    if !items.is_empty() {
        return items;
    }
    let outside = |item: &super::ListItem| {
        item.parent
            .is_none_or(|p| !in_actions(doc.list_items[p].range.start))
    };
    let intros: Vec<usize> = (0..doc.blocks.len())
        .filter(|&b| doc.blocks[b].list_item.is_none())
        .collect();
    for (i, item) in doc.list_items.iter().enumerate() {
        if item.text_range.is_empty() {
            continue;
        }
        // Outside an action section, a list that a paragraph commits someone to.
        let committed = if in_actions(item.range.start) {
            None
        } else if item.parent.is_none() {
            match commitment_before(doc, &intros, item.range.start) {
                Some(owner) => Some(owner),
                None => continue,
            }
        } else {
            continue;
        };
        // Top-level items; below them, sub-items that are actions of their own ("Add a
        // count of ERROR lines" under "Observability improvements"), not details.
        // Under a bold title ("**Simulator load handling**"), the sub-item is the
        // action the title names, however it is worded ("Conducting stress tests …").
        let sub_action = item.parent.is_some_and(|p| {
            let parent = &doc.list_items[p];
            outside(parent)
                && (reading::reads_as_action(&doc.text[item.text_range.clone()])
                    || reading::is_bold_title(&doc.text[parent.text_range.clone()]))
        });
        if !outside(item) && !sub_action {
            continue;
        }
        let text = &doc.text[item.text_range.clone()];
        if item.task == Some(false) && reading::is_criterion(text)
            || reading::is_template_slot(text)
        {
            continue;
        }
        let Some(section) = doc.section_at(item.range.start) else {
            continue;
        };
        let mut parsed = list::parse_item(doc, i, section);
        if parsed.owner.is_none() {
            parsed.owner = committed.flatten();
        }
        items.push(parsed);
    }
    // "**Bug bounty**" over "We will establish a bug bounty program": the title only
    // names the sub-actions below it.
    items.sort_by_key(|a| a.range.start);
    let titles: Vec<bool> = (0..items.len())
        .map(|i| {
            let ActionSource::ListItem { item } = items[i].source else {
                return false;
            };
            // In document order, a sub-item comes right after its parent.
            items
                .get(i + 1)
                .is_some_and(|child| child.range.end <= items[i].range.end)
                && reading::is_bold_title(&doc.text[doc.list_items[item].text_range.clone()])
        })
        .collect();
    let mut titles = titles.into_iter();
    items.retain(|_| !titles.next().unwrap_or(false));
    if items.is_empty() {
        items = prose::items(doc, &in_actions);
    }
    items.sort_by_key(|a| a.range.start);
    items
}

/// For a list item outside an action section: when the paragraph just before its list
/// commits someone to the list (see [`prose::commitment`]), the owner it names. Only
/// list items stand between that paragraph and the item (a heading or another paragraph
/// would be the nearest block). `intros` are the blocks outside lists, in document
/// order, so the nearest is a binary search (a list of many items stays linear).
fn commitment_before(doc: &Document, intros: &[usize], offset: usize) -> Option<Option<Field>> {
    let before = intros.partition_point(|&b| doc.blocks[b].range.end <= offset);
    let intro = *intros.get(before.checked_sub(1)?)?;
    prose::commitment(doc, intro)
}

/// "by 2025-03-01", "before March 2025", "in the next engineering catch-up": a deadline
/// written inside the action's text.
static DEADLINE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(by|before|until|due)|in|at|during)\s+")
        .expect("deadline word pattern")
});

/// Where a deadline stands in `text`, if one is written there.
fn deadline_in_text(text: &str) -> Option<Range<usize>> {
    DEADLINE_WORD.captures_iter(text).find_map(|caps| {
        let word = caps.get(0)?;
        let rest = &text[word.end()..];
        let (deadline, r) = find_deadline(rest).filter(|(_, r)| r.start == 0)?;
        // "in March" is when something happened; "in the next sprint" is a deadline.
        let promised = caps.get(1).is_some() || deadline == Deadline::Relative;
        promised.then(|| word.end()..word.end() + r.end)
    })
}

/// The owner named as the action's subject: "We will …" (a group), "Ed to create …".
fn subject_owner(action: &Field) -> Option<Field> {
    let m = match SUBJECT_OWNER.captures(&action.text) {
        Some(caps) => caps.get(1).or_else(|| caps.get(2))?,
        None => {
            let m = NAMED_OWNER.captures(&action.text)?.get(1)?;
            let one_word = !m.as_str().contains(char::is_whitespace);
            let lower = m.as_str().to_lowercase();
            if one_word
                && (NOUN_ENDINGS.iter().any(|e| lower.ends_with(e))
                    || VERBS_BEFORE_TO.contains(&lower.as_str()))
            {
                return None;
            }
            m
        }
    };
    let start = action.range.start + m.start();
    // Table cells hold rendered text; fall back to the whole action when offsets differ.
    let range = if action.range.len() == action.text.len() {
        start..start + m.len()
    } else {
        action.range.clone()
    };
    Some(Field {
        text: m.as_str().to_string(),
        range,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(super) fn items(body: &str) -> Vec<ActionItem> {
        let text = format!("# Outage\n\n## Action Items\n\n{body}\n");
        let leaked: &'static str = Box::leak(text.into_boxed_str());
        Document::parse(leaked).action_items
    }

    pub(super) fn fields(item: &ActionItem) -> [Option<&str>; 4] {
        fn f(field: &Option<Field>) -> Option<&str> {
            field.as_ref().map(|f| f.text.trim())
        }
        [
            Some(item.action.text.as_str()),
            f(&item.owner),
            f(&item.due),
            f(&item.ticket),
        ]
    }

    #[test]
    fn owners_named_as_the_subject() {
        for (body, owner) in [
            ("- Ed to create some docs around incidents.", Some("Ed")),
            (
                "- Ed and Caroline to write a list of happy paths.",
                Some("Ed and Caroline"),
            ),
            (
                "- Developers to come up with a response approach.",
                Some("Developers"),
            ),
            ("- We are looking into faster demotions.", Some("We")),
            ("- Documentation to include the runbook.", None),
            ("- Alerts to fire on lag.", None),
            (
                "- [ ] Remember to check the replica lag before failover",
                None,
            ),
        ] {
            let parsed = items(body);
            let found = parsed[0].owner.as_ref().map(|o| o.text.as_str());
            assert_eq!(found, owner, "{body}");
        }
    }

    #[test]
    fn lists_beside_an_action_table_are_notes() {
        let parsed = items(
            "| Action | Owner |\n|---|---|\n| Add alert | @sre |\n\n### Types\n- **Prevent**: stop it\n\n## Next steps\n- [ ] Share the postmortem\n",
        );
        assert_eq!(parsed.len(), 1);
    }
}
