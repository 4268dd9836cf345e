use super::{terminal, Terminal};
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "W004",
    name: "proximate-terminal",
    family: Family::Causes,
    default_severity: Severity::Warning,
    summary: "The 5 Whys stops at an event instead of a systemic cause.",
    docs: RuleDocs {
        what: "Reports a chain whose last answer and root-cause statement both describe an event — a typo, the deploy, a bug, a full disk, a misconfiguration, a storm — rather than a standing condition: a missing check, review, alert or safeguard, a manual or informal process, a design assumption, a policy or ownership gap.",
        why: "\"The deploy broke prod\" is not a root cause (seed `003`, The shallow analysis). Seed `003` names the categories a root cause falls in — process, tooling, knowledge, capacity and communication gaps — and seed `001` says to continue \"until you reach a systemic issue\".",
        example: "4. Why was the whole cache purged? — A purge-all request was sent at 09:40.",
        better: "5. Why could one request purge the whole cache? — The purge API has no scope limit or confirmation, and purge-all is available to every editor.",
    },
    check,
};

fn check(ctx: &mut Context) {
    for chain in &ctx.doc.why_chains {
        let Some((Terminal::Proximate, field)) = terminal(chain) else {
            continue;
        };
        ctx.report(
            field.range.clone(),
            "The 5 Whys stops at an event, not a systemic cause: ask why the system allowed it",
        )
        .with_note("Keep asking why until the answer is a process, tooling, design or policy condition you can fix, such as a missing check, review or safeguard (seed 003, root cause categories).");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::causes::tests::*;

    #[test]
    fn seed_chains_reach_a_systemic_cause() {
        for text in [
            SEED_001_TEMPLATE,
            SEED_001_YAML,
            SEED_002_TEMPLATE,
            SEED_003,
        ] {
            assert_eq!(findings("W004", text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn reports_chains_that_stop_at_an_event() {
        let ending = |last: &str| {
            SEED_003.replace(
                "There was no code review checklist for schema changes.",
                last,
            )
        };
        for last in [
            "A typo in the migration file.",
            "Because of the deploy on Friday.",
            "There was a bug in the migration tool.",
            "The disk was full.",
            "A misconfiguration.",
        ] {
            assert_eq!(findings("W004", &ending(last)).len(), 1, "{last}");
            assert_eq!(findings("W003", &ending(last)).len(), 0, "{last}");
        }
    }

    #[test]
    fn a_systemic_root_cause_statement_completes_the_chain() {
        let text = format!(
            "{}\n**Root Cause:** Schema changes have no review checklist.\n",
            SEED_003.replace(
                "There was no code review checklist for schema changes.",
                "The migration was written in a hurry."
            )
        );
        assert_eq!(findings("W004", &text), Vec::<String>::new());
    }
}
