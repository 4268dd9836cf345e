use super::timeline_heading;
use crate::diagnostic::Severity;
use crate::document::{EntryShape, TimelineEntry};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "T005",
    name: "untimed-entry",
    family: Family::Timeline,
    default_severity: Severity::Warning,
    summary: "A timeline entry has no time.",
    docs: RuleDocs {
        what: "Reports each timeline entry without a time (`14:05`, `2:14am`, `[09:05]`, an ISO timestamp, an offset such as `+1 hrs`) among timed entries written the same way — rows, list items, lines or sub-headings, also words where the others have a time (\"[The morning] …\") — or the timeline once when none of its entries has a time or a date. A dated entry without a time is reported only where most entries of its form are timed: a timeline kept by the day needs no times. Template rows with `HH:MM` are left to S003.",
        why: "\"Be precise with times\" (seed `001`, Timeline Analysis); seed `000`: \"Timeline with timestamps shows urgency, not just 'we responded quickly'\". An untimed entry cannot be placed, and the durations around it cannot be measured.",
        example: "- Then the database team joined",
        better: "- 02:45 The database team joined the incident call",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let entries = &doc.timeline.entries;
    if entries.is_empty() {
        return;
    }
    let template = |e: &TimelineEntry| doc.text[e.range.clone()].contains("HH:MM");
    if entries.iter().all(|e| e.day.is_none() && !template(e)) {
        if let Some(heading) = timeline_heading(doc) {
            ctx.report(heading, "The timeline has no times")
                .with_note("Start each entry with when it happened, e.g. `14:05`.");
        }
        return;
    }
    // A timeline keeps to its own forms: an untimed entry counts among timed entries of
    // its shape (a "Key Milestones" list under a timed table is not one of its entries),
    // and a dated one only where that shape is mostly timed (days are its grain otherwise).
    let count = |shape: EntryShape, timed: bool| {
        entries
            .iter()
            .filter(|e| e.shape == shape && (!timed || e.has_time()))
            .count()
    };
    let shapes = [
        EntryShape::TableRow,
        EntryShape::ListItem,
        EntryShape::Line,
        EntryShape::Heading,
    ];
    let counts: Vec<(EntryShape, usize, usize)> = shapes
        .iter()
        .map(|&s| (s, count(s, true), count(s, false)))
        .collect();
    for entry in entries {
        if entry.has_time() || template(entry) {
            continue;
        }
        let Some(&(_, timed, all)) = counts.iter().find(|c| c.0 == entry.shape) else {
            continue;
        };
        if timed == 0 || (entry.day.is_some() && timed * 2 < all) {
            continue;
        }
        let text = &entry.text;
        let line_end = text
            .text
            .find('\n')
            .map_or(text.range.end, |i| text.range.start + i);
        ctx.report(text.range.start..line_end, "Timeline entry has no time")
            .with_note(
                "Start it with when it happened, e.g. `14:05`, or move it out of the timeline.",
            );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{findings, SEED_000};

    #[test]
    fn reports_entries_without_times() {
        let text = "# P\n\n## Timeline (UTC)\n\n- 14:05 Alert fired\n- Then the database team joined\n- 14:30 Resolved\n";
        assert_eq!(findings("T005", text), vec!["Timeline entry has no time"]);
        let none = "# P\n\n## Timeline\n\n- Alert fired\n- Resolved\n";
        assert_eq!(findings("T005", none), vec!["The timeline has no times"]);
    }

    #[test]
    fn timed_and_template_entries_pass() {
        assert_eq!(findings("T005", SEED_000), Vec::<String>::new());
        let template = "# P\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| HH:MM | First alert |\n| 14:05 | Paged |\n";
        assert_eq!(findings("T005", template), Vec::<String>::new());
        let milestones = "# P\n\n## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 14:05 | Alert fired |\n\n**Key Milestones**:\n- **Total incident duration**: 37 minutes\n";
        assert_eq!(findings("T005", milestones), Vec::<String>::new());
    }

    #[test]
    fn headings_lines_and_worded_slots_are_entries() {
        let headings = "# P\n\n## Timeline\n\n### Over spring break week\n\nScaled down.\n\n### 2017-04-03 11:32\n\nReports.\n\n### 11:35\n\nScaled up.\n";
        assert_eq!(
            findings("T005", headings),
            vec!["Timeline entry has no time"]
        );
        let lines = "# P\n\n## Timeline\n\n#### [2026-06-09]\n[18:27] An alarm goes off\n#### [2026-06-10]\n[The morning] Edward fixes the issue\n";
        assert_eq!(findings("T005", lines), vec!["Timeline entry has no time"]);
    }

    #[test]
    fn days_and_offsets_place_entries() {
        let days = "# P\n\n## Timeline\n\n2019-07-25:\n* Issue opened\n\n2019-08-09:\n* Fuzzer report\n* Fix drafted\n\n2019-10-08:\n* 11:20 AM v1.11.2 pushed\n";
        assert_eq!(findings("T005", days), Vec::<String>::new());
        let offsets = "# P\n\n## Timeline (UTC)\n\n| Time (UTC) | Event |\n|---|---|\n| May 28 2025, 11:30 AM UTC | Halt |\n| \\[+1 hrs] | Triage |\n| \\[+2 Business Days Later] | Fixes |\n";
        assert_eq!(findings("T005", offsets), Vec::<String>::new());
        let table = "# P\n\n## Timeline\n\n| Date | Event |\n|---|---|\n| 2021-05-08 | Merged |\n| 2021-06-16 | Released |\n";
        assert_eq!(findings("T005", table), Vec::<String>::new());
    }
}
