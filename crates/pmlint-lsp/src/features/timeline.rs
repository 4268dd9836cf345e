//! Elapsed times along the timeline: inlay hints (`+6m`) and the numbers hover shows.

use crate::analysis::Analysis;
use ls_types::{self as lsp, InlayHint, InlayHintLabel};
use pmlint_core::document::TimelineEntry;
use pmlint_core::Encoding;

/// Seconds from the first timed entry and from the previous timed entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed {
    pub since_start: i64,
    pub since_previous: Option<i64>,
}

const DAY: i64 = 86_400;

/// Per entry, its elapsed times (`None` for an entry without a time). A date on an entry
/// holds for the entries after it; without dates, a time more than 12 hours before the
/// previous one is read as the next day (a timeline crossing midnight).
pub fn elapsed(entries: &[TimelineEntry]) -> Vec<Option<Elapsed>> {
    let mut start = None;
    let mut previous: Option<i64> = None;
    let mut day = None;
    let mut day_shift = 0;
    entries
        .iter()
        .map(|entry| {
            let time = i64::from(entry.time?.0);
            if let Some(date) = entry.date {
                day = Some(date.days_since_epoch());
                day_shift = 0;
            } else if previous.is_some_and(|p| time + day_shift * DAY < p - DAY / 2) {
                day_shift += 1;
            }
            let at = (day.unwrap_or(0) + day_shift) * DAY + time;
            let start = *start.get_or_insert(at);
            let since_previous = previous.map(|p| at - p);
            previous = Some(at);
            Some(Elapsed {
                since_start: at - start,
                since_previous,
            })
        })
        .collect()
}

/// `6m`, `1h 20m`, `2d 3h`, `45s`; negative for a step back in time.
pub fn format_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (d, h, m) = (s / 86_400, s / 3600 % 24, s / 60 % 60);
    let body = match (d, h, m) {
        (0, 0, 0) if s > 0 => format!("{s}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    };
    format!("{sign}{body}")
}

/// `+6m` after each timed entry's time, for entries within `range`.
pub fn inlay_hints(a: &Analysis, encoding: Encoding, range: lsp::Range) -> Vec<InlayHint> {
    let at = a.at(encoding);
    let wanted = at.byte_range(range);
    a.timeline
        .iter()
        .zip(elapsed(&a.timeline))
        .filter_map(|(entry, elapsed)| {
            let step = elapsed?.since_previous?;
            let time = entry.time_range.as_ref()?;
            if time.end < wanted.start || time.start > wanted.end {
                return None;
            }
            let sign = if step >= 0 { "+" } else { "" };
            Some(InlayHint {
                position: at.position(time.end),
                label: InlayHintLabel::String(format!("{sign}{}", format_duration(step))),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: Some(true),
                data: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::analyze;

    #[test]
    fn hints_time_since_the_previous_entry_across_midnight() {
        let a = analyze(
            "# Postmortem: outage\n\n## Timeline\n\n- 23:50 alert fired\n- 23:56 paged\n- 00:10 rolled back\n- late: customers told\n- 01:30 resolved\n",
        );
        let steps: Vec<_> = elapsed(&a.timeline)
            .into_iter()
            .map(|e| e.map(|e| (e.since_start, e.since_previous)))
            .collect();
        assert_eq!(
            steps,
            vec![
                Some((0, None)),
                Some((360, Some(360))),
                Some((1200, Some(840))),
                None,
                Some((6000, Some(4800)))
            ]
        );
        let everything = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(99, 0));
        let hints = inlay_hints(&a, Encoding::Utf16, everything);
        let labels: Vec<_> = hints
            .iter()
            .map(|h| match &h.label {
                InlayHintLabel::String(s) => (h.position.line, h.position.character, s.clone()),
                InlayHintLabel::LabelParts(_) => unreachable!(),
            })
            .collect();
        assert_eq!(
            labels,
            vec![
                (5, 7, "+6m".to_string()),
                (6, 7, "+14m".to_string()),
                (8, 7, "+1h 20m".to_string())
            ]
        );
        // Only the requested lines.
        let line6 = lsp::Range::new(lsp::Position::new(6, 0), lsp::Position::new(6, 20));
        assert_eq!(inlay_hints(&a, Encoding::Utf16, line6).len(), 1);
    }

    #[test]
    fn formats_durations() {
        assert_eq!(format_duration(45), "45s");
        assert_eq!(format_duration(0), "0m");
        assert_eq!(format_duration(3600), "1h");
        assert_eq!(format_duration(93_600 + 60), "1d 2h");
        assert_eq!(format_duration(-300), "-5m");
    }
}
