//! Action items (A): each item is specific, owned by one person, dated, tracked and
//! aimed at the system rather than at people; the set is short, ranked and prevents
//! recurrence (seeds `001`, `002`, `003`).

pub mod a001_missing_owner;
pub mod a002_team_owner;
pub mod a003_multiple_owners;
pub mod a004_missing_due_date;
pub mod a005_vague_action;
pub mod a006_human_directed;
pub mod a007_missing_tracking_link;
pub mod a008_too_many_actions;
pub mod a009_no_prevent_action;
pub mod a010_uniform_priority;

use crate::date::{find_deadline, Deadline};
use crate::diagnostic::{Edit, Fix};
use crate::document::{owner_kind, ActionItem, ActionSource, Document, Field, OwnerKind};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The seed's model action item (seed `001`, Writing Good Action Items).
pub(crate) const GOOD_EXAMPLE: &str = "Add alert for connection pool > 80% (@sre, due 2025-02-01)";

/// Where a finding about an item is shown: its action, extended over the field at fault
/// so that both what is to be done and what is wrong are underlined.
pub(crate) fn item_span(item: &ActionItem, field: Option<&Field>) -> Range<usize> {
    let action = &item.action.range;
    match field {
        Some(f) if f.range.end > f.range.start => {
            action.start.min(f.range.start)..action.end.max(f.range.end)
        }
        _ => action.clone(),
    }
}

/// The action as plain text for a message, shortened to about 60 characters.
pub(crate) fn short_action(item: &ActionItem) -> String {
    let plain: String = item
        .action
        .text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let plain = plain.trim();
    match plain.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", plain[..cut].trim_end()),
        None => plain.to_string(),
    }
}

/// The item rewritten with one owner and a real due date, keeping what it already has
/// right: `"Add alert (@name, due 2025-02-01)"`. `owner` overrides the item's owner.
pub(crate) fn better_form(item: &ActionItem, teams: &[String], owner: Option<&str>) -> String {
    let own = item
        .owner
        .as_ref()
        .map(|o| o.text.trim())
        .filter(|o| !owner_is_subject(item) && owner_kind(o, teams) == OwnerKind::Person);
    let due = item.due.as_ref().map(|d| d.text.trim()).filter(|d| {
        matches!(
            find_deadline(d),
            Some((Deadline::Date(_) | Deadline::Period { .. }, _))
        )
    });
    format!(
        "\"{} ({}, due {})\"",
        short_action(item),
        owner.or(own).unwrap_or("@name"),
        due.unwrap_or("YYYY-MM-DD")
    )
}

/// Where a finding about the whole set of items is shown: the heading of the first
/// section that holds action items.
pub(crate) fn actions_anchor(doc: &Document) -> Option<Range<usize>> {
    let first = doc.action_items.first()?;
    Some(doc.sections[first.section].title_range.clone())
}

/// Whether the item is already done: nothing left to own, date or track.
pub(crate) fn is_done(item: &ActionItem) -> bool {
    item.status.as_ref().is_some_and(|s| {
        let lower = s.text.to_lowercase();
        [
            "done",
            "complete",
            "completed",
            "closed",
            "fixed",
            "resolved",
        ]
        .iter()
        .any(|w| lower.trim() == *w || lower.starts_with(&format!("{w} ")))
    })
}

/// An owner taken from the action's own words ("We will …"), not from an owner field.
pub(crate) fn owner_is_subject(item: &ActionItem) -> bool {
    item.owner.as_ref().is_some_and(|o| {
        item.action.range.start <= o.range.start && o.range.end <= item.action.range.end
    })
}

const SUBJECTS: &[&str] = &[
    "we",
    "team",
    "everyone",
    "everybody",
    "engineers",
    "i",
    "you",
];
const MODALS: &[&str] = &[
    "will", "should", "shall", "must", "need", "needs", "to", "please",
];

/// A bold label before the action: "**Load testing:** Add …".
static BOLD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\*\*|__)[^*_\n]{1,60}?(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*")
        .expect("bold label pattern")
});

/// The action's words, lower-cased, after a bold label and a leading subject and modal:
/// "We will coach …" → `["coach", …]`, "Need to add …" → `["add", …]`.
pub(crate) fn lead_words(text: &str) -> Vec<String> {
    let text = BOLD_LABEL.find(text).map_or(text, |m| &text[m.end()..]);
    let mut words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map(|w| {
            w.trim_matches(['-', '\'', '’'])
                .to_lowercase()
                .replace('’', "'")
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut skip =
        usize::from(words.len() > 1 && matches!(words[0].as_str(), "the" | "our" | "all"));
    let subject = words.get(skip).map(String::as_str);
    if subject == Some("we'll") {
        skip += 1;
    } else if subject.is_some_and(|w| SUBJECTS.contains(&w)) {
        skip += 1;
        let modal_start = skip;
        while words.get(skip).is_some_and(|w| {
            MODALS.contains(&w.as_str()) || matches!(w.as_str(), "are" | "is" | "going")
        }) {
            skip += 1;
        }
        // A bare subject with no modal ("Team retro …") is not stripped.
        if skip == modal_start {
            skip = 0;
        }
    } else {
        skip = 0;
    }
    // A bare modal: "Need to add …", "Must alert …".
    while words
        .get(skip)
        .is_some_and(|w| MODALS.contains(&w.as_str()))
    {
        skip += 1;
    }
    if skip < words.len() {
        words.drain(..skip);
    }
    words
}

/// Whether `words` start with `phrase` (space-separated).
pub(crate) fn starts_with_phrase(words: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words.len() >= parts.len() && words.iter().zip(&parts).all(|(w, p)| w == p)
}

/// For the first item of a list, a fix that turns the list into a table with Action, Owner, Due date,
/// Priority, Type and Ticket columns (and Status for task lists), keeping the text and
/// every field found. Offered only when each item is one line of text with no nested
/// content, so nothing is lost.
pub(crate) fn list_to_table_fix(doc: &Document, item: &ActionItem) -> Option<Fix> {
    let ActionSource::ListItem { .. } = item.source else {
        return None;
    };
    let items = &doc.action_items;
    let is_list = |a: &ActionItem| matches!(a.source, ActionSource::ListItem { .. });
    // Sub-items lie inside their parent: not adjacent, so no table is offered.
    let adjacent = |a: &ActionItem, b: &ActionItem| {
        is_list(a)
            && is_list(b)
            && a.range.end <= b.range.start
            && doc.text[a.range.end..b.range.start].trim().is_empty()
    };
    let first = items.partition_point(|a| a.range.start < item.range.start);
    // One table per list: only the list's first item carries the fix, so a list of N
    // items costs N, not N².
    if first > 0 && adjacent(&items[first - 1], &items[first]) {
        return None;
    }
    let mut last = first;
    while last + 1 < items.len() && adjacent(&items[last], &items[last + 1]) {
        last += 1;
    }
    let run: Vec<&ActionItem> = items[first..=last].iter().collect();
    for a in &run {
        let ActionSource::ListItem { item: index } = a.source else {
            return None;
        };
        let li = &doc.list_items[index];
        let nested = !doc.text[li.text_range.end..li.range.end].trim().is_empty();
        let line_start = doc.text[..li.range.start].rfind('\n').map_or(0, |i| i + 1);
        if nested || line_start != li.range.start {
            return None;
        }
    }
    let with_status = run.iter().any(|a| a.status.is_some());
    let mut table = String::from("| Action | Owner | Due date | Priority | Type | Ticket |");
    table.push_str(if with_status {
        " Status |\n|---|---|---|---|---|---|---|\n"
    } else {
        "\n|---|---|---|---|---|---|\n"
    });
    for a in &run {
        let field = |f: &Option<Field>| f.as_ref().map_or(String::new(), |f| cell(&f.text));
        let mut action = cell(&a.action.text);
        if !a.unparsed.is_empty() {
            let notes: Vec<String> = a.unparsed.iter().map(|f| cell(&f.text)).collect();
            action.push_str(&format!(" ({})", notes.join("; ")));
        }
        let owner = if owner_is_subject(a) {
            String::new()
        } else {
            field(&a.owner)
        };
        let mut row = format!(
            "| {action} | {owner} | {} | {} | {} | {} |",
            field(&a.due),
            field(&a.priority),
            field(&a.kind),
            field(&a.ticket)
        );
        if with_status {
            row.push_str(&format!(" {} |", field(&a.status)));
        }
        table.push_str(&row);
        table.push('\n');
    }
    let start = run[0].range.start;
    let end = start
        + doc.text[start..run[run.len() - 1].range.end]
            .trim_end()
            .len();
    Some(Fix::safe(
        "Convert the action items to a table",
        vec![Edit::replace(start..end, table.trim_end())],
    ))
}

/// Text as a table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("\\|", "|")
        .replace('|', "\\|")
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::diagnostic::Diagnostic;
    use crate::{lint, Settings};

    /// A postmortem whose Action Items section holds `body`.
    pub fn doc(body: &str) -> String {
        format!("# Postmortem: outage\n\n**Date:** 2025-01-10\n\n## Action Items\n\n{body}\n")
    }

    /// The diagnostics of rule `code` on a postmortem whose Action Items section holds `body`.
    pub fn findings(code: &str, body: &str) -> Vec<Diagnostic> {
        lint(&doc(body), &Settings::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    /// Whether rule `code` reports anything on a single-item list `item`.
    pub fn flags(code: &str, item: &str) -> bool {
        !findings(code, item).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{apply_edits, lint, Settings};

    #[test]
    fn lead_words_skip_subject_and_modal() {
        assert_eq!(lead_words("We will coach the engineer")[0], "coach");
        assert_eq!(lead_words("Team should fix it")[0], "fix");
        assert_eq!(lead_words("**Don’t** push on Fridays")[0], "don't");
        assert_eq!(lead_words("Need to add a check")[0], "add");
        assert_eq!(lead_words("Team retro")[0], "team");
        assert_eq!(
            lead_words("**Proactive monitoring:** Detect risks")[0],
            "detect"
        );
    }

    #[test]
    fn list_to_table_round_trips_owners_and_dates() {
        let text = test_support::doc(
            "- Improve monitoring\n\
             - [ ] Add alert for pool > 80% (@sre, due 2025-02-01, OPS-1)\n\
             - Fix `a|b` parsing — owner: @bob, due: 2025/02/03, blocked on vendor\n\
             - Carol's fix — @carol by Feb 3, 2025\n\
             - We will coach the engineer involved (P2)\n",
        );
        let settings = Settings::default();
        let before = lint(&text, &settings);
        let fix = before
            .diagnostics
            .iter()
            .flat_map(|d| &d.fixes)
            .find(|f| f.title == "Convert the action items to a table")
            .expect("a list of items offers the table fix")
            .clone();
        let (fixed, _) = apply_edits(&text, &fix.edits);
        let summary = |text: &str| -> Vec<(String, Option<String>, Option<String>)> {
            Document::parse(text)
                .action_items
                .iter()
                .map(|a| {
                    (
                        short_action(a),
                        a.owner.as_ref().map(|f| f.text.clone()),
                        a.due.as_ref().map(|f| f.text.clone()),
                    )
                })
                .collect()
        };
        let (old, new) = (summary(&text), summary(&fixed));
        assert_eq!(old.len(), 5, "{fixed}");
        assert_eq!(new.len(), 5, "{fixed}");
        for (a, b) in old.iter().zip(&new) {
            assert_eq!((&a.1, &a.2), (&b.1, &b.2), "{fixed}");
            assert!(b.0.starts_with(&a.0), "{} / {}\n{fixed}", a.0, b.0);
        }
        assert!(fixed.contains("(blocked on vendor)"), "{fixed}");
        assert!(fixed.contains("| open |"), "{fixed}");
        assert!(fixed.contains("a\\|b"), "{fixed}");
        assert!(!fixed.contains("\n- "), "{fixed}");
    }

    #[test]
    fn no_table_fix_when_an_item_has_nested_content() {
        let text = test_support::doc("- Improve monitoring\n  - details here\n- Add alert\n");
        let report = lint(&text, &Settings::default());
        assert!(report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('A'))
            .all(|d| d.fixes.is_empty()));
    }
}
