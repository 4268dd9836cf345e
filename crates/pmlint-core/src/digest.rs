//! A postmortem in one record, for views over many of them (`pmlint report`, a
//! workspace overview): title, date, severity, status, action items and causes. Seed
//! `001`'s postmortem database is searchable by "Root cause category", "Date range" and
//! "Severity", and tracks "Action item completion rate" and "Overdue action items".

use crate::date::{find_date, find_deadline, Date, Deadline, ParsedDate};
use crate::document::{owner_kind, Document, MetaKey, OwnerKind};
use crate::recurrence::{categorize, cause_statements, CauseCategory, CauseStatement};
use crate::rules::actions::is_done;
use crate::Settings;
use regex::Regex;
use serde::Serialize;
use std::fmt;
use std::sync::LazyLock;

/// When the incident happened, as precisely as the document or its file name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "precision", content = "value", rename_all = "kebab-case")]
pub enum IncidentDate {
    Day(Date),
    /// Only the year: `PM2022-002 …`.
    Year(i32),
    Unknown,
}

impl IncidentDate {
    pub fn year(self) -> Option<i32> {
        match self {
            IncidentDate::Day(d) => Some(d.year),
            IncidentDate::Year(y) => Some(y),
            IncidentDate::Unknown => None,
        }
    }
}

impl fmt::Display for IncidentDate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            IncidentDate::Day(d) => write!(f, "{d}"),
            IncidentDate::Year(y) => write!(f, "{y}"),
            IncidentDate::Unknown => f.write_str("date unknown"),
        }
    }
}

/// Where the date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    Metadata,
    Timeline,
    FileName,
}

/// One action item, as far as tracking goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionStatus {
    /// What is to be done, as written.
    pub action: String,
    /// The one person who owns it (not a team, a placeholder or several people).
    pub owner: Option<String>,
    /// Its due date; a quarter or month counts as its last day.
    pub due: Option<Date>,
    /// Done by its Status column or a checked task box.
    pub done: bool,
}

impl ActionStatus {
    /// Days past due on `today`, for an open item with a due date.
    pub fn days_overdue(&self, today: Date) -> Option<i64> {
        let days = self.due?.days_until(today);
        (!self.done && days > 0).then_some(days)
    }
}

#[derive(Debug, Clone)]
pub struct Digest {
    /// The first heading or front-matter title; else the file name.
    pub title: String,
    pub date: IncidentDate,
    pub date_source: Option<DateSource>,
    /// Normalised: `SEV2` for "Sev-2", "SEV 2" or "P2"; else as written.
    pub severity: Option<String>,
    pub status: Option<String>,
    pub actions: Vec<ActionStatus>,
    pub causes: Vec<(CauseStatement, Option<CauseCategory>)>,
}

impl Digest {
    /// How other views name the postmortem: "Checkout errors (2025-01-15)".
    pub fn label(&self) -> String {
        format!("{} ({})", self.title, self.date)
    }
}

/// `2025-01-15-checkout.md`: a whole date anywhere in the name.
/// `PM2022-002 DNS.md`, `INC-2023-17`: a year followed by a sequence number.
static YEAR_AND_SEQUENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^0-9])((?:19|20)\d{2})[-_ ]\d{1,5}(?:[^0-9]|$)")
        .expect("year-sequence pattern")
});

fn date_from_file_name(name: &str) -> Option<IncidentDate> {
    if let Some((ParsedDate::Valid(d), _)) = find_date(name) {
        return Some(IncidentDate::Day(d));
    }
    let caps = YEAR_AND_SEQUENCE.captures(name)?;
    caps[1].parse().ok().map(IncidentDate::Year)
}

static SEVERITY_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:sev(?:erity)?|p)\W{0,2}([0-9])(?-u:\b)").expect("severity pattern")
});

fn normalize_severity(text: &str) -> String {
    match SEVERITY_LEVEL.captures(text) {
        Some(caps) => format!("SEV{}", &caps[1]),
        None => text.trim().to_string(),
    }
}

/// The record of `doc`, whose file is named `file_name` (without directories).
pub fn digest(doc: &Document, file_name: &str, settings: &Settings) -> Digest {
    let meta_date = doc
        .metadata
        .get(MetaKey::Date)
        .and_then(find_date)
        .and_then(|(parsed, _)| match parsed {
            ParsedDate::Valid(d) => Some(d),
            ParsedDate::Invalid => None,
        });
    let timeline_date = doc.timeline.entries.iter().find_map(|e| e.date);
    let (date, date_source) = match (meta_date, timeline_date, date_from_file_name(file_name)) {
        (Some(d), _, _) => (IncidentDate::Day(d), Some(DateSource::Metadata)),
        (None, Some(d), _) => (IncidentDate::Day(d), Some(DateSource::Timeline)),
        (None, None, Some(d)) => (d, Some(DateSource::FileName)),
        (None, None, None) => (IncidentDate::Unknown, None),
    };
    let title = doc
        .metadata
        .get(MetaKey::Title)
        .or(doc.title.as_ref().map(|t| t.text.as_str()))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(file_name)
        .to_string();
    let actions = doc
        .action_items
        .iter()
        .map(|item| ActionStatus {
            action: item.action.text.trim().to_string(),
            owner: item
                .owner
                .as_ref()
                .map(|o| o.text.trim())
                .filter(|o| owner_kind(o, &settings.teams) == OwnerKind::Person)
                .map(str::to_string),
            due: item
                .due
                .as_ref()
                .and_then(|d| find_deadline(&d.text))
                .and_then(|(deadline, _)| match deadline {
                    Deadline::Date(d) => Some(d),
                    Deadline::Period { last_day } => Some(last_day),
                    Deadline::Relative | Deadline::Invalid => None,
                }),
            done: is_done(item),
        })
        .collect();
    let causes = cause_statements(doc)
        .into_iter()
        .map(|c| {
            let category = categorize(&c.text);
            (c, category)
        })
        .collect();
    Digest {
        title,
        date,
        date_source,
        severity: doc.metadata.get(MetaKey::Severity).map(normalize_severity),
        status: doc
            .metadata
            .get(MetaKey::Status)
            .map(|s| s.trim().to_string()),
        actions,
        causes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str, name: &str) -> Digest {
        digest(&Document::parse(text), name, &Settings::default())
    }

    #[test]
    fn dates_from_metadata_timeline_or_file_name() {
        let d = of("# Outage\n\n**Date:** 2025-03-06\n", "2024-01-01-outage.md");
        assert_eq!(d.date, IncidentDate::Day(Date::new(2025, 3, 6).unwrap()));
        assert_eq!(d.date_source, Some(DateSource::Metadata));
        let d = of("# Outage\n\n**Date:** TBD\n", "2025-01-15-checkout.md");
        assert_eq!(d.date, IncidentDate::Day(Date::new(2025, 1, 15).unwrap()));
        assert_eq!(d.date_source, Some(DateSource::FileName));
        let d = of("# Outage\n", "PM2022-002 DNS failure.md");
        assert_eq!(d.date, IncidentDate::Year(2022));
        assert_eq!(d.label(), "Outage (2022)");
        let d = of("# Outage\n", "notes-v2.md");
        assert_eq!((d.date, d.date_source), (IncidentDate::Unknown, None));
        assert_eq!(d.label(), "Outage (date unknown)");
    }

    #[test]
    fn severity_title_and_action_tracking() {
        let text = "# Postmortem: DNS\n\n**Severity:** Sev-2\n**Status:** Final\n\n## Action Items\n\n| Action | Owner | Due | Status |\n|---|---|---|---|\n| Add a TTL alert | @ana | 2025-02-01 | Done |\n| Automate renewal | SRE team | Q1 2025 | Open |\n| Write the runbook | @bo | soon | Open |\n";
        let d = of(text, "x.md");
        assert_eq!(d.title, "Postmortem: DNS");
        assert_eq!(d.severity.as_deref(), Some("SEV2"));
        assert_eq!(d.status.as_deref(), Some("Final"));
        let owners: Vec<Option<&str>> = d.actions.iter().map(|a| a.owner.as_deref()).collect();
        assert_eq!(owners, [Some("@ana"), None, Some("@bo")]);
        let done: Vec<bool> = d.actions.iter().map(|a| a.done).collect();
        assert_eq!(done, [true, false, false]);
        let today = Date::new(2025, 4, 30).unwrap();
        let overdue: Vec<Option<i64>> = d.actions.iter().map(|a| a.days_overdue(today)).collect();
        assert_eq!(overdue, [None, Some(30), None]);
        let tasks = of(
            "# P\n\n## Action Items\n\n- [x] Rotate the keys (@cy, due 2025-01-20)\n- [ ] Add a TTL alert (@ana, due 2025-01-25)\n",
            "x.md",
        );
        let overdue: Vec<Option<i64>> = tasks
            .actions
            .iter()
            .map(|a| a.days_overdue(today))
            .collect();
        assert_eq!(overdue, [None, Some(95)], "a checked box is done");
    }
}
