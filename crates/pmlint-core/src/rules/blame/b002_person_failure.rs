use super::{run, Finding, Hit, Trigger, View, Wording, LEXICON};
use crate::diagnostic::Severity;
use crate::language::{Pos, Voice};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "B002",
    name: "person-failure",
    family: Family::Blame,
    default_severity: Severity::Warning,
    summary: "A person is the subject of a failure verb (forgot, failed to, missed, didn't check…).",
    docs: RuleDocs {
        what: "Finds a failure verb — forgot, failed to, neglected, missed, overlooked, ignored, broke, caused, mistakenly/accidentally …, didn't check/test/verify/notice …, acted \"without testing\", \"a mistake by\" — whose subject is a person: an @handle, a name (from the document's timeline, owner and handles, `[blame] names`, or a capitalised word that is not a known system), a role (the engineer, the intern, on-call, the reviewer, the DBA…) or we/they/you. A system subject (\"the pipeline failed to run tests\", \"the alert didn't fire\") and neutral mentions (\"14:05 Sarah paged the DB team\") are not flagged.",
        why: "Seed `001`: focus on systems, not individuals; \"Focus on who, not how\" makes engineers stop reporting and misses systemic improvements. Seed `003`: \"If someone made a mistake, the question is: why was that mistake easy to make?\"",
        example: "Developer deployed without testing.",
        better: "The deployment process allowed deployment without test verification.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let wording = Wording {
        message: |text| format!("\"{text}\" makes a person the cause of the failure"),
        why: "Blaming a person stops the analysis at who instead of how (seed 001: focus on systems, not individuals).",
        reframe: &LEXICON.reframe.person_failure,
        fix_title: "",
    };
    run(
        ctx,
        RULE.code,
        &[
            Trigger::FailureVerb,
            Trigger::FailureAdverb,
            Trigger::WrongObject,
            Trigger::MadeLapse,
            Trigger::Negation,
            Trigger::Without,
            Trigger::FaultBy,
            Trigger::AtFault,
        ],
        &wording,
        detect,
        None,
    );
}

fn detect(view: &View, hit: &Hit, out: &mut Vec<Finding>) {
    let first = view.token_at(hit.range.start);
    let next = view.token_end(hit.range.end);
    let lex = view.lexicon();
    // "Who broke this?" asks for a culprit: B008's finding.
    let person_before = |i: usize| {
        view.subject_of(i)
            .filter(|s| {
                s.party.is_people() && !matches!(view.lower(s.tokens.start), "who" | "whose")
            })
            .map(|s| s.tokens.start)
    };
    let found = match hit.trigger {
        // "we failed to reach the vendor because their status page was down"
        _ if view.explained_by_system(first, &["because", "since", "due"]) => None,
        // A hypothesis, not an account: "if someone made a mistake, …"
        _ if matches!(
            view.lower(view.clause(first).start.saturating_sub(1)),
            "if" | "whether" | "unless"
        ) =>
        {
            None
        }
        Trigger::FailureVerb => {
            let follows_determiner = first > 0 && view.pos(first - 1) == Some(Pos::Det);
            // "failed to follow the runbook" is non-compliance (B006).
            let compliance = matches!(view.lower(next), "follow" | "comply" | "adhere");
            // "we missed our SLO", "we broke the incident into phases".
            let object_end = (next..(next + 6).min(view.len()))
                .find(|&i| view.is_clause_punct(i))
                .unwrap_or((next + 6).min(view.len()));
            let object = next..object_end.max(next);
            let outcome = matches!(view.lower(first), "missed" | "broke")
                && object
                    .clone()
                    .any(|i| lex.outcome_objects.contains(view.lower(i)));
            let idiom = view.lower(first) == "broke"
                && object
                    .clone()
                    .any(|i| matches!(view.lower(i), "into" | "down" | "out" | "up"));
            if follows_determiner || compliance || outcome || idiom {
                None
            } else if let Some(clause) = view.clause_at(first).filter(|c| c.voice == Voice::Passive)
            {
                // "the alert was missed by the on-call engineer"; without an agent, the
                // verbs of attention still aim at people ("the expiring certificate was
                // overlooked during the handover"), in an account of the past.
                match view.agent_of(first) {
                    Some(agent) => agent
                        .party
                        .is_people()
                        .then(|| view.span(first, agent.tokens.end - 1)),
                    None => {
                        let attention = ATTENTION.contains(&view.lemma(first));
                        let past = clause
                            .group
                            .clone()
                            .any(|i| matches!(view.lower(i), "was" | "were" | "been"));
                        (attention && past && !clause.negated).then(|| {
                            let start = view.subject_of(first).map_or(first, |s| s.tokens.start);
                            view.span(start, first)
                        })
                    }
                }
            } else {
                person_before(first).map(|s| view.span(s, next - 1))
            }
        }
        Trigger::WrongObject => {
            // The object of a verb whose agent is people: "a contractor unplugged the
            // wrong uplink", "we restored the wrong snapshot".
            let verb = first
                .checked_sub(1)
                .filter(|&v| view.pos(v) == Some(Pos::Verb));
            verb.and_then(|v| {
                let clause = view.clause_at(v).filter(|c| c.verb == v && !c.negated)?;
                (clause.voice == Voice::Active)
                    .then(|| person_before(v))
                    .flatten()
                    .map(|s| view.span(s, next))
            })
        }
        Trigger::MadeLapse => {
            // "made a mistake", "made an incorrect assumption", "made the wrong call".
            view.phrase_after(next)
                .filter(|object| is_lapse(view, object.tokens.clone()))
                .and_then(|object| {
                    person_before(first).map(|s| view.span(s, object.tokens.end - 1))
                })
        }
        Trigger::FailureAdverb => person_before(first)
            .filter(|_| view.is_word(next))
            .map(|s| view.span(s, next)),
        Trigger::Negation => {
            let is_check = |i: usize| {
                let verb = view.lower(i);
                let stem = verb.strip_suffix("ed").or_else(|| verb.strip_suffix('d'));
                lex.checks.contains(verb) || stem.is_some_and(|s| lex.checks.contains(s))
            };
            let verb = view.skip_adverbs(next);
            if is_check(verb) {
                person_before(first).map(|s| view.span(s, verb))
            } else {
                // Inverted: "why didn't you check?", "why did the reviewer not look?"
                view.clause_at(first)
                    .filter(|c| c.inverted && is_check(c.verb))
                    .and_then(|c| {
                        let subject = view.subject_of(c.verb)?;
                        subject.party.is_people().then(|| view.span(first, c.verb))
                    })
            }
        }
        Trigger::Without => {
            let mut object = next;
            while lex.verification_fillers.contains(view.lower(object)) {
                object += 1;
            }
            let clause = view.clause(first);
            let subject = view
                .phrase_after(clause.start)
                .filter(|p| p.party.is_people())
                .map(|p| view.span(p.tokens.start, object));
            // "the change was made without review by a junior developer"
            let agent = || {
                (object + 1..clause.end)
                    .find(|&i| view.lower(i) == "by")
                    .and_then(|by| view.phrase_after(by + 1))
                    .filter(|p| p.party.is_people())
                    .map(|p| view.span(first, p.tokens.end - 1))
            };
            (lex.verifications.contains(view.lower(object)) && view.is_word(object))
                .then(|| subject.or_else(agent))
                .flatten()
        }
        Trigger::FaultBy => view
            .phrase_after(next)
            .filter(|p| p.party.is_people())
            .map(|p| view.span(first, p.tokens.end - 1)),
        Trigger::AtFault => person_before(first).map(|s| view.span(s, next - 1)),
        _ => None,
    };
    if let Some(range) = found {
        out.push(Finding::new(range));
    }
}

/// Verbs of attention: their passive aims at whoever did not attend.
const ATTENTION: &[&str] = &["overlook", "forget", "neglect", "ignore", "disregard"];

/// Whether a noun phrase is a lapse: "a mistake", "an incorrect assumption", "the
/// wrong call".
fn is_lapse(view: &View, phrase: std::ops::Range<usize>) -> bool {
    let head = view.lemma(phrase.end - 1);
    let judged = (phrase.start..phrase.end - 1).any(|i| {
        matches!(
            view.lower(i),
            "wrong" | "incorrect" | "bad" | "poor" | "mistaken" | "false" | "faulty"
        )
    });
    matches!(head, "mistake" | "error" | "blunder" | "slip" | "misstep")
        || (judged
            && matches!(
                head,
                "assumption" | "call" | "decision" | "choice" | "judgment" | "judgement"
            ))
}

#[cfg(test)]
mod tests {
    use crate::rules::blame::tests::flagged;

    #[test]
    fn flags_people_as_subjects_of_failure_verbs() {
        for (prose, expected) in [
            ("Mei didn't test the rollback script.", "Mei didn't test"),
            ("On-call missed the first three alerts.", "On-call missed"),
            (
                "The developer neglected to add an index.",
                "The developer neglected",
            ),
            (
                "@rosa.m failed to roll back when errors spiked.",
                "@rosa.m failed to",
            ),
            (
                "The new hire mistakenly deleted the cache.",
                "The new hire mistakenly deleted",
            ),
            (
                "It went down because the intern broke the schema.",
                "the intern broke",
            ),
            (
                "Because Liam neglected the reminder, the keys expired.",
                "Liam neglected",
            ),
            (
                "The DBA didn't verify the backup first.",
                "The DBA didn't verify",
            ),
            (
                "The alert was missed by the on-call engineer.",
                "missed by the on-call engineer",
            ),
            ("We forgot to renew the certificate.", "We forgot"),
            (
                "Engineers on the payments team ignored the warning.",
                "Engineers on the payments team ignored",
            ),
            (
                "Kenji Watanabe never checked the replica lag.",
                "Kenji Watanabe never checked",
            ),
            (
                "The engineer pushed the change without review.",
                "The engineer pushed the change without review",
            ),
        ] {
            assert_eq!(flagged("B002", prose), vec![expected], "{prose}");
        }
    }

    #[test]
    fn names_come_from_the_document() {
        let prose =
            "Carlos broke the restore.\n\n## Timeline\n\n- 10:00 Carlos paged the on-call.\n";
        assert_eq!(flagged("B002", prose), vec!["Carlos broke"]);
        // A name is a person without the document's help; a capitalised common noun is not.
        assert_eq!(
            flagged("B002", "Carlos broke the restore."),
            vec!["Carlos broke"]
        );
        assert!(flagged("B002", "Backups broke the restore.").is_empty());
    }

    #[test]
    fn system_subjects_and_neutral_mentions_are_fine() {
        for prose in [
            "The pipeline failed to run tests.",
            "The alert didn't fire because the exporter had crashed.",
            "Postgres failed to start after the upgrade.",
            "The migration tool forgot the column defaults.",
            "The monitoring stack missed the memory leak.",
            "The Kafka consumer failed to commit offsets.",
            "The Kubernetes operator failed to reconcile the volume.",
            "Deployment failed to complete within the window.",
            "14:05 Sarah paged the DB team.",
            "Merged by @ben at 16:42 UTC after two approvals.",
            "The support lead forwarded three merchant tickets to the incident channel.",
            "A manual release step was missed because it lived only in a wiki page.",
            "The step was overlooked because the checklist had grown to 60 items.",
            "Rather than asking who forgot the step, we asked why the process depended on memory.",
            "Permissions allowed any engineer to delete production buckets without a second approval.",
            "The eviction warnings were easy to miss in a busy channel.",
            "The engineer's change broke the login flow.",
            "Ines noted that the runbook step referenced a deleted script.",
            "`retry 5/5 failed to reach inventory-svc`",
            "We missed the 99.9% availability target for March.",
            "We broke the incident into three phases for this review.",
            "This is unacceptable, and we broke that trust.",
            "If someone made a mistake, the question is why it was easy to make.",
            "We failed to reach the vendor until 11:00 because their status page was down.",
        ] {
            assert!(flagged("B002", prose).is_empty(), "{prose}: {:?}", flagged("B002", prose));
        }
    }
}
