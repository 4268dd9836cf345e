use crate::date::find_day;
use crate::diagnostic::Severity;
use crate::document::{find_time, Document, MetaKey, Slot};
use crate::metrics::{self, format_duration, MilestoneKind};
use crate::rules::{Context, Family, Rule, RuleDocs};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    code: "T004",
    name: "duration-mismatch",
    family: Family::Timeline,
    default_severity: Severity::Warning,
    summary: "A stated duration disagrees with the timeline.",
    docs: RuleDocs {
        what: "Finds the incident's duration where the document states it — the metadata `Duration`, or prose such as \"for 4 hours\", \"a 37-minute outage\", \"lasted 4h 33m\" in a sentence about the outage — and compares it with the timeline: first to last entry, to mitigation, to resolution, detection to resolution, and any window the document writes out (\"from 12:14 to 12:52\"). A duration that matches none of them, beyond the precision it is stated with (\"4 hours\" means 3h 30m–4h 30m) or 10%, is reported.",
        why: "Seed `000`'s own example states both \"4 hours\" and \"4.5 hours\" for an outage from 2:14am to 6:47am (4h 33m). Readers quote the headline number; when it disagrees with the timeline, the document's credibility suffers (seed `000`: Evidence Quality, Credibility).",
        example: "Major database outage affected 80% of customers for 4 hours.\n\n- 2:14am Alert fired\n- 6:47am Fully recovered",
        better: "Major database outage affected 80% of customers for 4.5 hours (2:14am–6:47am PT).",
    },
    check,
};

/// "4 hours", "4.5 hours", "4h 33m", "1 hour 20 minutes", "37 minutes", "90-minute".
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)(?P<h>\d+(?:\.\d+)?)[\s-]*(?:h|hrs?|hours?)(?-u:\b)(?:,?\s*(?:and\s+)?(?P<hm>\d{1,2})[\s-]*(?:m|mins?|minutes?)(?-u:\b))?
        | (?-u:\b)(?P<m>\d+)[\s-]*(?:m|mins?|minutes?)(?-u:\b)
        ",
    )
    .expect("duration pattern")
});

/// What makes a duration the incident's: "for 4 hours", "a 37-minute outage", "lasted".
static INCIDENT_DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:for|over|lasted|lasting|took)\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+|around\s+|~)?$)|(?:^\s*(?:of\s+)?(?:outage|downtime|incident|disruption|degradation)(?-u:\b))")
        .expect("incident duration context")
});

/// A sentence about the outage itself.
static ABOUT_OUTAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:outage|down|downtime|incident|affect(?:ed|ing)|impact(?:ed|ing)?|unavailable|unreachable|degraded|fail(?:ed|ing|ures?)?|errors?|disrupt(?:ed|ion)|broken|offline)(?-u:\b)")
        .expect("outage words")
});

/// "from 12:14 to 12:52", "between 09:02 and 09:49", "2:14am–6:47am".
static WINDOW_JOIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[A-Z]{1,4}T?\s+)?(?:to|and|until|till|through|[-–—])\s*$")
        .expect("window join")
});

struct Stated {
    range: Range<usize>,
    seconds: i64,
    /// Half the unit it is written in: "4 hours" is ±30 minutes.
    precision: i64,
}

fn parse_duration(caps: &regex::Captures) -> Option<(i64, i64)> {
    if let Some(h) = caps.name("h") {
        let hours: f64 = h.as_str().parse().ok()?;
        let minutes: i64 = caps
            .name("hm")
            .map_or(Some(0), |m| m.as_str().parse().ok())?;
        let precision = if caps.name("hm").is_some() {
            60
        } else if h.as_str().contains('.') {
            15 * 60
        } else {
            30 * 60
        };
        Some(((hours * 3600.0).round() as i64 + minutes * 60, precision))
    } else {
        let minutes: i64 = caps.name("m")?.as_str().parse().ok()?;
        let precision = if minutes % 5 == 0 { 150 } else { 60 };
        Some((minutes * 60, precision))
    }
}

/// Durations the document states for the incident.
fn stated_durations(doc: &Document) -> Vec<Stated> {
    let mut found = Vec::new();
    let mut scan = |range: Range<usize>, needs_context: bool| {
        let text = &doc.prose[range.clone()];
        for caps in DURATION.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let context = INCIDENT_DURATION.is_match(&text[..whole.start()])
                || INCIDENT_DURATION.is_match(&text[whole.end()..]);
            if needs_context && !context {
                continue;
            }
            if let Some((seconds, precision)) = parse_duration(&caps) {
                let start = range.start + whole.start();
                found.push(Stated {
                    range: start..range.start + whole.end(),
                    seconds,
                    precision,
                });
            }
        }
    };
    if let Some(duration) = doc.metadata.field(MetaKey::Duration) {
        scan(duration.range.clone(), false);
    }
    for sentence in &doc.sentences {
        let in_timeline = doc.slot_at(sentence.range.start) == Some(Slot::Timeline);
        let text = &doc.prose[sentence.range.clone()];
        let is_metadata = doc.metadata.field(MetaKey::Duration).is_some_and(|f| {
            f.range.start >= sentence.range.start && f.range.end <= sentence.range.end
        });
        if !in_timeline && !is_metadata && ABOUT_OUTAGE.is_match(text) {
            scan(sentence.range.clone(), true);
        }
    }
    found
}

/// Windows the document writes out outside its timeline: "from 12:14 to 12:52".
fn written_windows(doc: &Document) -> Vec<i64> {
    let mut windows = Vec::new();
    for sentence in &doc.sentences {
        if doc.slot_at(sentence.range.start) == Some(Slot::Timeline) {
            continue;
        }
        let whole = &doc.prose[sentence.range.clone()];
        let mut at = 0;
        while let Some((from, range, _)) = find_time(&whole[at..]) {
            let (from_start, from_end) = (at + range.start, at + range.end);
            let rest = &whole[from_end..];
            let Some((to, next, _)) = find_time(rest) else {
                break;
            };
            // "May 28 2025, 11:30 AM UTC - May 29 2025, ~17:30 UTC": a day on each side.
            let join = &rest[..next.start];
            let to_day = find_day(join);
            let bare_join = match &to_day {
                Some((_, r)) => format!("{}{}", &join[..r.start], &join[r.end..]),
                None => join.to_string(),
            };
            let bare_join =
                bare_join.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '~'));
            if WINDOW_JOIN.is_match(bare_join) {
                let lead = &whole[from_start.saturating_sub(24)..from_start];
                let days = match (find_day(lead), to_day) {
                    (Some((a, _)), Some((b, _))) => {
                        let year = a.year.or(b.year);
                        match (a.date(year), b.date(year)) {
                            (Some(a), Some(b)) => a.days_until(b),
                            _ => 0,
                        }
                    }
                    _ => i64::from(to.0 < from.0),
                };
                windows.push(days * 86_400 + i64::from(to.0) - i64::from(from.0));
            }
            at = from_end;
        }
    }
    windows
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Some(span) = doc.timeline.span().filter(|&s| s > 0) else {
        return;
    };
    let found = metrics::compute(doc);
    let at = |kind| found.milestone(kind).map(|m| m.elapsed);
    let mut candidates = vec![span];
    candidates.extend(at(MilestoneKind::Mitigation));
    candidates.extend(at(MilestoneKind::Resolution));
    if let (Some(d), Some(r)) = (at(MilestoneKind::Detection), at(MilestoneKind::Resolution)) {
        candidates.push(r - d);
    }
    candidates.extend(written_windows(doc));
    let (first, last) = timeline_ends(doc);
    for stated in stated_durations(doc) {
        let agrees = candidates.iter().any(|&c| {
            let tolerance = stated.precision.max(c / 10).max(120);
            (stated.seconds - c).abs() <= tolerance
        });
        if agrees {
            continue;
        }
        let written = doc.text[stated.range.clone()].trim();
        ctx.report(
            stated.range,
            format!(
                "`{written}` disagrees with the timeline: {first} → {last} is {}",
                format_duration(span)
            ),
        )
        .with_note("State the duration the timeline shows, or correct the timeline (seed 000 says both \"4 hours\" and \"4.5 hours\" for 2:14am–6:47am).");
    }
}

/// How the earliest and latest timeline entries write their time.
fn timeline_ends(doc: &Document) -> (String, String) {
    let timed: Vec<_> = doc.timeline.timed().collect();
    let written = |pick: fn(&[&crate::document::TimelineEntry]) -> Option<usize>| {
        pick(&timed)
            .and_then(|i| timed[i].stamp_range.clone())
            .map_or_else(String::new, |r| doc.text[r].trim().to_string())
    };
    let first = written(|t| (0..t.len()).min_by_key(|&i| t[i].instant));
    let last = written(|t| (0..t.len()).max_by_key(|&i| t[i].instant));
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{findings, SEED_000};

    #[test]
    fn flags_seed_000s_four_hours() {
        assert_eq!(
            findings("T004", SEED_000),
            vec!["`4 hours` disagrees with the timeline: 2:14am → 6:47am is 4h 33m"]
        );
    }

    #[test]
    fn matching_durations_and_written_windows_pass() {
        let text = "# P\n\n## Summary\n\nThe API was down for 47 minutes; calls failed between 09:02 and 09:49 UTC.\n\n## Timeline (UTC)\n\n- 09:00 Record changed\n- 09:14 Customer email\n- 09:36 Record fixed\n- 10:10 Confirmed all traffic flowing\n";
        assert_eq!(findings("T004", text), Vec::<String>::new());
        let metadata = "# P\n\n**Duration:** 4h 33m\n\n## Timeline (UTC)\n\n- 02:14 Alert fired\n- 06:47 Resolved\n";
        assert_eq!(findings("T004", metadata), Vec::<String>::new());
        let dated = "# P\n\n* Date: May 28 2025, 11:30 UTC - May 29 2025, ~17:30 UTC\n* Duration: ~30 hours\n\n## Timeline (UTC)\n\n| Time (UTC) | Event |\n|---|---|\n| May 28 2025, 11:30 | Halt |\n| \\[+22 hrs] | Restored |\n| \\[+2 days] | Fixes staged |\n";
        assert_eq!(findings("T004", dated), Vec::<String>::new());
        let wrong = metadata.replace("4h 33m", "3h 10m");
        assert_eq!(findings("T004", &wrong).len(), 1);
    }

    #[test]
    fn durations_that_are_not_the_incidents_are_ignored() {
        let text = "# P\n\n## Summary\n\nThe alert threshold was 100% for 10 minutes, and each run held connections for 90 seconds.\n\n## Timeline (UTC)\n\n- 12:14 Alert fired\n- 12:52 Resolved\n";
        assert_eq!(findings("T004", text), Vec::<String>::new());
    }
}
