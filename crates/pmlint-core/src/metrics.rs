//! Incident metrics computed from the timeline: when the incident was detected,
//! acknowledged, mitigated and resolved, and how long each took. Seed `002`'s "Key
//! Milestones" (detection, acknowledgment/MTTA, mitigation, resolution/MTTR) and seed
//! `001`'s timeline questions ("When was it first detectable? What caused delays?").
//! Front ends show these (CLI JSON, LSP hover, the editor page); T003 reports the
//! milestones the timeline lacks.

use crate::document::{Document, TimelineEntry};
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneKind {
    Detection,
    Acknowledgement,
    Mitigation,
    Resolution,
}

impl MilestoneKind {
    pub const ALL: [MilestoneKind; 4] = [
        MilestoneKind::Detection,
        MilestoneKind::Acknowledgement,
        MilestoneKind::Mitigation,
        MilestoneKind::Resolution,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MilestoneKind::Detection => "detection",
            MilestoneKind::Acknowledgement => "acknowledgement",
            MilestoneKind::Mitigation => "mitigation",
            MilestoneKind::Resolution => "resolution",
        }
    }

    /// Words in a timeline entry that mark this milestone.
    fn cue(self) -> &'static Regex {
        match self {
            MilestoneKind::Detection => &DETECTION,
            MilestoneKind::Acknowledgement => &ACKNOWLEDGEMENT,
            MilestoneKind::Mitigation => &MITIGATION,
            MilestoneKind::Resolution => &RESOLUTION,
        }
    }
}

static DETECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:alert(?:s|ed|ing)?|alarms?|paged?|pages|paging|detect(?:s|ed|ion)?|noticed?|notices|monitoring|synthetic|fires|fired|goes\s+off|went\s+off|reports|reported|reporting|(?:a|an|first)\s+report|report\s+received|\w+s\s+report|flag(?:s|ged)|fail(?:ed|s)\s+to|does\s+not\s+(?:start|work|load)|notified|discovered|observed|raised|pinged|pings|tickets?|complain(?:t|ts|ed)?|escalat(?:es|ed)|first\s+(?:sign|report|call|error|failure)s?|customers?\s+(?:emails?|calls?|reports?)|support\s+(?:posts|raises|flags|tells))(?-u:\b)")
        .expect("detection cue")
});
static ACKNOWLEDGEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:acknowledge[sd]?|acknowledg(?:ment|ement)|ack(?:ed|s)?|declares?|declared|incident\s+(?:opened|created|started)|opens?\s+(?:an?\s+)?(?:incident|sev|#)|joins|joined|starts?\s+(?:investigating|looking|triage)|began\s+investigat\w*|responds|responded|takes?\s+(?:command|ic)|IC)(?-u:\b)")
        .expect("acknowledgement cue")
});
static MITIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:mitigat\w*|(?:fix|pr|patch|change)\w*\s+(?:\w+\s+){0,4}?(?:deployed|merged|released|rolled\s+out)|reschedul\w*|roll(?:ed|s)?\s+back|rollback|revert(?:s|ed)?|disabled?|disables|paused?|pauses|halted?|stopped|failover|failed\s+over|switch(?:ed|es)?|re-?rout\w*|scal(?:ed|es)\s+(?:up|out)|restart(?:s|ed)?|workaround|hotfix|patch(?:ed)?|fix(?:es|ed)?\s+(?:deployed|applied|shipped)|(?:purge|restore|recovery)\s+(?:issued|begins|started)|re-?appl(?:y|ied|ying)|partially\s+restored|corrected|changed\s+(?:back\s+)?to|updated\s+to|repointed|(?:raised|increased|reduced|lowered|set|scaled)\s+back)(?-u:\b)")
        .expect("mitigation cue")
});
static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:resolved|resolution|recovered|end\s+of\s+(?:the\s+)?(?:outage|incident|impact)|working\s+again|works\s+again|fixed|fix(?:es)?\s+(?:lands?|landed|merged|deployed|released)|(?:is|are|was|were|came|comes)\s+back|back\s+up|goes\s+away|went\s+away|return(?:s|ed)?\s+to\s+normal|no\s+longer|fully\s+(?:restored|recovered)|back\s+(?:to\s+(?:normal|baseline)|online|under)|at\s+baseline|returned\s+to\s+(?:normal|baseline)|all\s+clear|closed|normal\s+operations?|service\s+restored|restored|stable|stabili[sz]ed|healthy|drained|correct\s+in\s+all)(?-u:\b)")
        .expect("resolution cue")
});

/// A milestone found in the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub kind: MilestoneKind,
    /// Index into the timeline's entries.
    pub entry: usize,
    /// Where the entry's time is written.
    pub range: Range<usize>,
    /// Seconds since the first timeline entry.
    pub elapsed: i64,
}

/// Durations in seconds; `None` when the timeline lacks the milestones.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IncidentMetrics {
    /// From the first timeline entry to detection.
    pub time_to_detect: Option<i64>,
    /// From detection to acknowledgement (MTTA).
    pub time_to_acknowledge: Option<i64>,
    /// From the first entry to mitigation (customer impact stopped).
    pub time_to_mitigate: Option<i64>,
    /// From the first entry to resolution (MTTR).
    pub time_to_resolve: Option<i64>,
    /// From the first to the last timed entry.
    pub total: Option<i64>,
    pub milestones: Vec<Milestone>,
}

impl IncidentMetrics {
    pub fn milestone(&self, kind: MilestoneKind) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.kind == kind)
    }
}

/// Finds the milestones: detection, then acknowledgement and mitigation at or after
/// it (an entry may both detect and acknowledge: "alert fires; Maryam acknowledges"),
/// and resolution as the last entry that says so.
pub fn compute(doc: &Document) -> IncidentMetrics {
    let mut timed: Vec<(usize, &TimelineEntry, i64)> = doc
        .timeline
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, e, e.instant?)))
        .collect();
    timed.sort_by_key(|&(i, _, at)| (at, i));
    let Some(&(_, _, start)) = timed.first() else {
        return IncidentMetrics::default();
    };
    let end = timed.last().map_or(start, |t| t.2);
    let says = |kind: MilestoneKind, entry: &TimelineEntry| kind.cue().is_match(&entry.text.text);
    let milestone =
        |kind: MilestoneKind, &(i, entry, at): &(usize, &TimelineEntry, i64)| Milestone {
            kind,
            entry: i,
            range: entry.time_range.clone().unwrap_or(entry.range.clone()),
            elapsed: at - start,
        };
    let mut milestones = Vec::new();
    let detection = timed.iter().find(|t| says(MilestoneKind::Detection, t.1));
    let after_detection = detection.map_or(start, |d| d.2);
    if let Some(d) = detection {
        milestones.push(milestone(MilestoneKind::Detection, d));
    }
    for kind in [MilestoneKind::Acknowledgement, MilestoneKind::Mitigation] {
        let found = timed
            .iter()
            .find(|t| t.2 >= after_detection && says(kind, t.1));
        if let Some(m) = found {
            milestones.push(milestone(kind, m));
        }
    }
    if let Some(r) = timed
        .iter()
        .rev()
        .find(|t| says(MilestoneKind::Resolution, t.1))
    {
        milestones.push(milestone(MilestoneKind::Resolution, r));
    }
    let at = |kind| {
        milestones
            .iter()
            .find(|m: &&Milestone| m.kind == kind)
            .map(|m| m.elapsed)
    };
    let detected = at(MilestoneKind::Detection);
    IncidentMetrics {
        time_to_detect: detected,
        time_to_acknowledge: at(MilestoneKind::Acknowledgement)
            .zip(detected)
            .map(|(a, d)| a - d),
        time_to_mitigate: at(MilestoneKind::Mitigation),
        time_to_resolve: at(MilestoneKind::Resolution),
        total: Some(end - start),
        milestones,
    }
}

/// "4h 33m", "37m", "45s": how durations read in messages and front ends.
pub fn format_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (h, m) = (s / 3600, s / 60 % 60);
    match (h, m) {
        (0, 0) => format!("{sign}{s}s"),
        (0, m) => format!("{sign}{m}m"),
        (h, 0) => format!("{sign}{h}h"),
        (h, m) => format!("{sign}{h}h {m}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_milestones_and_durations() {
        let text = "# Postmortem\n\n## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 23:50 | Deploy of release 42 |\n| 23:58 | Error-rate alert fires |\n| 00:04 | On-call acknowledges the page |\n| 00:20 | Release 42 rolled back |\n| 00:41 | Error rate back to normal; incident resolved |\n";
        let doc = Document::parse(text);
        let m = compute(&doc);
        assert_eq!(m.time_to_detect, Some(8 * 60));
        assert_eq!(m.time_to_acknowledge, Some(6 * 60));
        assert_eq!(m.time_to_mitigate, Some(30 * 60));
        assert_eq!(m.time_to_resolve, Some(51 * 60));
        assert_eq!(m.total, Some(51 * 60));
        let kinds: Vec<_> = m.milestones.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, MilestoneKind::ALL);
        assert_eq!(
            &text[m
                .milestone(MilestoneKind::Mitigation)
                .unwrap()
                .range
                .clone()],
            "00:20"
        );
    }

    #[test]
    fn no_timeline_no_metrics() {
        let m = compute(&Document::parse(
            "# Postmortem\n\n## Summary\n\nIt broke.\n",
        ));
        assert_eq!(m, IncidentMetrics::default());
    }

    #[test]
    fn formats_durations() {
        assert_eq!(format_duration(4 * 3600 + 33 * 60), "4h 33m");
        assert_eq!(format_duration(37 * 60), "37m");
        assert_eq!(format_duration(2 * 3600), "2h");
        assert_eq!(format_duration(45), "45s");
    }
}
