use super::{phrases, Context};
use crate::comms::lexicon::VAGUE_PREVENTION;
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C007",
    name: "vague-prevention",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "Prevention promised in generic words (\"better testing\", \"improve our processes\").",
    docs: RuleDocs {
        what: "Finds prevention stated without a mechanism: \"better testing\", \"more monitoring\", \"additional safeguards\", \"improve our processes\", \"review our procedures\", \"take the necessary steps\", \"we will do better\", \"ensure this never happens again\", \"lessons will be applied\".",
        why: "Seed `000`: \"Vague prevention ('better testing' — what specifically?)\"; Credibility comes from \"concrete actions with timelines (not vague 'we'll do better')\". The strong update says what changes: \"Batch jobs now halt if error rate >5%\", \"Adding batch job scenarios to staging\".",
        example: "We are implementing better testing procedures.",
        better: "Load testing: by Nov 15, every schema migration runs in staging against a replay of Saturday's batch-job load.",
    },
    check,
};

fn check(ctx: &mut Context) {
    for range in phrases(ctx, &VAGUE_PREVENTION) {
        let phrase = ctx.doc.text[range.clone()].to_string();
        ctx.report(range, format!("`{phrase}` promises prevention without saying what will change"))
            .with_note("Name the mechanism, its owner and its date: what will be tested, monitored or blocked, and how (seed 000).");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_generic_prevention() {
        assert_eq!(
            findings("C007", "exec-update", "# We lost orders\n\nWe are implementing better testing procedures and will take the necessary steps to ensure this never happens again.\n"),
            vec!["better testing", "take the necessary steps", "ensure this never happens again"]
        );
    }

    #[test]
    fn specific_prevention_passes() {
        assert!(findings(
            "C007",
            "exec-update",
            "# We lost orders\n\nBatch jobs now halt if the error rate passes 5%.\n"
        )
        .is_empty());
    }
}
