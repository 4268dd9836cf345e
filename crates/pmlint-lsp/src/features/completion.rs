//! Completion: section headings (missing required sections first) at the start of a
//! heading or blank line, and an action-item table row inside the action items.

use crate::analysis::Analysis;
use ls_types::{
    self as lsp, CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation,
    InsertTextFormat, Position, TextEdit,
};
use pmlint_core::document::{normalize_heading, Slot};
use pmlint_core::profile::section_skeleton;
use pmlint_core::{Document, Encoding};

pub fn completion(
    a: &Analysis,
    encoding: Encoding,
    position: Position,
    snippets: bool,
) -> Vec<CompletionItem> {
    let at = a.at(encoding);
    let offset = at.offset(position);
    let line_start = at.line_range(at.line_of(offset)).start;
    let prefix = &a.text[line_start..offset];
    let typed = prefix.trim_start();
    let replace = lsp::Range::new(at.position(line_start), at.position(offset));
    let mut items = Vec::new();
    let doc = Document::parse_with(&a.text, &a.settings.settings.parse);
    // At the very end of the text, the last section still holds the cursor.
    let inside = offset.min(a.text.len().saturating_sub(1));
    let in_action_items = doc.slot_at(inside).map(Slot::group) == Some(Slot::ActionItems);
    if in_action_items && (typed.is_empty() || typed.starts_with('|')) {
        items.push(action_item_row(&doc, inside, replace, snippets));
    }
    if typed.is_empty() || typed.starts_with('#') {
        items.extend(headings(a, &doc, typed, replace));
    }
    items
}

/// Absent sections: required ones first, then recommended, then the rest, each in
/// canonical order. The heading level follows what was typed, else the document's.
fn headings(a: &Analysis, doc: &Document, typed: &str, replace: lsp::Range) -> Vec<CompletionItem> {
    let hashes = typed.chars().take_while(|&c| c == '#').count();
    let level = if hashes > 0 {
        hashes
    } else {
        doc.sections
            .iter()
            .find(|s| s.slot.is_some())
            .map_or(2, |s| usize::from(s.level.min(6)))
    };
    let settings = &a.settings.settings;
    let mut slots: Vec<(u8, Slot)> = Slot::ALL
        .into_iter()
        .filter(|&slot| !doc.sections.iter().any(|s| s.slot == Some(slot)))
        .filter(|&slot| slot == slot.group() || !doc.has_slot_group(slot.group()))
        .map(|slot| {
            let required = settings.required.contains(&slot) && !doc.has_slot_group(slot);
            let rank = if required {
                0
            } else if settings.recommended.contains(&slot) {
                1
            } else {
                2
            };
            (rank, slot)
        })
        .collect();
    slots.sort_by_key(|&(rank, slot)| (rank, slot.order()));
    slots
        .into_iter()
        .enumerate()
        .map(|(i, (rank, slot))| {
            let skeleton = section_skeleton(slot, level as u8);
            let heading = format!("{} {}", "#".repeat(level), slot.title());
            CompletionItem {
                label: slot.title().to_string(),
                kind: Some(CompletionItemKind::MODULE),
                detail: Some(match rank {
                    0 => "required section · missing".to_string(),
                    1 => "recommended section".to_string(),
                    _ => "section".to_string(),
                }),
                documentation: Some(Documentation::String(slot.prompt().to_string())),
                sort_text: Some(format!("{i:02}")),
                filter_text: Some(heading),
                preselect: Some(i == 0),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace, skeleton))),
                insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// A row for the action-item table at the cursor (or the default columns), with
/// placeholders per column when the client takes snippets.
fn action_item_row(
    doc: &Document,
    offset: usize,
    replace: lsp::Range,
    snippets: bool,
) -> CompletionItem {
    let section = doc.section_at(offset);
    let table = doc
        .tables
        .iter()
        .rfind(|t| t.section == section && t.range.start <= offset);
    let columns: Vec<String> = match table {
        Some(t) => t
            .header
            .cells
            .iter()
            .map(|c| normalize_heading(&c.text))
            .collect(),
        None => ["action", "owner", "due date", "priority", "type", "ticket"]
            .map(String::from)
            .to_vec(),
    };
    let cells: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| cell(column, i + 1, snippets))
        .collect();
    let row = format!("| {} |", cells.join(" | "));
    CompletionItem {
        label: "Action item row".into(),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some("one owner, a due date, a priority, a type and a ticket".into()),
        filter_text: Some("|action".into()),
        sort_text: Some("00".into()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace, row))),
        insert_text_format: Some(if snippets {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        ..CompletionItem::default()
    }
}

/// One cell: a placeholder or a choice by the column's meaning (seed 001's action
/// item types are Prevent, Detect, Mitigate and Document).
fn cell(column: &str, tab: usize, snippets: bool) -> String {
    let has = |words: &[&str]| words.iter().any(|w| column.contains(w));
    let (placeholder, choices): (&str, &[&str]) = if has(&["owner", "who", "assignee"]) {
        ("@owner", &[])
    } else if has(&["due", "date", "deadline"]) {
        ("YYYY-MM-DD", &[])
    } else if has(&["priority"]) {
        ("P1", &["P0", "P1", "P2", "P3"])
    } else if has(&["type", "category"]) {
        ("Prevent", &["Prevent", "Detect", "Mitigate", "Document"])
    } else if has(&["status"]) {
        ("Open", &["Open", "In progress", "Done"])
    } else if has(&["ticket", "tracking", "issue", "link", "jira"]) {
        ("TICKET-123", &[])
    } else if has(&["id", "#"]) && column.len() <= 2 {
        ("AI-1", &[])
    } else {
        ("What will be done, measurably", &[])
    };
    match (snippets, choices.is_empty()) {
        (false, _) => placeholder.to_string(),
        (true, true) => format!("${{{tab}:{placeholder}}}"),
        (true, false) => format!("${{{tab}|{}|}}", choices.join(",")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::analyze;

    fn new_text(item: &CompletionItem) -> &str {
        match item.text_edit.as_ref().unwrap() {
            CompletionTextEdit::Edit(e) => &e.new_text,
            CompletionTextEdit::InsertAndReplace(e) => &e.new_text,
        }
    }

    #[test]
    fn offers_missing_required_sections_first() {
        let a = analyze(
            "# Postmortem: outage\n\n## Summary\n\nx\n\n## Contributing factors\n\ny\n\n## ",
        );
        let items = completion(&a, Encoding::Utf16, Position::new(10, 3), true);
        let labels: Vec<_> = items.iter().map(|i| i.label.as_str()).collect();
        // Summary exists; contributing factors satisfy root cause, so it is not missing.
        assert_eq!(
            &labels[..4],
            ["Impact", "Timeline", "Action Items", "Detection"]
        );
        assert!(!labels.contains(&"Summary"), "{labels:?}");
        assert_eq!(
            items[2].detail.as_deref(),
            Some("required section · missing")
        );
        assert_eq!(items[3].detail.as_deref(), Some("recommended section"));
        let root_cause = items.iter().find(|i| i.label == "Root Cause").unwrap();
        assert_eq!(root_cause.detail.as_deref(), Some("section"));
        assert!(new_text(&items[0]).starts_with("## Impact\n\n<!--"));
        // Mid-sentence: nothing.
        assert!(completion(&a, Encoding::Utf16, Position::new(4, 1), true).is_empty());
    }

    #[test]
    fn offers_an_action_item_row_matching_the_table() {
        let text = "# Postmortem\n\n## Summary\n\nx\n\n## Action items\n\n| ID | Action | Owner | Due | Priority | Type |\n|---|---|---|---|---|---|\n| 1 | Add alert | @ann | 2025-02-01 | P1 | Detect |\n|";
        let a = analyze(text);
        let items = completion(&a, Encoding::Utf16, Position::new(11, 1), true);
        assert_eq!(items[0].label, "Action item row");
        assert_eq!(
            new_text(&items[0]),
            "| ${1:AI-1} | ${2:What will be done, measurably} | ${3:@owner} | ${4:YYYY-MM-DD} | ${5|P0,P1,P2,P3|} | ${6|Prevent,Detect,Mitigate,Document|} |"
        );
        let plain = completion(&a, Encoding::Utf16, Position::new(11, 1), false);
        assert_eq!(
            new_text(&plain[0]),
            "| AI-1 | What will be done, measurably | @owner | YYYY-MM-DD | P1 | Prevent |"
        );
    }
}
