//! Postmortem metadata: front matter, `**Date:** …` lines and Field/Value tables.

use super::{normalize_heading, BlockKind, Document, Field, Slot};
use crate::date::find_date;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaKey {
    Title,
    Date,
    Severity,
    Status,
    /// The single person accountable for the postmortem (owner, author, prepared by).
    Owner,
    Duration,
    IncidentId,
    Type,
}

impl MetaKey {
    pub(super) fn from_label(label: &str) -> Option<MetaKey> {
        let label = normalize_heading(label);
        if label.starts_with("owner") || label.starts_with("author") {
            return Some(MetaKey::Owner);
        }
        Some(match label.as_str() {
            "title" | "incident title" => MetaKey::Title,
            "date"
            | "date time"
            | "incident date"
            | "date of incident"
            | "occurred"
            | "occurred on"
            | "incident start date" => MetaKey::Date,
            "severity" | "sev" | "severity level" | "incident severity" | "impact level" => {
                MetaKey::Severity
            }
            "status" | "document status" | "postmortem status" | "state" => MetaKey::Status,
            "owner" | "author" | "authors" | "prepared by" | "written by" | "postmortem owner"
            | "document owner" | "incident commander" | "ic" | "facilitator" | "incident owner"
            | "owners" | "author s" => MetaKey::Owner,
            "duration" | "total duration" | "incident duration" | "outage duration" | "length" => {
                MetaKey::Duration
            }
            "incident id" | "id" | "reference" | "incident" | "incident number" | "ticket"
            | "inc" => MetaKey::IncidentId,
            "type" | "document type" => MetaKey::Type,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            MetaKey::Title => "title",
            MetaKey::Date => "date",
            MetaKey::Severity => "severity",
            MetaKey::Status => "status",
            MetaKey::Owner => "owner",
            MetaKey::Duration => "duration",
            MetaKey::IncidentId => "incident ID",
            MetaKey::Type => "type",
        }
    }
}

#[derive(Debug, Clone)]
pub struct MetaEntry {
    pub key: MetaKey,
    /// The label as written: "Prepared by".
    pub label: String,
    pub value: Field,
}

#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub entries: Vec<MetaEntry>,
}

impl Metadata {
    pub fn field(&self, key: MetaKey) -> Option<&Field> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    pub fn get(&self, key: MetaKey) -> Option<&str> {
        self.field(key).map(|f| f.text.as_str())
    }
}

static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:#{1,6}[ \t]+)?(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?([A-Za-z][A-Za-z ./&'()-]{0,30}?)[ \t]*(?::(?:\*\*|__|\*|_)|(?:\*\*|__|\*|_)[ \t]*:|:)[ \t]*(.*?)[ \t\\]*$")
        .expect("metadata line pattern compiles")
});

/// The `label: value` fields of one line, several where they share it:
/// "**Severity:** SEV-1 · **Date:** 2025-03-06", "Status: final<br> Owners: @Hixie".
/// Yields (label, value offset in `line`, value).
fn line_fields(line: &str) -> Vec<(&str, usize, &str)> {
    let mut fields = Vec::new();
    let mut part_start = 0;
    let line = line.trim_end_matches(['\n', '\r']);
    for part in line
        .split_inclusive(['·', '|'])
        .flat_map(|p| p.split_inclusive("<br>"))
    {
        let field = part.trim_end_matches(['·', '|']).trim_end_matches("<br>");
        if let Some(caps) = LABEL_LINE.captures(field) {
            let value = caps.get(2).expect("group 2 always participates");
            let label = caps.get(1).expect("group 1 always participates").as_str();
            fields.push((label, part_start + value.start(), value.as_str()));
        }
        part_start += part.len();
    }
    fields
}

pub(super) fn extract(doc: &Document, file_name: Option<&str>) -> Metadata {
    let mut entries = Vec::new();
    let text = doc.text;
    let add = |label: &str, value_start: usize, value: &str, entries: &mut Vec<MetaEntry>| {
        let Some(key) = MetaKey::from_label(label) else {
            return;
        };
        let clean = value
            .trim()
            .trim_end_matches("&#x20;")
            .trim_end_matches("&nbsp;")
            .trim_matches(|c| c == '"' || c == '\'' || c == '*' || c == '_')
            .trim();
        if clean.is_empty() || entries.iter().any(|e: &MetaEntry| e.key == key) {
            return;
        }
        let offset = value_start + value.find(clean).unwrap_or(0);
        entries.push(MetaEntry {
            key,
            label: label.trim().to_string(),
            value: Field::new(text, offset..offset + clean.len()),
        });
    };

    if let Some(range) = &doc.front_matter {
        let mut offset = range.start;
        for line in text[range.clone()].split_inclusive('\n') {
            // YAML `date: …`, or TOML `date = …` in Hugo's `+++` front matter.
            if let Some((label, value)) = line.split_once([':', '=']) {
                if !label.starts_with([' ', '\t', '-']) {
                    add(
                        label,
                        offset + label.len() + 1,
                        value.trim_end(),
                        &mut entries,
                    );
                }
            }
            offset += line.len();
        }
    }

    // Once, not per block: a scan per block is quadratic in long documents.
    let first_classified = doc
        .sections
        .iter()
        .position(|s| s.slot.is_some_and(|s| s != Slot::Metadata));
    let in_metadata_position = |section: Option<usize>| -> bool {
        match section {
            None => true,
            Some(i) => {
                let s = &doc.sections[i];
                s.slot == Some(Slot::Metadata)
                    || (s.slot.is_none() && first_classified.is_none_or(|f| i < f))
                    || s.parent
                        .is_some_and(|p| doc.sections[p].slot == Some(Slot::Metadata))
            }
        }
    };

    for table in &doc.tables {
        if table.header.cells.len() != 2 || !in_metadata_position(table.section) {
            continue;
        }
        for row in std::iter::once(&table.header).chain(&table.rows) {
            let (label, value) = (&row.cells[0], &row.cells[1]);
            add(
                &label.text,
                value.range.start,
                &text[value.range.clone()],
                &mut entries,
            );
        }
    }

    let first_slot_section = first_classified;
    for (index, block) in doc.blocks.iter().enumerate() {
        let in_fields_of_first_section =
            block.section.is_some() && block.section == first_slot_section;
        if !matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Heading
        ) || !(in_metadata_position(block.section) || in_fields_of_first_section)
        {
            continue;
        }
        // Whole source lines, so that list markers, heading marks and labels are seen.
        let line_start = text[..block.range.start].rfind('\n').map_or(0, |i| i + 1);
        // A heading is a field only when it opens no section (`## Date: 12th March 2023`).
        let opens_section = doc
            .sections
            .binary_search_by_key(&line_start, |s| s.heading_range.start)
            .is_ok();
        if block.kind == BlockKind::Heading && opens_section {
            continue;
        }
        let mut offset = line_start;
        let mut found = Vec::new();
        for line in text[line_start..block.range.end].split_inclusive('\n') {
            for (label, at, value) in line_fields(line) {
                found.push((label, offset + at, value));
            }
            offset += line.len();
        }
        // In the first section, only a block of fields ("Description: …<br> Date/time:
        // …<br> Duration: …") or a list item that is a known field ("- Date: May 28")
        // is metadata, not a sentence with a colon.
        let known_field = block.kind == BlockKind::ListItem
            && found.len() == 1
            && MetaKey::from_label(found[0].0).is_some();
        if !in_metadata_position(block.section) && found.len() < 3 && !known_field {
            continue;
        }
        for (label, at, value) in found {
            // "- **Severity:**" with its value in the nested item below: "  - SEV-1 …".
            let empty = value.trim().trim_start_matches("&#x20;").trim().is_empty();
            let child = doc.blocks.get(index + 1).filter(|next| {
                block.list_item.is_some()
                    && next
                        .list_item
                        .is_some_and(|i| doc.list_items[i].parent == block.list_item)
            });
            match child {
                Some(next) if empty => {
                    let value = &text[next.range.clone()];
                    add(
                        label,
                        next.range.start,
                        value.lines().next().unwrap_or(""),
                        &mut entries,
                    );
                }
                _ => add(label, at, value, &mut entries),
            }
        }
    }

    // A heading naming a field, its value the short paragraph under it:
    // "## Incident date(s)\n\n2019-07-25 - 2019-10-10", "## Status\n\nFinal".
    for section in &doc.sections {
        if section.slot.is_some() || MetaKey::from_label(&section.title).is_none() {
            continue;
        }
        let value = doc
            .blocks
            .iter()
            .find(|b| b.range.start >= section.body.start);
        if let Some(b) = value.filter(|b| {
            b.kind == BlockKind::Paragraph
                && b.range.end <= section.body.end
                && b.range.len() <= 80
                && !text[b.range.clone()].contains('\n')
        }) {
            add(
                &section.title,
                b.range.start,
                &text[b.range.clone()],
                &mut entries,
            );
        }
    }

    // A date alone on the line under the title: "# DNS outage\n\nMarch 4, 2024".
    if !entries.iter().any(|e| e.key == MetaKey::Date) {
        let under_title = doc.title.as_ref().and_then(|t| {
            doc.blocks
                .iter()
                .find(|b| b.range.start >= t.range.end && b.kind != BlockKind::Heading)
        });
        if let Some(block) = under_title {
            let line = text[block.range.clone()].trim();
            if let Some((_, r)) = find_date(line) {
                let rest = line.len() - r.len();
                if line.len() <= 40 && rest <= 12 {
                    let start = block.range.start
                        + (text[block.range.clone()].len()
                            - text[block.range.clone()].trim_start().len())
                        + r.start;
                    entries.push(MetaEntry {
                        key: MetaKey::Date,
                        label: "date".to_string(),
                        value: Field::new(text, start..start + r.len()),
                    });
                }
            }
        }
    }
    // Last, a date in the file name ("2024-03-04-dns-outage.md"): it has no place in
    // the text, so its field is empty at the start of the document.
    if !entries.iter().any(|e| e.key == MetaKey::Date) {
        if let Some((name, (_, r))) = file_name.and_then(|n| Some((n, find_date(n)?))) {
            entries.push(MetaEntry {
                key: MetaKey::Date,
                label: "file name".to_string(),
                value: Field {
                    text: name[r].to_string(),
                    range: 0..0,
                },
            });
        }
    }
    Metadata { entries }
}
