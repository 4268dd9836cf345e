use super::{kind, Context};
use crate::comms::anchor;
use crate::comms::evidence::evidence;
use crate::diagnostic::Severity;
use crate::kind::Kind;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C006",
    name: "no-timestamps",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "No timeline with timestamps (executive update) or no time at all (customer notice).",
    docs: RuleDocs {
        what: "An executive update is reported when it has no timeline: fewer than three list items or table rows that open with a time or a date. A customer notice is reported when it says nothing about when: no clock time, date or day.",
        why: "Seed `000`, Show don't tell: \"Timeline with timestamps shows urgency, not just 'we responded quickly'\"; Timeline Storytelling: \"Timestamps create urgency and show response speed.\" A customer needs at least the window (\"On Saturday morning … for 4.5 hours\") to match it to what they saw.",
        example: "We responded quickly and restored service.",
        better: "- **2:14am:** Monitoring paged the on-call engineer\n- **5:30am:** Rolled back Friday's migration (50% → 80% success)\n- **6:47am:** Fully recovered",
    },
    check,
};

fn check(ctx: &mut Context) {
    let e = evidence(ctx.doc);
    let message = match kind(ctx) {
        Kind::ExecUpdate if e.timeline_entries < 3 => {
            "No timeline with timestamps: show what happened when"
        }
        Kind::CustomerNotice if !e.when => "The notice never says when it happened",
        _ => return,
    };
    let range = anchor(ctx.doc);
    ctx.report(range, message)
        .with_note("A short timeline — detection, escalation, mitigation, recovery, each with its time — shows the response instead of claiming it (seed 000).");
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn exec_updates_need_a_timeline() {
        assert_eq!(
            findings(
                "C006",
                "exec-update",
                "# We lost orders\n\nWe responded quickly.\n"
            )
            .len(),
            1
        );
        let timeline = "# We lost orders\n\n- **2:14am:** paged\n- **5:30am:** rolled back\n- **6:47am:** recovered\n";
        assert!(findings("C006", "exec-update", timeline).is_empty());
    }

    #[test]
    fn customer_notices_need_a_when() {
        assert_eq!(
            findings("C006", "customer-notice", "# We lost orders\n\nSorry.\n").len(),
            1
        );
        assert!(findings(
            "C006",
            "customer-notice",
            "# We lost orders\n\nOn Saturday morning, orders failed.\n"
        )
        .is_empty());
    }
}
