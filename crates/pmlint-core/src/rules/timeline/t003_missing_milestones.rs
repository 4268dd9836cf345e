use super::timeline_heading;
use crate::diagnostic::Severity;
use crate::metrics::{self, MilestoneKind};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "T003",
    name: "missing-milestones",
    family: Family::Timeline,
    default_severity: Severity::Warning,
    summary: "The timeline lacks its detection or its resolution.",
    docs: RuleDocs {
        what: "Looks in a timeline of three or more timed entries for the milestones that bound the incident — detection (an alert, a page, a report, \"noticed\") and resolution (resolved, recovered, fixed, back to normal, \"END OF OUTAGE\") — and reports the ones missing, in one finding; a mitigation (rolled back, fix deployed) shows how it ended. Acknowledgement and mitigation are measured when present (see the incident metrics) but not asked for: in a small team's timeline they are often one step with detection or resolution.",
        why: "Seed `002` lists them as the timeline's Key Milestones (detection, acknowledgment/MTTA, mitigation, resolution/MTTR), and seed `001` asks \"When was it first detectable? What triggered detection? What caused delays in response?\" Without them the incident's time to detect and resolve cannot be measured.",
        example: "- 14:05 Error rate climbs\n- 14:20 Release rolled back\n- 14:30 Error rate back to normal",
        better: "- 14:05 Error rate climbs\n- 14:09 Error-rate alert fires\n- 14:20 Release rolled back\n- 14:30 Error rate back to normal; incident resolved",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    if doc.timeline.timed().count() < 3 {
        return;
    }
    let Some(heading) = timeline_heading(doc) else {
        return;
    };
    let found = metrics::compute(doc);
    // Detection and resolution bound the incident; acknowledgement and mitigation are
    // often one step with them in a small team's timeline, so they are not asked for,
    // and a mitigation ("fix deployed", "rolled back") shows how it ended.
    let ended = |kind| {
        kind == MilestoneKind::Resolution && found.milestone(MilestoneKind::Mitigation).is_some()
    };
    let missing: Vec<&str> = [MilestoneKind::Detection, MilestoneKind::Resolution]
        .into_iter()
        .filter(|&kind| found.milestone(kind).is_none() && !ended(kind))
        .map(MilestoneKind::name)
        .collect();
    let Some((last, first)) = missing.split_last() else {
        return;
    };
    let names = if first.is_empty() {
        last.to_string()
    } else {
        format!("{} or {last}", first.join(", "))
    };
    ctx.report(heading, format!("The timeline has no {names} entry"))
        .with_note("Add the time each happened, so time to detect, acknowledge, mitigate and resolve can be measured (seed 002, Key Milestones).");
}

#[cfg(test)]
mod tests {
    use super::super::tests::{findings, SEED_000};

    #[test]
    fn reports_each_missing_milestone() {
        let text = "# P\n\n## Timeline (UTC)\n\n- 14:05 Error rate climbs\n- 14:10 Config change rolled back\n- 14:30 Dashboards reviewed\n";
        assert_eq!(
            findings("T003", text),
            vec!["The timeline has no detection entry"]
        );
    }

    #[test]
    fn a_complete_timeline_passes() {
        assert_eq!(findings("T003", SEED_000), Vec::<String>::new());
        let short =
            "# P\n\n## Timeline (UTC)\n\n- 14:05 Error rate climbs\n- 14:30 Back to normal\n";
        assert_eq!(findings("T003", short), Vec::<String>::new());
    }
}
