use super::{run, Finding, Hit, Trigger, View, Wording, LEXICON};
use crate::diagnostic::Severity;
use crate::language::Voice;
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
    let first = view.token_at(hit.range.start);
    if culprit(view, first) {
        let sentence = &view.doc.text[hit.range.start..view.sentence.range.end];
        let question = sentence.trim_end_matches(['"', '\'', ')', '*', '_', '\u{201d}']);
        out.push(Finding::new(
            hit.range.start..hit.range.start + question.len(),
        ));
    }
}

/// Whether the question asks who did a fault: "who" (or "whose X", "which engineer",
/// "which of the engineers") is the subject of an active past-tense verb that is not
/// neutral ("who broke", "who on the night shift switched off"), or of "is to blame",
/// "is responsible". Not when "who" is the object ("who did it affect?") or the patient
/// of a passive ("who was affected?").
fn culprit(view: &View, first: usize) -> bool {
    let lex = view.lexicon();
    let word = view.lower(first);
    if word == "who's" {
        return lex
            .who_was
            .contains(view.lower(view.skip_adverbs(first + 1)));
    }
    let Some(asker) = view.phrase_at(first) else {
        return false;
    };
    // "Whose fault was it?", "whose mistake…?"
    let head = view.lemma(asker.tokens.end - 1);
    if word == "whose"
        && matches!(
            head,
            "fault" | "mistake" | "error" | "responsibility" | "idea"
        )
    {
        return true;
    }
    if word == "which" {
        // "which engineer", "which of the on-call engineers"
        let head_is_role = asker.tokens.end > first + 1 && asker.party.is_people();
        let of_people = view.lower(asker.tokens.end) == "of"
            && view
                .phrase_after(asker.tokens.end + 1)
                .is_some_and(|p| p.party.is_people());
        if !head_is_role && !of_people {
            return false;
        }
    }
    let Some(clause) =
        (asker.tokens.end..view.len().min(asker.tokens.end + 12)).find_map(|i| view.clause_at(i))
    else {
        return false;
    };
    let is_subject = view
        .subject_of(clause.verb)
        .is_some_and(|s| s.tokens == asker.tokens);
    if !is_subject || clause.inverted {
        return false;
    }
    let verb = view.lower(clause.verb);
    if matches!(verb, "is" | "was" | "were") {
        return lex
            .who_was
            .contains(view.lower(view.skip_adverbs(clause.verb + 1)));
    }
    clause.voice == Voice::Active
        && (view.is_past_tense(clause.verb) || clause.perfect)
        && !lex.neutral_past.contains(verb)
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
                "Whose commit broke the build?",
                "Whose commit broke the build?",
            ),
            (
                "Does anyone know who pushed the hotfix?",
                "who pushed the hotfix?",
            ),
            (
                "Which of the on-call engineers silenced the alert?",
                "Which of the on-call engineers silenced the alert?",
            ),
            (
                "Who on the night shift switched off the alarm?",
                "Who on the night shift switched off the alarm?",
            ),
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
            "Who was affected?",
            "Who did it affect and how?",
            "Who was paged, and when?",
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
