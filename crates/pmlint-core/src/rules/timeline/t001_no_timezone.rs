use super::timeline_section;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "T001",
    name: "no-timezone",
    family: Family::Timeline,
    default_severity: Severity::Warning,
    summary: "Timeline times have no time zone.",
    docs: RuleDocs {
        what: "Reports a timeline with clock times but no zone anywhere, at its first time: no zone in the heading or time column (\"Timeline (UTC)\", \"Time (PT)\", \"Timeline (all times in PST/PDT)\"), no line in its intro that names one (\"All times in UTC\", \"All times US/Pacific\"), no suffix on the times (\"14:05 UTC\", \"…Z\"). A zone given once covers the whole timeline; a timeline of days or of offsets (\"+1 hrs\") needs none.",
        why: "Seed `001`'s timeline analysis asks for \"Timestamp (in UTC)\" and seed `002`'s template starts the timeline with \"All times in [Timezone]\". Responders, logs and readers sit in different zones; a bare \"14:05\" cannot be matched against dashboards or other incidents.",
        example: "## Timeline\n\n- 14:05 Alert fired",
        better: "## Timeline\n\nAll times in UTC.\n\n- 14:05 Alert fired",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let timeline = &doc.timeline;
    if timeline.has_zone() {
        return;
    }
    // Offsets ("+1 hrs") and days need no zone; clock times do.
    let Some(first) = timeline.entries.iter().find_map(|e| e.time_range.clone()) else {
        return;
    };
    let Some(section) = timeline_section(doc) else {
        return;
    };
    let heading = &section.heading_range;
    let at = heading.start + doc.text[heading.clone()].trim_end().len();
    let written = doc.text[first.clone()].trim().to_string();
    ctx.report(first, format!("`{written}`: the timeline's times have no time zone"))
        .with_note("Say once which zone the times are in, in the timeline's heading or first line, e.g. \"All times in UTC.\" (seed 001: \"Timestamp (in UTC)\").")
        .with_fix(Fix::unsafe_(
            "Declare the times as UTC",
            vec![Edit::insert(at, "\n\nAll times in UTC.")],
        ));
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_times_without_a_zone() {
        let text = "# Postmortem\n\n## Timeline\n\n- 14:05 Alert fired\n- 14:20 Rolled back\n";
        assert_eq!(
            findings("T001", text),
            vec!["`14:05`: the timeline's times have no time zone"]
        );
    }

    #[test]
    fn a_zone_anywhere_is_enough() {
        for text in [
            "# P\n\n## Timeline\n\nAll times in UTC.\n\n- 14:05 Alert fired\n",
            "# P\n\n## Timeline (PT)\n\n- 14:05 Alert fired\n",
            "# P\n\n## Timeline\n\nAll times are local (CET).\n\n- 14:05 Alert fired\n",
            "# P\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 14:05 | Alert fired |\n",
            "# P\n\n## Timeline\n\n- 2025-01-15T14:05Z Alert fired\n",
            "# P\n\n## Timeline\n\n- 14:05 UTC Alert fired\n",
            "# P\n\n## Timeline (all times in PST/PDT)\n\n- 14:05 Alert fired\n",
            "# P\n\n## Timeline\n\nAll times US/Pacific\n\n2019-10-08:\n* 11:20 AM v1.11.2 pushed\n",
            "# P\n\n## Timeline\n\n| Date | Event |\n|---|---|\n| 2021-05-08 | Merged |\n",
        ] {
            assert_eq!(findings("T001", text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn the_fix_declares_utc_below_the_heading() {
        let text = "# P\n\n## Timeline\n\n- 14:05 Alert fired\n";
        let report = crate::lint(text, &crate::Settings::default());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.code == "T001")
            .unwrap();
        let (fixed, _) = crate::apply_edits(text, &d.fixes[0].edits);
        assert!(
            fixed.contains("## Timeline\n\nAll times in UTC.\n\n- 14:05"),
            "{fixed}"
        );
        assert_eq!(findings("T001", &fixed), Vec::<String>::new());
    }
}
