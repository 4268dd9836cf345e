//! A small calendar date type and a loose parser for the date forms postmortems use.
//! No date crate: the core needs days-between and validation, nothing more.

use regex::Regex;
use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// What a date-like string turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParsedDate {
    Valid(Date),
    /// Looks like a date but does not exist, e.g. 2025-02-30.
    Invalid,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1900..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        valid.then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The same day `months` later, clamped to the month's end (Jan 31 + 1 → Feb 28).
    pub fn add_months(self, months: u32) -> Date {
        let index = self.year * 12 + (self.month as i32 - 1) + months as i32;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            text[0..4].parse().ok()?,
            text[5..7].parse().ok()?,
            text[8..10].parse().ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

static DATE_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?-u:\b)
        | (?-u:\b)(?P<mn>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>\d{4})(?-u:\b)
        | (?-u:\b)(?P<dd>\d{1,2})(?:st|nd|rd|th)?\s+(?P<dm>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?P<dy>\d{4})(?-u:\b)
        | (?-u:\b)(?P<na>\d{1,2})[/.](?P<nb>\d{1,2})[/.](?P<ny>\d{4})(?-u:\b)
        ",
    )
    .expect("date pattern compiles")
});

/// Finds the first date in `text`: `2025-02-01`, `2025/02/01`, `Feb 1, 2025`,
/// `1 February 2025`, and `28/11/2024` or `11/28/2024` when the day is past 12 (a
/// numeric date that reads both ways is no date). Returns what it is and where it stands.
pub fn find_date(text: &str) -> Option<(ParsedDate, Range<usize>)> {
    DATE_PATTERN.captures_iter(text).find_map(|caps| {
        let whole = caps.get(0)?.range();
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let (year, month, day) = if let Some(y) = num("y") {
            (y as i32, num("m")?, num("d")?)
        } else if let Some(y) = num("my") {
            (
                y as i32,
                month_number(caps.name("mn")?.as_str())?,
                num("md")?,
            )
        } else if let Some(y) = num("dy") {
            (
                y as i32,
                month_number(caps.name("dm")?.as_str())?,
                num("dd")?,
            )
        } else {
            let (a, b) = (num("na")?, num("nb")?);
            match (a > 12, b > 12) {
                (true, false) => (num("ny")? as i32, b, a),
                (false, true) => (num("ny")? as i32, a, b),
                _ => return None,
            }
        };
        let parsed = Date::new(year, month, day).map_or(ParsedDate::Invalid, ParsedDate::Valid);
        Some((parsed, whole))
    })
}

/// A day as a timeline writes it; the year may be left to the context ("Mar 4", "March 12").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayStamp {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl DayStamp {
    /// The date, with `year` standing in for a missing one; `None` when no such day exists.
    pub fn date(self, year: Option<i32>) -> Option<Date> {
        Date::new(self.year.or(year)?, self.month, self.day)
    }
}

static DAY_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)
        (?-u:\b)(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?-u:\b)
        | (?-u:\b)(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.](?P<ny>\d{{4}})(?-u:\b)
        | (?-u:\b)(?P<mn>{MONTH_NAMES})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<my>\d{{4}})(?-u:\b))?
        | (?-u:\b)(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{MONTH_NAMES})(?-u:\b)\.?(?:,?\s+(?P<dy>\d{{4}})(?-u:\b))?
        "
    ))
    .expect("day pattern compiles")
});

/// Finds the first day written in a timeline entry: `2019-03-04`, `04-03-2019` (day
/// first, unless the middle number cannot be a month), `Mar 4, 2019`, `4th Mar 2019`,
/// and the same without the year (`Mar 4`, `March 12`), which the context supplies.
/// A month-and-day followed by `:` is not a day ("May 10:30" is a time).
pub fn find_day(text: &str) -> Option<(DayStamp, Range<usize>)> {
    for caps in DAY_PATTERN.captures_iter(text) {
        let whole = caps.get(0)?.range();
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let stamp = if let Some(y) = num("y") {
            (Some(y as i32), num("m")?, num("d")?)
        } else if let Some(y) = num("ny") {
            let (a, b) = (num("a")?, num("b")?);
            let (day, month) = if b > 12 { (b, a) } else { (a, b) };
            (Some(y as i32), month, day)
        } else if let Some(name) = caps.name("mn") {
            if caps.name("my").is_none() && text[whole.end..].starts_with(':') {
                continue;
            }
            (
                num("my").map(|y| y as i32),
                month_number(name.as_str())?,
                num("md")?,
            )
        } else {
            let month = month_number(caps.name("dm")?.as_str())?;
            (num("dy").map(|y| y as i32), month, num("dd")?)
        };
        let (year, month, day) = stamp;
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            return Some((DayStamp { year, month, day }, whole));
        }
    }
    None
}

/// What a due-date cell or phrase promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// A calendar date.
    Date(Date),
    /// A quarter or a month ("Q1 2025", "March 2025"): due by its last day.
    Period { last_day: Date },
    /// "soon", "ASAP", "next sprint": means something different every time it is read.
    Relative,
    /// Looks like a date but does not exist: 2025-02-30, Q5 2025.
    Invalid,
}

const MONTH_NAMES: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static PERIOD_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)
        (?-u:\b)Q(?P<q>\d)\s*(?:FY\s*)?(?P<qy>\d{{4}})(?-u:\b)
        | (?-u:\b)(?:FY\s*)?(?P<yq>\d{{4}})\s*[-/]?\s*Q(?P<q2>\d)(?-u:\b)
        | (?-u:\b)(?P<mn>{MONTH_NAMES})\.?,?\s+(?P<my>\d{{4}})(?-u:\b)"
    ))
    .expect("period pattern compiles")
});

/// `31/01/2025` or `01/31/2025`: day and month told apart where one exceeds 12.
static NUMERIC_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?-u:\b)")
        .expect("numeric date pattern compiles")
});

static RELATIVE_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:
          asap | soon | later | tomorrow | today | tonight | immediately | shortly | eventually
        | e\.?o\.?[dwmqy](?-u:\b)
        | (?:next|this|following|upcoming|the\ next)\s+(?:sprint|week|month|quarter|release|cycle|iteration|year|planning|milestone|half)
        | (?:the\s+)?(?:next|following|upcoming)\s+(?:[\w-]+\s+)?(?:catch-?\s?up|meeting|retro(?:spective)?|stand-?up|sync|review|offsite|all-hands)
        | end\s+of\s+(?:the\s+)?(?:day|week|month|quarter|sprint|year|next\s+\w+)
        | (?:in|within)\s+(?:a|an|one|two|three|four|a\ few|\d+)\s+(?:days?|weeks?|months?|sprints?|quarters?)
        | when\s+(?:we\s+have\s+time|possible|time\s+permits)
        | (?:before|after)\s+(?:the\s+)?(?:launch|release|freeze|holidays?)
        )",
    )
    .expect("relative pattern compiles")
});

fn last_day_of_month(year: i32, month: u32) -> Option<Date> {
    Date::new(year, month, days_in_month(year, month))
}

/// Finds the first deadline in `text` — a date, a quarter or month, or a relative
/// phrase — with where it stands.
pub fn find_deadline(text: &str) -> Option<(Deadline, Range<usize>)> {
    let date = find_date(text).map(|(parsed, range)| {
        let deadline = match parsed {
            ParsedDate::Valid(d) => Deadline::Date(d),
            ParsedDate::Invalid => Deadline::Invalid,
        };
        (deadline, range)
    });
    let period = PERIOD_PATTERN.captures(text).and_then(|caps| {
        let range = caps.get(0)?.range();
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let (year, last_month) = match (num("q").or(num("q2")), num("qy").or(num("yq"))) {
            (Some(q), Some(y)) if (1..=4).contains(&q) => (y, q * 3),
            (Some(_), Some(_)) => return Some((Deadline::Invalid, range)),
            _ => (num("my")?, month_number(caps.name("mn")?.as_str())?),
        };
        let deadline = last_day_of_month(year as i32, last_month)
            .map_or(Deadline::Invalid, |last_day| Deadline::Period { last_day });
        Some((deadline, range))
    });
    let numeric = NUMERIC_PATTERN.captures(text).and_then(|caps| {
        let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (a, b, year) = (num(1)?, num(2)?, num(3)? as i32);
        // Either reading may be meant; when both exist, the later one (fewer false alarms).
        let readings = [Date::new(year, b, a), Date::new(year, a, b)];
        let deadline = readings
            .into_iter()
            .flatten()
            .max()
            .map_or(Deadline::Invalid, Deadline::Date);
        Some((deadline, caps.get(0)?.range()))
    });
    let relative = RELATIVE_PATTERN
        .find(text)
        .map(|m| (Deadline::Relative, m.range()));
    // The earliest wins; at the same start, the longest ("1 February 2025", not "February 2025").
    [date, period, numeric, relative]
        .into_iter()
        .flatten()
        .min_by_key(|(_, r)| (r.start, usize::MAX - r.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        let d = |y, m, dd| {
            ParsedDate::Valid(Date {
                year: y,
                month: m,
                day: dd,
            })
        };
        assert_eq!(
            find_date("due 2025-02-01").map(|x| x.0),
            Some(d(2025, 2, 1))
        );
        assert_eq!(find_date("2025/02/01").map(|x| x.0), Some(d(2025, 2, 1)));
        assert_eq!(
            find_date("by Feb 1, 2025").map(|x| x.0),
            Some(d(2025, 2, 1))
        );
        assert_eq!(
            find_date("1 February 2025").map(|x| x.0),
            Some(d(2025, 2, 1))
        );
        assert_eq!(
            find_date("Saturday March 22nd 2025").map(|x| x.0),
            Some(d(2025, 3, 22))
        );
        assert_eq!(
            find_date("2025-02-30").map(|x| x.0),
            Some(ParsedDate::Invalid)
        );
        assert_eq!(find_date("version 1.2.3"), None);
        assert_eq!(
            find_date("Incident on 28/11/2024").map(|x| x.0),
            Some(d(2024, 11, 28))
        );
        assert_eq!(find_date("11/28/2024").map(|x| x.0), Some(d(2024, 11, 28)));
        assert_eq!(find_date("04/05/2024"), None, "reads both ways");
        assert_eq!(
            find_date("04/05/2024, then 2024-06-01").map(|x| x.0),
            Some(d(2024, 6, 1))
        );
    }

    #[test]
    fn deadlines_accept_periods_and_recognise_relative_and_impossible_dates() {
        let kind = |t: &str| find_deadline(t).map(|x| x.0);
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(kind("2025-02-01"), Some(Deadline::Date(day(2025, 2, 1))));
        assert_eq!(
            kind("Q1 2025"),
            Some(Deadline::Period {
                last_day: day(2025, 3, 31)
            })
        );
        assert_eq!(
            kind("2025 Q4"),
            Some(Deadline::Period {
                last_day: day(2025, 12, 31)
            })
        );
        assert_eq!(
            kind("end of March 2025"),
            Some(Deadline::Period {
                last_day: day(2025, 3, 31)
            })
        );
        assert_eq!(
            kind("1 February 2025"),
            Some(Deadline::Date(day(2025, 2, 1)))
        );
        assert_eq!(kind("Feb 29, 2024"), Some(Deadline::Date(day(2024, 2, 29))));
        assert_eq!(kind("Q5 2025"), Some(Deadline::Invalid));
        assert_eq!(kind("31/01/2025"), Some(Deadline::Date(day(2025, 1, 31))));
        assert_eq!(kind("01/31/2025"), Some(Deadline::Date(day(2025, 1, 31))));
        assert_eq!(kind("03/04/2025"), Some(Deadline::Date(day(2025, 4, 3))));
        assert_eq!(kind("31/04/2025"), Some(Deadline::Invalid));
        assert_eq!(kind("2025-02-30"), Some(Deadline::Invalid));
        assert_eq!(kind("2025-13-01"), Some(Deadline::Invalid));
        assert_eq!(kind("Feb 29, 2025"), Some(Deadline::Invalid));
        for relative in [
            "ASAP",
            "soon",
            "next sprint",
            "end of quarter",
            "EOW",
            "in 2 weeks",
            "next engineering catchup",
        ] {
            assert_eq!(kind(relative), Some(Deadline::Relative), "{relative}");
        }
        for nothing in ["TBD", "ongoing", "—", "P1", "JIRA-2025", "May the team"] {
            assert_eq!(kind(nothing), None, "{nothing}");
        }
    }

    #[test]
    fn finds_days_in_timeline_forms() {
        let day = |t: &'static str| find_day(t).map(|(d, r)| (d.year, d.month, d.day, &t[r]));
        assert_eq!(
            day("2019-03-04 09:05"),
            Some((Some(2019), 3, 4, "2019-03-04"))
        );
        assert_eq!(
            day("04-03-2019 09:05"),
            Some((Some(2019), 3, 4, "04-03-2019"))
        );
        assert_eq!(day("03/24/2019"), Some((Some(2019), 3, 24, "03/24/2019")));
        assert_eq!(
            day("09:05 4th Mar 2019"),
            Some((Some(2019), 3, 4, "4th Mar 2019"))
        );
        assert_eq!(day("Mar 4, 09:05"), Some((None, 3, 4, "Mar 4")));
        assert_eq!(
            day("March 6 2017 22:59"),
            Some((Some(2017), 3, 6, "March 6 2017"))
        );
        assert_eq!(
            day("Friday, March 5, 2025:"),
            Some((Some(2025), 3, 5, "March 5, 2025"))
        );
        assert_eq!(day("May 10:30"), None);
        assert_eq!(day("version 1.2.3 at 10:00"), None);
        assert_eq!(
            find_day("Mar 4").and_then(|(d, _)| d.date(Some(2019))),
            Date::new(2019, 3, 4)
        );
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let a = Date::new(2024, 2, 28).unwrap();
        assert_eq!(a.add_days(1), Date::new(2024, 2, 29).unwrap());
        assert_eq!(a.add_days(2), Date::new(2024, 3, 1).unwrap());
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(a.days_until(Date::new(2025, 2, 28).unwrap()), 366);
        let jan31 = Date::new(2025, 1, 31).unwrap();
        assert_eq!(jan31.add_months(1), Date::new(2025, 2, 28).unwrap());
        assert_eq!(jan31.add_months(11), Date::new(2025, 12, 31).unwrap());
        assert_eq!(jan31.add_months(12), Date::new(2026, 1, 31).unwrap());
        for n in [-1000, 0, 59, 365, 20000] {
            assert_eq!(Date::from_days_since_epoch(n).days_since_epoch(), n);
        }
    }
}
