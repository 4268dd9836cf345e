use super::Context;
use crate::comms::evidence::sentences;
use crate::comms::lexicon::{COUNT_FOLLOWS, QUANTITY, VAGUE_AMOUNT, VAGUE_COUNT};
use crate::comms::window_before;
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C004",
    name: "vague-amount",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "A vague amount (\"many customers\", \"an extended period\") where a number belongs.",
    docs: RuleDocs {
        what: "Finds vague amounts anywhere in a communication — \"many customers\", \"some users\", \"a number of merchants\", \"significant\", \"an extended period\", \"for some time\", \"elevated error rates\" — unless the number follows (\"some users (about 2,400)\"). \"Only a small number\" is left to C014 (minimising).",
        why: "Seed `000`, Specificity: \"847 customers (not 'many'), 4.5 hours (not 'extended'), $15K (not 'financial impact')\"; its rubric scores Evidence Quality on specific data. An executive cannot weigh \"significant impact\", and a customer reads a vague amount as evasion.",
        example: "Many customers were affected for an extended period.",
        better: "847 customers (80% of our active base) were affected for 4.5 hours.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let mut found = Vec::new();
    for (sentence, text) in sentences(ctx.doc) {
        // Once per sentence, not per match: bounded time on a pasted wall of text.
        let mut has_count: Option<bool> = None;
        for m in VAGUE_AMOUNT.find_iter(text) {
            let before = window_before(text, m.start())
                .1
                .trim_end()
                .to_ascii_lowercase();
            if COUNT_FOLLOWS.is_match(&text[m.end()..]) || before.ends_with("only") {
                continue;
            }
            // "About 2,900 claims failed; most customers retried": the count is given.
            if VAGUE_COUNT.is_match(m.as_str())
                && *has_count.get_or_insert_with(|| QUANTITY.is_match(text))
            {
                continue;
            }
            found.push(sentence.start + m.start()..sentence.start + m.end());
        }
    }
    for range in found {
        let phrase = ctx.doc.text[range.clone()].to_string();
        ctx.report(range, format!("Vague amount `{phrase}`: give the number"))
            .with_note("Say how many, how long, how much (seed 000: \"847 customers (not 'many'), 4.5 hours (not 'extended')\").");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_vague_amounts() {
        assert_eq!(
            findings(
                "C004",
                "exec-update",
                "# We lost orders\n\nMany customers saw errors for an extended period.\n"
            ),
            vec!["Many customers", "an extended period"]
        );
    }

    #[test]
    fn numbers_and_minimisers_pass() {
        assert!(findings("C004", "exec-update", "# We lost orders\n\nSome users (about 2,400) saw errors. Only a small number of stores were hit.\n").is_empty());
    }
}
