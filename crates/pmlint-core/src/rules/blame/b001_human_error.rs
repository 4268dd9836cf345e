use super::{run, Finding, Hit, Trigger, View, Wording, LEXICON};
use crate::diagnostic::Severity;
use crate::language::is_role_noun;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "B001",
    name: "human-error",
    family: Family::Blame,
    default_severity: Severity::Warning,
    summary: "\"Human error\" (or operator/user error, lack of training) is given as a cause.",
    docs: RuleDocs {
        what: "Finds \"human error\", \"operator error\", \"user error\", \"lack of training\", \"lack of attention\", \"fat-fingered\" and similar labels in the prose, and any lapse noun (mistake, error, misunderstanding, misreading, oversight…) that the language layer finds owned by people: a role or a name modifying it (\"technician error\", \"user misunderstanding\", \"manual mistake\") or possessing it (\"an operator's misreading of the runbook\", \"Zoë's mistake\"). Not when negated (\"this was not human error\"), quoted as a term, or part of a compound such as \"user error message\"; never in code, URLs or comments.",
        why: "Seed `001`: \"Humans are part of a system\" — ask \"What about the system allowed this?\". Human error is where an investigation starts, not where it ends (seed `003`: dig to root causes, not proximate ones).",
        example: "Root cause: human error in the DNS record.",
        better: "Root cause: the registrar console accepts a private IP in a public A record without validation, and DNS changes have no review step.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let wording = Wording {
        message: |text| format!("\"{text}\" names a person's error as the cause"),
        why: "Stopping at human error hides the conditions that made the slip possible (seed 001: what about the system allowed this?).",
        reframe: &LEXICON.reframe.human_error,
        fix_title: "",
    };
    run(
        ctx,
        RULE.code,
        &[Trigger::HumanError, Trigger::Lapse],
        &wording,
        detect,
        None,
    );
}

fn detect(view: &View, hit: &Hit, out: &mut Vec<Finding>) {
    let first = view.token_at(hit.range.start);
    let next = view.token_end(hit.range.end);
    if hit.trigger == Trigger::Lapse {
        if let Some(range) = lapse_of_people(view, first) {
            out.push(Finding::new(range));
        }
        return;
    }
    let compound = view.is_word(next) && view.lexicon().error_compounds.contains(view.lower(next));
    if compound || view.negated_before(first) {
        return;
    }
    out.push(Finding::new(hit.range.clone()));
}

/// A lapse noun heading a phrase that people own: "technician error", "user
/// misunderstanding", "an operator's misreading", "manual mistake".
fn lapse_of_people(view: &View, noun: usize) -> Option<std::ops::Range<usize>> {
    let phrase = view.phrase_at(noun)?;
    if phrase.tokens.end != noun + 1 || view.negated_before(phrase.tokens.start) {
        return None;
    }
    let chunk = view.a.chunk_at(noun)?;
    let owned = chunk.possessor.is_some_and(|p| p.is_people())
        || (phrase.tokens.start..noun).any(|i| {
            // A capitalised modifier is a product far more often than a person ("a
            // Travis error", "Lambda errors"); a person's lapse is written possessive.
            matches!(view.lower(i), "human" | "manual" | "personnel" | "staff")
                || (is_role_noun(view.lemma(i)) && view.text(i) != view.text(i).to_uppercase())
        });
    owned.then(|| view.span(phrase.tokens.start, noun))
}

#[cfg(test)]
mod tests {
    use crate::rules::blame::tests::flagged;

    #[test]
    fn flags_lapses_owned_by_people() {
        for (prose, expected) in [
            (
                "An operator's misreading of the runbook was the trigger.",
                "An operator's misreading",
            ),
            ("Cause: technician error at the depot.", "technician error"),
            ("Zoë's mistake was the trigger.", "Zoë's mistake"),
            (
                "User misunderstanding of the SHA was one part of the problem.",
                "User misunderstanding",
            ),
        ] {
            assert_eq!(flagged("B001", prose), vec![expected], "{prose}");
        }
        for prose in [
            "The error budget was exhausted by noon.",
            "A configuration mistake in the template went unnoticed.",
            "HTTP 503 errors rose to 40% of requests.",
            "The build failed with a Travis error.",
            "AccountDeletionProcessor Lambda errors spiked.",
        ] {
            assert!(flagged("B001", prose).is_empty(), "{prose}");
        }
    }

    #[test]
    fn flags_human_error_as_a_cause() {
        for (prose, expected) in [
            ("Root cause: human error in the DNS record.", "human error"),
            (
                "The outage was caused by operator error while resizing.",
                "operator error",
            ),
            ("Classification: Human Error.", "Human Error"),
            ("It was user\nerror by the clinic admin.", "user\nerror"),
            (
                "Contributing factor: lack of training on the new console.",
                "lack of training",
            ),
            ("He fat-fingered the IP address.", "fat-fingered"),
        ] {
            assert_eq!(flagged("B001", prose), vec![expected], "{prose}");
        }
    }

    #[test]
    fn skips_negated_quoted_and_compound_uses() {
        for prose in [
            "This was not human error: the console accepted an invalid value.",
            "We avoid the label \"human error\" in our reviews.",
            "Rather than human error, we looked at why the form allowed it.",
            "The app showed a user error message instead of retrying.",
            "The operator error rate metric stayed flat.",
            "Lesson learned: human attention is not a reliable control for certificate expiry.",
            "`level=error msg=\"operator error: invalid replica count\"`",
        ] {
            assert!(flagged("B001", prose).is_empty(), "{prose}");
        }
    }
}
