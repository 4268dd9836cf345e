use super::{run, Finding, Hit, Trigger, View, Wording, LEXICON};
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "B004",
    name: "judgment",
    family: Family::Blame,
    default_severity: Severity::Warning,
    summary: "A judgment of people or their work: careless, negligent, lazy, sloppy, incompetent…",
    docs: RuleDocs {
        what: "Finds judgment words — careless, negligent, lazy, sloppy, incompetent, reckless, inexperienced, irresponsible, \"without being thorough\", \"dropped the ball\" — in the prose. Not when negated (\"not careless\"), quoted as a term, or part of a technical term (\"lazy loading\").",
        why: "Seed `001`: assume good intentions — \"Engineers make decisions based on available information\". Seed `003`: \"Everyone involved was trying to do the right thing.\" A judgment of character explains nothing and makes people defensive.",
        example: "This was a careless change pushed without review.",
        better: "The change reached production without a review step: the pipeline does not require one for config files.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let wording = Wording {
        message: |text| format!("\"{text}\" judges a person instead of describing what happened"),
        why: "A judgment of character explains nothing and makes people defensive (seed 001: assume good intentions).",
        reframe: &LEXICON.reframe.judgment,
        fix_title: "",
    };
    run(ctx, RULE.code, &[Trigger::Judgment], &wording, detect, None);
}

fn detect(view: &View, hit: &Hit, out: &mut Vec<Finding>) {
    let first = view.token_at(hit.range.start);
    let next = view.token_end(hit.range.end);
    let technical = view
        .lexicon()
        .technical_compounds
        .contains(view.lower(next));
    if technical || view.negated_before(first) {
        return;
    }
    out.push(Finding::new(hit.range.clone()));
}

#[cfg(test)]
mod tests {
    use crate::rules::blame::tests::flagged;

    #[test]
    fn flags_judgments() {
        for (prose, expected) in [
            (
                "Frankly, the handling of the renewal was negligent.",
                "negligent",
            ),
            (
                "This was a careless change pushed without review.",
                "careless",
            ),
            (
                "Sloppy coding in the retry loop caused the thundering herd.",
                "Sloppy",
            ),
            (
                "An inexperienced engineer was given prod access.",
                "inexperienced",
            ),
            (
                "The on-call response was incompetent and slow.",
                "incompetent",
            ),
            (
                "The change was rolled out without being thorough.",
                "without being thorough",
            ),
        ] {
            assert_eq!(flagged("B004", prose), vec![expected], "{prose}");
        }
    }

    #[test]
    fn skips_negations_terms_and_technical_compounds() {
        for prose in [
            "Nobody was careless here: the console gave no warning.",
            "The module uses lazy loading, so the first request was slow.",
            "We banned words like \"sloppy\" from our reviews.",
            "Be more careful with DNS changes.",
            "The proxy is a dumb pipe that forwards everything.",
        ] {
            assert!(flagged("B004", prose).is_empty(), "{prose}");
        }
    }
}
