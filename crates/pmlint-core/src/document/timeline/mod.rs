//! Timeline entries in every form a timeline is written — table rows, list items,
//! paragraph lines that open with a time (also several in one paragraph, split at
//! `<br>`), and sub-headings that are times ("### 17:01") — placed on one continuous
//! clock (see [`clock`]). Sub-headings that only give a day ("### 2019-09-01",
//! "2019-07-25:") date the entries below them; a sub-heading over timed entries is a phase.

mod clock;
mod stamp;

pub use stamp::{find_time, TimeOfDay};

use super::{normalize_heading, BlockKind, Document, Field, MetaKey, Slot};
use crate::date::{find_date, find_day, Date, DayStamp, ParsedDate};
use stamp::{
    declared_zone, find_clock, find_zone, leading_stamp, worded_slot, zone_after_time, Stamp,
};
use std::ops::Range;

/// How an entry is written; a timeline keeps to one or two of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryShape {
    TableRow,
    ListItem,
    /// A paragraph line (or a `<br>`-separated part of one) opening with its time.
    Line,
    /// A sub-heading and the text under it.
    Heading,
}

#[derive(Debug, Clone)]
pub struct TimelineEntry {
    /// The whole row, item, line, or heading with its text.
    pub range: Range<usize>,
    pub shape: EntryShape,
    pub time: Option<TimeOfDay>,
    /// Where the clock time is written.
    pub time_range: Option<Range<usize>>,
    /// Where the entry says when it happened: its day, time or offset ("+1 hrs").
    pub stamp_range: Option<Range<usize>>,
    /// The entry's day: its own, or the one of the day heading above it.
    pub date: Option<Date>,
    /// The day on the timeline's clock (days since 1970 when a date is known, else since
    /// the first entry), for entries that are dated or timed.
    pub day: Option<i64>,
    /// Seconds on the timeline's continuous clock, for timed entries: ordering and durations.
    pub instant: Option<i64>,
    /// A zone written with this entry's time ("14:05 UTC", "Time (PT)" column).
    pub zone: Option<String>,
    /// What happened.
    pub text: Field,
}

impl TimelineEntry {
    /// Whether the entry says when in the day it happened: a clock time or an offset.
    pub fn has_time(&self) -> bool {
        self.instant.is_some()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    /// A zone declared for the whole timeline: in its heading ("Timeline (PT)"), its intro
    /// ("All times in UTC") or a day heading.
    pub zone: Option<Field>,
}

impl Timeline {
    /// Entries that have a time, in document order.
    pub fn timed(&self) -> impl Iterator<Item = &TimelineEntry> {
        self.entries.iter().filter(|e| e.instant.is_some())
    }

    /// Seconds from the earliest to the latest timed entry.
    pub fn span(&self) -> Option<i64> {
        let instants = self.timed().filter_map(|e| e.instant);
        let (min, max) = instants.fold((i64::MAX, i64::MIN), |(lo, hi), t| (lo.min(t), hi.max(t)));
        (min <= max).then(|| max - min)
    }

    /// Whether any time is tied to a zone, by declaration, column or suffix.
    pub fn has_zone(&self) -> bool {
        self.zone.is_some() || self.entries.iter().any(|e| e.zone.is_some())
    }
}

/// An entry as found, before it is placed on the clock.
struct Found {
    range: Range<usize>,
    shape: EntryShape,
    /// Offset of the text the stamp was read from.
    base: usize,
    stamp: Stamp,
    /// A day from a separate date column.
    column_day: Option<DayStamp>,
    zone: Option<String>,
    text: Range<usize>,
}

pub(super) fn extract(doc: &Document) -> Timeline {
    let in_timeline = |offset: usize| doc.within_slot(offset, Slot::Timeline);
    let mut found = Vec::new();
    tables(doc, &in_timeline, &mut found);
    list_items(doc, &in_timeline, &mut found);
    lines(doc, &in_timeline, &mut found);
    let mut days = Vec::new();
    headings(doc, &in_timeline, &mut found, &mut days);
    found.sort_by_key(|f| f.range.start);

    let incident_date = doc
        .metadata
        .get(MetaKey::Date)
        .and_then(|d| match find_date(d)? {
            (ParsedDate::Valid(date), _) => Some(date),
            (ParsedDate::Invalid, _) => None,
        });
    let twelve_hour = doc
        .sections_in(Slot::Timeline)
        .any(|(_, s)| clock::uses_twelve_hour(&doc.text[s.heading_range.start..s.body.end]));
    let entries = clock::place(doc.text, found, &days, incident_date, twelve_hour);
    Timeline {
        zone: declared(doc, &entries),
        entries,
    }
}

/// The zone declared in a timeline's heading or intro (the text before its first entry),
/// or written with a time in one of its entries.
fn declared(doc: &Document, entries: &[TimelineEntry]) -> Option<Field> {
    for (_, section) in doc.sections_in(Slot::Timeline) {
        let title = &doc.text[section.title_range.clone()];
        if let Some(r) = find_zone(title) {
            let start = section.title_range.start + r.start;
            return Some(Field::new(doc.text, start..start + r.len()));
        }
        let first = entries
            .iter()
            .map(|e| e.range.start)
            .find(|&s| s >= section.body.start)
            .unwrap_or(section.body.end)
            .min(section.body.end);
        let intro = section.body.start..first;
        let from = doc
            .sentences
            .partition_point(|s| s.range.start < intro.start);
        let sentence = doc.sentences[from..]
            .iter()
            .take_while(|s| s.range.start < intro.end)
            .find_map(|s| {
                if s.range.end > intro.end {
                    return None;
                }
                let r = declared_zone(&doc.text[s.range.clone()])?;
                Some(s.range.start + r.start..s.range.start + r.end)
            });
        if let Some(r) = sentence {
            return Some(Field::new(doc.text, r));
        }
    }
    // A zone written with a time in any entry's text ("raised around 5.45 AM PST").
    doc.sections_in(Slot::Timeline).find_map(|(_, section)| {
        let r = zone_after_time(&doc.text[section.body.clone()])?;
        let start = section.body.start + r.start;
        Some(Field::new(doc.text, start..start + r.len()))
    })
}

fn tables(doc: &Document, in_timeline: &dyn Fn(usize) -> bool, found: &mut Vec<Found>) {
    for table in &doc.tables {
        if !in_timeline(table.range.start) {
            continue;
        }
        let column = |matches: &dyn Fn(&str) -> bool| {
            table
                .header
                .cells
                .iter()
                .position(|c| matches(&normalize_heading(&c.text)))
        };
        let date_col = column(&|n| n.starts_with("date") || n == "day");
        let Some(time_col) = column(&|n| {
            n.starts_with("time") || n.starts_with("when") || n.starts_with("timestamp")
        })
        .or(date_col) else {
            continue;
        };
        let date_col = date_col.filter(|&c| c != time_col);
        let column_zone = find_zone(&table.header.cells[time_col].text)
            .map(|r| table.header.cells[time_col].text[r].to_string());
        let text_col =
            (0..table.header.cells.len()).find(|&c| c != time_col && Some(c) != date_col);
        for row in &table.rows {
            let Some(time_cell) = row.cells.get(time_col) else {
                continue;
            };
            let cell = &doc.text[time_cell.range.clone()];
            let mut stamp = leading_stamp(cell);
            if !stamp.has_time() {
                // "Alert fired, 14:05": a time anywhere in the time cell.
                stamp.clock = find_clock(cell);
            }
            let text = text_col
                .and_then(|c| row.cells.get(c))
                .map_or(time_cell.range.clone(), |c| c.range.clone());
            found.push(Found {
                range: row.range.clone(),
                shape: EntryShape::TableRow,
                base: time_cell.range.start,
                stamp,
                column_day: date_col
                    .and_then(|c| row.cells.get(c))
                    .and_then(|c| find_day(&c.text))
                    .map(|(d, _)| d),
                zone: column_zone.clone(),
                text,
            });
        }
    }
}

fn list_items(doc: &Document, in_timeline: &dyn Fn(usize) -> bool, found: &mut Vec<Found>) {
    for item in &doc.list_items {
        let top_level = item
            .parent
            .is_none_or(|p| !in_timeline(doc.list_items[p].range.start));
        if !top_level || !in_timeline(item.range.start) || item.text_range.is_empty() {
            continue;
        }
        let text = &doc.text[item.text_range.clone()];
        let mut stamp = leading_stamp(text);
        if !stamp.has_time() {
            // "The alert fired at 14:05": a time later in the item, with a day written
            // before it.
            if let Some(clock) = find_clock(text) {
                stamp.day = stamp.day.or_else(|| find_day(&text[..clock.range.start]));
                stamp.end = 0;
                stamp.clock = Some(clock);
            }
        }
        found.push(entry(
            item.range.clone(),
            EntryShape::ListItem,
            item.text_range.clone(),
            stamp,
            doc.text,
        ));
    }
}

/// An entry whose event follows its stamp in `text`.
fn entry(
    range: Range<usize>,
    shape: EntryShape,
    text: Range<usize>,
    stamp: Stamp,
    source: &str,
) -> Found {
    // Without a stamp the whole text is the event ("[The morning] Edward fixes it").
    let stamp_end = if stamp.is_empty() { 0 } else { stamp.end };
    let rest = &source[text.start + stamp_end..text.end];
    let skip = rest.len()
        - rest
            .trim_start_matches([' ', '-', '—', '–', ':', '|', '*', '_', ']', ')', '}', '\t'])
            .len();
    let event = text.start + stamp_end + skip..text.end;
    let event = if event.is_empty() {
        text.clone()
    } else {
        event
    };
    Found {
        zone: stamp.clock.as_ref().and_then(|c| c.zone.clone()),
        range,
        shape,
        base: text.start,
        stamp,
        column_day: None,
        text: event,
    }
}

/// Where the timeline holding `offset` ends: the end of its Timeline section's body.
fn timeline_end(doc: &Document, offset: usize) -> usize {
    let mut section = doc.section_at(offset);
    while let Some(i) = section {
        if doc.sections[i].slot == Some(Slot::Timeline) {
            return doc.sections[i].body.end;
        }
        section = doc.sections[i].parent;
    }
    doc.text.len()
}

/// Paragraph lines that open with a time ("07:00 Stores open.", "**15:11** Merged",
/// "[18:27] An alarm goes off") or with words where the time goes ("[The morning] …").
/// A line that is only a day ("2019-07-25:") dates what follows, as a day heading does.
fn lines(doc: &Document, in_timeline: &dyn Fn(usize) -> bool, found: &mut Vec<Found>) {
    for block in &doc.blocks {
        if block.kind != BlockKind::Paragraph
            || block.list_item.is_some()
            || block.quoted
            || !in_timeline(block.range.start)
        {
            continue;
        }
        let mut offset = block.range.start;
        for line in doc.text[block.range.clone()].split_inclusive('\n') {
            let mut part_start = offset;
            for part in split_breaks(line) {
                let tag = if part.starts_with('<') {
                    part.find('>').map_or(0, |e| e + 1)
                } else {
                    0
                };
                let start = part_start + tag;
                part_start += part.len();
                let content = part[tag..].trim_end();
                let range = start..start + content.len();
                let stamp = leading_stamp(content);
                if stamp.has_time() || (stamp.is_empty() && worded_slot(content)) {
                    found.push(entry(
                        range.clone(),
                        EntryShape::Line,
                        range,
                        stamp,
                        doc.text,
                    ));
                }
            }
            offset += line.len();
        }
    }
}

/// A line's parts between `<br>` tags; each part after the first starts with its tag.
fn split_breaks(line: &str) -> Vec<&str> {
    let lower = line.to_ascii_lowercase();
    let mut parts = Vec::new();
    let (mut start, mut search) = (0, 0);
    while let Some(i) = lower[search..].find("<br") {
        let at = search + i;
        parts.push(&line[start..at]);
        start = at;
        search = at + 3;
    }
    parts.push(&line[start..]);
    parts
}

/// Sub-headings inside a timeline: a timed heading over untimed text is an entry; one
/// over timed entries is a phase; one that only gives a day dates what follows. Headings
/// are read from the heading blocks, so a timestamp heading counts whether or not the
/// outline makes it a section.
fn headings(
    doc: &Document,
    in_timeline: &dyn Fn(usize) -> bool,
    found: &mut Vec<Found>,
    days: &mut Vec<(usize, DayStamp)>,
) {
    // Timed entries found so far, counted up to each one, to ask in O(log n) whether a
    // heading's text holds any.
    let starts: Vec<usize> = found.iter().map(|f| f.range.start).collect();
    let mut timed_before = vec![0];
    for f in found.iter() {
        let last = timed_before.last().copied().unwrap_or(0);
        timed_before.push(last + usize::from(f.stamp.has_time()));
    }
    let holds_timed = |body: &Range<usize>| {
        let from = starts.partition_point(|&s| s < body.start);
        let to = starts.partition_point(|&s| s < body.end);
        timed_before[to] > timed_before[from]
    };
    let heads: Vec<&super::Block> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .collect();
    let mut headed = Vec::new();
    for (n, head) in heads.iter().enumerate() {
        let title = head.range.clone();
        let Some(section) = doc.section_at(title.start) else {
            continue;
        };
        let own = &doc.sections[section];
        let is_own_heading = own.heading_range.contains(&title.start);
        if (is_own_heading && own.slot == Some(Slot::Timeline)) || !in_timeline(title.start) {
            continue;
        }
        // The heading's text runs to the next heading, within the timeline.
        let line_end = doc.text[title.end..]
            .find('\n')
            .map_or(doc.text.len(), |i| title.end + i);
        let timeline_end = timeline_end(doc, title.start);
        let next = heads.get(n + 1).map_or(timeline_end, |h| h.range.start);
        let body = line_end.min(next)..next.min(timeline_end).max(line_end.min(next));
        let line_start = doc.text[..title.start].rfind('\n').map_or(0, |i| i + 1);
        let stamp = leading_stamp(&doc.text[title.clone()]);
        let holds_timed = holds_timed(&body);
        if let Some((day, _)) = &stamp.day {
            if holds_timed || !stamp.has_time() {
                days.push((line_start, *day));
                continue;
            }
        }
        if holds_timed {
            continue;
        }
        let mut entry = entry(
            line_start..body.end.max(line_end),
            EntryShape::Heading,
            title.clone(),
            stamp,
            doc.text,
        );
        if !entry.stamp.has_time() {
            entry.text = title.clone();
        } else if entry.text.start >= title.end || entry.text == title {
            // "### 17:01" over the event's text: the event is the text.
            let text = &doc.text[body.clone()];
            let lead = text.len() - text.trim_start().len();
            entry.text = body.start + lead..body.start + text.trim_end().len().max(lead);
        }
        headed.push(entry);
    }
    found.extend(headed);
    // Paragraph lines that are only a day ("2019-07-25:") date what follows.
    for block in &doc.blocks {
        if block.kind != BlockKind::Paragraph
            || block.list_item.is_some()
            || !in_timeline(block.range.start)
        {
            continue;
        }
        let mut offset = block.range.start;
        for line in doc.text[block.range.clone()].split_inclusive('\n') {
            let content = line.trim_end();
            let stamp = leading_stamp(content);
            let rest = content[stamp.end..]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '*' | '_' | '.'));
            if let (Some((day, _)), None, true) = (&stamp.day, &stamp.clock, rest.is_empty()) {
                days.push((offset, *day));
            }
            offset += line.len();
        }
    }
    days.sort_by_key(|d| d.0);
}
