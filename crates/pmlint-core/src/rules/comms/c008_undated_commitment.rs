use super::Context;
use crate::comms::evidence::evidence;
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C008",
    name: "undated-commitment",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "A promised action has no date or timeframe, its own or its tier's.",
    docs: RuleDocs {
        what: "Reads the actions — list items under a heading such as \"What we're doing\", \"Next steps\" or \"Prevention\", and \"we will …\" / \"we're adding …\" sentences elsewhere — and reports each planned one with no date or period (\"by Nov 10\", \"this week\", \"within 30 days\", \"Q1\"), neither in its own text nor in the tier label or heading above it. Actions reported done (\"We've disabled …\", \"Added …\") need no date.",
        why: "Seed `000`: Credibility is \"concrete actions with timelines (not vague 'we'll do better')\", and its actions carry dates by tier — \"Deployment freeze … (unfreezes Nov 10)\", \"Immediate (This Week)\", \"Short-term (Next 30 Days)\". A promise without a date cannot be followed up.",
        example: "We will add load testing for database migrations.",
        better: "By Nov 15 we will run every database migration in staging against Saturday's batch-job load.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let undated: Vec<_> = evidence(ctx.doc)
        .planned()
        .filter(|a| !a.dated)
        .map(|a| a.range.clone())
        .collect();
    for range in undated {
        ctx.report(range, "This commitment has no date or timeframe")
            .with_note("Give it a date or put it in a tier: this week / next 30 days / next quarter (seed 000).");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_undated_commitments() {
        assert_eq!(
            findings(
                "C008",
                "exec-update",
                "# We lost orders\n\nWe will add load testing for migrations.\n"
            ),
            vec!["We will add load testing for migrations."]
        );
        let list = "# We lost orders\n\n## What we're doing\n\n- Add load tests\n- Circuit breakers by Nov 10\n";
        assert_eq!(
            findings("C008", "exec-update", list),
            vec!["Add load tests"]
        );
    }

    #[test]
    fn tier_labels_and_done_items_pass() {
        let text = "# We lost orders\n\n## What we're doing\n\n**Immediate (This Week):**\n\n- Freeze schema changes\n- We've disabled the batch job\n";
        assert!(findings("C008", "exec-update", text).is_empty());
    }
}
