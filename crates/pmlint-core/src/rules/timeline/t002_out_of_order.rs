use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "T002",
    name: "out-of-order",
    family: Family::Timeline,
    default_severity: Severity::Warning,
    summary: "A timeline entry is earlier than the entry before it.",
    docs: RuleDocs {
        what: "Places the timeline on one clock — each entry's own date (`2019-03-04`, `4th Mar 2019`, `Mar 4`), the date of a day heading above it (\"### 2023-08-26\", \"2019-07-25:\"), a roll-over to the next day when a time is more than twelve hours earlier than the one before (23:50 → 00:10), and on a 12-hour clock the afternoon for a bare \"1:17\" after \"11:57\" — and reports an entry earlier than its predecessor. An entry on a later day with an earlier clock time is in order; timelines of dates alone are ordered by day.",
        why: "A timeline exists to \"understand sequence of events\" (seed `001`, Timeline Analysis); an entry out of place misleads the reader about cause and effect and about how long the response took.",
        example: "- 14:20 Rolled back\n- 14:05 Alert fired",
        better: "- 14:05 Alert fired\n- 14:20 Rolled back",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    // The previous placed entry: its day, its instant when timed, and how it is written.
    let mut previous: Option<(i64, Option<i64>, &str)> = None;
    for entry in &doc.timeline.entries {
        let (Some(day), Some(range)) = (entry.day, entry.stamp_range.clone()) else {
            continue;
        };
        let written = doc.text[range.clone()].trim();
        if let Some((before_day, before, before_written)) = previous {
            // Days order entries; times order them within a day.
            let earlier = day < before_day
                || matches!((entry.instant, before), (Some(at), Some(b)) if at < b);
            if earlier {
                ctx.report(
                    range,
                    format!("`{written}` is earlier than the entry before it (`{before_written}`)"),
                )
                .with_note("Keep the timeline in chronological order; add a date when it crosses midnight.");
            }
        }
        previous = Some((day, entry.instant, written));
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

    #[test]
    fn days_order_entries_and_day_headings_date_them() {
        let dates = "# P\n\n## Timeline\n\n| Date | Event |\n|---|---|\n| 2021-06-16 | Release |\n| 2021-12-01 | Report |\n| 2021-01-28 | Report |\n";
        assert_eq!(
            findings("T002", dates),
            vec!["`2021-01-28` is earlier than the entry before it (`2021-12-01`)"]
        );
        let headed = "# P\n\n## Timeline (UTC)\n\n### 2023-08-25\n\n15:27 - Change submitted.<br> 23:54 - Report.\n\n### 2023-08-26\n\n04:24 - Pinged.<br> 12:55 - Fixed.\n";
        assert_eq!(findings("T002", headed), Vec::<String>::new());
        let headings = "# P\n\n## Timeline\n\nAll times in PST\n\n### March 6 2017 22:59 ###\n\nDeployed.\n\n### 23:21 ###\n\nProd broke.\n\n### 21:31 ###\n\nTags differ.\n\n### March 12 19:57 ##\n\nAgain.\n";
        assert_eq!(
            findings("T002", headings),
            vec!["`21:31` is earlier than the entry before it (`23:21`)"]
        );
    }

    #[test]
    fn a_twelve_hour_clock_turns_to_the_afternoon() {
        let text = "# P\n\n## Timeline\n\n### ~9:43 AM: Start\n- 9:44: Report\n- 11:57-12:08: Discussion\n- 1:17: Test shared\n\n### 5:38-10:57 PM: Retro\n- 5:38: Recall\n- 10:57: Explanation\n";
        assert_eq!(findings("T002", text), Vec::<String>::new());
        let doc = crate::Document::parse(text);
        let hours: Vec<_> = doc
            .timeline
            .timed()
            .map(|e| e.instant.unwrap() % 86_400 / 3600)
            .collect();
        assert_eq!(hours, vec![9, 11, 13, 17, 22]);
    }
}
