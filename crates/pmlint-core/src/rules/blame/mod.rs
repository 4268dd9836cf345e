//! Blameless language (B): shared matching for B001–B008.
//!
//! The phrase data lives in `lexicon.toml`: trigger phrases (compiled into one phrase
//! set the document matches once per lint) and the words that are lexical by nature
//! (judgment adjectives, hindsight adverbs, procedure nouns, reframings). Each rule
//! confirms the matches of its own triggers with the language layer
//! ([`crate::language`]): who the subject or the agent of the verb is, whether it is
//! passive, negated, modal, quoted or a question.

pub mod b001_human_error;
pub mod b002_person_failure;
pub mod b003_counterfactual;
pub mod b004_judgment;
pub mod b005_animated;
pub mod b006_noncompliance;
pub mod b007_hindsight;
pub mod b008_who_question;

use crate::diagnostic::{Edit, Fix, Severity};
use crate::document::{BlockKind, Document, Sentence, SentenceMatch, Slot};
use crate::language::{Analysis, Chunk, Clause, Party, PhraseSet, Pos, VerbForm};
use crate::rules::Context;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// What a lexicon phrase asks its rule to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    HumanError,
    /// A noun for a lapse ("mistake", "misreading"): B001 when people own it.
    Lapse,
    Judgment,
    Animated,
    Hindsight,
    HindsightWithModal,
    /// "obvious" said of the situation: "it was blindingly obvious".
    ObviousPredicate,
    AnyWould,
    FailureVerb,
    FailureAdverb,
    /// "unplugged the wrong uplink": people acting on the wrong thing.
    WrongObject,
    /// "made an incorrect assumption", "made a mistake".
    MadeLapse,
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
    lapse: Vec<String>,
    judgment: Vec<String>,
    animated: Vec<String>,
    hindsight: Vec<String>,
    hindsight_with_modal: Vec<String>,
    obvious_predicate: Vec<String>,
    any_would: Vec<String>,
    failure_verb: Vec<String>,
    failure_adverb: Vec<String>,
    wrong_object: Vec<String>,
    made_lapse: Vec<String>,
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
    checks: Vec<String>,
    verifications: Vec<String>,
    verification_fillers: Vec<String>,
    always_counterfactual: Vec<String>,
    detection: Vec<String>,
    neutral_past: Vec<String>,
    who_was: Vec<String>,
    procedures: Vec<String>,
    outcome_objects: Vec<String>,
    quantities: Vec<String>,
    negators: Vec<String>,
    error_compounds: Vec<String>,
    technical_compounds: Vec<String>,
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

/// Looked up for many tokens, so hashed with FxHash rather than the default SipHash.
type Words = FxHashSet<String>;

/// The trigger phrases and word lists.
pub(crate) struct Lexicon {
    phrases: PhraseSet,
    triggers: Vec<Trigger>,
    pub checks: Words,
    pub verifications: Words,
    pub verification_fillers: Words,
    pub always_counterfactual: Words,
    pub detection: Words,
    pub neutral_past: Words,
    pub who_was: Words,
    pub procedures: Words,
    pub outcome_objects: Words,
    pub quantities: Words,
    pub negators: Words,
    pub error_compounds: Words,
    pub technical_compounds: Words,
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
        (Trigger::Lapse, t.lapse),
        (Trigger::Judgment, t.judgment),
        (Trigger::Animated, t.animated),
        (Trigger::Hindsight, t.hindsight),
        (Trigger::HindsightWithModal, t.hindsight_with_modal),
        (Trigger::ObviousPredicate, t.obvious_predicate),
        (Trigger::AnyWould, t.any_would),
        (Trigger::FailureVerb, t.failure_verb),
        (Trigger::FailureAdverb, t.failure_adverb),
        (Trigger::WrongObject, t.wrong_object),
        (Trigger::MadeLapse, t.made_lapse),
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
        phrases: PhraseSet::new(&patterns),
        triggers,
        checks: set(w.checks),
        verifications: set(w.verifications),
        verification_fillers: set(w.verification_fillers),
        always_counterfactual: set(w.always_counterfactual),
        detection: set(w.detection),
        neutral_past: set(w.neutral_past),
        who_was: set(w.who_was),
        procedures: set(w.procedures),
        outcome_objects: set(w.outcome_objects),
        quantities: set(w.quantities),
        negators: set(w.negators),
        error_compounds: set(w.error_compounds),
        technical_compounds: set(w.technical_compounds),
        caps_terms: set(w.caps_terms),
        reframe: file.reframe,
    }
});

/// A match of a lexicon phrase, to be confirmed by its rule.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub trigger: Trigger,
    /// Byte range in the document.
    pub range: Range<usize>,
}

/// How far a rule looks around a word for its clause or an explanation: bounds the
/// work per match, so a sentence with thousands of matches stays linear.
const WINDOW: usize = 40;

/// A noun phrase with who it stands for in this document.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub tokens: Range<usize>,
    pub party: Party,
}

/// One sentence and its analysis, with what the rules ask of it. Token indices are the
/// analysis's; ranges given out are the document's.
pub(crate) struct View<'a> {
    pub doc: &'a Document<'a>,
    pub sentence: &'a Sentence,
    pub index: usize,
    pub a: &'a Analysis,
    configured: &'a [String],
}

impl<'a> View<'a> {
    pub fn lexicon(&self) -> &'static Lexicon {
        &LEXICON
    }

    pub fn len(&self) -> usize {
        self.a.tokens.len()
    }

    fn base(&self) -> usize {
        self.sentence.range.start
    }

    /// The index of the token that starts at or after document offset `offset`.
    pub fn token_at(&self, offset: usize) -> usize {
        self.a.token_at(offset - self.base())
    }

    /// The index just past the token that ends at or before document offset `offset`.
    pub fn token_end(&self, offset: usize) -> usize {
        self.a.token_end(offset - self.base())
    }

    pub fn lower(&self, i: usize) -> &str {
        self.a.lower(i)
    }

    pub fn lemma(&self, i: usize) -> &str {
        self.a.lemma(i)
    }

    /// The token as written.
    pub fn text(&self, i: usize) -> &str {
        self.a.word(i)
    }

    pub fn pos(&self, i: usize) -> Option<Pos> {
        self.a.pos(i)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.a.is_word(i)
    }

    /// Document range of token `i`.
    pub fn range(&self, i: usize) -> Range<usize> {
        let r = &self.a.tokens[i].range;
        self.base() + r.start..self.base() + r.end
    }

    /// Document range from the start of token `first` to the end of token `last`.
    pub fn span(&self, first: usize, last: usize) -> Range<usize> {
        let r = self.a.span(first, last);
        self.base() + r.start..self.base() + r.end
    }

    /// Whether token `i` is an adverb or a negation ("just", "quickly", "not").
    pub fn is_adverb(&self, i: usize) -> bool {
        self.a.tokens.get(i).is_some_and(|t| {
            t.word && (t.pos == Pos::Adv || matches!(t.lower.as_str(), "not" | "never"))
        })
    }

    /// The first token from `i` on that is not an adverb ("not", "just", "really").
    pub fn skip_adverbs(&self, mut i: usize) -> usize {
        while i < self.len() && self.is_adverb(i) {
            i += 1;
        }
        i
    }

    fn phrase_of(&self, chunk: &Chunk) -> Phrase {
        Phrase {
            tokens: chunk.tokens.clone(),
            party: self.doc.party(chunk, self.index, self.configured),
        }
    }

    /// The clause whose verb group holds token `i`, or starts right after the adverbs
    /// from `i` on ("mistakenly deleted").
    pub fn clause_at(&self, i: usize) -> Option<&'a Clause> {
        let i = if self.is_adverb(i) {
            self.skip_adverbs(i)
        } else {
            i
        };
        let clauses = &self.a.clauses;
        let k = clauses.partition_point(|c| c.group.end <= i);
        clauses.get(k).filter(|c| c.group.contains(&i))
    }

    /// The subject of the verb group holding token `verb`, with who it stands for.
    pub fn subject_of(&self, verb: usize) -> Option<Phrase> {
        let clause = self.clause_at(verb)?;
        self.a.subject(clause).map(|c| self.phrase_of(c))
    }

    /// Who does what the verb at `verb` says: its active subject or passive "by" phrase.
    pub fn agent_of(&self, verb: usize) -> Option<Phrase> {
        let clause = self.clause_at(verb)?;
        self.a.agent(clause).map(|c| self.phrase_of(c))
    }

    /// The noun phrase that starts at token `from` (over opening brackets and quotes).
    pub fn phrase_after(&self, mut from: usize) -> Option<Phrase> {
        while from < self.len() && matches!(self.lower(from), "[" | "(" | "\"" | "\u{201c}") {
            from += 1;
        }
        self.a
            .chunk_at(from)
            .filter(|c| c.tokens.start == from || self.pos(from) == Some(Pos::Det))
            .map(|c| self.phrase_of(c))
    }

    /// The noun phrase holding token `i`.
    pub fn phrase_at(&self, i: usize) -> Option<Phrase> {
        self.a.chunk_at(i).map(|c| self.phrase_of(c))
    }

    /// Whether the sentence explains the failure at `verb` by a condition that is not a
    /// person's: "we failed to reach the vendor because their status page was down",
    /// "operators could have used it if it had been documented".
    pub fn explained_by_system(&self, verb: usize, words: &[&str]) -> bool {
        (verb + 1..self.len().min(verb + WINDOW))
            .filter(|&i| words.contains(&self.lower(i)))
            .any(|i| {
                let from = if self.lower(i) == "due" { i + 2 } else { i + 1 };
                self.phrase_after(from)
                    .is_some_and(|p| !p.party.is_people())
            })
    }

    /// Whether something before token `i` in its clause negates it ("not", "rather than").
    pub fn negated_before(&self, i: usize) -> bool {
        let lex = self.lexicon();
        (i.saturating_sub(3)..i)
            .rev()
            .take_while(|&j| self.is_word(j) && !self.is_clause_break(j))
            .any(|j| lex.negators.contains(self.lower(j)) || self.lower(j).ends_with("n't"))
    }

    /// Whether `range` (of the document) is quoted as a term ('the label "human
    /// error"'), not used.
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

    /// Whether token `i` sits in a question the authors set aside: "instead of asking
    /// why Priyanka missed the alert, we asked…", "rather than asking who forgot".
    pub fn question_set_aside(&self, i: usize) -> bool {
        (i.saturating_sub(12)..i).any(|ask| {
            self.lemma(ask) == "ask"
                && (ask.saturating_sub(2)..ask).any(|j| {
                    matches!(
                        self.lower(j),
                        "instead" | "rather" | "not" | "stop" | "never"
                    ) || self.lower(j).ends_with("n't")
                })
        })
    }

    /// Whether token `i` is inside quoted speech ("…" in the sentence).
    pub fn is_quoted(&self, i: usize) -> bool {
        self.a.tokens.get(i).is_some_and(|t| t.quoted)
    }

    /// Whether token `i` is punctuation that ends a clause (not "%" or "'").
    pub fn is_clause_punct(&self, i: usize) -> bool {
        self.a.tokens.get(i).is_some_and(|t| {
            !t.word && ",;:()[]\u{2014}\u{2013}.!?\"\u{201c}\u{201d}".contains(t.lower.as_str())
        })
    }

    /// Whether token `i` opens a new clause: punctuation, a conjunction, a relative.
    pub fn is_clause_break(&self, i: usize) -> bool {
        self.is_clause_punct(i)
            || matches!(self.pos(i), Some(Pos::Sconj | Pos::Cconj))
            || matches!(
                self.lower(i),
                "who"
                    | "whom"
                    | "which"
                    | "that"
                    | "when"
                    | "where"
                    | "why"
                    | "how"
                    | "whether"
                    | "because"
                    | "since"
                    | "so"
                    | "then"
                    | "once"
                    | "while"
                    | "if"
                    | "unless"
            )
    }

    /// The range of tokens of the clause around token `i` (between clause breaks, at
    /// most [`WINDOW`] tokens either way).
    pub fn clause(&self, i: usize) -> Range<usize> {
        let floor = i.saturating_sub(WINDOW);
        let ceiling = (i + WINDOW).min(self.len());
        let start = (floor..i)
            .rev()
            .find(|&j| self.is_clause_break(j))
            .map_or(floor, |j| j + 1);
        let end = (i + 1..ceiling)
            .find(|&j| self.is_clause_break(j))
            .unwrap_or(ceiling);
        start..end
    }

    /// Whether the sentence is a question.
    pub fn is_question(&self) -> bool {
        self.a.is_question()
    }

    /// Whether token `i` is a past participle ("caught", "tested", "written").
    pub fn is_participle(&self, i: usize) -> bool {
        self.a.tokens.get(i).is_some_and(|t| {
            matches!(t.form, VerbForm::Participle | VerbForm::PastOrParticiple)
                || (t.word && t.pos == Pos::Adj && t.lower.ends_with("ed"))
        })
    }

    /// Whether token `i` is a verb in the past tense ("broke", "pushed").
    pub fn is_past_tense(&self, i: usize) -> bool {
        self.a.tokens.get(i).is_some_and(|t| {
            t.pos.is_verbal() && matches!(t.form, VerbForm::Past | VerbForm::PastOrParticiple)
        })
    }
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
    let lexicon = &*LEXICON;
    let matches = doc.phrase_matches(&lexicon.phrases);
    let hit = |m: &SentenceMatch, trigger: Trigger| Hit {
        trigger,
        range: m.range.clone(),
    };
    let mut by_sentence: BTreeMap<usize, Vec<Hit>> = BTreeMap::new();
    let mut lower = String::new();
    let mut lowered = usize::MAX;
    for m in matches.iter() {
        let trigger = lexicon.triggers[m.pattern];
        if triggers.contains(&trigger) {
            if lowered != m.sentence {
                lower.clear();
                lower.push_str(&doc.prose[doc.sentences[m.sentence].range.clone()]);
                lower.make_ascii_lowercase();
                lowered = m.sentence;
            }
            if !plausible(trigger, &lower) {
                continue;
            }
            by_sentence
                .entry(m.sentence)
                .or_default()
                .push(hit(m, trigger));
        }
    }
    for m in extra_matches(doc, &settings.blame_extra, code) {
        by_sentence
            .entry(m.sentence)
            .or_default()
            .push(hit(&m, Trigger::Extra));
    }
    if let Some(check) = &sentence_check {
        for (i, sentence) in doc.sentences.iter().enumerate() {
            if (check.wanted)(&doc.prose[sentence.range.clone()]) {
                by_sentence.entry(i).or_default();
            }
        }
    }
    let mut allowed: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    if !settings.blame_allow.is_empty() {
        for m in doc.find_phrases(&PhraseSet::new(&settings.blame_allow)) {
            allowed.entry(m.sentence).or_default().push(m.range);
        }
    }
    for (index, hits) in by_sentence {
        let sentence = &doc.sentences[index];
        let view = View {
            doc,
            sentence,
            index,
            a: doc.analysis(index),
            configured: &settings.blame_names,
        };
        let mut findings = Vec::new();
        for hit in &hits {
            if hit.trigger == Trigger::Extra {
                findings.push(Finding::new(hit.range.clone()));
            } else {
                detect(&view, hit, &mut findings);
            }
        }
        if let Some(check) = &sentence_check {
            (check.detect)(&view, &mut findings);
        }
        // A finding quoted as a term ('phrases like "human error"') is a mention; one
        // inside quoted speech ('a customer wrote: "WORST APP EVER"') is not the
        // authors' voice.
        let allowed = allowed.get(&index).map_or(&[][..], Vec::as_slice);
        findings.retain(|f| {
            let first = view.token_at(f.range.start);
            !view.quoted_as_term(&f.range)
                && !view.is_quoted(first)
                && !view.question_set_aside(first)
                && !allowed
                    .iter()
                    .any(|a| a.start < f.range.end && f.range.start < a.end)
        });
        report(ctx, sentence, findings, wording);
    }
}

/// Whether the sentence (lower case) has what `trigger`'s rule needs besides the trigger
/// itself: a cheap test that spares the language analysis of most sentences with a
/// common trigger word ("if", "had", "which", "made").
fn plausible(trigger: Trigger, lower: &str) -> bool {
    let any = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    match trigger {
        Trigger::Who => lower
            .trim_end_matches(['"', '\'', ')', '*', '_', ' ', '!'])
            .ends_with('?'),
        Trigger::Conditional => any(&["had", "'d "]),
        Trigger::Modal => any(&["have", "'ve"]),
        Trigger::AnyWould | Trigger::HindsightWithModal => {
            any(&["would", "should", "could", "ought", "must", "might"])
        }
        Trigger::MadeLapse => any(&[
            "mistake",
            "error",
            "blunder",
            "slip",
            "misstep",
            "assumption",
            "call",
            "decision",
            "choice",
            "judg",
        ]),
        _ => true,
    }
}

/// Matches of the `[blame] extra` phrases configured for rule `code`.
fn extra_matches(
    doc: &Document,
    extra: &[(String, &'static str)],
    code: &'static str,
) -> Vec<SentenceMatch> {
    let phrases: Vec<&str> = extra
        .iter()
        .filter(|(_, rule)| *rule == code)
        .map(|(phrase, _)| phrase.as_str())
        .collect();
    if phrases.is_empty() {
        return Vec::new();
    }
    doc.find_phrases(&PhraseSet::new(&phrases))
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
