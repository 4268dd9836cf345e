//! When a timeline entry says it happened: a clock time ("14:05", "9:05pm",
//! "2025-01-15T14:05:23Z"), a day ("2019-03-04", "4th Mar 2019", "Mar 4"), an offset from
//! the start ("[+1 hrs]", "T+30m"), and the zone the times are in.

use crate::date::{find_day, DayStamp};
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

/// A clock time as written.
#[derive(Debug, Clone)]
pub(super) struct Clock {
    pub time: TimeOfDay,
    pub range: Range<usize>,
    pub zone: Option<String>,
    /// Written with am/pm: not open to a 12-hour reading.
    pub meridiem: bool,
}

/// What opens an entry: its day, its clock time or offset, in either order.
#[derive(Debug, Clone, Default)]
pub(super) struct Stamp {
    pub day: Option<(DayStamp, Range<usize>)>,
    pub clock: Option<Clock>,
    /// Seconds after the timeline's first absolute time.
    pub offset: Option<(i64, Range<usize>)>,
    /// Where the stamp ends; the event follows.
    pub end: usize,
}

impl Stamp {
    pub fn is_empty(&self) -> bool {
        self.day.is_none() && self.clock.is_none() && self.offset.is_none()
    }

    /// Whether it places the entry within a day, not only on one.
    pub fn has_time(&self) -> bool {
        self.clock.is_some() || self.offset.is_some()
    }

    /// The whole stamp's range.
    pub fn range(&self) -> Option<Range<usize>> {
        let parts = [
            self.day.as_ref().map(|d| d.1.clone()),
            self.clock.as_ref().map(|c| c.range.clone()),
            self.offset.as_ref().map(|o| o.1.clone()),
        ];
        parts
            .into_iter()
            .flatten()
            .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
    }
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?P<iso>(?-u:\b)\d{4}-\d{2}-\d{2}(?:T|\s+)|(?-u:\b))
        (?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\.\d+)?
        (?:\s?(?P<ampm>[ap]\.?m\.?)(?-u:\b))?
        (?P<zone>(?-i:Z(?-u:\b)|\s?(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?(?-u:\b)|\s?[A-Z]{1,2}[SD]?T(?-u:\b))|\s?[+-]\d{2}:?\d{2}(?-u:\b))?
        ",
    )
    .expect("time pattern compiles")
});

/// "+1 hrs", "T+30m", "+2 Business Days Later".
static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:T\s*)?\+\s*(\d{1,4}(?:\.\d+)?)\s*(business\s+days?|days?|d|hours?|hrs?|h|minutes?|mins?|m)(?-u:\b)")
        .expect("offset pattern compiles")
});

/// Finds the first clock time in `text`.
pub(super) fn find_clock(text: &str) -> Option<Clock> {
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
    let meridiem = caps.name("ampm").is_some();
    if let Some(ampm) = caps.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if hours == 0 {
            return None;
        }
        // "17:30 PM": a 24-hour time with a needless suffix.
        hours = match (pm, hours) {
            (_, h) if h > 12 => h,
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let mut range = caps.get(0)?.range();
    let mut zone = caps.name("zone");
    // "10:01-10:02" is a range, not an offset of -10:02: numeric offsets follow a full
    // ISO timestamp (a date, or seconds).
    let full_iso = !caps["iso"].is_empty() || caps.name("s").is_some();
    if let Some(z) = zone.filter(|z| z.as_str().trim_start().starts_with(['+', '-']) && !full_iso) {
        range.end = z.start();
        zone = None;
    }
    Some(Clock {
        time: TimeOfDay(hours * 3600 + minutes * 60 + seconds),
        range,
        zone: zone.map(|z| z.as_str().trim().to_string()),
        meridiem,
    })
}

/// Finds the first time in `text`: "14:05", "2:14am", "2025-01-15T14:05:23Z".
pub fn find_time(text: &str) -> Option<(TimeOfDay, Range<usize>, Option<String>)> {
    find_clock(text).map(|c| (c.time, c.range, c.zone))
}

/// Markup and brackets a stamp may be wrapped in: "**14:05**", "[09:05]", "~9:43 AM",
/// a template's "{{ 06:10 }}".
fn is_wrapping(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '*' | '_' | '[' | ']' | '(' | ')' | '{' | '}' | '~' | '`' | '\\' | '>'
        )
}

/// Past what may join a day and a time: "2019-03-04 09:05", "Mar 4, 09:05", "…T14:05",
/// "09:05 on 4th Mar", "March 5 at 10:00".
fn skip_joiner(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start_matches(|c: char| is_wrapping(c) || matches!(c, ',' | '@'));
        at += rest.len() - trimmed.len();
        let word = ["at ", "on ", "T"].iter().find(|w| {
            trimmed.starts_with(*w)
                && trimmed[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        });
        match word {
            Some(w) if trimmed.len() > w.len() => at += w.len(),
            _ => return at,
        }
    }
}

/// The stamp that opens `text` (after markup), if any.
pub(super) fn leading_stamp(text: &str) -> Stamp {
    let mut stamp = Stamp::default();
    let mut at = text.len() - text.trim_start_matches(is_wrapping).len();
    stamp.end = at;
    loop {
        let rest = &text[at..];
        if stamp.day.is_none() {
            if let Some((day, r)) = find_day(rest).filter(|(_, r)| r.start == 0) {
                stamp.day = Some((day, at..at + r.end));
                stamp.end = at + r.end;
                at = skip_joiner(text, stamp.end);
                continue;
            }
        }
        if !stamp.has_time() {
            if let Some(mut clock) = find_clock(rest).filter(|c| c.range.start == 0) {
                // "2025-01-15T14:05Z": the date is part of the time's match.
                if stamp.day.is_none() && rest.as_bytes().get(4) == Some(&b'-') {
                    stamp.day = rest
                        .get(..10)
                        .and_then(find_day)
                        .map(|(d, r)| (d, at..at + r.end));
                }
                clock.range = at..at + clock.range.end;
                stamp.end = clock.range.end;
                stamp.clock = Some(clock);
                at = skip_joiner(text, stamp.end);
                continue;
            }
            if let Some(caps) = OFFSET.captures(rest) {
                let amount: f64 = caps[1].parse().unwrap_or(0.0);
                let unit = caps[2].to_ascii_lowercase();
                let seconds = match unit.chars().next() {
                    Some('b' | 'd') => 86_400.0,
                    Some('h') => 3600.0,
                    _ => 60.0,
                };
                let end = at + caps.get(0).map_or(0, |m| m.end());
                stamp.offset = Some(((amount * seconds) as i64, at..end));
                stamp.end = end;
                at = skip_joiner(text, end);
                continue;
            }
        }
        return stamp;
    }
}

/// A word in brackets where the time goes: "[The morning] Edward fixes it" (not a link).
pub(super) fn worded_slot(text: &str) -> bool {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let Some(inner) = trimmed.strip_prefix('[') else {
        return false;
    };
    let Some(close) = inner.find(']') else {
        return false;
    };
    let after = &inner[close + 1..];
    close > 0
        && close <= 40
        && !after.starts_with(['(', '[', ':'])
        && !inner[..close].contains('\n')
}

/// A zone name: "UTC", "UTC+2", "PST", "CEST", "Z", "US/Pacific", "Europe/Berlin",
/// "Pacific Time".
static ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?(?-u:\b)
        | (?-u:\b)[A-Z]{1,3}[SD]?T(?-u:\b)
        | (?-u:\b)(?:US|America|Europe|Asia|Australia|Africa|Pacific|Atlantic|Canada)/[A-Z][A-Za-z_]+
        | (?i:(?-u:\b)(?:pacific|eastern|central|mountain|atlantic|greenwich|coordinated\s+universal|british\s+summer|central\s+european)\s+(?:standard\s+|daylight\s+|summer\s+)?time(?-u:\b))
        ",
    )
    .expect("zone pattern compiles")
});

/// A time written with its zone anywhere in an entry's text: "around 5.45 AM PST".
static TIME_WITH_ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:(?-u:\b)\d{1,2}[:.]\d{2}(?::\d{2})?\s?(?:[ap]\.?m\.?)?)\s?((?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{1,3}[SD]?T)(?-u:\b)")
        .expect("time with zone pattern compiles")
});

/// The zone of the first time in `text` written with one.
pub(super) fn zone_after_time(text: &str) -> Option<Range<usize>> {
    TIME_WITH_ZONE
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .find(|m| !NOT_ZONES.contains(&m.as_str()))
        .map(|m| m.range())
}

/// Words that look like a zone abbreviation but are not.
const NOT_ZONES: &[&str] = &["IT", "AT", "ACT", "OT", "QT", "PAT", "ST", "T"];

/// The first zone named in `text`.
pub(super) fn find_zone(text: &str) -> Option<Range<usize>> {
    ZONE.find_iter(text)
        .find(|m| !NOT_ZONES.contains(&m.as_str()))
        .map(|m| m.range())
}

/// Whether a sentence of a timeline's intro declares the zone: it speaks of times and
/// names one ("All times in UTC", "All times US/Pacific", "Times are Pacific Time").
pub(super) fn declared_zone(sentence: &str) -> Option<Range<usize>> {
    let lower = sentence.to_lowercase();
    let about_times = ["time", "zone", "utc", "gmt"]
        .iter()
        .any(|w| lower.contains(w));
    about_times.then(|| find_zone(sentence)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_times_in_common_forms() {
        let t = |s: &str| find_time(s).map(|(t, _, z)| (t.hours_minutes(), z));
        assert_eq!(t("14:05 alert fired"), Some(((14, 5), None)));
        assert_eq!(t("2:14am pages"), Some(((2, 14), None)));
        assert_eq!(t("9:05pm"), Some(((21, 5), None)));
        assert_eq!(t("09:05 PM"), Some(((21, 5), None)));
        assert_eq!(t("12:30 PM"), Some(((12, 30), None)));
        assert_eq!(t("~17:30 PM UTC"), Some(((17, 30), Some("UTC".into()))));
        assert_eq!(t("2025-01-15T14:05:23Z"), Some(((14, 5), Some("Z".into()))));
        assert_eq!(t("14:05 UTC"), Some(((14, 5), Some("UTC".into()))));
        assert_eq!(t("14:05:00+02:00"), Some(((14, 5), Some("+02:00".into()))));
        assert_eq!(t("10:01-10:02: agreed"), Some(((10, 1), None)));
        assert_eq!(t("no time here"), None);
    }

    #[test]
    fn stamps_open_entries_in_any_order() {
        let s = |text: &'static str| {
            let st = leading_stamp(text);
            (
                st.day.map(|(d, _)| (d.year, d.month, d.day)),
                st.clock.map(|c| c.time.hours_minutes()),
                st.offset.map(|o| o.0),
                &text[st.end..],
            )
        };
        assert_eq!(
            s("**15:11** merged"),
            (None, Some((15, 11)), None, "** merged")
        );
        assert_eq!(s("[09:05] paged"), (None, Some((9, 5)), None, "] paged"));
        assert_eq!(
            s("2019-03-04 09:05 paged"),
            (Some((Some(2019), 3, 4)), Some((9, 5)), None, " paged")
        );
        assert_eq!(
            s("04-03-2019 09:05 paged"),
            (Some((Some(2019), 3, 4)), Some((9, 5)), None, " paged")
        );
        assert_eq!(
            s("09:05 4th Mar 2019 paged"),
            (Some((Some(2019), 3, 4)), Some((9, 5)), None, " paged")
        );
        assert_eq!(
            s("Mar 4, 09:05 paged"),
            (Some((None, 3, 4)), Some((9, 5)), None, " paged")
        );
        assert_eq!(
            s("May 28 2025, 11:30 AM UTC"),
            (Some((Some(2025), 5, 28)), Some((11, 30)), None, "")
        );
        assert_eq!(
            s("\\[+1.5 hrs] Consensus"),
            (None, None, Some(5400), "] Consensus")
        );
        assert_eq!(
            s("2025-01-15T14:05Z rolled back"),
            (
                Some((Some(2025), 1, 15)),
                Some((14, 5)),
                None,
                " rolled back"
            )
        );
        assert_eq!(s("Paged at 09:05"), (None, None, None, "Paged at 09:05"));
    }

    #[test]
    fn zones_are_declared_in_words_or_names() {
        for text in [
            "All times in UTC",
            "All times US/Pacific",
            "(all times in PST/PDT)",
            "Times are Pacific Time.",
        ] {
            assert!(declared_zone(text).is_some(), "{text}");
        }
        for text in ["The IT team joined at noon.", "Times were tight."] {
            assert!(declared_zone(text).is_none(), "{text}");
        }
    }

    #[test]
    fn worded_slots_are_not_links() {
        assert!(worded_slot("[The morning] Edward fixes it"));
        assert!(!worded_slot("[a link](https://x.invalid) text"));
        assert!(!worded_slot("No bracket"));
    }
}
