use super::{phrases, Context};
use crate::comms::lexicon::MINIMISING;
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C014",
    name: "minimising-tone",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "Defensive or minimising wording: \"only a small number\", \"regret any inconvenience\".",
    docs: RuleDocs {
        what: "Finds wording that shrinks the incident or the company's part in it: \"only a small number of\", \"a small subset of\", \"minor issue\", \"brief interruption\", \"isolated incident\", \"any inconvenience\", \"we regret any inconvenience this may have caused\", \"circumstances beyond our control\", \"out of an abundance of caution\".",
        why: "Seed `000` asks for a tone that is \"accountable not defensive\" and contrasts \"we'll do better\" boilerplate with \"I'm deeply sorry for this failure\". A customer who lost a day of orders reads \"a minor inconvenience\" as not being heard; an executive reads it as spin.",
        example: "Only a small number of customers were affected, and we regret any inconvenience this may have caused.",
        better: "2,310 customers (4% of accounts) could not check out for 47 minutes. We're sorry.",
    },
    check,
};

fn check(ctx: &mut Context) {
    for range in phrases(ctx, &MINIMISING) {
        let phrase = ctx.doc.text[range.clone()].to_string();
        ctx.report(range, format!("`{phrase}` minimises the impact"))
            .with_note("State the impact plainly with its number, and own it (seed 000: \"accountable not defensive\").");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_minimising_phrases() {
        assert_eq!(
            findings("C014", "customer-notice", "# Down\n\nOnly a small number of customers were affected. We regret any inconvenience this may have caused.\n"),
            vec!["Only a small number of", "We regret any inconvenience this may have caused"]
        );
    }

    #[test]
    fn plain_statements_pass() {
        assert!(findings(
            "C014",
            "customer-notice",
            "# Down\n\n2,310 customers could not check out for 47 minutes. We're sorry.\n"
        )
        .is_empty());
    }
}
