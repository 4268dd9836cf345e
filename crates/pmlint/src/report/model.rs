//! The report's content, computed once and rendered by every format; serialised as is
//! for `--format json` (docs/report-json.md). Dates are `YYYY-MM-DD` strings and
//! durations seconds.

use crate::targets::Failure;
use pmlint_core::date::Date;
use pmlint_core::digest::{DateSource, Digest, IncidentDate};
use pmlint_core::metrics::IncidentMetrics;
use pmlint_core::recurrence::{CauseCategory, CauseKind, CorpusIndex, DocumentCauses};
use pmlint_core::score::{Criterion, CriterionScore, Score};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub const REPORT_VERSION: u32 = 1;

/// One postmortem as read: where it is, its digest, score and metrics.
pub struct Entry {
    pub path: String,
    pub digest: Digest,
    pub score: Score,
    pub metrics: IncidentMetrics,
}

#[derive(Serialize)]
pub struct Portfolio {
    pub version: u32,
    pub tool: Tool,
    pub today: String,
    pub summary: Summary,
    /// Newest first; undated last.
    pub postmortems: Vec<Row>,
    /// Every month from the first dated incident to the last, empty months included.
    pub months: Vec<Month>,
    /// Severities in the order charts stack them (SEV1 first, unknown last).
    pub severities: Vec<String>,
    pub score_distribution: Vec<Bucket>,
    /// Most overdue first.
    pub overdue_actions: Vec<OverdueAction>,
    pub root_cause_categories: Vec<CategoryCount>,
    pub contributing_factors: Vec<CauseGroup>,
    pub recurring_causes: Vec<CauseGroup>,
    pub failures: Vec<FailureRow>,
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
pub struct Summary {
    pub postmortems: usize,
    /// Dated to the day / to the year only / not at all.
    pub dated: usize,
    pub year_only: usize,
    pub undated: usize,
    pub mean_score: Option<u32>,
    /// Each criterion's mean score over the postmortems: where the writing is weakest.
    pub mean_criteria: Vec<CriterionMean>,
    /// Mean time to resolve over the postmortems whose timeline shows it.
    pub mean_time_to_resolve: Option<i64>,
    pub mean_time_to_detect: Option<i64>,
    pub actions: ActionTotals,
    pub recurring_causes: usize,
}

#[derive(Serialize, Default)]
pub struct ActionTotals {
    pub total: usize,
    pub with_owner: usize,
    pub with_due_date: usize,
    pub done: usize,
    /// `done / total`, 0–1; `null` without action items.
    pub completion_rate: Option<f64>,
    /// Open items past their due date, and of those how many are at least 7, 14 and
    /// 30 days past it (seed `001`: remind the owner, escalate to the manager, review
    /// in the leadership meeting).
    pub overdue: usize,
    pub overdue_7: usize,
    pub overdue_14: usize,
    pub overdue_30: usize,
}

#[derive(Serialize)]
pub struct Row {
    pub path: String,
    pub title: String,
    /// `YYYY-MM-DD`, `YYYY` when only the year is known, or `null`.
    pub date: Option<String>,
    pub date_source: Option<DateSource>,
    pub severity: Option<String>,
    pub status: Option<String>,
    /// First to last timeline entry, seconds.
    pub duration: Option<i64>,
    pub time_to_detect: Option<i64>,
    pub time_to_mitigate: Option<i64>,
    pub time_to_resolve: Option<i64>,
    pub score: u32,
    /// The score's breakdown, each criterion with its reason.
    pub criteria: Vec<CriterionScore>,
    pub actions: ActionCounts,
    pub causes: Vec<Cause>,
}

impl Row {
    /// The criterion that costs the score most (weight × points missing), for a
    /// one-cell "what to improve".
    pub fn weakest(&self) -> Option<&CriterionScore> {
        self.criteria.iter().max_by_key(|c| {
            (
                c.weight * (100 - c.score.min(100)),
                std::cmp::Reverse(c.criterion),
            )
        })
    }
}

#[derive(Serialize)]
pub struct CriterionMean {
    pub criterion: Criterion,
    pub title: &'static str,
    pub weight: u32,
    pub mean: u32,
}

#[derive(Serialize, Default)]
pub struct ActionCounts {
    pub total: usize,
    pub with_owner: usize,
    pub with_due_date: usize,
    pub done: usize,
    pub overdue: usize,
}

#[derive(Serialize)]
pub struct Cause {
    pub kind: CauseKind,
    pub text: String,
    pub category: Option<CauseCategory>,
}

#[derive(Serialize)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    pub incidents: usize,
    pub by_severity: BTreeMap<String, usize>,
    pub mean_time_to_resolve: Option<i64>,
    pub mean_time_to_detect: Option<i64>,
}

#[derive(Serialize)]
pub struct Bucket {
    /// Inclusive score range, e.g. `60-79`.
    pub range: &'static str,
    pub postmortems: usize,
}

#[derive(Serialize)]
pub struct OverdueAction {
    pub path: String,
    pub title: String,
    pub action: String,
    pub owner: Option<String>,
    pub due: String,
    pub days_overdue: i64,
}

#[derive(Serialize)]
pub struct CategoryCount {
    pub category: CauseCategory,
    pub definition: &'static str,
    /// Postmortems with at least one cause in the category.
    pub postmortems: usize,
    pub causes: usize,
}

/// Alike cause statements from several postmortems.
#[derive(Serialize)]
pub struct CauseGroup {
    /// The statement the others are alike to.
    pub label: String,
    pub postmortems: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Oldest first; undated last.
    pub incidents: Vec<Incident>,
}

#[derive(Serialize)]
pub struct Incident {
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub kind: CauseKind,
    pub statement: String,
    /// One-based line of the statement.
    pub line: u32,
}

#[derive(Serialize)]
pub struct FailureRow {
    pub path: String,
    pub message: String,
}

const SCORE_BUCKETS: [(&str, u32, u32); 5] = [
    ("0-19", 0, 19),
    ("20-39", 20, 39),
    ("40-59", 40, 59),
    ("60-79", 60, 79),
    ("80-100", 80, 100),
];

fn date_text(date: IncidentDate) -> Option<String> {
    match date {
        IncidentDate::Day(d) => Some(d.to_string()),
        IncidentDate::Year(y) => Some(y.to_string()),
        IncidentDate::Unknown => None,
    }
}

/// Chronological order; a year-only date sorts before that year's days.
fn chronology(date: IncidentDate) -> Option<(i32, u32, u32)> {
    match date {
        IncidentDate::Day(d) => Some((d.year, d.month, d.day)),
        IncidentDate::Year(y) => Some((y, 0, 0)),
        IncidentDate::Unknown => None,
    }
}

fn mean(values: impl Iterator<Item = i64>) -> Option<i64> {
    let (sum, n) = values.fold((0i64, 0i64), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n)
}

/// SEV1 before SEV2 …, named levels after, unknown last.
fn severity_order(severity: &str) -> (u8, String) {
    match severity.strip_prefix("SEV") {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) => (0, severity.to_string()),
        _ if severity == UNKNOWN_SEVERITY => (2, String::new()),
        _ => (1, severity.to_string()),
    }
}

pub const UNKNOWN_SEVERITY: &str = "unknown";

impl Portfolio {
    pub fn build(
        mut entries: Vec<Entry>,
        causes: Vec<DocumentCauses>,
        failures: &[Failure],
        today: Date,
    ) -> Portfolio {
        let mut index = CorpusIndex::new();
        let mut factors = CorpusIndex::new();
        for document in causes {
            factors.add(document.clone().only(CauseKind::ContributingFactor));
            index.add(document);
        }
        let by_path: HashMap<&str, &Entry> = entries.iter().map(|e| (e.path.as_str(), e)).collect();
        let recurring_causes = groups(&index, &by_path);
        let contributing_factors = groups(&factors, &by_path);
        drop(by_path);

        // Newest first, undated last (`None` sorts before every `Some`).
        entries.sort_by(|a, b| {
            chronology(b.digest.date)
                .cmp(&chronology(a.digest.date))
                .then(a.path.cmp(&b.path))
        });

        let mut actions = ActionTotals::default();
        let mut overdue_actions = Vec::new();
        let rows: Vec<Row> = entries
            .iter()
            .map(|e| {
                let mut counts = ActionCounts::default();
                for a in &e.digest.actions {
                    counts.total += 1;
                    counts.with_owner += usize::from(a.owner.is_some());
                    counts.with_due_date += usize::from(a.due.is_some());
                    counts.done += usize::from(a.done);
                    if let (Some(days), Some(due)) = (a.days_overdue(today), a.due) {
                        counts.overdue += 1;
                        actions.overdue_7 += usize::from(days >= 7);
                        actions.overdue_14 += usize::from(days >= 14);
                        actions.overdue_30 += usize::from(days >= 30);
                        overdue_actions.push(OverdueAction {
                            path: e.path.clone(),
                            title: e.digest.title.clone(),
                            action: a.action.clone(),
                            owner: a.owner.clone(),
                            due: due.to_string(),
                            days_overdue: days,
                        });
                    }
                }
                actions.total += counts.total;
                actions.with_owner += counts.with_owner;
                actions.with_due_date += counts.with_due_date;
                actions.done += counts.done;
                actions.overdue += counts.overdue;
                Row {
                    path: e.path.clone(),
                    title: e.digest.title.clone(),
                    date: date_text(e.digest.date),
                    date_source: e.digest.date_source,
                    severity: e.digest.severity.clone(),
                    status: e.digest.status.clone(),
                    duration: e.metrics.total,
                    time_to_detect: e.metrics.time_to_detect,
                    time_to_mitigate: e.metrics.time_to_mitigate,
                    time_to_resolve: e.metrics.time_to_resolve,
                    score: e.score.total,
                    criteria: e.score.criteria.clone(),
                    actions: counts,
                    causes: e
                        .digest
                        .causes
                        .iter()
                        .map(|(c, category)| Cause {
                            kind: c.kind,
                            text: c.text.clone(),
                            category: *category,
                        })
                        .collect(),
                }
            })
            .collect();
        actions.completion_rate =
            (actions.total > 0).then(|| actions.done as f64 / actions.total as f64);
        overdue_actions.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then(a.path.cmp(&b.path))
        });

        let severity_of = |e: &Entry| {
            e.digest
                .severity
                .clone()
                .unwrap_or_else(|| UNKNOWN_SEVERITY.to_string())
        };
        let mut severities: Vec<String> = entries.iter().map(severity_of).collect();
        severities.sort_by_key(|s| severity_order(s));
        severities.dedup();

        let days: Vec<(Date, &Entry)> = entries
            .iter()
            .filter_map(|e| match e.digest.date {
                IncidentDate::Day(d) => Some((d, e)),
                _ => None,
            })
            .collect();
        let mut months = Vec::new();
        if let (Some(first), Some(last)) = (
            days.iter().map(|d| d.0).min(),
            days.iter().map(|d| d.0).max(),
        ) {
            let mut month = (first.year, first.month);
            while month <= (last.year, last.month) {
                let here: Vec<&Entry> = days
                    .iter()
                    .filter(|(d, _)| (d.year, d.month) == month)
                    .map(|&(_, e)| e)
                    .collect();
                let mut by_severity = BTreeMap::new();
                for e in &here {
                    *by_severity.entry(severity_of(e)).or_insert(0) += 1;
                }
                months.push(Month {
                    month: format!("{:04}-{:02}", month.0, month.1),
                    incidents: here.len(),
                    by_severity,
                    mean_time_to_resolve: mean(
                        here.iter().filter_map(|e| e.metrics.time_to_resolve),
                    ),
                    mean_time_to_detect: mean(here.iter().filter_map(|e| e.metrics.time_to_detect)),
                });
                month = if month.1 == 12 {
                    (month.0 + 1, 1)
                } else {
                    (month.0, month.1 + 1)
                };
            }
        }

        let score_distribution = SCORE_BUCKETS
            .iter()
            .map(|&(range, low, high)| Bucket {
                range,
                postmortems: entries
                    .iter()
                    .filter(|e| (low..=high).contains(&e.score.total))
                    .count(),
            })
            .collect();

        let root_cause_categories = CauseCategory::ALL
            .iter()
            .map(|&category| {
                let causes = |e: &Entry| {
                    e.digest
                        .causes
                        .iter()
                        .filter(|(_, c)| *c == Some(category))
                        .count()
                };
                CategoryCount {
                    category,
                    definition: category.definition(),
                    postmortems: entries.iter().filter(|e| causes(e) > 0).count(),
                    causes: entries.iter().map(causes).sum(),
                }
            })
            .collect::<Vec<_>>();
        let mut root_cause_categories = root_cause_categories;
        root_cause_categories.sort_by(|a, b| {
            b.postmortems
                .cmp(&a.postmortems)
                .then(a.category.cmp(&b.category))
        });

        let count_dates = |precision: fn(&IncidentDate) -> bool| {
            entries.iter().filter(|e| precision(&e.digest.date)).count()
        };
        let summary = Summary {
            postmortems: entries.len(),
            dated: count_dates(|d| matches!(d, IncidentDate::Day(_))),
            year_only: count_dates(|d| matches!(d, IncidentDate::Year(_))),
            undated: count_dates(|d| matches!(d, IncidentDate::Unknown)),
            mean_score: (!entries.is_empty())
                .then(|| entries.iter().map(|e| e.score.total).sum::<u32>() / entries.len() as u32),
            mean_criteria: if entries.is_empty() {
                Vec::new()
            } else {
                Criterion::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, &criterion)| CriterionMean {
                        criterion,
                        title: criterion.title(),
                        weight: criterion.weight(),
                        mean: entries
                            .iter()
                            .map(|e| e.score.criteria[i].score)
                            .sum::<u32>()
                            / entries.len() as u32,
                    })
                    .collect()
            },
            mean_time_to_resolve: mean(entries.iter().filter_map(|e| e.metrics.time_to_resolve)),
            mean_time_to_detect: mean(entries.iter().filter_map(|e| e.metrics.time_to_detect)),
            actions,
            recurring_causes: recurring_causes.len(),
        };
        Portfolio {
            version: REPORT_VERSION,
            tool: Tool {
                name: "pmlint",
                version: env!("CARGO_PKG_VERSION"),
            },
            today: today.to_string(),
            summary,
            postmortems: rows,
            months,
            severities,
            score_distribution,
            overdue_actions,
            root_cause_categories,
            contributing_factors,
            recurring_causes,
            failures: failures
                .iter()
                .map(|f| FailureRow {
                    path: crate::targets::shown(&f.path),
                    message: f.message.clone(),
                })
                .collect(),
        }
    }
}

/// The index's recurring groups with each incident's title and date, oldest first.
fn groups(index: &CorpusIndex, entries: &HashMap<&str, &Entry>) -> Vec<CauseGroup> {
    index
        .recurring()
        .into_iter()
        .map(|group| {
            let mut incidents: Vec<(IncidentDate, Incident)> = group
                .members
                .iter()
                .map(|(doc, cause)| {
                    let entry = entries.get(doc.key.as_str());
                    let date = entry.map_or(IncidentDate::Unknown, |e| e.digest.date);
                    let incident = Incident {
                        path: doc.key.clone(),
                        title: entry.map_or_else(|| doc.label.clone(), |e| e.digest.title.clone()),
                        date: date_text(date),
                        kind: cause.kind,
                        statement: cause.text.clone(),
                        line: cause.line + 1,
                    };
                    (date, incident)
                })
                .collect();
            // Oldest first, undated last.
            incidents.sort_by(|a, b| {
                let key = |d: IncidentDate| (chronology(d).is_none(), chronology(d));
                key(a.0).cmp(&key(b.0)).then(a.1.path.cmp(&b.1.path))
            });
            let dated: Vec<&IncidentDate> = incidents
                .iter()
                .map(|(d, _)| d)
                .filter(|d| **d != IncidentDate::Unknown)
                .collect();
            CauseGroup {
                label: group.label.to_string(),
                postmortems: group.documents,
                first: dated.first().and_then(|d| date_text(**d)),
                last: dated.last().and_then(|d| date_text(**d)),
                incidents: incidents.into_iter().map(|(_, i)| i).collect(),
            }
        })
        .collect()
}
