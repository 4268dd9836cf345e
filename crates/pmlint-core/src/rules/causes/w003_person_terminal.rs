use super::{terminal, Terminal};
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "W003",
    name: "person-terminal",
    family: Family::Causes,
    default_severity: Severity::Error,
    summary: "The 5 Whys ends at a person instead of the system.",
    docs: RuleDocs {
        what: "Reports a chain whose last answer or root-cause statement blames a person: human or operator error, oversight, carelessness, missing training or attention, or someone who forgot, didn't check, mistyped or should have known.",
        why: "\"Focus on process/system, not people\" (seed `001`, 5 Whys tips). Ending at a person stops the analysis exactly where it should ask \"What about the system allowed this?\" (seed `001`, systems_thinking); seed `003`: \"If someone made a mistake, the question is: why was that mistake easy to make?\"",
        example: "5. Why was the wrong datasource used? — Because Dmitri didn't check which datasource the report used.",
        better: "5. Why was the wrong datasource used? — Because the config template defaults every datasource to the primary and nothing asks for an explicit choice.",
    },
    check,
};

fn check(ctx: &mut Context) {
    for chain in &ctx.doc.why_chains {
        let Some((Terminal::Person, field)) = terminal(chain) else {
            continue;
        };
        ctx.report(
            field.range.clone(),
            "The 5 Whys ends at a person: ask why the system made this easy to get wrong",
        )
        .with_note("Ask one more why: what in the process, tooling or design allowed it (seed 001: \"Focus on process/system, not people\").");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::causes::tests::*;

    #[test]
    fn seed_chains_end_at_the_system() {
        for text in [
            SEED_001_TEMPLATE,
            SEED_001_YAML,
            SEED_002_TEMPLATE,
            SEED_003,
        ] {
            assert_eq!(findings("W003", text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn reports_chains_ending_at_a_person() {
        let ending = |last: &str| {
            SEED_003.replace(
                "There was no code review checklist for schema changes.",
                last,
            )
        };
        for last in [
            "The engineer forgot to add it.",
            "Human error.",
            "The operator had not been trained on schema changes.",
            "Because the new hire didn't know the system well enough.",
        ] {
            assert_eq!(findings("W003", &ending(last)).len(), 1, "{last}");
            assert_eq!(findings("W004", &ending(last)).len(), 0, "{last}");
        }
        let root = format!("{SEED_003}\n**Root Cause:** Engineer oversight.\n");
        assert_eq!(findings("W003", &root).len(), 1);
    }

    #[test]
    fn a_person_in_a_systemic_answer_is_fine() {
        let text = SEED_003.replace(
            "There was no code review checklist for schema changes.",
            "Vendor notices go to whoever signed up, and no team owns vendor accounts.",
        );
        assert_eq!(findings("W003", &text), Vec::<String>::new());
    }
}
