//! The language layer: what a sentence says, computed once per sentence text and read
//! by every rule about prose (blame, 5-whys answers, action items). Tokens with byte
//! ranges, lower case and lemma; part of speech from a Brill tagger ([`tagger`]); noun
//! phrases and who they stand for ([`chunks`]); clauses with their subject, agent,
//! voice, modality and negation ([`clauses`]); quoted speech.
//!
//! An analysis depends only on its text, so it is shared through a small cache: the
//! same sentence in another document, or in the next version of the same document in
//! the language server, is not analysed again.

mod chunks;
mod clauses;
mod morphology;
pub mod phrases;
mod tagger;
mod tokens;

pub use chunks::{is_name_shaped, is_role_noun, is_system_noun, Chunk, Party};
pub use clauses::{is_modal, Clause, Voice};

pub use phrases::{Normalized, PhraseMatch, PhraseSet};

use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex};

/// Universal Dependencies part-of-speech tags (UPOS), as the tagger's model uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
}

impl Pos {
    fn from_ud(tag: &str) -> Option<Pos> {
        Some(match tag {
            "ADJ" => Pos::Adj,
            "ADP" => Pos::Adp,
            "ADV" => Pos::Adv,
            "AUX" => Pos::Aux,
            "CCONJ" => Pos::Cconj,
            "DET" => Pos::Det,
            "INTJ" => Pos::Intj,
            "NOUN" => Pos::Noun,
            "NUM" => Pos::Num,
            "PART" => Pos::Part,
            "PRON" => Pos::Pron,
            "PROPN" => Pos::Propn,
            "PUNCT" => Pos::Punct,
            "SCONJ" => Pos::Sconj,
            "SYM" => Pos::Sym,
            "VERB" => Pos::Verb,
            _ => return None,
        })
    }

    pub fn is_nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn | Pos::Pron)
    }

    pub fn is_verbal(self) -> bool {
        matches!(self, Pos::Verb | Pos::Aux)
    }
}

/// The form of a verb (or auxiliary); `None` for other words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    None,
    Base,
    Present,
    Past,
    Participle,
    /// "-ed" or "had" before the clause decides ("was caused" vs "caused").
    PastOrParticiple,
    Gerund,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the analysed text.
    pub range: Range<usize>,
    /// Lower case, curly apostrophes straightened.
    pub lower: String,
    /// Dictionary form: "forgot" → "forget", "alerts" → "alert".
    pub lemma: String,
    pub pos: Pos,
    pub form: VerbForm,
    /// A word (not punctuation).
    pub word: bool,
    /// Inside double quotes: quoted speech, a chat line, a term.
    pub quoted: bool,
}

/// One analysed text (a sentence).
#[derive(Debug)]
pub struct Analysis {
    text: Box<str>,
    pub tokens: Vec<Token>,
    /// Noun phrases, in order, not overlapping.
    pub chunks: Vec<Chunk>,
    /// Clauses (one per verb group), in order.
    pub clauses: Vec<Clause>,
    /// For each token, the chunk it belongs to.
    chunk_of: Vec<Option<u32>>,
}

impl Analysis {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of token `i` as written ("" past the end).
    pub fn word(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.range.clone()])
    }

    /// Lower case of token `i` ("" past the end).
    pub fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    pub fn lemma(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lemma.as_str())
    }

    pub fn pos(&self, i: usize) -> Option<Pos> {
        self.tokens.get(i).map(|t| t.pos)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.word)
    }

    /// The index of the first token that ends after `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.end <= offset)
    }

    /// The index just past the last token that starts before `offset`.
    pub fn token_end(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.range.start < offset)
    }

    /// Byte range from the start of token `first` to the end of token `last`.
    pub fn span(&self, first: usize, last: usize) -> Range<usize> {
        let last = last.min(self.tokens.len().saturating_sub(1));
        match (self.tokens.get(first), self.tokens.get(last)) {
            (Some(a), Some(b)) => a.range.start..b.range.end.max(a.range.end),
            _ => 0..self.text.len(),
        }
    }

    /// The noun phrase token `i` belongs to.
    pub fn chunk_at(&self, i: usize) -> Option<&Chunk> {
        self.chunk_of
            .get(i)
            .copied()
            .flatten()
            .map(|c| &self.chunks[c as usize])
    }

    /// The clause whose verb group contains token `i`.
    pub fn clause_at(&self, i: usize) -> Option<&Clause> {
        let k = self.clauses.partition_point(|c| c.group.end <= i);
        self.clauses.get(k).filter(|c| c.group.contains(&i))
    }

    pub fn subject(&self, clause: &Clause) -> Option<&Chunk> {
        clause.subject.map(|c| &self.chunks[c])
    }

    /// Who does what the clause says: the subject of an active verb, the "by" phrase
    /// of a passive one.
    pub fn agent(&self, clause: &Clause) -> Option<&Chunk> {
        match clause.voice {
            Voice::Active => self.subject(clause),
            Voice::Passive => clause.by_agent.map(|c| &self.chunks[c]),
        }
    }

    /// A compact description for tests and debugging: `word/Tag` per token, noun
    /// phrases in brackets with who they stand for, clauses with subject and voice.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.tokens.iter().enumerate() {
            if let Some(c) = self.chunks.iter().find(|c| c.tokens.start == i) {
                out.push_str(&format!("[{:?} ", c.party));
            }
            out.push_str(&format!("{}/{:?}", self.word(i), t.pos));
            if t.form != VerbForm::None {
                out.push_str(&format!(":{:?}", t.form));
            }
            if self.chunks.iter().any(|c| c.tokens.end == i + 1) {
                out.push(']');
            }
            out.push(' ');
        }
        for c in &self.clauses {
            out.push_str(&format!(
                "\n  {} subject={:?} agent={:?} {:?}{}{}{}",
                self.word(c.verb),
                self.subject(c).map(|s| self.word(s.head)),
                self.agent(c).map(|s| self.word(s.head)),
                c.voice,
                if c.negated { " negated" } else { "" },
                if c.modal.is_some() { " modal" } else { "" },
                if c.perfect { " perfect" } else { "" },
            ));
        }
        out
    }

    /// Whether the text is a question.
    pub fn is_question(&self) -> bool {
        self.text
            .trim_end_matches(['"', '\'', ')', '*', '_', '\u{201d}', ' ', '!'])
            .ends_with('?')
    }
}

/// Analyses `text`, or returns the cached analysis of the same text.
pub fn analyze(text: &str) -> Arc<Analysis> {
    /// Enough for a large document and the ones around it; cleared when full, which is
    /// cheap and keeps memory bounded.
    const CAPACITY: usize = 20_000;
    static CACHE: LazyLock<Mutex<FxHashMap<Box<str>, Arc<Analysis>>>> =
        LazyLock::new(Default::default);
    if let Some(found) = CACHE.lock().ok().and_then(|c| c.get(text).cloned()) {
        return found;
    }
    let analysis = Arc::new(analyze_uncached(text));
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= CAPACITY {
            cache.clear();
        }
        cache.insert(text.into(), analysis.clone());
    }
    analysis
}

fn analyze_uncached(text: &str) -> Analysis {
    let split = tokens::split(text);
    let quoted = tokens::quoted(text, &split);
    let lowers: Vec<String> = split
        .iter()
        .map(|(r, _)| tokens::lower(&text[r.clone()]))
        .collect();
    let mut tags: Vec<Pos> = split
        .iter()
        .zip(&lowers)
        .enumerate()
        .map(|(i, ((range, word), lower))| {
            let initial = i == 0 || !split[i - 1].1 && is_opening(&text[split[i - 1].0.clone()]);
            initial_tag(&text[range.clone()], lower, *word, initial)
        })
        .collect();
    let words: Vec<&str> = lowers.iter().map(String::as_str).collect();
    tagger::TAGGER.apply_patches(&words, &mut tags);
    clauses::fix_tags(&words, &mut tags);
    let mut tokens: Vec<Token> = split
        .into_iter()
        .zip(lowers)
        .zip(tags)
        .zip(quoted)
        .map(|((((range, word), lower), pos), quoted)| {
            let (lemma, form) = if word {
                morphology::analyse(&lower, pos)
            } else {
                (lower.clone(), VerbForm::None)
            };
            Token {
                range,
                lower,
                lemma,
                pos,
                form,
                word,
                quoted,
            }
        })
        .collect();
    let chunks = chunks::chunk(text, &tokens);
    let mut chunk_of = vec![None; tokens.len()];
    for (c, chunk) in chunks.iter().enumerate() {
        for slot in &mut chunk_of[chunk.tokens.clone()] {
            *slot = Some(c as u32);
        }
    }
    let clauses = clauses::clauses(&mut tokens, &chunks, &chunk_of);
    Analysis {
        text: text.into(),
        tokens,
        chunks,
        clauses,
        chunk_of,
    }
}

/// Whether the lexicon knows inflections of `lower` as verbs ("reinforce" →
/// "reinforced", "deprecate" → "deprecating").
fn is_verb_stem(lower: &str) -> bool {
    let stem = lower.strip_suffix('e').unwrap_or(lower);
    [
        format!("{lower}d"),
        format!("{lower}ed"),
        format!("{stem}ing"),
        format!("{lower}s"),
    ]
    .iter()
    .any(|form| tagger::TAGGER.lookup(form) == Some(Pos::Verb))
}

/// Endings of common nouns ("regression", "deployment", "latency").
const NOUN_SUFFIXES: &[&str] = &[
    "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ency", "ism", "ure", "ship", "age",
    "ery", "ogy", "ics", "ware",
];

/// The tagger lexicon's most frequent tag for a lower-case word, if it knows the word.
pub fn lexicon_tag(lower: &str) -> Option<Pos> {
    tagger::TAGGER.lookup(lower)
}

fn is_opening(punct: &str) -> bool {
    matches!(
        punct,
        "\"" | "\u{201c}" | "(" | "[" | ":" | "*" | "-" | "\u{2014}" | ">"
    )
}

/// The tag before context: the lexicon's, else a guess from the word's shape.
fn initial_tag(text: &str, lower: &str, word: bool, sentence_initial: bool) -> Pos {
    if !word {
        return if text.chars().all(|c| c.is_alphanumeric()) {
            Pos::Sym
        } else {
            Pos::Punct
        };
    }
    if lower.starts_with('@') {
        return Pos::Propn;
    }
    let capitalised = text.starts_with(char::is_uppercase);
    if let Some(pos) = tagger::TAGGER.lookup(lower) {
        // A capitalised common word inside a sentence is a name or a product ("Vault"),
        // unless it is a word written that way anyway ("I", "Monday").
        if capitalised && !sentence_initial && pos == Pos::Noun && text.len() > 1 {
            return Pos::Propn;
        }
        return pos;
    }
    if lower
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '%'))
    {
        return Pos::Num;
    }
    let last = lower.rsplit('-').next().unwrap_or(lower);
    // A capitalised word opening a sentence is a common noun when shaped like one
    // ("Regression caused…"), else a name.
    let noun_shaped = NOUN_SUFFIXES
        .iter()
        .any(|s| last.len() > s.len() + 2 && last.ends_with(s));
    if sentence_initial && capitalised && noun_shaped && !lower.contains('-') {
        return Pos::Noun;
    }
    // An unknown capitalised word opening a sentence whose inflections are verbs is an
    // imperative ("Reinforce with the pickers…", "Deprecate the v1 API").
    if sentence_initial && capitalised && is_verb_stem(lower) {
        return Pos::Verb;
    }
    if capitalised || text.chars().any(|c| c.is_ascii_digit()) {
        return Pos::Propn;
    }
    if let Some(pos) = tagger::TAGGER.lookup(last).filter(|_| last != lower) {
        // A compound ("on-call", "follow-up", "fat-fingered") is a noun or an adjective,
        // unless it ends in a verb's inflection.
        let inflected = last.ends_with("ed") || last.ends_with("ing");
        return match pos {
            Pos::Verb if !inflected => Pos::Noun,
            Pos::Adp | Pos::Part | Pos::Adv | Pos::Det | Pos::Pron => Pos::Noun,
            other => other,
        };
    }
    const SUFFIXES: &[(&str, Pos)] = &[
        ("ly", Pos::Adv),
        ("ing", Pos::Verb),
        ("ed", Pos::Verb),
        ("ize", Pos::Verb),
        ("ise", Pos::Verb),
        ("ous", Pos::Adj),
        ("ful", Pos::Adj),
        ("ive", Pos::Adj),
        ("able", Pos::Adj),
        ("ible", Pos::Adj),
        ("less", Pos::Adj),
        ("ic", Pos::Adj),
        ("al", Pos::Adj),
    ];
    SUFFIXES
        .iter()
        .find(|(suffix, _)| last.len() > suffix.len() + 2 && last.ends_with(suffix))
        .map_or(Pos::Noun, |&(_, pos)| pos)
}

#[cfg(test)]
mod tests;
