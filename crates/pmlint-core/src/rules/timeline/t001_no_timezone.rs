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
        what: "Reports a timeline with times but no zone anywhere: no \"All times in UTC\" line, no zone in the heading or time column (\"Timeline (UTC)\", \"Time (PT)\"), no suffix on the times (\"14:05 UTC\", \"…Z\").",
        why: "Seed `001`'s timeline analysis asks for \"Timestamp (in UTC)\" and seed `002`'s template starts the timeline with \"All times in [Timezone]\". Responders, logs and readers sit in different zones; a bare \"14:05\" cannot be matched against dashboards or other incidents.",
        example: "## Timeline\n\n- 14:05 Alert fired",
        better: "## Timeline\n\nAll times in UTC.\n\n- 14:05 Alert fired",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let timeline = &doc.timeline;
    if timeline.has_zone() || timeline.timed().next().is_none() {
        return;
    }
    let Some(section) = timeline_section(doc) else {
        return;
    };
    let heading = &section.heading_range;
    let at = heading.start + doc.text[heading.clone()].trim_end().len();
    ctx.report(section.title_range.clone(), "The timeline's times have no time zone")
        .with_note("Say which zone the times are in, e.g. \"All times in UTC.\" (seed 001: \"Timestamp (in UTC)\").")
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
            vec!["The timeline's times have no time zone"]
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
