use super::{is_running_prose, run, Finding, Hit, SentenceCheck, Trigger, View, Wording, LEXICON};
use crate::diagnostic::{Edit, Severity};
use crate::language::{lexicon_tag, Pos};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "B005",
    name: "animated",
    family: Family::Blame,
    default_severity: Severity::Warning,
    summary: "Exasperated tone: \"ridiculous\", \"I can't believe\", \"!!!\", SHOUTED words.",
    docs: RuleDocs {
        what: "Finds exasperation — ridiculous, unacceptable, absurd, inexcusable, \"I can't believe\" —, runs of exclamation marks (\"!!\", \"?!\"), and shouted ALL-CAPS words in running prose (acronyms such as DNS or HTTPS, log levels and status words are not shouting). Safe fix: \"!!!\" → \".\".",
        why: "Seed `003`: keep the discussion productive and blameless; seed `001`: \"Management (listening, not judging)\". Anger in the write-up reads as blame even when no one is named, and makes people defensive.",
        example: "The API was down for 47 MINUTES!!!",
        better: "The API was unavailable for 47 minutes.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let wording = Wording {
        message: |text| format!("\"{text}\" is exasperated in tone"),
        why: "Anger in a postmortem reads as blame and makes people defensive (seed 003: keep the discussion productive and blameless).",
        reframe: &LEXICON.reframe.animated,
        fix_title: "Replace repeated exclamation marks with one stop",
    };
    // Tone is also carried by punctuation and capitals, which no word list holds.
    let check = SentenceCheck {
        // "!!", "?!", "!?" or four capitals in a row (shorter words are acronyms).
        // Asked of every sentence, so a memchr for "!" first and one pass for capitals.
        wanted: |text| {
            let b = text.as_bytes();
            let mut capitals = 0;
            (text.contains('!')
                && b.windows(2)
                    .any(|w| matches!(w, [b'!', b'!' | b'?'] | [b'?', b'!'])))
                || b.iter().any(|c| {
                    capitals = if c.is_ascii_uppercase() {
                        capitals + 1
                    } else {
                        0
                    };
                    capitals == 4
                })
        },
        detect: |view, out| {
            exclamations(view, out);
            shouting(view, out);
        },
    };
    run(
        ctx,
        RULE.code,
        &[Trigger::Animated],
        &wording,
        detect,
        Some(check),
    );
}

fn detect(view: &View, hit: &Hit, out: &mut Vec<Finding>) {
    // An adjective classifying a thing ("unacceptable risk", "insane latency numbers")
    // rates it; said of what happened ("this is unacceptable") it vents.
    let next = view.token_end(hit.range.end);
    // "on earth" vents only in a question: "how on earth did…?"
    if view.lower(next - 1) == "earth" && !view.is_question() {
        return;
    }
    let attributive = view.pos(next) == Some(Pos::Noun)
        && view.phrase_at(next).is_some_and(|p| !p.party.is_people());
    if !attributive {
        out.push(Finding::new(hit.range.clone()));
    }
}

/// "!!", "!!!", "?!": a safe fix ends the sentence with one stop.
fn exclamations(view: &View, out: &mut Vec<Finding>) {
    let mut i = 0;
    while i < view.len() {
        let run_end = (i..view.len())
            .find(|&j| !matches!(view.lower(j), "!" | "?") || view.is_word(j))
            .unwrap_or(view.len());
        let marks = &view.a.tokens[i..run_end];
        let contiguous = marks.windows(2).all(|w| w[0].range.end == w[1].range.start);
        if marks.len() >= 2 && contiguous && marks.iter().any(|t| t.lower == "!") {
            let range = view.span(i, run_end - 1);
            let stop = if marks.iter().any(|t| t.lower == "?") {
                "?"
            } else {
                "."
            };
            out.push(Finding {
                range: range.clone(),
                safe_edits: vec![Edit::replace(range, stop)],
            });
        }
        i = run_end.max(i + 1);
    }
}

/// A run of capitalised words with at least one that is shouted, not an acronym.
fn shouting(view: &View, out: &mut Vec<Finding>) {
    if !is_running_prose(view.sentence) {
        return;
    }
    let lex = view.lexicon();
    let caps = |i: usize| {
        let text = view.text(i);
        view.is_word(i)
            && text.chars().any(|c| c.is_ascii_uppercase())
            && text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '\'')
    };
    let shouted = |i: usize| {
        let word = view.text(i);
        let letters = word.chars().filter(char::is_ascii_uppercase).count();
        let vowels = word.chars().filter(|c| "AEIOU".contains(*c)).count();
        word.chars().all(|c| c.is_ascii_uppercase() || c == '\'')
            && letters >= 4
            && vowels >= 2
            && vowels * 10 >= letters * 3
            && !lex.caps_terms.contains(word)
    };
    let words = view.a.tokens.iter().filter(|t| t.word).count();
    let mut i = 0;
    while i < view.len() {
        if !caps(i) {
            i += 1;
            continue;
        }
        let end = (i..view.len()).find(|&j| !caps(j)).unwrap_or(view.len());
        let alphabetic = (i..end)
            .filter(|&j| view.text(j).chars().any(|c| c.is_ascii_alphabetic()))
            .count();
        // A lone capitalised word is usually a name (CODEOWNERS, README); it is shouted
        // when it is the whole sentence or ends in "!".
        // A lone capitalised word that is an ordinary adverb, pronoun, adjective or
        // verb is shouted ("EVERYONE ignored it", "enabled, AGAIN"); a noun in capitals
        // is more often a term or an acronym ("an OOM kill", "the WAL").
        let shouted_word = alphabetic == 1
            && view.text(i).len() >= 4
            && !lex.caps_terms.contains(view.text(i))
            && lexicon_tag(view.lower(i)).is_some_and(|t| {
                matches!(t, Pos::Adv | Pos::Pron | Pos::Adj | Pos::Verb | Pos::Intj)
            });
        let emphatic =
            alphabetic >= 2 || words == alphabetic || view.lower(end) == "!" || shouted_word;
        if emphatic && (shouted_word || (i..end).any(shouted)) {
            out.push(Finding::new(view.span(i, end - 1)));
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::blame::tests::flagged;
    use crate::{apply_edits, lint, Settings};

    #[test]
    fn flags_exasperation_exclamations_and_shouting() {
        for (prose, expected) in [
            (
                "The API was down for 47 MINUTES!!! Customers noticed first.",
                "MINUTES!!!",
            ),
            (
                "Customers were charged twice!!! This should never happen.",
                "!!!",
            ),
            (
                "I can't believe the backups were never tested.",
                "I can't believe",
            ),
            ("It is ridiculous that the flag was left on.", "ridiculous"),
            (
                "The pager went off FOUR HUNDRED TIMES overnight.",
                "FOUR HUNDRED TIMES",
            ),
            (
                "The platform fell over because of ONE LINE of YAML.",
                "ONE LINE",
            ),
            (
                "WHY WAS THIS DEPLOYED WITHOUT TESTS?",
                "WHY WAS THIS DEPLOYED WITHOUT TESTS",
            ),
            (
                "This is the third time this quarter. UNACCEPTABLE.",
                "UNACCEPTABLE",
            ),
            (
                "The fact that this happened again is absolutely unacceptable!!",
                "unacceptable!!",
            ),
        ] {
            assert_eq!(flagged("B005", prose), vec![expected], "{prose}");
        }
    }

    #[test]
    fn acronyms_statuses_and_log_levels_are_not_shouting() {
        for prose in [
            "The DNS record pointed at the internal LB; AWS RDS and the HTTPS endpoint were fine.",
            "Logs showed ERROR and FATAL lines from the NGINX ingress.",
            "Status: RESOLVED. Severity: SEV-1.",
            "The API returned HTTP 503 for POST requests!",
            "`ALERT: DISK FULL on /var/lib/postgresql`",
            "The tools repository has no CODEOWNERS file and no branch protection.",
        ] {
            assert!(
                flagged("B005", prose).is_empty(),
                "{prose}: {:?}",
                flagged("B005", prose)
            );
        }
    }

    #[test]
    fn the_safe_fix_replaces_repeated_exclamation_marks() {
        let text = "# Incident postmortem\n\n## What happened\n\nDown for an hour!!! Really?!\n";
        let report = lint(text, &Settings::default());
        let edits: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "B005")
            .flat_map(|d| d.fixes.iter().flat_map(|f| f.edits.clone()))
            .collect();
        let (fixed, _) = apply_edits(text, &edits);
        assert!(fixed.ends_with("Down for an hour. Really?\n"), "{fixed}");
    }
}
