use super::{run, Finding, Hit, Trigger, View, Wording, LEXICON};
use crate::language::is_role_noun;
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "B008",
    name: "who-question",
    family: Family::Blame,
    default_severity: Severity::Warning,
    summary: "A question about who is at fault: \"Who broke this?\", \"whose fault\", \"which engineer…?\".",
    docs: RuleDocs {
        what: "Finds questions that look for a culprit: \"who\" followed by a past action (\"Who broke this?\", \"Who let this through review?\"), \"who is responsible / to blame\", \"whose fault\", \"which engineer …?\". Questions about ownership or process (\"Who owns the runbook?\", \"Who responded first?\") are not flagged.",
        why: "Seed `001` lists \"Who broke this?\" first under language to avoid; seed `002`: use \"How did the system fail?\" not \"Who failed?\"; seed `003`: \"We do not ask 'who screwed up?' We ask 'what in our system allowed this to happen?'\"",
        example: "Who broke this?",
        better: "What in our system allowed this change to reach production?",
    },
    check,
};

fn check(ctx: &mut Context) {
    let wording = Wording {
        message: |text| format!("\"{text}\" asks who is at fault"),
        why: "Looking for a culprit stops people from reporting what they saw (seed 003: ask what in our system allowed this to happen).",
        reframe: &LEXICON.reframe.who_question,
        fix_title: "",
    };
    run(ctx, RULE.code, &[Trigger::Who], &wording, detect, None);
}

fn detect(view: &View, hit: &Hit, out: &mut Vec<Finding>) {
    if !view.is_question() {
        return;
    }
    let lex = view.lexicon();
    let first = view.token_at(hit.range.start);
    let next = view.token_end(hit.range.end);
    let word = view.lower(first);
    let opens_clause = first == 0
        || !view.is_word(first - 1)
        || matches!(
            view.lower(first - 1),
            "so" | "and" | "but" | "then" | "exactly" | "also"
        );
    let culprit = match word {
        "whose" => true,
        "who" | "who's" if opens_clause => {
            // "who is to blame", "who's responsible", "who was supposed to…"
            let verb = view.skip_adverbs(next);
            let state = if word == "who's" {
                Some(verb)
            } else {
                matches!(view.lower(verb), "is" | "was" | "were").then_some(verb + 1)
            };
            match state {
                Some(after) => lex.who_was.contains(view.lower(after)),
                None => view.is_past_tense(verb) && !lex.neutral_past.contains(view.lower(verb)),
            }
        }
        "which" if opens_clause => {
            // "Which engineer deleted the index?"
            let role = next;
            is_role_noun(view.lemma(role))
                && view.is_past_tense(role + 1)
                && !lex.neutral_past.contains(view.lower(role + 1))
        }
        _ => false,
    };
    if culprit {
        let sentence = &view.doc.text[hit.range.start..view.sentence.range.end];
        let question = sentence.trim_end_matches(['"', '\'', ')', '*', '_', '\u{201d}']);
        out.push(Finding::new(
            hit.range.start..hit.range.start + question.len(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::blame::tests::flagged;

    #[test]
    fn flags_culprit_questions() {
        for (prose, expected) in [
            ("Who broke this?", "Who broke this?"),
            (
                "So who turned off the alerts?",
                "who turned off the alerts?",
            ),
            (
                "Who is to blame for the double billing?",
                "Who is to blame for the double billing?",
            ),
            (
                "Which engineer deleted the index?",
                "Which engineer deleted the index?",
            ),
            (
                "Who let this through review?",
                "Who let this through review?",
            ),
            ("Whose fault was the outage?", "Whose fault was the outage?"),
            (
                "Who's responsible for this mess?",
                "Who's responsible for this mess?",
            ),
        ] {
            assert_eq!(flagged("B008", prose), vec![expected], "{prose}");
        }
    }

    #[test]
    fn ownership_and_process_questions_are_fine() {
        for prose in [
            "Who owns the runbook for the failover?",
            "Who responded first, and how long did it take?",
            "Who needs to be notified when this alert fires?",
            "Rather than asking who broke it, we asked what allowed it.",
            "Which dashboard showed the spike first?",
            "What made this decision seem reasonable?",
            "Use \"How did the system fail?\" not \"Who failed?\"",
            "We do not ask \"who screwed up?\" We ask what allowed it.",
        ] {
            assert!(
                flagged("B008", prose).is_empty(),
                "{prose}: {:?}",
                flagged("B008", prose)
            );
        }
    }
}
