//! The one pass over pulldown-cmark's events that builds a [`Document`].

mod headings;

use super::*;
use crate::suppress::Suppressions;
use headings::is_field_heading;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:https?|ftp|file)://[^\s<>()\[\]]+|(?-u:\b)www\.[a-z0-9-]+\.[^\s<>()\[\]]+",
    )
    .expect("URL pattern compiles")
});

pub(super) fn build<'a>(text: &'a str, options: &ParseOptions) -> Document<'a> {
    let mut builder = Builder::new(text, options);
    let parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, parser_options).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish()
}

#[derive(Debug)]
enum Container {
    Heading { start: usize, level: u8 },
    Paragraph(ParagraphInfo),
    Item(usize),
    List { ordered: bool },
    Quote,
    Table,
    TableRow { header: bool, start: usize },
    TableCell { start: usize },
    CodeBlock { start: usize },
    HtmlBlock,
    Metadata,
    Other,
}

/// What a paragraph needs to be recognised as a pseudo-heading when it ends.
#[derive(Debug, Default)]
struct ParagraphInfo {
    start: usize,
    inline_events: usize,
    line_breaks: usize,
    /// The leading `**…**`: its range and text, if the paragraph starts with one.
    leading_strong: Option<(Range<usize>, String)>,
    strong_depth: usize,
    text: String,
}

struct Builder<'a, 'o> {
    text: &'a str,
    options: &'o ParseOptions,
    prose: Vec<u8>,
    stack: Vec<Container>,
    run: Option<Range<usize>>,
    heading_text: String,
    cell_text: String,
    open_sections: Vec<usize>,
    row_cells: Vec<Cell>,
    comments: Vec<Range<usize>>,
    quote_depth: usize,
    /// A short line that heads a part of its section if content follows it.
    pending_part: Option<(String, Range<usize>, HeadingForm)>,
    doc: Document<'a>,
}

impl<'a, 'o> Builder<'a, 'o> {
    fn new(text: &'a str, options: &'o ParseOptions) -> Self {
        let prose = text
            .bytes()
            .map(|b| if b == b'\n' { b'\n' } else { b' ' })
            .collect();
        Builder {
            text,
            options,
            prose,
            stack: Vec::new(),
            run: None,
            heading_text: String::new(),
            cell_text: String::new(),
            open_sections: Vec::new(),
            row_cells: Vec::new(),
            comments: Vec::new(),
            quote_depth: 0,
            pending_part: None,
            doc: Document {
                text,
                line_index: LineIndex::new(text),
                prose: String::new(),
                title: None,
                front_matter: None,
                sections: Vec::new(),
                blocks: Vec::new(),
                sentences: Vec::new(),
                list_items: Vec::new(),
                tables: Vec::new(),
                code_blocks: Vec::new(),
                content: Vec::new(),
                metadata: Metadata::default(),
                action_items: Vec::new(),
                why_chains: Vec::new(),
                timeline: Timeline::default(),
                suppressions: Suppressions::default(),
                blame_scan: Default::default(),
            },
        }
    }

    fn current_section(&self) -> Option<usize> {
        self.open_sections.last().copied()
    }

    fn in_code_or_meta(&self) -> bool {
        self.stack.iter().any(|c| {
            matches!(
                c,
                Container::CodeBlock { .. } | Container::Metadata | Container::HtmlBlock
            )
        })
    }

    fn innermost_item(&self) -> Option<usize> {
        self.stack.iter().rev().find_map(|c| match c {
            Container::Item(i) => Some(*i),
            _ => None,
        })
    }

    fn paragraph(&mut self) -> Option<&mut ParagraphInfo> {
        match self.stack.last_mut() {
            Some(Container::Paragraph(p)) => Some(p),
            _ => None,
        }
    }

    /// Records an inline event: extends the current run of inline content.
    fn inline(&mut self, range: &Range<usize>) {
        match &mut self.run {
            Some(run) => run.end = run.end.max(range.end),
            None => self.run = Some(range.clone()),
        }
        if let Some(p) = self.paragraph() {
            p.inline_events += 1;
        }
    }

    /// Closes the current run of inline content into a [`Block`].
    fn flush_run(&mut self) {
        let Some(range) = self.run.take() else { return };
        let kind = match self.stack.last() {
            Some(Container::Heading { .. }) => BlockKind::Heading,
            Some(Container::TableCell { .. }) => BlockKind::TableCell,
            Some(Container::Paragraph(_)) => BlockKind::Paragraph,
            _ => BlockKind::ListItem,
        };
        let list_item = self.innermost_item();
        if kind == BlockKind::ListItem {
            if let Some(i) = list_item {
                let item = &mut self.doc.list_items[i];
                if item.text_range.is_empty() {
                    item.text_range = range.clone();
                }
            }
        }
        if kind != BlockKind::Heading {
            self.doc.content.push(range.clone());
        }
        self.doc.blocks.push(Block {
            kind,
            range,
            section: self.current_section(),
            quoted: self.quote_depth > 0,
            list_item,
        });
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                if self.in_code_or_meta() {
                    if matches!(self.stack.last(), Some(Container::Metadata)) {
                        self.doc.front_matter = Some(range);
                    }
                    return;
                }
                self.inline(&range);
                self.prose[range.clone()].copy_from_slice(&self.text.as_bytes()[range.clone()]);
                self.append_text(&text);
            }
            Event::Code(code) => {
                self.inline(&range);
                self.append_text(&code);
            }
            Event::InlineHtml(html) => {
                if html.trim_start().starts_with("<!--") {
                    self.comments.push(range);
                } else {
                    self.inline(&range);
                }
            }
            Event::Html(html) => {
                if html.trim_start().starts_with("<!--") {
                    self.comments.push(range);
                } else {
                    self.doc.content.push(range);
                }
            }
            Event::InlineMath(_) | Event::DisplayMath(_) | Event::FootnoteReference(_) => {
                self.inline(&range);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.inline(&range);
                self.append_text(" ");
                if let Some(p) = self.paragraph() {
                    p.line_breaks += 1;
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(i) = self.innermost_item() {
                    self.doc.list_items[i].task = Some(checked);
                }
            }
            Event::Rule => {
                self.flush_run();
                self.settle_part_heading(false);
            }
        }
    }

    fn append_text(&mut self, text: &str) {
        if self
            .stack
            .iter()
            .any(|c| matches!(c, Container::Heading { .. }))
        {
            self.heading_text.push_str(text);
        }
        if self
            .stack
            .iter()
            .any(|c| matches!(c, Container::TableCell { .. }))
        {
            self.cell_text.push_str(text);
        }
        if let Some(Container::Paragraph(p)) = self
            .stack
            .iter_mut()
            .rev()
            .find(|c| matches!(c, Container::Paragraph(_)))
        {
            p.text.push_str(text);
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        let is_inline = matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        );
        if is_inline {
            self.inline(&range);
            if let Tag::Strong = tag {
                if let Some(p) = self.paragraph() {
                    if p.inline_events == 1 && p.leading_strong.is_none() && range.start == p.start
                    {
                        p.leading_strong = Some((range.clone(), String::new()));
                    }
                    p.strong_depth += 1;
                }
            }
            self.stack.push(Container::Other);
            return;
        }
        self.flush_run();
        if self.stack.is_empty() {
            let content_follows = matches!(
                tag,
                Tag::Paragraph
                    | Tag::List(_)
                    | Tag::Table(_)
                    | Tag::CodeBlock(_)
                    | Tag::BlockQuote(_)
            );
            self.settle_part_heading(content_follows);
        }
        let container = match tag {
            Tag::Heading { level, .. } => {
                self.heading_text.clear();
                Container::Heading {
                    start: range.start,
                    level: heading_level(level),
                }
            }
            Tag::Paragraph => Container::Paragraph(ParagraphInfo {
                start: range.start,
                ..Default::default()
            }),
            Tag::BlockQuote(_) => {
                self.quote_depth += 1;
                Container::Quote
            }
            Tag::CodeBlock(_) => Container::CodeBlock { start: range.start },
            Tag::HtmlBlock => Container::HtmlBlock,
            Tag::List(first) => Container::List {
                ordered: first.is_some(),
            },
            Tag::Item => {
                let ordered = matches!(
                    self.stack
                        .iter()
                        .rev()
                        .find(|c| matches!(c, Container::List { .. })),
                    Some(Container::List { ordered: true })
                );
                let depth = self
                    .stack
                    .iter()
                    .filter(|c| matches!(c, Container::List { .. }))
                    .count();
                let index = self.doc.list_items.len();
                self.doc.list_items.push(ListItem {
                    range: range.clone(),
                    text_range: range.end..range.end,
                    depth,
                    ordered,
                    task: None,
                    section: self.current_section(),
                    parent: self.innermost_item(),
                });
                Container::Item(index)
            }
            Tag::Table(_) => {
                self.doc.tables.push(Table {
                    range: range.clone(),
                    header: TableRow {
                        range: range.clone(),
                        cells: Vec::new(),
                    },
                    rows: Vec::new(),
                    section: self.current_section(),
                });
                self.doc.content.push(range);
                Container::Table
            }
            Tag::TableHead => {
                self.row_cells.clear();
                Container::TableRow {
                    header: true,
                    start: range.start,
                }
            }
            Tag::TableRow => {
                self.row_cells.clear();
                Container::TableRow {
                    header: false,
                    start: range.start,
                }
            }
            Tag::TableCell => {
                self.cell_text.clear();
                Container::TableCell { start: range.start }
            }
            Tag::MetadataBlock(_) => Container::Metadata,
            _ => Container::Other,
        };
        self.stack.push(container);
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        let is_inline = matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        );
        if is_inline {
            self.stack.pop();
            if let TagEnd::Strong = tag {
                if let Some(p) = self.paragraph() {
                    p.strong_depth -= 1;
                    if p.strong_depth == 0 {
                        if let Some((r, t)) = &mut p.leading_strong {
                            if t.is_empty() && r.start == p.start {
                                r.end = range.end;
                                *t = p.text.clone();
                            }
                        }
                    }
                }
            }
            return;
        }
        self.flush_run();
        let Some(container) = self.stack.pop() else {
            return;
        };
        match container {
            Container::Heading { start, level } => {
                let title = std::mem::take(&mut self.heading_text);
                let end = trim_end_newline(self.text, start.max(range.end));
                let form = if self.text[start..].trim_start().starts_with('#') {
                    HeadingForm::Atx
                } else {
                    HeadingForm::Setext
                };
                let title_range = self
                    .doc
                    .blocks
                    .last()
                    .filter(|b| b.kind == BlockKind::Heading && b.range.start >= start)
                    .map_or(start..start, |b| b.range.clone());
                // A heading inside a list item or a quoted email structures that, not the postmortem.
                let nested = self
                    .stack
                    .iter()
                    .any(|c| matches!(c, Container::Item(_) | Container::Quote));
                // "## Date: 12th March 2023" is a metadata field set as a heading.
                if !nested && !is_field_heading(&title, &self.options.synonyms) {
                    self.push_section(
                        title.trim().to_string(),
                        title_range,
                        start..end,
                        level,
                        form,
                    );
                }
            }
            Container::Paragraph(info) => self.end_paragraph(info, range),
            Container::Quote => self.quote_depth -= 1,
            Container::CodeBlock { start } => {
                self.doc.code_blocks.push(CodeBlock {
                    range: start..range.end,
                    section: self.current_section(),
                });
                self.doc.content.push(start..range.end);
            }
            Container::TableCell { start } => {
                let raw = &self.text[start..range.end.max(start)];
                let lead = raw.len() - raw.trim_start_matches(['|', ' ', '\t']).len();
                let trimmed = raw
                    .trim_start_matches(['|', ' ', '\t'])
                    .trim_end_matches(['|', ' ', '\t', '\r', '\n']);
                let cell_start = start + lead;
                let text = std::mem::take(&mut self.cell_text);
                self.row_cells.push(Cell {
                    text: text.trim().to_string(),
                    range: cell_start..cell_start + trimmed.len(),
                });
            }
            Container::TableRow { header, start } => {
                let row = TableRow {
                    range: start..range.end,
                    cells: std::mem::take(&mut self.row_cells),
                };
                if let Some(table) = self.doc.tables.last_mut() {
                    if header {
                        table.header = row;
                    } else {
                        table.rows.push(row);
                    }
                }
            }
            _ => {}
        }
    }

    fn push_section(
        &mut self,
        title: String,
        title_range: Range<usize>,
        heading_range: Range<usize>,
        level: u8,
        form: HeadingForm,
    ) {
        let (slot, also) = slots::classify_combined(&title, &self.options.synonyms);
        let level = if level >= PSEUDO_LEVEL {
            self.pseudo_level(slot)
        } else {
            level
        };
        while let Some(&open) = self.open_sections.last() {
            if self.doc.sections[open].level >= level {
                self.open_sections.pop();
            } else {
                break;
            }
        }
        let index = self.doc.sections.len();
        let body_start = heading_range.end;
        self.doc.sections.push(Section {
            title,
            title_range,
            heading_range,
            level,
            form,
            slot,
            also,
            body: body_start..self.text.len(),
            parent: self.current_section(),
        });
        self.open_sections.push(index);
    }

    fn finish(mut self) -> Document<'a> {
        self.flush_run();
        self.settle_part_heading(false);
        // Section bodies end where the next heading of the same or a higher level starts.
        let sections = &mut self.doc.sections;
        for i in 0..sections.len() {
            let level = sections[i].level;
            let end = sections[i + 1..]
                .iter()
                .find(|s| s.level <= level)
                .map_or(self.text.len(), |s| s.heading_range.start);
            sections[i].body.end = end.max(sections[i].body.start);
        }
        self.doc.title = self.title_section().map(|s| {
            let s = &self.doc.sections[s];
            Field {
                text: s.title.clone(),
                range: s.title_range.clone(),
            }
        });

        for m in URL.find_iter(self.text) {
            self.prose[m.range()].fill(b' ');
        }
        for r in &self.comments {
            self.prose[r.clone()].iter_mut().for_each(|b| {
                if *b != b'\n' {
                    *b = b' '
                }
            });
        }
        self.doc.prose = String::from_utf8(std::mem::take(&mut self.prose))
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        self.doc.content.sort_by_key(|r| (r.start, r.end));
        self.doc.sentences = prose::split_sentences(&self.doc);
        self.doc.suppressions =
            Suppressions::parse(self.text, &self.doc.line_index, &self.comments);
        self.doc.metadata = metadata::extract(&self.doc, self.options.file_name.as_deref());
        if self.doc.title.is_none() {
            self.doc.title = self.doc.metadata.field(MetaKey::Title).cloned();
        }
        self.doc.action_items = actions::extract(&self.doc);
        self.doc.why_chains = whys::extract(&self.doc);
        self.doc.timeline = timeline::extract(&self.doc);
        self.doc
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// `end` moved back over a trailing line break.
fn trim_end_newline(text: &str, mut end: usize) -> usize {
    end = end.min(text.len());
    while end > 0 && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}
