use super::{run, Finding, Hit, Trigger, View, Wording, LEXICON};
use crate::diagnostic::Severity;
use crate::language::Party;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "B006",
    name: "noncompliance",
    family: Family::Blame,
    default_severity: Severity::Warning,
    summary: "People blamed for not following a procedure: \"didn't follow the runbook\", \"failure to follow procedure\".",
    docs: RuleDocs {
        what: "Finds a compliance verb with a procedure (runbook, playbook, procedure, process, policy, checklist, handbook, protocol, freeze…) as its object or passive subject: \"didn't follow the runbook\", \"failure to follow procedure\", \"violated the review process\", \"procedures were ignored\", \"steps were skipped by the on-call\", \"had the runbook been followed\". Also people acting \"despite\" a request to them to act (\"despite repeated comms to validators to shut down\", \"despite being asked to stop\"), or \"contrary to\" a procedure, also named by its identifier (\"Contrary to SOP-114, the technician did not …\"). A system subject that skips or ignores (\"the script skipped the checklist step\") is not flagged.",
        why: "Seed `001` lists \"Failure to follow procedure\" under language to avoid and reframes \"Engineer didn't follow the runbook\" as \"The runbook was unclear about this scenario\": when a procedure is not followed, the procedure is what the investigation should look at.",
        example: "Engineer didn't follow the runbook.",
        better: "The runbook was unclear about this scenario.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let wording = Wording {
        message: |text| format!("\"{text}\" blames people for not following a procedure"),
        why: "When a procedure is not followed, the procedure (its clarity, length, fit) is what to investigate (seed 001).",
        reframe: &LEXICON.reframe.noncompliance,
        fix_title: "",
    };
    run(
        ctx,
        RULE.code,
        &[Trigger::Compliance],
        &wording,
        detect,
        None,
    );
}

fn detect(view: &View, hit: &Hit, out: &mut Vec<Finding>) {
    let first = view.token_at(hit.range.start);
    let next = view.token_end(hit.range.end);
    let verb = view.lower(first).to_string();
    // "Contrary to SOP-114, the technician did not quarantine the lot."
    if verb == "contrary" {
        let Some(end) = procedure_object(view, next) else {
            return;
        };
        let people_act = (end + 1..view.len().min(end + 12))
            .any(|j| view.subject_of(j).is_some_and(|s| s.party.is_people()));
        if people_act {
            out.push(Finding::new(view.span(first, end)));
        }
        return;
    }
    if matches!(verb.as_str(), "despite" | "in") {
        if let Some(end) = request_to_act(view, next) {
            out.push(Finding::new(view.span(first, end)));
        }
        return;
    }
    let phrase = view.lower(next - 1);
    let nominal = matches!(
        verb.as_str(),
        "failure" | "failing" | "violation" | "violations" | "breach" | "breaches"
    ) || verb.starts_with("non");
    let needs_negation = !nominal
        && ["follow", "compl", "adher", "respect"]
            .iter()
            .any(|stem| phrase.starts_with(stem));
    let found = if nominal {
        procedure_object(view, next).map(|end| view.span(first, end))
    } else if is_passive(view, first) {
        passive(view, first, next, needs_negation)
    } else if needs_negation {
        // "didn't follow", or a negative subject: "nobody followed the policy".
        let nobody = || {
            view.subject_of(first)
                .map(|s| s.tokens.start)
                .filter(|&s| matches!(view.lower(s), "nobody" | "no" | "none"))
        };
        negation_before(view, first)
            .or_else(nobody)
            .and_then(|neg| {
                let system = view
                    .subject_of(neg)
                    .is_some_and(|s| s.party == Party::System);
                let end = procedure_object(view, next)?;
                (!system).then(|| view.span(neg, end))
            })
    } else {
        // violated / ignored / skipped / bypassed … + a procedure.
        let violated = verb.starts_with("violat");
        let system = view
            .subject_of(first)
            .is_some_and(|s| s.party == Party::System);
        procedure_object(view, next)
            .filter(|_| violated || !system)
            .map(|end| view.span(first, end))
    };
    if let Some(range) = found {
        out.push(Finding::new(range));
    }
}

/// Whether the participle at `verb` follows a form of "be" ("were skipped", "was not
/// followed").
/// Nouns of asking people to do something.
const REQUESTS: &[&str] = &[
    "comms",
    "communication",
    "communications",
    "requests",
    "request",
    "instructions",
    "warnings",
    "reminders",
    "notices",
    "announcements",
    "messages",
    "emails",
    "asks",
    "pleas",
];

/// After "despite": a request to people to act ("repeated comms to testnet validators
/// to shut down", "being told to wait"), so that what follows is people not doing as
/// asked. "Despite repeated warnings, the disk filled" names no one asked to act.
/// Returns the last token of the request.
fn request_to_act(view: &View, from: usize) -> Option<usize> {
    let window = from..view.len().min(from + 12);
    let told = view.lower(from) == "being"
        && matches!(
            view.lower(from + 1),
            "told" | "asked" | "warned" | "instructed" | "reminded"
        );
    let request = window
        .clone()
        .take(3)
        .find(|&i| REQUESTS.contains(&view.lower(i)));
    let after = if told { from + 2 } else { request? + 1 };
    // "… to <whom> to <verb>" or, after "being told", "to <verb>".
    let tos: Vec<usize> = (after..window.end)
        .take_while(|&i| view.is_word(i) && !view.is_clause_break(i))
        .filter(|&i| view.lower(i) == "to")
        .collect();
    let infinitive = if told { tos.first() } else { tos.get(1) }?;
    let verb = infinitive + 1;
    (verb < view.len() && view.is_word(verb)).then_some(verb)
}

fn is_passive(view: &View, verb: usize) -> bool {
    let be = |i: usize| {
        matches!(
            view.lower(i),
            "been"
                | "was"
                | "were"
                | "be"
                | "is"
                | "are"
                | "wasn't"
                | "weren't"
                | "isn't"
                | "aren't"
        )
    };
    verb > 0
        && (be(verb - 1)
            || (verb > 1 && matches!(view.lower(verb - 1), "not" | "never") && be(verb - 2)))
}

/// The last token of a procedure noun within the object after `from`, if any.
fn procedure_object(view: &View, from: usize) -> Option<usize> {
    (from..view.len().min(from + 7))
        .take_while(|&i| view.is_word(i) && !view.is_clause_break(i))
        .find(|&i| is_procedure(view, i))
        // To the end of its noun phrase: "the two-person review process".
        .map(|i| view.phrase_at(i).map_or(i, |p| p.tokens.end - 1))
}

/// A procedure noun, also as a document identifier ("SOP-114", "runbook-7").
fn is_procedure(view: &View, i: usize) -> bool {
    let lower = view.lower(i);
    let name = lower
        .rsplit_once('-')
        .filter(|(_, id)| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))
        .map_or(lower, |(name, _)| name);
    view.lexicon().procedures.contains(name)
}

/// "procedures were ignored", "steps were skipped by the on-call", "the runbook was not
/// followed", "had the runbook been followed".
fn passive(
    view: &View,
    verb: usize,
    next: usize,
    needs_negation: bool,
) -> Option<std::ops::Range<usize>> {
    let subject = view.subject_of(verb)?;
    let clause = view.clause(verb);
    // The subject phrase stops at a determiner: look over the whole clause before it.
    let procedure = (clause.start..verb).any(|i| is_procedure(view, i));
    if !procedure {
        return None;
    }
    let negated = (clause.start..verb).any(|i| {
        matches!(
            view.lower(i),
            "not" | "never" | "wasn't" | "weren't" | "hadn't"
        )
    });
    // "had the runbook been followed" (or "if the runbook had been followed").
    let counterfactual = (clause.start..verb).any(|i| view.lower(i) == "had");
    if needs_negation && !negated && !counterfactual {
        return None;
    }
    if !needs_negation && negated {
        return None;
    }
    // The subject phrase stops at a determiner; when the procedure lies before it
    // ("the checklist for the migration was ignored"), or the clause is a
    // counterfactual, the finding starts with the clause.
    let procedure_in_subject = subject.tokens.clone().any(|i| is_procedure(view, i));
    let start = if counterfactual || !procedure_in_subject {
        clause.start
    } else {
        subject.tokens.start
    };
    let end = if view.lower(next) == "by" {
        // "skipped by the release tool" is the tool's doing.
        match view.phrase_after(next + 1) {
            Some(agent) if agent.party == Party::System => return None,
            Some(agent) => agent.tokens.end - 1,
            None => next - 1,
        }
    } else {
        next - 1
    };
    Some(view.span(start, end))
}

/// The negation right before a compliance verb: "didn't", "did not", "failed to", "never".
fn negation_before(view: &View, verb: usize) -> Option<usize> {
    let mut i = verb;
    while i > 0
        && matches!(
            view.lower(i - 1),
            "really" | "fully" | "actually" | "always" | "to" | "with"
        )
    {
        i -= 1;
    }
    let before = |k: usize| (i >= k).then(|| view.lower(i - k));
    match (before(2), before(1)) {
        (_, Some("didn't" | "didnt" | "never" | "don't" | "doesn't" | "won't")) => Some(i - 1),
        (Some("did" | "does" | "do"), Some("not")) => Some(i - 2),
        // "failed to follow": the "to" was walked over above.
        (_, Some("failed" | "neglected" | "refused" | "forgot")) => Some(i - 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::blame::tests::flagged;

    #[test]
    fn flags_noncompliance_with_procedures() {
        for (prose, expected) in [
            (
                "Engineer didn't follow the runbook",
                "didn't follow the runbook",
            ),
            ("Failure to follow procedure", "Failure to follow procedure"),
            (
                "Contributing factor: failure to adhere to the on-call handbook.",
                "failure to adhere to the on-call handbook",
            ),
            (
                "The shift lead did not comply with the cutover procedure.",
                "did not comply with the cutover procedure",
            ),
            (
                "The rollout violated the two-person review process.",
                "violated the two-person review process",
            ),
            (
                "Change freeze policy was violated by the payments squad.",
                "Change freeze policy was violated by the payments squad",
            ),
            (
                "Procedures were ignored during the hotfix.",
                "Procedures were ignored",
            ),
            (
                "Runbook steps 4 through 7 were skipped by the on-call.",
                "Runbook steps 4 through 7 were skipped by the on-call",
            ),
            (
                "Had the runbook been followed, the outage would have lasted minutes.",
                "Had the runbook been followed",
            ),
            (
                "The operator failed to follow the checklist.",
                "failed to follow the checklist",
            ),
            (
                "Stores kept scanning in spite of repeated emails to store managers to pause the tills.",
                "in spite of repeated emails to store managers to pause",
            ),
            (
                "Two tenants kept writing despite being asked to stop until the migration ended.",
                "despite being asked to stop",
            ),
            (
                "Contrary to SOP-22, the night operator restarted the primary first.",
                "Contrary to SOP-22",
            ),
        ] {
            assert_eq!(flagged("B006", prose), vec![expected], "{prose}");
        }
    }

    #[test]
    fn procedures_themselves_and_systems_are_fine() {
        for prose in [
            "The procedure didn't account for this case.",
            "The runbook was unclear about which region to fail over first.",
            "Follow the runbook in the appendix for the failover.",
            "The on-call followed the runbook, which pointed at a deleted script.",
            "The config loader ignored unknown keys.",
            "The deploy script skipped the checklist step for hotfix builds.",
            "The proxy didn't follow redirects.",
            "The following process changes are planned.",
            "The checklist was skipped by the release tool for hotfix builds.",
            "The disk filled despite repeated warnings from the monitor.",
            "Despite the retries, the queue drained to zero within an hour.",
            "We restored service despite communication to the vendor being slow.",
            "Contrary to the runbook, the failover script promoted the replica in the wrong region.",
        ] {
            assert!(
                flagged("B006", prose).is_empty(),
                "{prose}: {:?}",
                flagged("B006", prose)
            );
        }
    }
}
