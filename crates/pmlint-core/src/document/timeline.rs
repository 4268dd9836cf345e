//! Timeline entries from tables and lists in timeline sections, with their times.

use super::{normalize_heading, Document, Field, Slot};
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
    /// A zone written with this entry's time ("14:05 UTC", "Time (PT)" column).
    pub zone: Option<String>,
    /// What happened.
    pub text: Field,
}

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    /// A zone declared for the whole timeline ("All times in UTC").
    pub zone: Option<Field>,
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:\b\d{4}-\d{2}-\d{2}(?:T|\s+)|\b)
        (?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\.\d+)?
        (?:\s?(?P<ampm>[ap]\.?m\.?))?
        (?P<zone>(?-i:Z\b|\s?(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?\b|\s?[A-Z]{1,2}[SD]?T\b)|\s?[+-]\d{2}:?\d{2}\b)?
        ",
    )
    .expect("time pattern compiles")
});

static ZONE_DECLARATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\ball\s+times\s+(?:are\s+|shown\s+)?(?:in\s+)?\(?([A-Za-z]{1,5}(?:[+-]\d{1,2})?|local(?:\s+time)?)\b")
        .expect("zone declaration pattern")
});

/// Finds the first time in `text`: "14:05", "2:14am", "2025-01-15T14:05:23Z".
pub fn find_time(text: &str) -> Option<(TimeOfDay, Range<usize>, Option<String>)> {
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
    for (index, section) in doc.sections.iter().enumerate() {
        if section.slot != Some(Slot::Timeline) || timeline.zone.is_some() {
            continue;
        }
        let body = &doc.prose[section.body.clone()];
        if let Some(c) = ZONE_DECLARATION.captures(body) {
            let m = c.get(1).expect("group 1 participates");
            let range = section.body.start + m.start()..section.body.start + m.end();
            timeline.zone = Some(Field::new(doc.text, range));
        }
        let _ = index;
    }

    let mut entry = |range: Range<usize>,
                     time_text: Range<usize>,
                     text: Range<usize>,
                     column_zone: Option<String>| {
        let time_str = &doc.text[time_text.clone()];
        let found = find_time(time_str);
        let date = find_date(time_str).and_then(|(d, _)| match d {
            ParsedDate::Valid(d) => Some(d),
            ParsedDate::Invalid => None,
        });
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
            zone: zone.or(column_zone),
            text: text_field,
        });
    };

    for table in &doc.tables {
        if !in_timeline(table.range.start) {
            continue;
        }
        let time_col = table.header.cells.iter().position(|c| {
            let n = normalize_heading(&c.text);
            n.starts_with("time")
                || n.starts_with("when")
                || n == "timestamp"
                || n.starts_with("date")
        });
        let Some(time_col) = time_col else { continue };
        let column_zone = find_zone_in_header(&table.header.cells[time_col].text);
        let text_col = (0..table.header.cells.len()).find(|&c| c != time_col);
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
                entry(r.clone(), r.clone(), r, None);
            }
            offset += line.len();
        }
    }
    timeline.entries.sort_by_key(|e| e.range.start);
    timeline
}

fn find_zone_in_header(header: &str) -> Option<String> {
    let open = header.find('(')?;
    let close = header[open..].find(')')? + open;
    let zone = header[open + 1..close].trim();
    (!zone.is_empty() && zone.len() <= 8).then(|| zone.to_string())
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
