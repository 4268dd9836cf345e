//! Sentences of the authors' prose, split from the masked text of each block.

use super::{BlockKind, Document};
use crate::language::{self, is_name_shaped, Analysis, Chunk, Normalized, Party, PhraseSet, Pos};
use rustc_hash::FxHashSet;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    pub block: usize,
    pub section: Option<usize>,
    /// Inside a block quote (a pasted chat log or email).
    pub quoted: bool,
    pub kind: BlockKind,
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "approx", "dr", "mr", "mrs", "ms", "st", "no", "fig", "cf", "al",
    "inc", "ltd", "jr", "sr", "min", "sec", "max", "est",
];

pub(super) fn split_sentences(doc: &Document) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        let text = &doc.prose[block.range.clone()];
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?') {
                // Absorb repeated terminators and closing quotes/brackets: "!!!", '?"'.
                let mut end = i + 1;
                while end < bytes.len()
                    && matches!(
                        bytes[end],
                        b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b'*' | b'_'
                    )
                {
                    end += 1;
                }
                let followed_by_space = end >= bytes.len() || bytes[end].is_ascii_whitespace();
                if followed_by_space && !(b == b'.' && is_abbreviation(&text[start..i])) {
                    push(
                        &mut sentences,
                        doc,
                        index,
                        block.range.start,
                        text,
                        start..end,
                    );
                    start = end;
                }
                i = end;
            } else {
                i += 1;
            }
        }
        push(
            &mut sentences,
            doc,
            index,
            block.range.start,
            text,
            start..bytes.len(),
        );
    }
    sentences
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    // A single letter ("J. Smith") or a known abbreviation.
    (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
        || ABBREVIATIONS.contains(&lower.as_str())
}

fn push(
    out: &mut Vec<Sentence>,
    doc: &Document,
    block: usize,
    base: usize,
    text: &str,
    range: Range<usize>,
) {
    let piece = &text[range.clone()];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    let start = base + range.start + lead;
    let b = &doc.blocks[block];
    out.push(Sentence {
        range: start..start + trimmed.len(),
        block,
        section: b.section,
        quoted: b.quoted,
        kind: b.kind,
    });
}

/// What the language layer says about the document's sentences, computed lazily: only
/// the sentences a rule looks at are analysed.
#[derive(Debug, Default)]
pub(crate) struct Language {
    analyses: OnceLock<Vec<OnceLock<Arc<Analysis>>>>,
    people: OnceLock<FxHashSet<String>>,
    things: OnceLock<FxHashSet<String>>,
    /// Matches of phrase sets over every sentence, by the set's address.
    phrases: Mutex<Vec<(usize, Arc<[SentenceMatch]>)>>,
}

/// A phrase found in sentence `sentence`, at `range` of the document.
#[derive(Debug, Clone)]
pub struct SentenceMatch {
    pub sentence: usize,
    pub pattern: usize,
    pub range: Range<usize>,
}

impl Document<'_> {
    /// The language analysis of sentence `index` (its ranges are relative to the
    /// sentence's start).
    pub fn analysis(&self, index: usize) -> &Analysis {
        let slots = self
            .language
            .analyses
            .get_or_init(|| (0..self.sentences.len()).map(|_| OnceLock::new()).collect());
        slots[index]
            .get_or_init(|| language::analyze(&self.prose[self.sentences[index].range.clone()]))
    }

    /// Every match of `set` over the sentences, computed once per document and set.
    pub fn phrase_matches(&self, set: &'static PhraseSet) -> Arc<[SentenceMatch]> {
        let key = set as *const PhraseSet as usize;
        let mut cache = self
            .language
            .phrases
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some((_, found)) = cache.iter().find(|(k, _)| *k == key) {
            return found.clone();
        }
        let found: Arc<[SentenceMatch]> = self.find_phrases(set).into();
        cache.push((key, found.clone()));
        found
    }

    /// Every match of `set` over the sentences (not cached: for configured phrases).
    pub fn find_phrases(&self, set: &PhraseSet) -> Vec<SentenceMatch> {
        let mut norm = Normalized::default();
        let mut found = Vec::new();
        let mut out = Vec::new();
        for (index, sentence) in self.sentences.iter().enumerate() {
            out.clear();
            set.find(&self.prose[sentence.range.clone()], &mut norm, &mut out);
            found.extend(out.iter().map(|m| SentenceMatch {
                sentence: index,
                pattern: m.pattern,
                range: sentence.range.start + m.range.start..sentence.range.start + m.range.end,
            }));
        }
        found
    }

    /// Who chunk `chunk` of sentence `index` stands for, with the names the document
    /// gives people (@handles, timeline actors, the owner) and `names` from configuration:
    /// "Carlos" opening a sentence is a person when the timeline has "10:00 Carlos paged…".
    pub fn party(&self, chunk: &Chunk, index: usize, names: &[String]) -> Party {
        let analysis = self.analysis(index);
        let head = analysis.lower(chunk.head);
        let head = head.trim_end_matches("'s");
        if names.iter().any(|n| n.eq_ignore_ascii_case(head)) {
            return Party::Person;
        }
        // A word the document uses as a product name ("Django app") is one, even as the
        // actor of a timeline entry ("00:27 Django starts using connections").
        let thing = || self.things().contains(head);
        if chunk.party == Party::Unknown && chunk.maybe_name && self.people().contains(head) {
            return if thing() {
                Party::System
            } else {
                Party::Person
            };
        }
        if chunk.party == Party::Person && is_name_shaped(analysis.word(chunk.head)) && thing() {
            return Party::System;
        }
        chunk.party
    }

    /// Capitalised words the document uses to modify a singular common noun ("Django app",
    /// "Prometheus query"): products, not people, wherever else they appear.
    fn things(&self) -> &FxHashSet<String> {
        self.language.things.get_or_init(|| {
            let mut things = FxHashSet::default();
            let mut words = self.prose.split_whitespace().peekable();
            while let Some(word) = words.next() {
                let Some(next) = words.peek() else { break };
                let modifies = is_name_shaped(word)
                    && next.len() > 2
                    && next.bytes().all(|b| b.is_ascii_lowercase())
                    // "Dmitri links the queries": a verb's -s looks like a plural.
                    && !next.ends_with('s')
                    && language::lexicon_tag(next) == Some(Pos::Noun);
                if modifies {
                    things.insert(word.to_lowercase());
                }
            }
            things
        })
    }

    /// Names the document gives people: @handles (and their parts), the first name of a
    /// timeline entry's actor ("14:05 Sarah paged…") unless the document also writes the
    /// word in lower case, and the owner's name (lower case).
    pub fn people(&self) -> &FxHashSet<String> {
        self.language.people.get_or_init(|| people_named_in(self))
    }
}

fn people_named_in(doc: &Document) -> FxHashSet<String> {
    let mut people = FxHashSet::default();
    for (i, _) in doc.prose.match_indices('@') {
        let handle: String = doc.prose[i + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect();
        for part in handle.split(['.', '_', '-']).filter(|p| p.len() >= 2) {
            people.insert(part.to_lowercase());
        }
    }
    let words = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    if let Some(owner) = doc.metadata.get(super::MetaKey::Owner) {
        people.extend(
            words(owner)
                .iter()
                .filter(|w| is_name_shaped(w))
                .map(|w| w.to_lowercase()),
        );
    }
    let mut actors: Vec<String> = Vec::new();
    for entry in &doc.timeline.entries {
        let text = words(&doc.prose[entry.text.range.clone()]);
        let mut text = text
            .iter()
            .skip_while(|w| w.chars().all(|c| c.is_ascii_digit()));
        if let (Some(first), Some(second)) = (text.next(), text.next()) {
            if is_name_shaped(first) && second.chars().all(char::is_lowercase) {
                actors.push(first.to_lowercase());
            }
        }
    }
    actors.sort();
    actors.dedup();
    if !actors.is_empty() {
        // A word the document also writes in lower case is a common noun ("Routers").
        let set = PhraseSet::new(&actors);
        let mut norm = Normalized::default();
        let mut out = Vec::new();
        let mut common = vec![false; actors.len()];
        for line in doc.prose.lines() {
            out.clear();
            set.find(line, &mut norm, &mut out);
            for m in &out {
                if line[m.range.clone()].starts_with(char::is_lowercase) {
                    common[m.pattern] = true;
                }
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
