use super::{kind, Context};
use crate::comms::anchor;
use crate::comms::evidence::evidence;
use crate::comms::template::missing_section;
use crate::diagnostic::{Fix, Severity};
use crate::kind::Kind;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C011",
    name: "no-ask",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "An executive update asks the executives for nothing.",
    docs: RuleDocs {
        what: "Reports an executive update with no ask: no heading such as \"What I need from you\", \"Asks\" or \"Decisions needed\", and no sentence requesting a decision, an approval, budget or help (\"I'm asking you to approve …\", \"please confirm …\", \"decision needed by …\").",
        why: "Seed `000`: the strong update ends with \"What I Need from You\" — \"Approval for database SRE hire (unplanned $180K/year)\", \"Customer outreach support\", \"Patience\" — and lists \"Call-to-action: Specific asks\" among why it works. The weak one ends \"Let me know if you have questions\": the executives learn what happened but not what to decide.",
        example: "Let me know if you have questions.",
        better: "## What I Need from You\n\n1. **Approval for a database SRE hire** ($180K/year) — our #1 reliability gap.",
    },
    check,
};

fn check(ctx: &mut Context) {
    if kind(ctx) != Kind::ExecUpdate || evidence(ctx.doc).asks > 0 {
        return;
    }
    let range = anchor(ctx.doc);
    let fix = missing_section(ctx.doc, Kind::ExecUpdate);
    let diagnostic = ctx
        .report(range, "No ask: say what you need from the executives")
        .with_note("End with a \"What I need from you\" list: decisions, approvals, budget, support — each specific (seed 000).");
    if let Some(edit) = fix {
        diagnostic.with_fix(Fix::safe(
            "Insert a \"What I need from you\" section",
            vec![edit],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_updates_without_asks() {
        assert_eq!(
            findings(
                "C011",
                "exec-update",
                "# We lost orders\n\nLet me know if you have questions.\n"
            )
            .len(),
            1
        );
        assert!(findings("C011", "customer-notice", "# We lost orders\n\nSorry.\n").is_empty());
    }

    #[test]
    fn asks_pass() {
        assert!(findings(
            "C011",
            "exec-update",
            "# We lost orders\n\n## What I need from you\n\n1. Budget for an SRE.\n"
        )
        .is_empty());
        assert!(findings(
            "C011",
            "exec-update",
            "# We lost orders\n\nI'm asking you to approve a database SRE hire.\n"
        )
        .is_empty());
    }
}
