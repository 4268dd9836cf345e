//! One continuous clock for a timeline: an entry's own day, else the day of the day
//! heading above it, else the day carried from the entry before (or the incident date);
//! a time far earlier than the one before rolls over to the next day (23:50 → 00:10);
//! in a timeline written on a 12-hour clock, a bare "1:17" after "11:57" is the afternoon.

use super::{Found, TimelineEntry};
use crate::date::{Date, DayStamp};
use crate::document::Field;
use regex::Regex;
use std::sync::LazyLock;

/// A time this much earlier than the previous entry's is the next day, not a step back.
const ROLL_OVER: i64 = 12 * 3600;
/// On a 12-hour clock, a time at most this much before the previous one is a step back;
/// further back, the day has turned.
const TWELVE_HOUR_STEP_BACK: i64 = 2 * 3600;
const DAY: i64 = 86_400;
const HALF_DAY: i64 = DAY / 2;

static MERIDIEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d\s?[ap]\.?m\.?(?-u:\b)").expect("meridiem pattern compiles")
});
static AFTERNOON_24H: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:1[3-9]|2[0-3]):[0-5]\d").expect("24-hour pattern compiles")
});

/// Whether a timeline is written on a 12-hour clock: am/pm appears, and no 13:00–23:59.
pub(super) fn uses_twelve_hour(text: &str) -> bool {
    MERIDIEM.is_match(text) && !AFTERNOON_24H.is_match(text)
}

/// The first year the timeline gives (for days written without one), else the incident's.
fn first_year(found: &[Found], days: &[(usize, DayStamp)], incident: Option<Date>) -> Option<i32> {
    let own = found.iter().find_map(|f| {
        let day = f.stamp.day.as_ref().map(|d| d.0).or(f.column_day)?;
        Some((f.range.start, day.year?))
    });
    let headed = days.iter().find_map(|(at, d)| Some((*at, d.year?)));
    match (own, headed) {
        (Some(a), Some(b)) => Some(a.min(b).1),
        (a, b) => a.or(b).map(|x| x.1).or(incident.map(|d| d.year)),
    }
}

pub(super) fn place(
    source: &str,
    found: Vec<Found>,
    days: &[(usize, DayStamp)],
    incident: Option<Date>,
    twelve_hour: bool,
) -> Vec<TimelineEntry> {
    let mut year = first_year(&found, days, incident);
    let first_date = found
        .iter()
        .filter_map(|f| f.stamp.day.as_ref().map(|d| d.0).or(f.column_day))
        .chain(days.iter().map(|d| d.1))
        .find_map(|d| d.date(year))
        .or(incident);
    let mut day = first_date.map_or(0, Date::days_since_epoch);
    let mut heading_date: Option<Date> = None;
    let mut previous: Option<i64> = None;
    // The day was given explicitly since the previous timed entry: no roll-over.
    let mut explicit = false;
    let mut first_instant: Option<i64> = None;
    let mut next_day_heading = 0;
    let mut entries = Vec::with_capacity(found.len());
    for f in found {
        while let Some((at, stamp)) = days.get(next_day_heading) {
            if *at > f.range.start {
                break;
            }
            if let Some(d) = stamp.date(year) {
                year = Some(d.year);
                day = d.days_since_epoch();
                heading_date = Some(d);
                explicit = true;
            }
            next_day_heading += 1;
        }
        let own = f
            .stamp
            .day
            .as_ref()
            .map(|d| d.0)
            .or(f.column_day)
            .and_then(|d| d.date(year));
        if let Some(d) = own {
            year = Some(d.year);
            day = d.days_since_epoch();
            explicit = true;
        }
        let date = own.or(heading_date);
        let mut instant = None;
        if let Some(clock) = &f.stamp.clock {
            let t = i64::from(clock.time.0);
            let readings = if twelve_hour && !clock.meridiem && (3600..13 * 3600).contains(&t) {
                let morning = t % HALF_DAY;
                vec![morning, morning + HALF_DAY]
            } else {
                vec![t]
            };
            let at = match previous.filter(|_| !explicit) {
                Some(before) => after(before, day, &readings),
                None => day * DAY + readings[0],
            };
            day = at.div_euclid(DAY);
            previous = Some(at);
            first_instant.get_or_insert(at);
            instant = Some(at);
            explicit = false;
        } else if let Some((offset, _)) = f.stamp.offset {
            if let Some(base) = first_instant {
                let at = base + offset;
                previous = Some(at);
                instant = Some(at);
            }
        }
        let shift = |r: &std::ops::Range<usize>| f.base + r.start..f.base + r.end;
        entries.push(TimelineEntry {
            range: f.range,
            shape: f.shape,
            time: f.stamp.clock.as_ref().map(|c| c.time),
            time_range: f.stamp.clock.as_ref().map(|c| shift(&c.range)),
            stamp_range: f.stamp.range().map(|r| shift(&r)),
            date,
            day: instant
                .map(|i| i.div_euclid(DAY))
                .or(date.map(Date::days_since_epoch)),
            instant,
            zone: f.zone,
            text: Field::new(source, f.text),
        });
    }
    entries
}

/// The instant of a time read after `before` on `day`: the first reading not earlier
/// than `before`; else a step back when it is close, or the next day when it is far.
fn after(before: i64, day: i64, readings: &[i64]) -> i64 {
    let on_day = |r: &i64| day * DAY + r;
    if let Some(at) = readings.iter().map(on_day).find(|&at| at >= before) {
        return at;
    }
    let latest = readings.iter().map(on_day).max().unwrap_or(before);
    let step_back = if readings.len() > 1 {
        TWELVE_HOUR_STEP_BACK
    } else {
        ROLL_OVER
    };
    if before - latest > step_back {
        (day + 1) * DAY + readings[0]
    } else {
        latest
    }
}
