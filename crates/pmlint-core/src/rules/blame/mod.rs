//! Blameless language (B): shared matching for B001–B008.
//!
//! The phrase data lives in `lexicon.toml`. All of its trigger phrases are compiled into
//! one Aho-Corasick automaton that scans the document's sentences once per lint (the
//! result is cached on the [`Document`]); each rule then confirms the matches of its own
//! triggers with light linguistics over the sentence's tokens: who the subject is (a
//! person, or a system), whether a participle follows a modal, whether a procedure is
//! the object, whether the phrase is negated or quoted as a term.

pub mod b001_human_error;
pub mod b002_person_failure;
pub mod b003_counterfactual;
pub mod b004_judgment;
pub mod b005_animated;
pub mod b006_noncompliance;
pub mod b007_hindsight;
pub mod b008_who_question;

use crate::diagnostic::{Edit, Fix, Severity};
use crate::document::{BlockKind, Document, Sentence, Slot};
use crate::rules::Context;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// What a lexicon phrase asks its rule to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    HumanError,
    Judgment,
    Animated,
    Hindsight,
    HindsightWithModal,
    AnyWould,
    FailureVerb,
    FailureAdverb,
    Negation,
    Without,
    FaultBy,
    AtFault,
    Modal,
    Conditional,
    IfOnly,
    Compliance,
    Who,
    /// A team-specific phrase from `[blame] extra`.
    Extra,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LexiconFile {
    triggers: TriggerLists,
    words: WordLists,
    reframe: Reframes,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TriggerLists {
    human_error: Vec<String>,
    judgment: Vec<String>,
    animated: Vec<String>,
    hindsight: Vec<String>,
    hindsight_with_modal: Vec<String>,
    any_would: Vec<String>,
    failure_verb: Vec<String>,
    failure_adverb: Vec<String>,
    negation: Vec<String>,
    without: Vec<String>,
    fault_by: Vec<String>,
    at_fault: Vec<String>,
    modal: Vec<String>,
    conditional: Vec<String>,
    if_only: Vec<String>,
    compliance: Vec<String>,
    who: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WordLists {
    roles: Vec<String>,
    person_pronouns: Vec<String>,
    system_modifiers: Vec<String>,
    systems: Vec<String>,
    non_person_pronouns: Vec<String>,
    noun_suffixes: Vec<String>,
    auxiliaries: Vec<String>,
    adverbs: Vec<String>,
    sentence_adverbs: Vec<String>,
    checks: Vec<String>,
    verifications: Vec<String>,
    verification_fillers: Vec<String>,
    participles: Vec<String>,
    always_counterfactual: Vec<String>,
    detection: Vec<String>,
    past_tense: Vec<String>,
    neutral_past: Vec<String>,
    who_was: Vec<String>,
    procedures: Vec<String>,
    outcome_objects: Vec<String>,
    quantities: Vec<String>,
    negators: Vec<String>,
    error_compounds: Vec<String>,
    technical_compounds: Vec<String>,
    clause_breaks: Vec<String>,
    prepositions: Vec<String>,
    determiners: Vec<String>,
    modals: Vec<String>,
    caps_terms: Vec<String>,
}

/// Blameless reframings, one per rule, in the spirit of seed 001's reframing examples.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Reframes {
    pub human_error: String,
    pub person_failure: String,
    pub counterfactual: String,
    pub judgment: String,
    pub animated: String,
    pub noncompliance: String,
    pub hindsight: String,
    pub who_question: String,
}

/// Looked up for nearly every token, so hashed with FxHash rather than the default
/// SipHash: its resistance to crafted keys is not worth 8% of linting (callgrind).
type Words = FxHashSet<String>;

/// The word lists as sets.
pub(crate) struct Lexicon {
    automaton: AhoCorasick,
    triggers: Vec<Trigger>,
    pub roles: Words,
    pub person_pronouns: Words,
    pub system_modifiers: Words,
    pub systems: Words,
    pub non_person_pronouns: Words,
    pub noun_suffixes: Vec<String>,
    pub auxiliaries: Words,
    pub adverbs: Words,
    pub sentence_adverbs: Words,
    pub checks: Words,
    pub verifications: Words,
    pub verification_fillers: Words,
    pub participles: Words,
    pub always_counterfactual: Words,
    pub detection: Words,
    pub past_tense: Words,
    pub neutral_past: Words,
    pub who_was: Words,
    pub procedures: Words,
    pub outcome_objects: Words,
    pub quantities: Words,
    pub negators: Words,
    pub error_compounds: Words,
    pub technical_compounds: Words,
    pub clause_breaks: Words,
    pub prepositions: Words,
    pub determiners: Words,
    pub modals: Words,
    pub caps_terms: Words,
    pub reframe: Reframes,
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let file: LexiconFile =
        toml::from_str(include_str!("lexicon.toml")).expect("the built-in lexicon is valid");
    let t = file.triggers;
    let mut patterns = Vec::new();
    let mut triggers = Vec::new();
    for (trigger, list) in [
        (Trigger::HumanError, t.human_error),
        (Trigger::Judgment, t.judgment),
        (Trigger::Animated, t.animated),
        (Trigger::Hindsight, t.hindsight),
        (Trigger::HindsightWithModal, t.hindsight_with_modal),
        (Trigger::AnyWould, t.any_would),
        (Trigger::FailureVerb, t.failure_verb),
        (Trigger::FailureAdverb, t.failure_adverb),
        (Trigger::Negation, t.negation),
        (Trigger::Without, t.without),
        (Trigger::FaultBy, t.fault_by),
        (Trigger::AtFault, t.at_fault),
        (Trigger::Modal, t.modal),
        (Trigger::Conditional, t.conditional),
        (Trigger::IfOnly, t.if_only),
        (Trigger::Compliance, t.compliance),
        (Trigger::Who, t.who),
    ] {
        for phrase in list {
            patterns.push(phrase);
            triggers.push(trigger);
        }
    }
    let w = file.words;
    let set = |list: Vec<String>| list.into_iter().collect::<Words>();
    Lexicon {
        automaton: automaton(&patterns),
        triggers,
        roles: set(w.roles),
        person_pronouns: set(w.person_pronouns),
        system_modifiers: set(w.system_modifiers),
        systems: set(w.systems),
        non_person_pronouns: set(w.non_person_pronouns),
        noun_suffixes: w.noun_suffixes,
        auxiliaries: set(w.auxiliaries),
        adverbs: set(w.adverbs),
        sentence_adverbs: set(w.sentence_adverbs),
        checks: set(w.checks),
        verifications: set(w.verifications),
        verification_fillers: set(w.verification_fillers),
        participles: set(w.participles),
        always_counterfactual: set(w.always_counterfactual),
        detection: set(w.detection),
        past_tense: set(w.past_tense),
        neutral_past: set(w.neutral_past),
        who_was: set(w.who_was),
        procedures: set(w.procedures),
        outcome_objects: set(w.outcome_objects),
        quantities: set(w.quantities),
        negators: set(w.negators),
        error_compounds: set(w.error_compounds),
        technical_compounds: set(w.technical_compounds),
        clause_breaks: set(w.clause_breaks),
        prepositions: set(w.prepositions),
        determiners: set(w.determiners),
        modals: set(w.modals),
        caps_terms: set(w.caps_terms),
        reframe: file.reframe,
    }
});

/// Patterns are lower case with single spaces, like the normalized text they scan, so
/// matching needs no case folding. A DFA: the overlapping search over every sentence
/// was the costliest step of linting with the default NFA (callgrind, BENCHMARKS.md).
fn automaton<S: AsRef<str>>(patterns: &[S]) -> AhoCorasick {
    let patterns: Vec<String> = patterns
        .iter()
        .map(|p| {
            let mut normalized = Normalized::default();
            normalized.fill(p.as_ref());
            normalized.text
        })
        .collect();
    AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("blame phrases compile")
}

/// A text in the form phrases are matched against: ASCII lower case, whitespace runs
/// as one space, curly apostrophes as straight ones; with the way back to the offsets
/// of the original. Only a character that normalizing shortens (a whitespace run, a
/// multi-byte space or apostrophe) shifts the offsets after it, so the shifts are few
/// and plain ASCII text is copied as is. Reused across sentences: normalizing every
/// sentence into fresh buffers was the costliest step of linting (callgrind).
#[derive(Default)]
struct Normalized {
    text: String,
    /// `(offset, shift)`: from normalized `offset` on, the original is `shift` bytes
    /// further. In order of offset.
    shifts: Vec<(usize, usize)>,
}

fn is_ascii_space(b: u8) -> bool {
    // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, CR, space.
    matches!(b, b'\t'..=b'\r' | b' ')
}

impl Normalized {
    fn fill(&mut self, text: &str) {
        self.text.clear();
        self.shifts.clear();
        let bytes = text.as_bytes();
        let mut shift = 0;
        let mut copied = 0;
        let mut i = 0;
        // ASCII other than whitespace, and a space between two such bytes, stay as they
        // are; the rest (other whitespace, runs, non-ASCII) is rewritten.
        while let Some(skipped) = bytes[i..]
            .iter()
            .position(|&b| !b.is_ascii() || is_ascii_space(b))
        {
            i += skipped;
            let lone_space = bytes[i] == b' '
                && (i == 0 || (bytes[i - 1].is_ascii() && !is_ascii_space(bytes[i - 1])))
                && !bytes.get(i + 1).copied().is_some_and(is_ascii_space);
            if lone_space {
                i += 1;
                continue;
            }
            self.text.push_str(&text[copied..i]);
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let width = c.len_utf8();
            let shortened_by = if c.is_whitespace() {
                if self.text.ends_with(' ') {
                    width
                } else {
                    self.text.push(' ');
                    width - 1
                }
            } else if matches!(c, '\u{2019}' | '\u{2018}') {
                self.text.push('\'');
                width - 1
            } else {
                self.text.push(c);
                0
            };
            if shortened_by > 0 {
                shift += shortened_by;
                self.shifts.push((self.text.len(), shift));
            }
            i += width;
            copied = i;
        }
        self.text.push_str(&text[copied..]);
        self.text.make_ascii_lowercase();
    }

    /// The offset in the original of the byte at normalized `offset`.
    fn origin(&self, offset: usize) -> usize {
        let after = self.shifts.partition_point(|&(at, _)| at <= offset);
        offset + after.checked_sub(1).map_or(0, |k| self.shifts[k].1)
    }
}

/// A confirmed-or-not match of a lexicon phrase.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub trigger: Trigger,
    /// Byte range in the document.
    pub range: Range<usize>,
    pub sentence: usize,
}

/// The lexicon matched over the whole document, once.
#[derive(Debug, Default)]
pub struct Scan {
    hits: Vec<Hit>,
    /// People the document names: @handles, timeline actors, the owner (lower case).
    people: FxHashSet<String>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'@' | b'/') || b >= 0x80
}

/// Runs `automaton` over every sentence and returns word-bounded hits.
fn scan_sentences(
    doc: &Document,
    automaton: &AhoCorasick,
    trigger_of: impl Fn(usize) -> Trigger,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut norm = Normalized::default();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        norm.fill(&doc.prose[sentence.range.clone()]);
        let bytes = norm.text.as_bytes();
        for m in automaton.find_overlapping_iter(&norm.text) {
            // An empty configured phrase (`allow = [""]`) matches everywhere and nothing.
            if m.is_empty() {
                continue;
            }
            let bounded_before = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let bounded_after = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
            if !bounded_before || !bounded_after {
                continue;
            }
            let start = sentence.range.start + norm.origin(m.start());
            let last = sentence.range.start + norm.origin(m.end() - 1);
            let end = last + doc.prose[last..].chars().next().map_or(1, char::len_utf8);
            hits.push(Hit {
                trigger: trigger_of(m.pattern().as_usize()),
                range: start..end,
                sentence: index,
            });
        }
    }
    hits
}

fn scan(doc: &Document) -> Scan {
    let lexicon = &*LEXICON;
    let hits = scan_sentences(doc, &lexicon.automaton, |p| lexicon.triggers[p]);
    Scan {
        hits,
        people: people_named_in(doc),
    }
}

/// Names the document gives people: @handles (and their parts), the first name of a
/// timeline entry's actor ("14:05 Sarah paged…"), and the owner's name.
fn people_named_in(doc: &Document) -> FxHashSet<String> {
    let mut people = FxHashSet::default();
    let add_name_words = |text: &str, people: &mut FxHashSet<String>| {
        for word in text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '-') {
            if is_name_shaped(word) {
                people.insert(word.to_lowercase());
            }
        }
    };
    for (i, _) in doc.prose.match_indices('@') {
        let handle: String = doc.prose[i + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect();
        for part in handle.split(['.', '_', '-']).filter(|p| p.len() >= 2) {
            people.insert(part.to_lowercase());
        }
    }
    if let Some(owner) = doc.metadata.get(crate::document::MetaKey::Owner) {
        add_name_words(owner, &mut people);
    }
    // The actor opening a timeline entry ("14:05 Sarah paged…"), unless the document
    // also writes the word in lower case, as a common noun ("06:00 Routers reboot").
    let mut actors: Vec<String> = Vec::new();
    for entry in &doc.timeline.entries {
        let text = &doc.prose[entry.text.range.clone()];
        let mut words = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .filter(|w| !w.is_empty())
            .skip_while(|w| w.chars().all(|c| c.is_ascii_digit()));
        if let (Some(first), Some(second)) = (words.next(), words.next()) {
            if is_name_shaped(first) && second.chars().all(char::is_lowercase) {
                actors.push(first.to_lowercase());
            }
        }
    }
    actors.sort();
    actors.dedup();
    if !actors.is_empty() {
        let mut common = vec![false; actors.len()];
        let bytes = doc.prose.as_bytes();
        let lower_case = AhoCorasick::new(&actors).expect("names compile");
        for m in lower_case.find_iter(&doc.prose) {
            let bounded = (m.start() == 0 || !is_word_byte(bytes[m.start() - 1]))
                && (m.end() == bytes.len() || !is_word_byte(bytes[m.end()]));
            if bounded {
                common[m.pattern().as_usize()] = true;
            }
        }
        people.extend(
            actors
                .into_iter()
                .zip(common)
                .filter(|(_, common)| !common)
                .map(|(name, _)| name),
        );
    }
    people
}

/// "Sarah", "O'Brien", "Jean-Luc": capitalised, then lower-case letters.
fn is_name_shaped(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && chars.all(|c| c.is_lowercase() || c == '\'' || c == '-')
}

/// The document's scan, computed by the first blame rule that asks.
pub(crate) fn scan_of<'d>(doc: &'d Document) -> &'d Scan {
    doc.blame_scan.get_or_init(|| scan(doc))
}

/// A word or a punctuation mark of a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Token<'t> {
    /// Byte range in the document.
    pub range: Range<usize>,
    /// As written.
    pub text: &'t str,
    /// Lower case, curly apostrophes straightened.
    pub lower: Cow<'t, str>,
    pub word: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '@' | '\'' | '\u{2019}' | '-' | '_' | '.' | '/')
}

fn tokenize(prose: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let text = &prose[range.clone()];
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            let end = i + c.len_utf8();
            tokens.push(token(prose, range.start + i..range.start + end, false));
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !is_word_char(d) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        // Trailing and leading punctuation that is part of the sentence, not the word.
        let word = &text[i..end];
        let trimmed_end = word.trim_end_matches(['.', '\'', '\u{2019}', '-', '_', '/']);
        let trimmed = trimmed_end.trim_start_matches(['.', '\'', '\u{2019}', '-', '_', '/']);
        if trimmed.is_empty() {
            continue;
        }
        let start = i + (trimmed_end.len() - trimmed.len());
        let stop = start + trimmed.len();
        tokens.push(token(prose, range.start + start..range.start + stop, true));
        if stop < end && text[stop..end].starts_with('.') {
            tokens.push(token(
                prose,
                range.start + stop..range.start + stop + 1,
                false,
            ));
        }
    }
    tokens
}

fn token(prose: &str, range: Range<usize>, word: bool) -> Token<'_> {
    let text = &prose[range.clone()];
    // One allocation, and only for a word with capitals (or non-ASCII).
    let lower = if !text.is_ascii() {
        Cow::Owned(text.replace('\u{2019}', "'").to_lowercase())
    } else if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    };
    Token {
        range,
        text,
        lower,
        word,
    }
}

/// Who a noun phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Party {
    Person,
    System,
    Unknown,
}

/// A noun phrase: token indices, its head and who it stands for.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub tokens: Range<usize>,
    pub party: Party,
}

/// One sentence, tokenized, with what the rules ask of it.
pub(crate) struct View<'a> {
    pub doc: &'a Document<'a>,
    pub sentence: &'a Sentence,
    pub tokens: Vec<Token<'a>>,
    names: &'a FxHashSet<String>,
    configured: &'a [String],
}

impl<'a> View<'a> {
    pub fn lexicon(&self) -> &'static Lexicon {
        &LEXICON
    }

    /// The index of the token that starts at or after `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.end <= offset)
    }

    /// The index just past the token that ends at or before `offset`.
    pub fn token_end(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.start < offset)
    }

    pub fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_ref())
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.word)
    }

    /// Byte range from the start of token `first` to the end of token `last`.
    pub fn span(&self, first: usize, last: usize) -> Range<usize> {
        let last = last.min(self.tokens.len().saturating_sub(1));
        match (self.tokens.get(first), self.tokens.get(last)) {
            (Some(a), Some(b)) => a.range.start..b.range.end.max(a.range.end),
            _ => self.sentence.range.clone(),
        }
    }

    /// Whether token `i` is an adverb ("just", "quickly", "clearly").
    fn is_adverb(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let lex = self.lexicon();
        t.word
            && (lex.adverbs.contains(t.lower.as_ref())
                || lex.sentence_adverbs.contains(t.lower.as_ref())
                || (t.lower.len() > 4
                    && t.lower.ends_with("ly")
                    && t.text.starts_with(char::is_lowercase)))
    }

    /// Whether token `i` sits between a subject and its verb ("also", "had", "quickly").
    fn is_verb_adverb(&self, i: usize) -> bool {
        self.is_adverb(i) || self.lexicon().auxiliaries.contains(self.lower(i))
    }

    /// The first token from `i` on that is not an adverb ("not", "just", "really").
    pub fn skip_adverbs(&self, mut i: usize) -> usize {
        while i < self.tokens.len() && self.is_adverb(i) {
            i += 1;
        }
        i
    }

    /// The subject of the verb at token `verb`: the noun phrase right before it (over
    /// adverbs and auxiliaries), back to a clause break or a determiner.
    pub fn subject_before(&self, verb: usize) -> Option<Phrase> {
        let lex = self.lexicon();
        let mut end = verb;
        while end > 0 && self.is_verb_adverb(end - 1) {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && end - start < 6 {
            let t = &self.tokens[start - 1];
            if !t.word || lex.clause_breaks.contains(t.lower.as_ref()) {
                break;
            }
            start -= 1;
            if lex.determiners.contains(t.lower.as_ref()) {
                break;
            }
        }
        if start == end {
            // An appositive: "Jo, the on-call, failed to escalate".
            return (end > 1 && self.lower(end - 1) == ",")
                .then(|| self.subject_before(end - 1))
                .flatten();
        }
        // "whoever approved this could have caught"
        let whoever = (start.saturating_sub(4)..start)
            .rev()
            .take_while(|&j| self.is_word(j))
            .find(|&j| matches!(self.lower(j), "whoever" | "whomever"));
        Some(match whoever {
            Some(j) => Phrase {
                tokens: j..end,
                party: Party::Person,
            },
            None => self.phrase(start..end),
        })
    }

    /// The noun phrase that starts at token `from` (over opening brackets), up to a
    /// clause break, a verb-like word or six words.
    pub fn phrase_after(&self, mut from: usize) -> Option<Phrase> {
        let lex = self.lexicon();
        while from < self.tokens.len() && matches!(self.lower(from), "[" | "(" | "\"" | "\u{201c}")
        {
            from += 1;
        }
        let mut end = from;
        while end < self.tokens.len() && end - from < 6 {
            let t = &self.tokens[end];
            let verb_like = end > from
                && (lex.auxiliaries.contains(t.lower.as_ref())
                    || self.is_adverb(end)
                    // A gerund after a noun starts a clause ("a job exhausting the pool").
                    || (t.lower.ends_with("ing")
                        && !lex.determiners.contains(self.lower(end - 1)))
                    || lex.past_tense.contains(t.lower.as_ref())
                    || lex.modals.contains(t.lower.as_ref())
                    || (t.lower.ends_with("ed") && !lex.roles.contains(t.lower.as_ref())));
            if !t.word || verb_like || (end > from && lex.clause_breaks.contains(t.lower.as_ref()))
            {
                break;
            }
            end += 1;
        }
        (from < end).then(|| self.phrase(from..end))
    }

    /// Classifies a noun phrase by its head: the word before its first preposition
    /// ("the head of the team"), else its last word.
    pub fn phrase(&self, tokens: Range<usize>) -> Phrase {
        let lex = self.lexicon();
        let head = (tokens.start + 1..tokens.end)
            .find(|&i| lex.prepositions.contains(self.lower(i)))
            .map_or(tokens.end - 1, |p| p - 1);
        let party = self.party(tokens.clone(), head);
        Phrase { tokens, party }
    }

    fn party(&self, tokens: Range<usize>, head: usize) -> Party {
        let lex = self.lexicon();
        let t = &self.tokens[head];
        let lower = t.lower.trim_end_matches("'s").trim_end_matches('\'');
        let forms = singular_forms(lower);
        let any = |set: &Words| forms.iter().any(|f| set.contains(f.as_str()));
        if (lower.starts_with('@') && lower.len() > 1) || (lower.ends_with('@') && lower.len() > 1)
        {
            return Party::Person;
        }
        if tokens
            .clone()
            .any(|i| matches!(self.lower(i), "whoever" | "whomever"))
        {
            return Party::Person;
        }
        if lex.person_pronouns.contains(lower) {
            let system_antecedent = lower == "they"
                && self.tokens[..tokens.start].iter().any(|t| {
                    singular_forms(&t.lower)
                        .iter()
                        .any(|f| lex.systems.contains(f))
                });
            return if system_antecedent {
                Party::System
            } else {
                Party::Person
            };
        }
        if lex.non_person_pronouns.contains(lower) {
            return Party::System;
        }
        if any(&lex.roles) {
            let modified_by_system = (tokens.start..head).any(|i| {
                let m = &self.tokens[i];
                lex.system_modifiers.contains(m.lower.as_ref()) || is_product_shaped(m.text)
            });
            return if modified_by_system {
                Party::System
            } else {
                Party::Person
            };
        }
        // Configured names win over the system words ("Jenkins" may be a person);
        // names guessed from the document do not.
        if self
            .configured
            .iter()
            .any(|n| n.eq_ignore_ascii_case(lower))
        {
            return Party::Person;
        }
        if any(&lex.systems) || is_product_shaped(t.text) {
            return Party::System;
        }
        if self.names.contains(lower) {
            return Party::Person;
        }
        let has_determiner = (tokens.start..head).any(|i| lex.determiners.contains(self.lower(i)));
        if is_name_shaped(t.text) && !has_determiner {
            let initial = head == 0 || !self.tokens[head - 1].word;
            let noun_like = lower.ends_with('s')
                || lex
                    .noun_suffixes
                    .iter()
                    .any(|s| lower.ends_with(s.as_str()));
            if !initial || !noun_like {
                return Party::Person;
            }
        }
        Party::Unknown
    }

    /// Whether the sentence explains the failure at `verb` by a condition that is not a
    /// person's: "we failed to reach the vendor because their status page was down",
    /// "operators could have used it if it had been documented".
    pub fn explained_by_system(&self, verb: usize, words: &[&str]) -> bool {
        (verb + 1..self.tokens.len())
            .filter(|&i| words.contains(&self.lower(i)))
            .any(|i| {
                let from = if self.lower(i) == "due" { i + 2 } else { i + 1 };
                self.phrase_after(from)
                    .is_some_and(|p| p.party != Party::Person)
            })
    }

    /// Whether something before token `i` in its clause negates it ("not", "rather than").
    pub fn negated_before(&self, i: usize) -> bool {
        let lex = self.lexicon();
        (i.saturating_sub(3)..i)
            .rev()
            .take_while(|&j| self.is_word(j) && !lex.clause_breaks.contains(self.lower(j)))
            .any(|j| lex.negators.contains(self.lower(j)) || self.lower(j).ends_with("n't"))
    }

    /// Whether `range` is quoted as a term ('the label "human error"'), not used.
    pub fn quoted_as_term(&self, range: &Range<usize>) -> bool {
        let text = self.doc.text;
        let before = text[..range.start].chars().next_back();
        let after = text[range.end..].chars().next();
        let quote = |c: Option<char>| {
            matches!(
                c,
                Some('"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}')
            )
        };
        quote(before) && quote(after)
    }

    /// Whether token `i` is punctuation that ends a clause (not "%" or "'").
    pub fn is_clause_punct(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            !t.word && ",;:()[]\u{2014}\u{2013}.!?\"\u{201c}\u{201d}".contains(t.text)
        })
    }

    /// The range of tokens of the clause around token `i` (between clause breaks).
    pub fn clause(&self, i: usize) -> Range<usize> {
        let lex = self.lexicon();
        let is_break = |j: usize| {
            let t = &self.tokens[j];
            self.is_clause_punct(j) || lex.clause_breaks.contains(t.lower.as_ref())
        };
        let start = (0..i).rev().find(|&j| is_break(j)).map_or(0, |j| j + 1);
        let end = (i + 1..self.tokens.len())
            .find(|&j| is_break(j))
            .unwrap_or(self.tokens.len());
        start..end
    }

    /// Whether the sentence is a question.
    pub fn is_question(&self) -> bool {
        self.doc.text[self.sentence.range.clone()]
            .trim_end_matches(['"', '\'', ')', '*', '_', '\u{201d}'])
            .ends_with('?')
    }

    /// Whether token `i` is a past participle ("caught", "tested", "written").
    pub fn is_participle(&self, i: usize) -> bool {
        let lower = self.lower(i);
        self.is_word(i)
            && (self.lexicon().participles.contains(lower)
                || (lower.len() > 3 && (lower.ends_with("ed") || lower.ends_with("en"))))
    }

    /// Whether token `i` is a verb in the past tense ("broke", "pushed").
    pub fn is_past_tense(&self, i: usize) -> bool {
        let lower = self.lower(i);
        self.is_word(i)
            && (self.lexicon().past_tense.contains(lower)
                || (lower.len() > 3 && lower.ends_with("ed")))
    }
}

/// The word and, if it looks plural or possessive, its singular forms.
fn singular_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    if let Some(stem) = word.strip_suffix("ies") {
        forms.push(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("es") {
        forms.push(stem.to_string());
    }
    if let Some(stem) = word.strip_suffix('s') {
        forms.push(stem.to_string());
    }
    forms
}

/// "ArgoCD", "S3", "v2", "api-gateway": written like a product or an identifier.
fn is_product_shaped(word: &str) -> bool {
    let inner_upper =
        word.chars().skip(1).any(char::is_uppercase) && word.chars().any(char::is_lowercase);
    inner_upper
        || word
            .chars()
            .any(|c| c.is_ascii_digit() || c == '_' || c == '.')
}

/// A finding of one rule in one sentence.
pub(crate) struct Finding {
    pub range: Range<usize>,
    /// Meaning-preserving edits (drop "obviously", "!!!" → ".").
    pub safe_edits: Vec<Edit>,
}

impl Finding {
    pub fn new(range: Range<usize>) -> Finding {
        Finding {
            range,
            safe_edits: Vec::new(),
        }
    }
}

/// What a rule says about its findings.
pub(crate) struct Wording {
    /// The message, given the flagged text.
    pub message: fn(&str) -> String,
    /// Why it matters, in one line.
    pub why: &'static str,
    pub reframe: &'static str,
    /// The title of the safe fix, when there are safe edits.
    pub fix_title: &'static str,
}

/// Finds what the lexicon cannot list (punctuation, capitals) in any sentence.
pub(crate) struct SentenceCheck {
    /// A cheap test of a sentence's text: whether to tokenize and look at it.
    pub wanted: fn(&str) -> bool,
    pub detect: fn(&View, &mut Vec<Finding>),
}

/// Runs `detect` over each sentence with hits of the rule's `triggers` (plus the
/// `[blame] extra` phrases configured for it, and `sentence_check`) and reports one
/// diagnostic per sentence spanning its findings. Config `allow` phrases silence
/// findings they overlap; quoted text and Appendix sections are reported at `info`.
pub(crate) fn run(
    ctx: &mut Context,
    code: &'static str,
    triggers: &[Trigger],
    wording: &Wording,
    detect: fn(&View, &Hit, &mut Vec<Finding>),
    sentence_check: Option<SentenceCheck>,
) {
    let doc = ctx.doc;
    let settings = ctx.settings;
    let scan = scan_of(doc);
    let extra_hits = extra_hits(doc, &settings.blame_extra, code);
    let mut by_sentence: BTreeMap<usize, Vec<&Hit>> = BTreeMap::new();
    for hit in scan
        .hits
        .iter()
        .filter(|h| triggers.contains(&h.trigger))
        .chain(&extra_hits)
    {
        by_sentence.entry(hit.sentence).or_default().push(hit);
    }
    if let Some(check) = &sentence_check {
        for (i, sentence) in doc.sentences.iter().enumerate() {
            if (check.wanted)(&doc.prose[sentence.range.clone()]) {
                by_sentence.entry(i).or_default();
            }
        }
    }
    let allowed = if settings.blame_allow.is_empty() {
        Vec::new()
    } else {
        scan_sentences(doc, &automaton(&settings.blame_allow), |_| Trigger::Extra)
    };
    for (index, hits) in by_sentence {
        let sentence = &doc.sentences[index];
        let view = View {
            doc,
            sentence,
            tokens: tokenize(&doc.prose, sentence.range.clone()),
            names: &scan.people,
            configured: &settings.blame_names,
        };
        let mut findings = Vec::new();
        for hit in hits {
            if hit.trigger == Trigger::Extra {
                findings.push(Finding::new(hit.range.clone()));
            } else {
                detect(&view, hit, &mut findings);
            }
        }
        if let Some(check) = &sentence_check {
            (check.detect)(&view, &mut findings);
        }
        // A finding quoted as a term ('phrases like "human error"') is a mention.
        findings.retain(|f| {
            !view.quoted_as_term(&f.range)
                && !allowed.iter().any(|a| {
                    a.sentence == index
                        && a.range.start < f.range.end
                        && f.range.start < a.range.end
                })
        });
        report(ctx, sentence, findings, wording);
    }
}

/// Hits of the `[blame] extra` phrases configured for rule `code`.
fn extra_hits(doc: &Document, extra: &[(String, &'static str)], code: &'static str) -> Vec<Hit> {
    let phrases: Vec<&str> = extra
        .iter()
        .filter(|(_, rule)| *rule == code)
        .map(|(phrase, _)| phrase.as_str())
        .collect();
    if phrases.is_empty() {
        return Vec::new();
    }
    scan_sentences(doc, &automaton(&phrases), |_| Trigger::Extra)
}

fn report(ctx: &mut Context, sentence: &Sentence, findings: Vec<Finding>, wording: &Wording) {
    let (Some(start), Some(end)) = (
        findings.iter().map(|f| f.range.start).min(),
        findings.iter().map(|f| f.range.end).max(),
    ) else {
        return;
    };
    let doc = ctx.doc;
    let range = start..end;
    let mut edits: Vec<Edit> = findings.into_iter().flat_map(|f| f.safe_edits).collect();
    edits.sort_by_key(|e| e.range.start);
    edits.dedup();
    let flagged = doc.text[range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let aside = sentence.quoted || doc.slot_at(start) == Some(Slot::Appendix);
    let diagnostic = ctx
        .report(range, (wording.message)(&flagged))
        .with_note(format!("{} Reframe: {}", wording.why, wording.reframe));
    if aside && diagnostic.severity > Severity::Info {
        diagnostic.with_severity(Severity::Info);
    }
    if !edits.is_empty() {
        diagnostic.with_fix(Fix::safe(wording.fix_title, edits));
    }
}

/// Whether the sentence is running prose (not a heading or a table cell), where
/// capitalisation carries tone.
pub(crate) fn is_running_prose(sentence: &Sentence) -> bool {
    matches!(sentence.kind, BlockKind::Paragraph | BlockKind::ListItem)
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::{lint, Settings};

    /// The flagged texts of rule `code` for `prose` inside a minimal postmortem.
    pub fn flagged_with(code: &str, prose: &str, settings: &Settings) -> Vec<String> {
        let text = format!("# Incident postmortem\n\n## What happened\n\n{prose}\n");
        lint(&text, settings)
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| text[d.range.clone()].to_string())
            .collect()
    }

    pub fn flagged(code: &str, prose: &str) -> Vec<String> {
        flagged_with(code, prose, &Settings::default())
    }

    /// Every blame diagnostic's code for `prose`.
    pub fn blame_codes(prose: &str) -> Vec<&'static str> {
        let text = format!("# Incident postmortem\n\n## What happened\n\n{prose}\n");
        lint(&text, &Settings::default())
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('B'))
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn normalizing_maps_every_byte_back_to_its_origin() {
        let text = "A\t \u{a0}B\u{2019}s  X\u{e9}\u{2003} y\nZ";
        let mut norm = super::Normalized::default();
        norm.fill(text);
        assert_eq!(norm.text, "a b's x\u{e9} y z");
        let origins: Vec<usize> = (0..norm.text.len()).map(|i| norm.origin(i)).collect();
        // a, space (the run), b, ', s, space, x, é (two bytes), space, y, space, z
        assert_eq!(origins, [0, 1, 5, 6, 9, 10, 12, 13, 14, 15, 19, 20, 21]);
        norm.fill("Plain text, reused.");
        assert_eq!(norm.text, "plain text, reused.");
        assert!((0..norm.text.len()).all(|i| norm.origin(i) == i));
    }

    #[test]
    fn the_lexicon_loads() {
        let lex = &*super::LEXICON;
        assert!(lex.roles.contains("engineer"));
        assert!(lex.systems.contains("pipeline"));
    }

    /// Seed 001's "Blameless Language" lists and reframing examples.
    #[test]
    fn seed_prefer_list_and_reframings_are_not_flagged() {
        for prose in [
            "What happened?",
            "What information was available?",
            "What made this decision seem reasonable?",
            "The system allowed this to happen",
            "The procedure didn't account for this case",
            "The deployment process allowed deployment without test verification",
            "The runbook was unclear about this scenario",
            "The alert didn't fire for this condition",
        ] {
            assert_eq!(blame_codes(prose), Vec::<&str>::new(), "{prose}");
        }
    }

    #[test]
    fn seed_avoid_list_and_blame_examples_are_flagged() {
        for (prose, code) in [
            ("Who broke this?", "B008"),
            ("Why didn't you check?", "B002"),
            ("You should have known", "B003"),
            ("This was a mistake by [person]", "B002"),
            ("Failure to follow procedure", "B006"),
            ("Developer deployed without testing", "B002"),
            ("Engineer didn't follow the runbook", "B006"),
            ("On-call should have caught this", "B003"),
        ] {
            let mut codes = blame_codes(prose);
            codes.dedup();
            assert_eq!(codes, vec![code], "{prose}");
        }
    }

    #[test]
    fn masks_code_urls_and_comments() {
        for prose in [
            "`operator error: invalid replica count`",
            "```\nThe engineer forgot to run the tests. Human error!!!\n```",
            "<!-- the engineer was careless -->",
            "See https://example.com/human-error-is-obviously-careless.",
        ] {
            assert_eq!(blame_codes(prose), Vec::<&str>::new(), "{prose}");
        }
    }

    #[test]
    fn quotes_and_appendix_report_at_info() {
        use crate::Severity;
        let text = "# Incident postmortem\n\n## What happened\n\n> ops: the engineer forgot to drain it, human error\n\n## Appendix\n\nIt was human error.\n";
        let report = lint(text, &Settings::default());
        let blame: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('B'))
            .collect();
        assert_eq!(blame.len(), 3, "{blame:#?}");
        assert!(blame.iter().all(|d| d.severity == Severity::Info));
    }

    #[test]
    fn config_allow_extra_and_names() {
        let settings = Settings::from_toml(
            "[blame]\nallow = [\"human error\"]\nextra = { \"yolo deploy\" = \"judgment\" }\nnames = [\"Jenkins\"]\n",
        )
        .unwrap();
        assert!(flagged_with("B001", "It was human error.", &settings).is_empty());
        assert_eq!(
            flagged_with("B004", "A YOLO\ndeploy broke prod.", &settings),
            vec!["YOLO\ndeploy"]
        );
        assert!(flagged("B002", "Jenkins forgot to run the tests.").is_empty());
        assert_eq!(
            flagged_with("B002", "Jenkins forgot to run the tests.", &settings),
            vec!["Jenkins forgot"]
        );
    }

    #[test]
    fn every_note_has_a_reframing() {
        let text = "# Incident postmortem\n\n## What happened\n\nHuman error. The engineer forgot. The engineer should have caught it. Careless! UNACCEPTABLE!!! Engineers ignored the runbook. Obviously it broke. Who broke it?\n";
        let report = lint(text, &Settings::default());
        let mut codes: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('B'))
            .inspect(|d| {
                let note = d.note.as_deref().unwrap_or("");
                assert!(note.contains("Reframe: "), "{d:?}");
            })
            .map(|d| d.code)
            .collect();
        codes.sort();
        codes.dedup();
        assert_eq!(
            codes,
            ["B001", "B002", "B003", "B004", "B005", "B006", "B007", "B008"]
        );
    }
}
