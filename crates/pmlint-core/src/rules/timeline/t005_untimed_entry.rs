use super::timeline_heading;
use crate::diagnostic::Severity;
use crate::document::TimelineEntry;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "T005",
    name: "untimed-entry",
    family: Family::Timeline,
    default_severity: Severity::Warning,
    summary: "A timeline entry has no time.",
    docs: RuleDocs {
        what: "Reports each timeline row or list item without a time (`14:05`, `2:14am`, an ISO timestamp), or the timeline once when none of its entries has one. Template rows with `HH:MM` are left to S003.",
        why: "\"Be precise with times\" (seed `001`, Timeline Analysis); seed `000`: \"Timeline with timestamps shows urgency, not just 'we responded quickly'\". An untimed entry cannot be placed, and the durations around it cannot be measured.",
        example: "- Then the database team joined",
        better: "- 02:45 The database team joined the incident call",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let entries = &doc.timeline.entries;
    // A timeline is one table or one list: untimed items of the other kind (a "Key
    // Milestones" list under a timeline table) are not its entries.
    let in_table = |e: &TimelineEntry| doc.table_at(e.range.start).is_some();
    let timed_kinds: Vec<bool> = doc.timeline.timed().map(in_table).collect();
    let untimed: Vec<_> = entries
        .iter()
        .filter(|e| e.time.is_none() && !doc.text[e.range.clone()].contains("HH:MM"))
        .filter(|e| timed_kinds.is_empty() || timed_kinds.contains(&in_table(e)))
        .collect();
    if untimed.is_empty() {
        return;
    }
    if untimed.len() == entries.len() {
        if let Some(heading) = timeline_heading(doc) {
            ctx.report(heading, "The timeline has no times")
                .with_note("Start each entry with when it happened, e.g. `14:05`.");
        }
        return;
    }
    for entry in untimed {
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
}
