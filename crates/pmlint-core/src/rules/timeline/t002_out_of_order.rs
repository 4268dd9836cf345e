use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "T002",
    name: "out-of-order",
    family: Family::Timeline,
    default_severity: Severity::Warning,
    summary: "A timeline entry is earlier than the entry before it.",
    docs: RuleDocs {
        what: "Places the timeline on one clock — explicit dates where given, and a roll-over to the next day when a time is more than twelve hours earlier than the one before (23:50 → 00:10) — and reports an entry earlier than its predecessor.",
        why: "A timeline exists to \"understand sequence of events\" (seed `001`, Timeline Analysis); an entry out of place misleads the reader about cause and effect and about how long the response took.",
        example: "- 14:20 Rolled back\n- 14:05 Alert fired",
        better: "- 14:05 Alert fired\n- 14:20 Rolled back",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let mut previous: Option<(i64, &str)> = None;
    for entry in doc.timeline.timed() {
        let (Some(at), Some(range)) = (entry.instant, entry.time_range.clone()) else {
            continue;
        };
        let written = &doc.text[range.clone()];
        if let Some((before, before_written)) = previous {
            if at < before {
                ctx.report(
                    range,
                    format!("`{}` is earlier than the entry before it (`{}`)", written.trim(), before_written.trim()),
                )
                .with_note("Keep the timeline in chronological order; add a date when it crosses midnight.");
            }
        }
        previous = Some((at, written));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_a_step_back() {
        let text = "# P\n\n## Timeline (UTC)\n\n- 14:05 Alert fired\n- 14:20 Rolled back\n- 14:10 Paged the DB team\n";
        assert_eq!(
            findings("T002", text),
            vec!["`14:10` is earlier than the entry before it (`14:20`)"]
        );
    }

    #[test]
    fn midnight_rolls_over_to_the_next_day() {
        let text = "# P\n\n## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 23:40 | Deploy |\n| 23:58 | Alert fired |\n| 00:12 | Rolled back |\n| 01:05 | Resolved |\n";
        assert_eq!(findings("T002", text), Vec::<String>::new());
        let doc = crate::Document::parse(text);
        assert_eq!(doc.timeline.span(), Some(85 * 60));
    }

    #[test]
    fn mixed_formats_and_explicit_dates() {
        let text = "# P\n\n## Timeline\n\nAll times in UTC.\n\n- 2025-01-14 22:50 Batch job starts\n- 11:55pm Alert fired\n- 2025-01-15T00:10:30Z Rolled back\n- 00:40 Resolved\n- 2025-01-14 23:00 Reconstructed: first errors\n";
        assert_eq!(
            findings("T002", text),
            vec!["`2025-01-14 23:00` is earlier than the entry before it (`00:40`)"]
        );
        let doc = crate::Document::parse(text);
        let instants: Vec<_> = doc.timeline.timed().map(|e| e.instant.unwrap()).collect();
        assert_eq!(instants[2] - instants[0], 80 * 60 + 30);
        assert_eq!(instants[3] - instants[2], 29 * 60 + 30);
    }

    #[test]
    fn a_separate_date_column_is_read() {
        let text = "# P\n\n## Timeline (UTC)\n\n| Date | Time | Event |\n|---|---|---|\n| 2025-03-01 | 23:00 | Deploy |\n| 2025-03-03 | 09:00 | Alert fired |\n";
        let doc = crate::Document::parse(text);
        assert_eq!(doc.timeline.span(), Some(34 * 3600));
        assert_eq!(findings("T002", text), Vec::<String>::new());
    }
}
