//! Clauses: one per verb group ("should have been caught", "didn't verify", "forgot"),
//! with its subject (the noun phrase before it, over prepositional modifiers: "anyone
//! with SQL knowledge would have seen"), voice, agent ("missed by the on-call"),
//! modality, perfect aspect and negation. Inverted questions ("why didn't you check?")
//! take the subject after the auxiliary.

use super::{Chunk, Pos, Token, VerbForm};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Active,
    Passive,
}

#[derive(Debug, Clone)]
pub struct Clause {
    /// The verb group: auxiliaries, adverbs inside it, the main verb.
    pub group: Range<usize>,
    /// The main verb (the last verb of the group; a copula when there is no other).
    pub verb: usize,
    /// "should", "could", "would", "ought", "must", "might", "may", "can", "will".
    pub modal: Option<usize>,
    /// "have" + participle: "should have caught", "had checked".
    pub perfect: bool,
    pub voice: Voice,
    /// "not", "n't" or "never" in the group.
    pub negated: bool,
    /// Chunk index of the grammatical subject.
    pub subject: Option<usize>,
    /// Chunk index of a passive's "by" phrase.
    pub by_agent: Option<usize>,
    /// The subject follows the auxiliary: "why didn't you check?", "had Jorge checked".
    pub inverted: bool,
}

const MODALS: &[&str] = &[
    "should",
    "could",
    "would",
    "ought",
    "must",
    "might",
    "may",
    "can",
    "will",
    "'ll",
    "shall",
    "shouldn't",
    "couldn't",
    "wouldn't",
    "mustn't",
    "mightn't",
    "can't",
    "cannot",
    "won't",
    "should've",
    "could've",
    "would've",
    "might've",
    "must've",
];

/// Whether `lower` is a modal verb ("should", "could've", "ought").
pub fn is_modal(lower: &str) -> bool {
    MODALS.contains(&lower)
}

fn is_negation(lower: &str) -> bool {
    matches!(lower, "not" | "never" | "cannot") || lower.ends_with("n't")
}

/// Corrections the tagger's model needs for the register of incident reports.
pub(super) fn fix_tags(words: &[&str], tags: &mut [Pos]) {
    for i in 0..tags.len() {
        let lower = words[i];
        if is_modal(lower) || (lower.ends_with("n't") && lower.len() > 3) {
            tags[i] = Pos::Aux;
        }
    }
    for i in 0..tags.len() {
        let lower = words[i];
        if is_modal(lower) || (lower.ends_with("n't") && lower.len() > 3) {
            tags[i] = Pos::Aux;
            // The word after a modal is a verb: "must slow down", "should check".
            if let Some(next) = tags.get_mut(i + 1) {
                if matches!(*next, Pos::Adj | Pos::Noun) && words[i + 1] != "to" {
                    *next = Pos::Verb;
                }
            }
        } else if matches!(lower, "not" | "never") {
            tags[i] = Pos::Part;
        } else if lower.starts_with('@') && lower.len() > 1 {
            tags[i] = Pos::Propn;
        } else if tags[i] == Pos::Adj && lower.ends_with("ed") && words.get(i + 1) == Some(&"by") {
            // "was not respected by the team": a passive participle, not an adjective.
            tags[i] = Pos::Verb;
        } else if tags[i] == Pos::Verb
            && [
                "ician", "ist", "tion", "ment", "ness", "ity", "ance", "ence",
            ]
            .iter()
            .any(|s| lower.ends_with(s))
        {
            // Context patches turn nouns after "to" into verbs ("to technician error").
            tags[i] = Pos::Noun;
        } else if lower == "cause" && matches!(tags[i], Pos::Sconj | Pos::Pron) {
            // The lexicon knows "'cause"; incident reports mean the noun or the verb.
            let verbal = i > 0 && matches!(tags[i - 1], Pos::Aux | Pos::Part);
            tags[i] = if verbal { Pos::Verb } else { Pos::Noun };
        } else if tags[i] == Pos::Verb && is_base_like(lower) && i > 0 {
            // A verb-looking word heading a noun phrase: "the new hire deleted", "the
            // change freeze policy was violated".
            let possessive = matches!(
                words[i - 1],
                "my" | "our" | "your" | "his" | "her" | "their" | "its" | "whose"
            ) || words[i - 1].ends_with("'s");
            let after_determiner = matches!(tags[i - 1], Pos::Det)
                || possessive
                || (tags[i - 1] == Pos::Adj && i > 1 && tags[i - 2] == Pos::Det);
            let after_noun = matches!(tags[i - 1], Pos::Noun | Pos::Propn);
            let compound_head =
                after_noun && i > 1 && tags[i - 2] == Pos::Det && is_base_like(words[i - 1]);
            let next = tags.get(i + 1).copied();
            let predicate_follows = matches!(
                next,
                Some(Pos::Verb | Pos::Aux | Pos::Adv | Pos::Punct | Pos::Adp | Pos::Cconj) | None
            );
            let noun_follows = matches!(next, Some(Pos::Noun))
                && matches!(tags.get(i + 2), Some(Pos::Aux | Pos::Verb));
            let predicate_after_compound =
                compound_head && matches!(next, Some(Pos::Verb | Pos::Aux | Pos::Adv));
            if (after_determiner && predicate_follows)
                || (after_noun && noun_follows)
                || predicate_after_compound
            {
                tags[i] = Pos::Noun;
            }
        }
    }
}

/// Not an inflected verb form: "hire", "freeze" (not "hired", "freezing", "freezes").
fn is_base_like(lower: &str) -> bool {
    !(lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with('s'))
}

fn is_be(t: &Token) -> bool {
    t.lemma == "be" || matches!(t.lower.as_str(), "got" | "get" | "gets" | "getting")
}

fn is_have(t: &Token) -> bool {
    matches!(t.lower.as_str(), "have" | "has" | "had" | "'ve" | "having")
        || t.lower.ends_with("'ve")
}

fn is_participle_form(form: VerbForm) -> bool {
    matches!(form, VerbForm::Participle | VerbForm::PastOrParticiple)
}

/// Whether token `i` can sit inside a verb group ("also", "just", "not").
fn is_inner_adverb(t: &Token) -> bool {
    t.word && (t.pos == Pos::Adv || (t.pos == Pos::Part && is_negation(&t.lower)))
}

pub(super) fn clauses(
    tokens: &mut [Token],
    chunks: &[Chunk],
    chunk_of: &[Option<u32>],
) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if !t.word
            || !(t.pos.is_verbal()
                || (t.pos == Pos::Part && is_negation(&t.lower) && next_is_verbal(tokens, i)))
        {
            i += 1;
            continue;
        }
        // A gerund or participle modifying a noun inside a phrase is not a verb group.
        if chunk_of[i].is_some() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut verb = None;
        while end < tokens.len() {
            let t = &tokens[end];
            if !t.word || chunk_of[end].is_some() && !t.pos.is_verbal() {
                break;
            }
            if t.pos == Pos::Verb {
                verb = Some(end);
                end += 1;
                // A particle ("roll back", "messed up") stays with its verb.
                break;
            }
            if t.pos == Pos::Aux
                || is_inner_adverb(t)
                || (t.lower == "to" && end > start && tokens[end - 1].lower == "ought")
            {
                end += 1;
                continue;
            }
            break;
        }
        if end == start {
            i += 1;
            continue;
        }
        let group = start..end;
        let mut clause = build(tokens, chunks, chunk_of, group, verb);
        // Inverted: "didn't you check", "had Jorge checked", "was the alert acknowledged".
        if verb.is_none() {
            if let Some(inverted) = invert(tokens, chunks, chunk_of, &clause) {
                clause = inverted;
            }
        }
        // A verb coordinated with the one before shares its subject and modal: "must
        // slow down and read", "logged in and deleted the table".
        if clause.subject.is_none() && clause.group.start > 0 {
            let conjoined = tokens[clause.group.start - 1].pos == Pos::Cconj
                || (clause.group.start > 1
                    && tokens[clause.group.start - 1].pos == Pos::Adv
                    && tokens[clause.group.start - 2].pos == Pos::Cconj);
            if let Some(previous) = clauses.last().filter(|_| conjoined) {
                let (subject, modal) = (previous.subject, previous.modal);
                clause.subject = subject;
                clause.modal = clause.modal.or(modal);
            }
        }
        i = clause.group.end.max(i + 1);
        clauses.push(clause);
    }
    clauses
}

fn next_is_verbal(tokens: &[Token], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|t| t.pos.is_verbal())
}

fn build(
    tokens: &mut [Token],
    chunks: &[Chunk],
    chunk_of: &[Option<u32>],
    group: Range<usize>,
    verb: Option<usize>,
) -> Clause {
    let auxes: Vec<usize> = group
        .clone()
        .filter(|&j| tokens[j].pos == Pos::Aux)
        .collect();
    let main = verb
        .or_else(|| auxes.last().copied())
        .unwrap_or(group.start);
    let modal = auxes.iter().copied().find(|&j| is_modal(&tokens[j].lower));
    let negated = group.clone().any(|j| is_negation(&tokens[j].lower));
    let before_main =
        |pred: fn(&Token) -> bool| auxes.iter().any(|&j| j < main && pred(&tokens[j]));
    let perfect = before_main(is_have) && verb.is_some();
    let participle = verb.is_some_and(|v| is_participle_form(tokens[v].form));
    let be_before = before_main(is_be);
    // "caused by a stale cache", "a mistake made by the captain": a participle with its
    // agent and no auxiliary.
    let reduced =
        auxes.is_empty() && participle && tokens.get(main + 1).is_some_and(|t| t.lower == "by");
    let passive = participle && (be_before || reduced);
    let subject = subject_before(tokens, chunks, chunk_of, group.start);
    if let Some(v) = verb {
        if tokens[v].form == VerbForm::PastOrParticiple {
            tokens[v].form = if before_main(is_have) || be_before || reduced || subject.is_none() {
                VerbForm::Participle
            } else {
                VerbForm::Past
            };
        }
    }
    let by_agent = passive
        .then(|| by_phrase(tokens, chunk_of, main + 1))
        .flatten();
    Clause {
        group,
        verb: main,
        modal,
        perfect,
        voice: if passive {
            Voice::Passive
        } else {
            Voice::Active
        },
        negated,
        subject,
        by_agent,
        inverted: false,
    }
}

/// The chunk after "by" within a few words of `from`: "missed by the on-call engineer".
fn by_phrase(tokens: &[Token], chunk_of: &[Option<u32>], from: usize) -> Option<usize> {
    let by = (from..(from + 6).min(tokens.len()))
        .take_while(|&j| {
            tokens[j].word
                && !matches!(
                    tokens[j].pos,
                    Pos::Verb | Pos::Aux | Pos::Sconj | Pos::Cconj
                )
        })
        .find(|&j| tokens[j].lower == "by")?;
    chunk_of.get(by + 1).copied().flatten().map(|c| c as usize)
}

/// The subject of a verb group starting at `start`: the phrase right before it, or, when
/// that phrase is the object of a preposition, the phrase the preposition modifies
/// ("anyone with basic SQL knowledge", "a contractor from the provider").
fn subject_before(
    tokens: &[Token],
    chunks: &[Chunk],
    chunk_of: &[Option<u32>],
    start: usize,
) -> Option<usize> {
    let mut before = start;
    // Over adverbs: "the new hire mistakenly deleted".
    while before > 0 && is_inner_adverb(&tokens[before - 1]) {
        before -= 1;
    }
    let mut c = chunk_of.get(before.checked_sub(1)?).copied().flatten()? as usize;
    loop {
        let first = chunks[c].tokens.start;
        let Some(adp) = first.checked_sub(1) else {
            break;
        };
        if tokens[adp].pos != Pos::Adp || tokens[adp].lower == "than" {
            break;
        }
        let Some(before) = adp.checked_sub(1).and_then(|j| chunk_of[j]) else {
            break;
        };
        c = before as usize;
    }
    // "whoever approved this": the free relative, not its object.
    let first = chunks[c].tokens.start;
    if let Some(w) = (first.saturating_sub(3)..first)
        .rev()
        .find(|&j| matches!(tokens[j].lower.as_str(), "whoever" | "whomever"))
    {
        return chunk_of[w].map(|x| x as usize);
    }
    Some(c)
}

/// An auxiliary alone, then a phrase, then the main verb: the subject is inside.
fn invert(
    tokens: &mut [Token],
    chunks: &[Chunk],
    chunk_of: &[Option<u32>],
    clause: &Clause,
) -> Option<Clause> {
    let after = clause.group.end;
    let c = chunk_of.get(after).copied().flatten()? as usize;
    let chunk = &chunks[c];
    let mut v = chunk.tokens.end;
    // Over prepositional modifiers: "had anybody on the team bothered".
    for _ in 0..3 {
        let pp = tokens
            .get(v)
            .is_some_and(|t| t.pos == Pos::Adp && t.lower != "by");
        match chunk_of.get(v + 1).copied().flatten() {
            Some(object) if pp => v = chunks[object as usize].tokens.end,
            _ => break,
        }
    }
    while tokens.get(v).is_some_and(is_inner_adverb) {
        v += 1;
    }
    let verb = tokens.get(v)?;
    if verb.pos != Pos::Verb {
        return None;
    }
    let aux = clause.group.start;
    let lower = tokens[aux].lower.clone();
    let participle = is_participle_form(verb.form);
    let be = is_be(&tokens[aux]);
    let have = is_have(&tokens[aux]);
    if participle {
        tokens[v].form = VerbForm::Participle;
    }
    let passive = be && participle;
    Some(Clause {
        group: clause.group.start..v + 1,
        verb: v,
        modal: is_modal(&lower).then_some(aux),
        perfect: have && participle,
        voice: if passive {
            Voice::Passive
        } else {
            Voice::Active
        },
        negated: clause.negated || (chunk.tokens.end..v).any(|j| is_negation(&tokens[j].lower)),
        subject: Some(c),
        by_agent: passive
            .then(|| by_phrase(tokens, chunk_of, v + 1))
            .flatten(),
        inverted: true,
    })
}
