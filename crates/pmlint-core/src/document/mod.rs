//! The typed postmortem: built in one pass over pulldown-cmark's events, then read by
//! every rule. Offsets are byte ranges into the original text.

mod actions;
mod build;
mod metadata;
mod prose;
pub mod slots;
mod timeline;
mod whys;

pub use actions::{
    is_blank, owner_kind, priority_rank, ActionItem, ActionSource, OwnerKind, TICKET_HEADERS,
};
pub use metadata::{MetaEntry, MetaKey, Metadata};
pub use prose::Sentence;
pub use slots::{classify, classify_combined, normalize_heading, Slot, PROMPT_VERBS};
pub use timeline::{find_time, TimeOfDay, Timeline, TimelineEntry};
pub use whys::{WhyChain, WhyStep};

use crate::line_index::LineIndex;
use crate::suppress::Suppressions;
use std::ops::Range;

/// A piece of the document's text with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub range: Range<usize>,
}

impl Field {
    pub fn new(source: &str, range: Range<usize>) -> Field {
        Field {
            text: source[range.clone()].to_string(),
            range,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingForm {
    /// `## Timeline`
    Atx,
    /// `Timeline` underlined with `===` or `---`.
    Setext,
    /// A paragraph that is (or starts with) `**Timeline:**`.
    Bold,
    /// A paragraph that is only `*Timeline*` or `_Timeline_`.
    Italic,
    /// A line that is only a known section name, or a short plain line heading a part
    /// of a classified section.
    Bare,
}

/// Level given to bold and bare pseudo-headings: below every real heading.
pub const PSEUDO_LEVEL: u8 = 7;

#[derive(Debug, Clone)]
pub struct Section {
    /// Heading text as written (inline markup removed).
    pub title: String,
    pub title_range: Range<usize>,
    /// The whole heading (both lines of a setext heading).
    pub heading_range: Range<usize>,
    pub level: u8,
    pub form: HeadingForm,
    pub slot: Option<Slot>,
    /// The second slot a combined heading covers: "Detection and Response",
    /// "Impact & Timeline", "Cause/Trigger".
    pub also: Option<Slot>,
    /// From the end of the heading to the next heading of the same or a higher level.
    pub body: Range<usize>,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

/// A run of inline content (a paragraph, a heading's text, a table cell, a tight list
/// item's text): the unit sentences are split from.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
    pub section: Option<usize>,
    /// Inside a block quote: quoted chat logs and emails, not the authors' own prose.
    pub quoted: bool,
    /// The innermost list item that contains this block.
    pub list_item: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct ListItem {
    /// The whole item including its marker and nested content.
    pub range: Range<usize>,
    /// The item's own first line(s) of text, after the marker and any task box.
    pub text_range: Range<usize>,
    pub depth: usize,
    pub ordered: bool,
    /// `Some(checked)` for task-list items.
    pub task: Option<bool>,
    pub section: Option<usize>,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    /// Trimmed range of the cell's content.
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    pub range: Range<usize>,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub range: Range<usize>,
    pub header: TableRow,
    pub rows: Vec<TableRow>,
    pub section: Option<usize>,
}

impl Table {
    /// Index of the first column whose normalized header is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header
            .cells
            .iter()
            .position(|c| names.contains(&normalize_heading(&c.text).as_str()))
    }
}

#[derive(Debug, Clone)]
pub struct CodeBlock {
    pub range: Range<usize>,
    pub section: Option<usize>,
}

/// A parsed postmortem.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub line_index: LineIndex,
    /// The text with everything that is not the authors' prose blanked to spaces
    /// (code, HTML, URLs, Markdown syntax); same length, same offsets as `text`.
    pub prose: String,
    /// First-level heading (or front matter `title`).
    pub title: Option<Field>,
    pub front_matter: Option<Range<usize>>,
    /// Sections, blocks, sentences, list items, tables and code blocks are each in
    /// document order. Blocks, tables and code blocks do not overlap one another, so a
    /// lookup by offset is a binary search (`block_at`, `table_at`, `in_code_block`).
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub list_items: Vec<ListItem>,
    pub tables: Vec<Table>,
    pub code_blocks: Vec<CodeBlock>,
    /// Ranges of non-heading content (text, code, tables, non-comment HTML), for
    /// deciding whether a section is empty.
    pub content: Vec<Range<usize>>,
    pub metadata: Metadata,
    pub action_items: Vec<ActionItem>,
    pub why_chains: Vec<WhyChain>,
    pub timeline: Timeline,
    pub suppressions: Suppressions,
    /// The blame lexicon matched over the sentences, computed by the first blame rule.
    pub(crate) blame_scan: std::sync::OnceLock<crate::rules::blame::Scan>,
}

/// Knobs of the model: heading synonyms from configuration, and the document's file
/// name as the caller knows it (the core does no I/O).
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Extra heading synonyms: (slot, normalized heading).
    pub synonyms: Vec<(Slot, String)>,
    /// The file name (`2024-03-04-dns-outage.md`): a date in it dates a postmortem
    /// that gives none in its text.
    pub file_name: Option<String>,
}

impl ParseOptions {
    /// These options for the file named `file_name`.
    pub fn for_file(&self, file_name: &str) -> ParseOptions {
        ParseOptions {
            file_name: Some(file_name.to_string()),
            ..self.clone()
        }
    }
}

impl<'a> Document<'a> {
    pub fn parse(text: &'a str) -> Document<'a> {
        Self::parse_with(text, &ParseOptions::default())
    }

    pub fn parse_with(text: &'a str, options: &ParseOptions) -> Document<'a> {
        build::build(text, options)
    }

    /// Sections classified into `slot` (exactly, not by group).
    pub fn sections_in(&self, slot: Slot) -> impl Iterator<Item = (usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.slot == Some(slot))
    }

    /// Whether any section satisfies the required slot `group` (a combined heading
    /// satisfies both of its slots).
    pub fn has_slot_group(&self, group: Slot) -> bool {
        self.sections.iter().any(|s| {
            s.slot.map(Slot::group) == Some(group) || s.also.map(Slot::group) == Some(group)
        })
    }

    /// The slot of the innermost classified section containing `offset`, looking
    /// through unclassified subsections ("### What Happened" under "## Root Cause").
    pub fn slot_at(&self, offset: usize) -> Option<Slot> {
        let mut section = self.section_at(offset);
        while let Some(i) = section {
            if let Some(slot) = self.sections[i].slot {
                return Some(slot);
            }
            section = self.sections[i].parent;
        }
        None
    }

    /// Innermost section whose heading or body contains `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let i = self
            .sections
            .partition_point(|s| s.heading_range.start <= offset);
        (0..i).rev().find(|&j| {
            let s = &self.sections[j];
            offset < s.body.end || (s.body.is_empty() && offset <= s.body.end)
        })
    }

    /// Whether the section has any content in its body (its subsections included).
    pub fn section_has_content(&self, index: usize) -> bool {
        let body = &self.sections[index].body;
        let first = self.content.partition_point(|r| r.end <= body.start);
        self.content[first..]
            .iter()
            .take_while(|r| r.start < body.end)
            .any(|r| {
                let start = r.start.max(body.start);
                let end = r.end.min(body.end);
                start < end && !self.text[start..end].trim().is_empty()
            })
    }

    /// Whether the text at `offset` is inside a code block.
    pub fn in_code_block(&self, offset: usize) -> bool {
        let i = self
            .code_blocks
            .partition_point(|c| c.range.start <= offset);
        i > 0 && self.code_blocks[i - 1].range.contains(&offset)
    }

    /// The table containing `offset`, if any.
    pub fn table_at(&self, offset: usize) -> Option<&Table> {
        let i = self.tables.partition_point(|t| t.range.start <= offset);
        self.tables[..i]
            .last()
            .filter(|t| t.range.contains(&offset))
    }

    /// The block containing `offset`, if any.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.start <= offset);
        self.blocks[..i]
            .last()
            .filter(|b| b.range.contains(&offset))
    }

    /// Whether this looks like a postmortem by its content alone (DESIGN §3): front
    /// matter `type: postmortem`, a title naming it, or two canonical section headings.
    pub fn looks_like_postmortem(&self) -> bool {
        if self.metadata.get(MetaKey::Type).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("postmortem") || v.contains("post-mortem") || v.contains("incident")
        }) {
            return true;
        }
        if let Some(title) = &self.title {
            let t = title.text.to_lowercase();
            const WORDS: [&str; 7] = [
                "postmortem",
                "post-mortem",
                "post mortem",
                "incident review",
                "incident report",
                "pir",
                "retrospective",
            ];
            if WORDS.iter().any(|w| contains_word(&t, w)) {
                return true;
            }
        }
        let mut groups: Vec<Slot> = self
            .sections
            .iter()
            .filter_map(|s| s.slot)
            .filter(|s| !matches!(s, Slot::Appendix | Slot::Metadata))
            .map(Slot::group)
            .collect();
        groups.sort();
        groups.dedup();
        groups.len() >= 2
    }
}

/// The text inside `*…*` or `_…_` when all of `text` is one emphasis (not `**`).
pub fn whole_emphasis(text: &str) -> Option<&str> {
    for (mark, double) in [('*', "**"), ('_', "__")] {
        if text.len() > 2
            && text.starts_with(mark)
            && text.ends_with(mark)
            && !text.starts_with(double)
            && !text.ends_with(double)
        {
            let inner = &text[1..text.len() - 1];
            if !inner.contains(mark) {
                return Some(inner);
            }
        }
    }
    None
}

/// Whether `needle` occurs in `haystack` delimited by non-alphanumerics.
pub fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, m)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(text: &str) -> Vec<(String, Option<Slot>, u8, HeadingForm)> {
        Document::parse(text)
            .sections
            .iter()
            .map(|s| (s.title.clone(), s.slot, s.level, s.form))
            .collect()
    }

    #[test]
    fn recognises_every_heading_form() {
        let text = "Outage report\n=============\n\nSummary\n-------\n\nDown.\n\n**Impact:** 40 stores.\n\nTimeline\n\n- 10:00 x\n\n## 3. Root Cause\n\nx\n";
        assert_eq!(
            slots(text),
            vec![
                ("Outage report".into(), None, 1, HeadingForm::Setext),
                (
                    "Summary".into(),
                    Some(Slot::Summary),
                    2,
                    HeadingForm::Setext
                ),
                (
                    "Timeline".into(),
                    Some(Slot::Timeline),
                    PSEUDO_LEVEL,
                    HeadingForm::Bare
                ),
                (
                    "3. Root Cause".into(),
                    Some(Slot::RootCause),
                    2,
                    HeadingForm::Atx
                ),
            ],
            "an inline `**Impact:**` label inside a classified section is not a heading"
        );
        let top_level_label = "# T\n\n**Impact:** 40 stores.\n\n**Root cause:**\n\nNo baseline.\n";
        assert_eq!(
            slots(top_level_label)
                .iter()
                .map(|s| (s.1, s.3))
                .collect::<Vec<_>>(),
            vec![
                (None, HeadingForm::Atx),
                (Some(Slot::Impact), HeadingForm::Bold),
                (Some(Slot::RootCause), HeadingForm::Bold)
            ]
        );
    }

    #[test]
    fn pseudo_headings_nest_by_position_and_slot() {
        let text = "# T\n\n*Lessons learned*\n\n*What went well*\n\n- x\n\n*What went wrong*\n\n- y\n\n*Impact*\n\nQueries\n\nMany were lost.\n\nTwo things made it worse:\n\n- z\n\nThanks\n\n<div>sig</div>\n";
        let doc = Document::parse(text);
        let shape: Vec<(String, u8, Option<usize>)> = doc
            .sections
            .iter()
            .map(|s| (s.title.clone(), s.level, s.parent))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("T".into(), 1, None),
                ("Lessons learned".into(), PSEUDO_LEVEL, Some(0)),
                ("What went well".into(), PSEUDO_LEVEL + 1, Some(1)),
                ("What went wrong".into(), PSEUDO_LEVEL + 1, Some(1)),
                ("Impact".into(), PSEUDO_LEVEL, Some(0)),
                ("Queries".into(), PSEUDO_LEVEL + 1, Some(4)),
            ],
            "a lead-in ending with a colon, and a line followed by HTML, head no part"
        );
    }

    #[test]
    fn closed_atx_emoji_and_numbered_headings() {
        let text = "# T\n\n## 1. Summary ##\n\nx\n\n### 🔥 Impact ###\n\nx\n\nIV. Timeline\n\nx\n";
        assert_eq!(
            slots(text)
                .iter()
                .map(|s| (s.0.as_str(), s.1))
                .collect::<Vec<_>>(),
            vec![
                ("T", None),
                ("1. Summary", Some(Slot::Summary)),
                ("🔥 Impact", Some(Slot::Impact)),
                ("IV. Timeline", Some(Slot::Timeline)),
            ]
        );
    }

    #[test]
    fn code_fences_quotes_and_lists_hold_no_headings() {
        let text = "# T\n\n```\n## Timeline\n```\n\n> Timeline\n\n- Timeline\n\n    ## Impact\n";
        assert_eq!(slots(text).len(), 1);
    }

    #[test]
    fn section_bodies_nest_and_emptiness_looks_through_subsections() {
        let doc = Document::parse(
            "# T\n## Impact\n### Users\nForty users.\n## Timeline\n<!-- later -->\n",
        );
        let impact = doc
            .sections
            .iter()
            .position(|s| s.slot == Some(Slot::Impact))
            .unwrap();
        let timeline = doc
            .sections
            .iter()
            .position(|s| s.slot == Some(Slot::Timeline))
            .unwrap();
        assert!(doc.section_has_content(impact));
        assert!(!doc.section_has_content(timeline));
        assert_eq!(
            doc.slot_at(doc.text.find("Forty").unwrap()),
            Some(Slot::Impact)
        );
    }

    #[test]
    fn prose_masks_code_comments_urls_and_syntax_but_keeps_offsets() {
        let text = "# T\n\nThe `rm -rf` ran, see https://x.invalid/a <!-- hidden --> **now**.\n";
        let doc = Document::parse(text);
        assert_eq!(doc.prose.len(), text.len());
        let line = &doc.prose[5..doc.prose.len() - 1];
        assert!(
            !line.contains("rm -rf")
                && !line.contains("x.invalid")
                && !line.contains("hidden")
                && !line.contains("**")
        );
        assert!(line.contains("The ") && line.contains(" ran, see ") && line.contains("now"));
        let sentence = &doc.sentences.last().unwrap().range;
        assert_eq!(&text[sentence.start..sentence.start + 3], "The");
    }

    #[test]
    fn detects_postmortems_by_content() {
        assert!(Document::parse("---\ntype: postmortem\n---\n# Notes\n").looks_like_postmortem());
        assert!(Document::parse("# Incident Review: DNS\n").looks_like_postmortem());
        assert!(
            Document::parse("# DNS\n## Timeline\nx\n## Action items\nx\n").looks_like_postmortem()
        );
        assert!(!Document::parse(
            "# Tool\n## Impact of the change on metrics\nx\n## Installation\n"
        )
        .looks_like_postmortem());
        assert!(
            !Document::parse("# Tool\n## Timeline\nx\n## Project timeline\n")
                .looks_like_postmortem()
        );
    }
}
