use super::Context;
use crate::comms::evidence::{in_event_log, sentences};
use crate::comms::passive::{hides_agent, passive_clauses};
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C002",
    name: "hidden-agent",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "Passive voice hides who made the decision or the change that failed.",
    docs: RuleDocs {
        what: "Finds passive clauses of deciding and changing verbs (made, triggered, deployed, approved, introduced, missed, not tested …) whose subject is the failure or the change, with no one named as the doer or only an abstract one (\"a combination of factors\"): \"mistakes were made\", \"the incident was triggered by a combination of factors\", \"a configuration change was deployed\". Recovery (\"service was restored\"), named doers (\"approved by me\") and timeline entries (\"07:14 A routing update was pushed\", an event log's convention) pass.",
        why: "Seed `000`: \"Passive voice avoids accountability ('was triggered by' — who's responsible?)\"; the strong version says \"I take responsibility. As CTO, I approved the deployment plan\" instead of a passive \"mistakes were made\". Accountability is a leader owning the decision — not naming the engineer who ran the command, which the B rules report as blame.",
        example: "The incident was triggered by a combination of factors including a schema migration deployed on Friday evening.",
        better: "Friday evening we deployed a schema migration; as CTO, I approved that plan without a load test that included the Saturday batch job.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let mut found = Vec::new();
    for (range, text) in sentences(ctx.doc) {
        if in_event_log(ctx.doc, range.start) {
            continue;
        }
        for clause in passive_clauses(text) {
            if hides_agent(text, &clause) {
                found.push(range.start + clause.verb.start..range.start + clause.verb.end);
            }
        }
    }
    for range in found {
        let verb = ctx.doc.text[range.clone()].to_string();
        ctx.report(range, format!("\"{verb}\" hides who decided: say who did it, and who owns it"))
            .with_note("Name the owner of the decision in the active voice — a leader owning it (\"I approved …\"), not an individual blamed (seed 000).");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_hiding_passives() {
        assert_eq!(
            findings("C002", "exec-update", "# We lost orders\n\nMistakes were made. The outage was triggered by a combination of factors.\n"),
            vec!["were made", "was triggered"]
        );
    }

    #[test]
    fn active_voice_and_recovery_pass() {
        assert!(findings(
            "C002",
            "customer-notice",
            "# We lost orders\n\nWe deployed a faulty change. Service was restored at 14:05.\n"
        )
        .is_empty());
    }
}
