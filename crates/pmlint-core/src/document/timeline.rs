//! Timeline entries from tables and lists in timeline sections, with their times placed
//! on one continuous clock: explicit dates are used, and a time earlier than the
//! previous one by more than half a day rolls over to the next day (23:50 → 00:10).

use super::{normalize_heading, Document, Field, MetaKey, Slot};
use crate::date::{find_date, Date, ParsedDate};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A time of day, in seconds since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeOfDay(pub u32);

impl TimeOfDay {
    pub fn hours_minutes(self) -> (u32, u32) {
        (self.0 / 3600, self.0 / 60 % 60)
    }
}

#[derive(Debug, Clone)]
pub struct TimelineEntry {
    /// The whole row or list item.
    pub range: Range<usize>,
    pub time: Option<TimeOfDay>,
    /// Where the time is written.
    pub time_range: Option<Range<usize>>,
    pub date: Option<Date>,
    /// Seconds on the timeline's continuous clock (days since 1970 when a date is
    /// known, else days since the first entry), for ordering and durations.
    pub instant: Option<i64>,
    /// A zone written with this entry's time ("14:05 UTC", "Time (PT)" column).
    pub zone: Option<String>,
    /// What happened.
    pub text: Field,
}

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    /// A zone declared for the whole timeline ("All times in UTC", "Timeline (PT)").
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

/// A time this much earlier than the previous entry's is the next day, not a step back.
const ROLL_OVER: u32 = 12 * 3600;
const DAY: i64 = 86_400;

/// Places every timed entry on one clock: its own date, else the date carried from
/// the entry before (or the incident date), plus a day per midnight roll-over.
fn place_on_clock(entries: &mut [TimelineEntry], incident_date: Option<Date>) {
    let mut day = entries
        .iter()
        .find_map(|e| e.date)
        .or(incident_date)
        .map_or(0, Date::days_since_epoch);
    let mut previous: Option<TimeOfDay> = None;
    for entry in entries.iter_mut() {
        if let Some(date) = entry.date {
            day = date.days_since_epoch();
        } else if let (Some(time), Some(before)) = (entry.time, previous) {
            if before.0 > time.0 + ROLL_OVER {
                day += 1;
            }
        }
        if let Some(time) = entry.time {
            entry.instant = Some(day * DAY + i64::from(time.0));
            previous = Some(time);
        }
    }
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:(?-u:\b)\d{4}-\d{2}-\d{2}(?:T|\s+)|(?-u:\b))
        (?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\.\d+)?
        (?:\s?(?P<ampm>[ap]\.?m\.?))?
        (?P<zone>(?-i:Z(?-u:\b)|\s?(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?(?-u:\b)|\s?[A-Z]{1,2}[SD]?T(?-u:\b))|\s?[+-]\d{2}:?\d{2}(?-u:\b))?
        ",
    )
    .expect("time pattern compiles")
});

/// "All times in UTC", "All times are local (CET)", "times shown in PT".
static ZONE_DECLARATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:(?-u:\b)(?:all\s+)?(?:times|timestamps)\s+(?:are\s+|is\s+)?(?:shown\s+|listed\s+|given\s+)?(?:in\s+)?(?:local\s*(?:time\s*)?)?\(?\s*)((?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{1,4}T|Z)(?-u:\b)")
        .expect("zone declaration pattern")
});

/// Finds the first time in `text`: "14:05", "2:14am", "2025-01-15T14:05:23Z".
pub fn find_time(text: &str) -> Option<(TimeOfDay, Range<usize>, Option<String>)> {
    // Every time has a colon; most sentences have none, and a capture search is slow.
    if !text.contains(':') {
        return None;
    }
    let caps = TIME.captures(text)?;
    let mut hours: u32 = caps["h"].parse().ok()?;
    let minutes: u32 = caps["m"].parse().ok()?;
    let seconds: u32 = caps
        .name("s")
        .map_or(Some(0), |s| s.as_str().parse().ok())?;
    if let Some(ampm) = caps.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if hours > 12 || hours == 0 {
            return None;
        }
        hours = match (pm, hours) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let zone = caps.name("zone").map(|z| z.as_str().trim().to_string());
    Some((
        TimeOfDay(hours * 3600 + minutes * 60 + seconds),
        caps.get(0)?.range(),
        zone,
    ))
}

pub(super) fn extract(doc: &Document) -> Timeline {
    let mut timeline = Timeline::default();
    let in_timeline = |offset: usize| doc.slot_at(offset) == Some(Slot::Timeline);
    for section in doc.sections.iter() {
        if section.slot != Some(Slot::Timeline) || timeline.zone.is_some() {
            continue;
        }
        // "Timeline (UTC)", then "All times in UTC" in the section.
        let in_heading = find_zone_in_header(&section.title).and_then(|zone| {
            let at = doc.text[section.title_range.clone()].find(&zone)?;
            let start = section.title_range.start + at;
            Some(Field::new(doc.text, start..start + zone.len()))
        });
        let declared = || {
            let body = &doc.prose[section.body.clone()];
            let m = ZONE_DECLARATION.captures(body)?.get(1)?;
            let range = section.body.start + m.start()..section.body.start + m.end();
            Some(Field::new(doc.text, range))
        };
        timeline.zone = in_heading.or_else(declared);
    }

    let mut entry = |range: Range<usize>,
                     time_text: Range<usize>,
                     text: Range<usize>,
                     column_zone: Option<String>,
                     date_cell: Option<&str>| {
        let time_str = &doc.text[time_text.clone()];
        let found = find_time(time_str);
        // A date written before (or as part of) the time, not one the event mentions.
        let time_start = found.as_ref().map_or(usize::MAX, |(_, r, _)| r.start);
        let valid = |found: Option<(ParsedDate, Range<usize>)>, before: usize| match found? {
            (ParsedDate::Valid(d), r) if r.start <= before => Some(d),
            _ => None,
        };
        let date = valid(find_date(time_str), time_start)
            .or_else(|| valid(find_date(date_cell?), usize::MAX));
        let (time, time_range, zone) = match found {
            Some((t, r, z)) => (
                Some(t),
                Some(time_text.start + r.start..time_text.start + r.end),
                z,
            ),
            None => (None, None, None),
        };
        let text_field = match (&time_range, text == time_text) {
            // Time and text share a line: the event is what follows the time.
            (Some(tr), true) => {
                let rest = &doc.text[tr.end..text.end];
                let skip = rest.len()
                    - rest
                        .trim_start_matches([' ', '-', '—', '–', ':', '|', '*', '\t'])
                        .len();
                Field::new(doc.text, tr.end + skip..text.end)
            }
            _ => Field::new(doc.text, text),
        };
        timeline.entries.push(TimelineEntry {
            range,
            time,
            time_range,
            date,
            instant: None,
            zone: zone.or(column_zone),
            text: text_field,
        });
    };

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
        let column_zone = find_zone_in_header(&table.header.cells[time_col].text);
        let text_col =
            (0..table.header.cells.len()).find(|&c| c != time_col && Some(c) != date_col);
        for row in &table.rows {
            let Some(time_cell) = row.cells.get(time_col) else {
                continue;
            };
            let text_range = text_col
                .and_then(|c| row.cells.get(c))
                .map_or(time_cell.range.clone(), |c| c.range.clone());
            entry(
                row.range.clone(),
                time_cell.range.clone(),
                text_range,
                column_zone.clone(),
                date_col
                    .and_then(|c| row.cells.get(c))
                    .map(|c| c.text.as_str()),
            );
        }
    }
    for item in &doc.list_items {
        let top_level = item
            .parent
            .is_none_or(|p| !in_timeline(doc.list_items[p].range.start));
        if !top_level || !in_timeline(item.range.start) || item.text_range.is_empty() {
            continue;
        }
        entry(
            item.range.clone(),
            item.text_range.clone(),
            item.text_range.clone(),
            None,
            None,
        );
    }
    // Paragraph lines that start with a time ("07:00 Stores open.").
    for block in &doc.blocks {
        if block.kind != super::BlockKind::Paragraph
            || block.list_item.is_some()
            || !in_timeline(block.range.start)
        {
            continue;
        }
        let mut offset = block.range.start;
        for line in doc.text[block.range.clone()].split_inclusive('\n') {
            let content = line.trim_end();
            let lead = content.len() - content.trim_start_matches(['*', '_', ' ']).len();
            if find_time(&content[lead..]).is_some_and(|(_, r, _)| r.start <= 12) {
                let r = offset..offset + content.len();
                entry(r.clone(), r.clone(), r, None, None);
            }
            offset += line.len();
        }
    }
    timeline.entries.sort_by_key(|e| e.range.start);
    let incident_date = doc
        .metadata
        .get(MetaKey::Date)
        .and_then(|d| match find_date(d)? {
            (ParsedDate::Valid(date), _) => Some(date),
            (ParsedDate::Invalid, _) => None,
        });
    place_on_clock(&mut timeline.entries, incident_date);
    timeline
}

static ZONE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{1,4}T|Z)$")
        .expect("zone name pattern")
});

/// The zone in parentheses of a heading or column header: "Timeline (UTC)", "Time (PT)".
fn find_zone_in_header(header: &str) -> Option<String> {
    let open = header.find('(')?;
    let close = header[open..].find(')')? + open;
    let zone = header[open + 1..close].trim();
    ZONE_NAME.is_match(zone).then(|| zone.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_times_in_common_forms() {
        let t = |s: &str| find_time(s).map(|(t, _, z)| (t.hours_minutes(), z));
        assert_eq!(t("14:05 alert fired"), Some(((14, 5), None)));
        assert_eq!(t("2:14am pages"), Some(((2, 14), None)));
        assert_eq!(t("12:30 PM"), Some(((12, 30), None)));
        assert_eq!(t("2025-01-15T14:05:23Z"), Some(((14, 5), Some("Z".into()))));
        assert_eq!(t("14:05 UTC"), Some(((14, 5), Some("UTC".into()))));
        assert_eq!(t("no time here"), None);
    }
}
