use super::{kind, Context};
use crate::comms::evidence::evidence;
use crate::diagnostic::Severity;
use crate::kind::Kind;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C009",
    name: "untiered-actions",
    family: Family::Communication,
    default_severity: Severity::Info,
    summary: "An executive update lists three or more actions, mostly undated, on a single horizon.",
    docs: RuleDocs {
        what: "Reports an executive update with three or more planned actions that all fall on one horizon (or none): no split between immediate (this week), short-term (30 days) and long-term (quarter), by tier labels, headings or the actions' own dates. Not when at least half the actions carry their own dates: those already say when.",
        why: "Seed `000`, Tiered Actions: \"Immediate (this week) / Short-term (30 days) / Long-term (quarter) — shows comprehensive thinking.\" Executives need to see what is already contained, what lands this month, and what needs investment.",
        example: "Next steps: add load testing, add circuit breakers, hire a database SRE, run tabletop exercises.",
        better: "**Immediate (this week):** circuit breakers on batch jobs. **Next 30 days:** load tests in staging. **Next quarter:** hire a database SRE.",
    },
    check,
};

fn check(ctx: &mut Context) {
    if kind(ctx) != Kind::ExecUpdate {
        return;
    }
    let e = evidence(ctx.doc);
    let planned: Vec<_> = e.planned().collect();
    // Dated actions already say when; tiers matter when dates are missing.
    let dated = planned.iter().filter(|a| a.dated).count();
    if planned.len() < 3 || e.tiers() >= 2 || dated * 2 >= planned.len() {
        return;
    }
    let first = planned[0].range.clone();
    ctx.report(first, format!("{} actions on one horizon: split them into this week / 30 days / quarter", planned.len()))
        .with_note("Tier the actions: immediate containment, short-term fixes, long-term investment (seed 000).");
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_flat_action_lists() {
        let flat = "# We lost orders\n\n## Next steps\n\n- Add load tests\n- Add breakers\n- Hire an SRE\n";
        assert_eq!(
            findings("C009", "exec-update", flat),
            vec!["Add load tests"]
        );
        assert!(findings("C009", "customer-notice", flat).is_empty());
    }

    #[test]
    fn tiered_lists_pass() {
        let tiered = "# We lost orders\n\n## Next steps\n\n**This week:**\n\n- Add breakers\n\n**Next quarter:**\n\n- Hire an SRE\n- Tabletop drills\n";
        assert!(findings("C009", "exec-update", tiered).is_empty());
    }
}
