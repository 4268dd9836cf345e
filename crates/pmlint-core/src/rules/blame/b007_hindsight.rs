use super::{run, Finding, Hit, Trigger, View, Wording, LEXICON};
use crate::diagnostic::{Edit, Severity};
use crate::language::{is_modal, Pos};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "B007",
    name: "hindsight",
    family: Family::Blame,
    default_severity: Severity::Warning,
    summary: "Hindsight bias: \"obviously\", \"clearly should\", \"it was obvious\", \"any engineer would\".",
    docs: RuleDocs {
        what: "Finds claims that the outcome was foreseeable: \"obviously\", \"it was obvious\", \"obvious to anyone\", \"should have been obvious\", \"clearly\"/\"it's clear\" with a modal in the same clause (\"clearly should have\"), \"any engineer would/should have\" and \"a more experienced engineer would have\" (not \"any engineer would have made the same call\"). Not \"not obviously\", nor \"clearly\" as plain description (\"the graph clearly shows\"). Safe fix: drop \"obviously\"/\"clearly\".",
        why: "Seed `001`: ask \"What did they know at the time?\" and \"What made this decision seem reasonable?\". What is obvious after the outcome was rarely obvious before it; saying so blames the people who did not see it.",
        example: "Obviously, the schema change should have been backward compatible.",
        better: "The schema change was not backward compatible, and no check in the pipeline compares schemas across versions.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let wording = Wording {
        message: |text| format!("\"{text}\" claims the outcome was foreseeable"),
        why: "What is obvious after the outcome was rarely obvious before it (seed 001: what did they know at the time?).",
        reframe: &LEXICON.reframe.hindsight,
        fix_title: "Drop the hindsight adverb",
    };
    run(
        ctx,
        RULE.code,
        &[
            Trigger::Hindsight,
            Trigger::HindsightWithModal,
            Trigger::ObviousPredicate,
            Trigger::AnyWould,
        ],
        &wording,
        detect,
        None,
    );
}

fn detect(view: &View, hit: &Hit, out: &mut Vec<Finding>) {
    let first = view.token_at(hit.range.start);
    let next = view.token_end(hit.range.end);
    if view.negated_before(first) {
        return;
    }
    match hit.trigger {
        Trigger::Hindsight => out.push(adverb_finding(view, hit, first)),
        Trigger::HindsightWithModal => {
            let clause = view.clause(first);
            let sentence = 0..view.len();
            // "Clearly the analyst should…": the modal may follow in the next clause
            // only when "clearly" opens the sentence.
            let scope = if first == 0 { sentence } else { clause };
            // "clearly defined ownership" describes, it does not judge.
            let modifies_participle = view.is_participle(next);
            if !modifies_participle && scope.clone().any(|i| is_modal(view.lower(i))) {
                out.push(adverb_finding(view, hit, first));
            }
        }
        Trigger::ObviousPredicate => {
            // "it was (blindingly) obvious", "the risk was obvious"; not "no obvious
            // cause" or "the obvious fix".
            let mut start = first;
            while start > 0 && view.pos(start - 1) == Some(Pos::Adv) {
                start -= 1;
            }
            let copula = start > 0 && view.lemma(start - 1) == "be";
            if copula {
                out.push(Finding::new(view.span(start, first)));
            }
        }
        Trigger::AnyWould => {
            // "any (competent) engineer would have checked", "anyone with basic SQL
            // knowledge would have seen", "a more experienced engineer would have
            // spotted it": people in general as the subject of a modal perfect.
            let Some(subject) = view.phrase_at(first).filter(|p| p.party.is_people()) else {
                return;
            };
            let Some(clause) = (subject.tokens.end..view.len().min(subject.tokens.end + 12))
                .find_map(|i| view.clause_at(i))
                .filter(|c| {
                    view.subject_of(c.verb)
                        .is_some_and(|s| s.tokens == subject.tokens)
                })
            else {
                return;
            };
            let modal = clause.modal.is_some_and(|m| {
                matches!(view.lower(m), "would" | "should" | "could" | "would've")
            });
            let any = matches!(view.lower(first), "any" | "anyone" | "anybody");
            // "any engineer would have made the same call" exonerates.
            let same = view.clause(clause.verb).any(|k| view.lower(k) == "same");
            if modal && !same && (clause.perfect || any) {
                out.push(Finding::new(view.span(first, clause.verb)));
            }
        }
        _ => {}
    }
}

/// The hindsight phrase; for a lone "obviously"/"clearly", a safe fix that drops it
/// with its comma and recapitalises what follows at the start of a sentence.
fn adverb_finding(view: &View, hit: &Hit, first: usize) -> Finding {
    let mut finding = Finding::new(hit.range.clone());
    let word = view.lower(first);
    if !matches!(word, "obviously" | "clearly") || view.token_end(hit.range.end) != first + 1 {
        return finding;
    }
    let text = view.doc.text;
    let mut end = hit.range.end;
    if text[end..].starts_with(',') {
        end += 1;
    }
    let rest = &text[end..];
    end += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let sentence_start = first == 0;
    let next_word = (first + 1..view.len()).find(|&i| view.is_word(i));
    let mut edits = Vec::new();
    match next_word {
        Some(next) if sentence_start && view.range(next).start == end => {
            let next_text = view.text(next);
            let next = view.range(next);
            let upper: String = next_text
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .collect();
            let first_len = next_text.chars().next().map_or(0, char::len_utf8);
            edits.push(Edit::delete(hit.range.start..end));
            edits.push(Edit::replace(next.start..next.start + first_len, upper));
        }
        Some(_) if !sentence_start => {
            // Mid-sentence: also drop the space before the word.
            let before = text[..hit.range.start].trim_end_matches([' ', '\t']).len();
            let start = if text[hit.range.end..].starts_with(',') {
                before
            } else {
                hit.range.start
            };
            let stop = if start == before {
                hit.range.end + 1
            } else {
                end
            };
            edits.push(Edit::delete(start..stop));
        }
        _ => return finding,
    }
    finding.safe_edits = edits;
    finding
}

#[cfg(test)]
mod tests {
    use crate::rules::blame::tests::flagged;
    use crate::{apply_edits, lint, Settings};

    #[test]
    fn flags_hindsight() {
        for (prose, expected) in [
            (
                "Obviously, the schema change should have been backward compatible.",
                "Obviously",
            ),
            (
                "It was obvious that the disk would fill up.",
                "It was obvious",
            ),
            (
                "The risk was obvious to anyone who read the design doc.",
                "obvious to anyone",
            ),
            (
                "It should have been obvious to the reviewer that the loop never ends.",
                "should have been obvious",
            ),
            ("Clearly should have been caught in staging.", "Clearly"),
            (
                "The engineer clearly should have run a dry-run first.",
                "clearly",
            ),
            (
                "Clearly the analyst should have noticed the mismatch.",
                "Clearly",
            ),
            (
                "In hindsight, it's clear the operator should have paused the rollout.",
                "it's clear",
            ),
            (
                "Any competent engineer would obviously have checked the quota first.",
                "Any competent engineer would obviously have checked",
            ),
        ] {
            assert_eq!(flagged("B007", prose), vec![expected], "{prose}");
        }
    }

    #[test]
    fn plain_description_is_fine() {
        for prose in [
            "The dashboard clearly showed the error spike at 14:02.",
            "The cause was not obviously related to the deploy.",
            "In hindsight, the alert threshold was too high.",
            "There was no obvious cause until the heap dump.",
            "Permissions allowed any engineer to delete production buckets.",
            "Minor incidents with obvious fixes.",
            "Clearly defined ownership would have helped.",
            "Any engineer would have made the same call with that dashboard.",
            "Schema changes need a more senior engineer to approve them.",
            "A better alert would have paged the on-call within a minute.",
        ] {
            assert!(
                flagged("B007", prose).is_empty(),
                "{prose}: {:?}",
                flagged("B007", prose)
            );
        }
    }

    #[test]
    fn the_safe_fix_drops_the_adverb() {
        for (prose, fixed) in [
            (
                "Obviously, the change should have been compatible.",
                "The change should have been compatible.",
            ),
            (
                "The engineer clearly should have run a dry-run.",
                "The engineer should have run a dry-run.",
            ),
            ("It would obviously have helped.", "It would have helped."),
        ] {
            let text = format!("# Incident postmortem\n\n## What happened\n\n{prose}\n");
            let edits: Vec<_> = lint(&text, &Settings::default())
                .diagnostics
                .iter()
                .filter(|d| d.code == "B007")
                .flat_map(|d| d.fixes.iter().flat_map(|f| f.edits.clone()))
                .collect();
            let (out, _) = apply_edits(&text, &edits);
            assert!(out.ends_with(&format!("{fixed}\n")), "{out}");
        }
    }
}
