use super::{run, Finding, Hit, Trigger, View, Wording, LEXICON};
use crate::diagnostic::Severity;
use crate::language::Party;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "B003",
    name: "counterfactual",
    family: Family::Blame,
    default_severity: Severity::Warning,
    summary: "A counterfactual aimed at people: \"should have caught\", \"if only\", \"had they checked\".",
    docs: RuleDocs {
        what: "Finds \"should/could/ought to (not) have\" + a past participle whose subject is a person (\"the reviewer should have caught\", \"someone should have noticed\"), \"should have known\", detection aimed at whoever missed it (\"should have been caught/noticed/tested\"), \"if only\", and conditionals about a person (\"if the developer had run the tests\", \"had Jorge checked\"). Not \"should have\" + a noun (\"every service should have an owner\") and not forward-looking statements about systems (\"feature flags would have enabled a faster rollback\").",
        why: "Seed `001`: assume good intentions — ask \"What did they know at the time?\" and \"What information was available?\", not \"You should have known\". Counterfactuals about people judge them by what is known only afterwards.",
        example: "On-call should have caught this.",
        better: "The alert didn't fire for this condition.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let wording = Wording {
        message: |text| format!("\"{text}\" judges people by what is known only in hindsight"),
        why: "Counterfactuals about people ask what they should have done instead of what the system showed them (seed 001: what did they know at the time?).",
        reframe: &LEXICON.reframe.counterfactual,
        fix_title: "",
    };
    run(
        ctx,
        RULE.code,
        &[Trigger::Modal, Trigger::Conditional, Trigger::IfOnly],
        &wording,
        detect,
        None,
    );
}

fn detect(view: &View, hit: &Hit, out: &mut Vec<Finding>) {
    let first = view.token_at(hit.range.start);
    let next = view.token_end(hit.range.end);
    let found = match hit.trigger {
        Trigger::Modal => modal_perfect(view, first, next),
        Trigger::Conditional if view.lower(first) == "if" => {
            let only = usize::from(view.lower(next) == "only");
            conditional(view, next + only).map(|end| view.span(first, end))
        }
        Trigger::Conditional => {
            // Inverted "Had Jorge checked …": only at the start of a clause.
            let clause_start = first == 0 || !view.is_word(first - 1);
            let end = clause_start.then(|| person_had(view, first)).flatten();
            end.map(|end| view.span(first, end))
        }
        Trigger::IfOnly => {
            // A lament, unless about a system or a quantity ("if only a fraction…").
            let lex = view.lexicon();
            let about_system = view
                .phrase_after(next)
                .is_some_and(|p| p.party == Party::System);
            let quantity = lex.quantities.contains(view.lower(next));
            let end = conditional(view, next).unwrap_or(next - 1);
            (!about_system && !quantity).then(|| view.span(first, end))
        }
        _ => None,
    };
    if let Some(range) = found {
        out.push(Finding::new(range));
    }
}

/// "The reviewer could have caught", "should have been caught", "should have known".
fn modal_perfect(view: &View, modal: usize, next: usize) -> Option<std::ops::Range<usize>> {
    let lex = view.lexicon();
    let word = view.lower(modal);
    let mut i = next;
    if !word.ends_with("'ve") {
        // "could not have" exonerates ("they could not have known").
        if word == "could" && matches!(view.lower(i), "not" | "never") {
            return None;
        }
        i = view.skip_adverbs(i);
        if view.lower(i) != "have" {
            return None;
        }
        i += 1;
    }
    i = view.skip_adverbs(i);
    // "operators could have used it if it had been documented": about the system.
    if view.explained_by_system(modal, &["if"]) {
        return None;
    }
    let subject = view.subject_of(modal);
    // "Nobody could have known" exonerates.
    if subject
        .as_ref()
        .is_some_and(|s| matches!(view.lower(s.tokens.start), "nobody" | "none" | "no"))
    {
        return None;
    }
    let person = subject.as_ref().filter(|s| s.party.is_people());
    let start = person.map_or(modal, |s| s.tokens.start);
    let normative = matches!(word, "should" | "shouldn't" | "should've" | "ought to");
    if view.lower(i) == "been" {
        let after = view.skip_adverbs(i + 1);
        if view.is_participle(after) {
            // Passive: blame only when it aims at detection ("should have been caught").
            let detection = normative && lex.detection.contains(view.lower(after));
            let system = subject.as_ref().is_some_and(|s| s.party == Party::System);
            return (detection && !system).then(|| view.span(start, after));
        }
        // "should have been more careful", "could have been paying attention".
        return (person.is_some() && view.is_word(after))
            .then(|| view.span(start, view.clause(after).end - 1));
    }
    if !view.is_participle(i) {
        return None;
    }
    let always = lex.always_counterfactual.contains(view.lower(i));
    (always || person.is_some()).then(|| view.span(start, i))
}

/// After "if": a clause whose subject is people, in the past perfect ("if the developer
/// had just run", "if they had been paying attention"). Returns its verb's token.
fn conditional(view: &View, from: usize) -> Option<usize> {
    let subject = view.phrase_after(from)?;
    let clause = view.clause_at(view.skip_adverbs(subject.tokens.end))?;
    let subject_matches = view
        .subject_of(clause.verb)
        .is_some_and(|s| s.tokens == subject.tokens);
    let had = clause
        .group
        .clone()
        .any(|i| matches!(view.lower(i), "had" | "hadn't" | "'d"));
    (subject_matches && subject.party.is_people() && had && clause.perfect).then_some(clause.verb)
}

/// An inverted "had" opening a clause with people as its subject: "had Jorge
/// double-checked", "had anybody on the team bothered to check".
fn person_had(view: &View, had: usize) -> Option<usize> {
    let clause = view.clause_at(had).filter(|c| c.inverted && c.perfect)?;
    let subject = view.subject_of(clause.verb)?;
    subject.party.is_people().then_some(clause.verb)
}

#[cfg(test)]
mod tests {
    use crate::rules::blame::tests::flagged;

    #[test]
    fn flags_counterfactuals_about_people() {
        for (prose, expected) in [
            (
                "On-call should have caught this.",
                "On-call should have caught",
            ),
            (
                "The reviewer could have caught this in the pull request.",
                "The reviewer could have caught",
            ),
            (
                "A more attentive reviewer could have caught it.",
                "A more attentive reviewer could have caught",
            ),
            (
                "The operator ought to have verified the host.",
                "The operator ought to have verified",
            ),
            (
                "Someone should have noticed the queue depth.",
                "Someone should have noticed",
            ),
            ("You should have known", "You should have known"),
            (
                "Clearly should have been caught in staging.",
                "should have been caught",
            ),
            (
                "If the developer had just run the tests locally, we would not be here.",
                "If the developer had just run",
            ),
            (
                "Had Jorge double-checked the IP range, it would have been avoided.",
                "Had Jorge double-checked",
            ),
            (
                "If only someone had checked the replication status.",
                "If only someone had checked",
            ),
            (
                "The engineer should have been more careful.",
                "The engineer should have been more careful",
            ),
            (
                "Honestly, whoever approved this could have caught the null check.",
                "whoever approved this could have caught",
            ),
        ] {
            assert_eq!(flagged("B003", prose), vec![expected], "{prose}");
        }
    }

    #[test]
    fn normative_and_forward_looking_statements_are_fine() {
        for prose in [
            "Every service should have an owner.",
            "Latency-critical services should have priority over batch analytics.",
            "Secrets should have automated rotation with alerts 30 days before expiry.",
            "The on-call rotation should have a secondary for every shift.",
            "Feature flags would have enabled a rollback in seconds.",
            "A contract test between the app and the API should have caught the renamed field.",
            "If backups were restore-tested weekly, the snapshot would have been detected months ago.",
            "If the runbook had included the failover command, mitigation would have taken minutes.",
            "The outage could have been shortened if the dashboard had shown per-region error rates.",
            "They could not have known that the flag was shared.",
            "Nobody could have known the vendor changed the default.",
            "Avoid phrases like \"human error\" and \"should have known\" in the write-up.",
            "Near-misses that could have been severe.",
            "The engineer could have been paged sooner if the alert had routed correctly.",
            "Had the runbook been followed, the outage would have lasted minutes.",
            "the CDN purge that should have followed it errored",
            "Operators could have used the rollback button if it had been documented.",
            "If only a fraction of traffic had been routed, the impact would have been smaller.",
            "If only the alert had fired, the impact would have been smaller.",
        ] {
            assert!(flagged("B003", prose).is_empty(), "{prose}: {:?}", flagged("B003", prose));
        }
    }
}
