//! What a communication positively shows, read once: numbers, timestamps, a timeline,
//! who owns the failure, the actions with their dates and tiers, the asks, the
//! customer's next steps, the transparency commitment. The C rules report what is
//! missing; the rubric weighs what is there.

use super::lexicon::{
    horizon, Horizon, ACTION_HEADING, APOLOGY, ASK, ASK_HEADING, CAUSE, CLOCK_TIME, COMMITMENT,
    CUSTOMER_STEP, DONE, FOLLOW_UP, OPEN_DOOR, OWNERSHIP_COLLECTIVE, OWNERSHIP_LEADER, QUANTITY,
    STAKES, STEPS_HEADING, TIMEFRAME, TRANSPARENCY, UNDERLYING, WEEKDAY,
};
use crate::date::find_date;
use crate::document::{BlockKind, Document};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Who the document says owns the failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ownership {
    None,
    /// "We failed", "this was our mistake".
    Collective,
    /// "I take responsibility", "As CTO, I approved …".
    Leader,
}

/// A promise of work, or work reported done.
#[derive(Debug, Clone)]
pub struct Action {
    pub range: Range<usize>,
    /// It carries a date or period, its own or its tier label's.
    pub dated: bool,
    /// Reported as done ("We've disabled …"): needs no date.
    pub done: bool,
    pub horizon: Option<Horizon>,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    /// Measured quantities: counts, percentages, money, durations.
    pub quantities: usize,
    /// Dates written out ("2 June", "2025-03-02").
    pub dates: usize,
    /// Signed by a named person with a role, not by a team.
    pub signed: bool,
    /// Clock times anywhere in the prose.
    pub clock_times: usize,
    /// List items and table rows that open with a time or a date.
    pub timeline_entries: usize,
    pub ownership: Ownership,
    pub apology: bool,
    pub asks: usize,
    pub customer_steps: bool,
    pub transparency: bool,
    pub open_door: bool,
    pub cause: bool,
    pub underlying: bool,
    pub actions: Vec<Action>,
    /// Headings and bold labels that organise the text.
    pub headings: usize,
    pub words: usize,
    /// Any date, weekday or clock time: when it happened.
    pub when: bool,
    /// "You" and "your": the reader is addressed.
    pub addresses_reader: usize,
    /// Technical terms the text explains where it uses them.
    pub explained_terms: usize,
    /// What it cost the business: money, credits, contracts, trust.
    pub stakes: bool,
}

impl Evidence {
    /// Future actions (not reported done).
    pub fn planned(&self) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(|a| !a.done)
    }

    /// How many of the tiers (now / 30 days / quarter) the actions reach.
    pub fn tiers(&self) -> usize {
        let mut seen: Vec<Horizon> = self.actions.iter().filter_map(|a| a.horizon).collect();
        seen.sort();
        seen.dedup();
        seen.len()
    }
}

/// Sentences of the authors' own prose (not quoted), with their text.
pub fn sentences<'d>(doc: &'d Document) -> impl Iterator<Item = (Range<usize>, &'d str)> + 'd {
    doc.sentences
        .iter()
        .filter(|s| !s.quoted)
        .map(|s| (s.range.clone(), &doc.prose[s.range.clone()]))
}

fn count(re: &Regex, doc: &Document) -> usize {
    sentences(doc).map(|(_, t)| re.find_iter(t).count()).sum()
}

fn any(re: &Regex, doc: &Document) -> bool {
    sentences(doc).any(|(_, t)| re.is_match(t))
}

/// A paragraph's lead-in label: "**What happened.**", "**Impact:**", "Next steps:".
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<bold>\*\*|__)?(?P<label>[A-Za-z][^:.!?*_\n]{0,50}?)(?:\*\*|__)?\s*(?P<end>[:.])(?:\*\*|__)?(?:\s|$)")
        .expect("lead-in pattern")
});

/// Headings (real or pseudo) and the lead-in labels of paragraphs: bold ones ending in
/// a colon or a period, plain ones ending in a colon, up to six words.
fn titles(doc: &Document) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = doc
        .sections
        .iter()
        .map(|s| (s.heading_range.clone(), s.title.clone()))
        .collect();
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        let text = &doc.text[block.range.clone()];
        // A paragraph that is only bold text: "**This week**".
        let whole = text.trim().trim_end_matches(':');
        if let Some(inner) = whole
            .strip_prefix("**")
            .and_then(|t| t.strip_suffix("**"))
            .filter(|t| !t.contains("**") && t.split_whitespace().count() <= 6)
        {
            out.push((block.range.clone(), inner.trim_end_matches(':').to_string()));
            continue;
        }
        let Some(caps) = LEAD_IN.captures(text) else {
            continue;
        };
        let label = caps["label"].trim();
        let bold = caps.name("bold").is_some();
        if label.split_whitespace().count() <= 6 && (bold || &caps["end"] == ":") {
            out.push((block.range.clone(), label.to_string()));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// A signature by a named person ("— Priya, VP Engineering", "Marta Ilić, CTO"), not
/// a team ("The Dashly Team"): the accountability has a name.
static SIGNED_BY_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t]*(?:[—–-]+\s*|from:\s*|\*\*from:\*\*\s*)?[A-Z][a-z]+(?:\s+[A-Z][\w'-]+)*\s*(?:,\s*|\n[ \t]*)(?:the\s+)?(?:chief|ceo|cto|coo|cfo|ciso|cio|vp|svp|evp|head|director|president|founder|co-founder|general\s+manager|manager|lead)\b")
        .expect("signature pattern")
});

/// The start of the text of a list item, past markup.
fn opening(text: &str) -> &str {
    text.trim_start_matches(['*', '_', '`', ' ', '[', '('])
}

/// Whether `offset` is in a table or in a list item that opens with a time: an event
/// log, where the passive voice ("a routing update was pushed") is the convention.
pub fn in_event_log(doc: &Document, offset: usize) -> bool {
    doc.table_at(offset).is_some()
        || doc
            .block_at(offset)
            .and_then(|b| b.list_item)
            .is_some_and(|i| opens_with_time(&doc.text[doc.list_items[i].text_range.clone()]))
}

/// A timeline entry opens with its time ("**2:14am:** …", "Sat 02:14 — …") or date.
fn opens_with_time(text: &str) -> bool {
    let open = opening(text);
    let head = &open[..crate::line_index::floor_char_boundary(open, open.len().min(32))];
    CLOCK_TIME.find(head).is_some_and(|m| m.start() <= 16)
        || find_date(head).is_some_and(|(_, r)| r.start == 0)
}

/// A title over the explanation: "Why it happened", "Root cause", "What went wrong".
static CAUSE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:why|cause|what\s+happened|what\s+went\s+wrong|how\s+(?:it|this)\s+happened|details)(?-u:\b)")
        .expect("cause title pattern")
});

/// An apology, unless it is for "any inconvenience": the boilerplate is no apology.
pub fn is_apology(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    // "We understand this may be frustrating": hedged, not felt.
    APOLOGY.is_match(sentence)
        && !lower.contains("inconvenience")
        && !lower.contains(" may be ")
        && !lower.contains(" might be ")
}

/// A transparency commitment: a publication promised, or a follow-up with a date.
pub fn commits_to_transparency(sentence: &str) -> bool {
    TRANSPARENCY.is_match(sentence)
        || (FOLLOW_UP.is_match(sentence) && TIMEFRAME.is_match(sentence))
}

/// A date written out, with or without its year: "3 September", "Nov 2", "2025-03-02".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?-u:\b)")
        .expect("date pattern")
});

/// A sentence reporting work done: "We've already added an alert …".
static DONE_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:we|i)(?:'ve|\s+have)\s+(?:already\s+|now\s+|also\s+)?(?:[a-z]+ed|built|made|put|set|sent|run|begun|shut|frozen|taken)(?-u:\b)")
        .expect("done sentence pattern")
});

/// Every action: list items under an action heading or label ("What we're doing",
/// "Next steps:"), and commitment or done-work sentences elsewhere.
fn actions(doc: &Document, titles: &[(Range<usize>, String)]) -> Vec<Action> {
    let action_heading = |offset: usize| {
        let mut section = doc.section_at(offset);
        while let Some(i) = section {
            if ACTION_HEADING.is_match(&doc.sections[i].title) {
                return Some(doc.sections[i].title.as_str());
            }
            section = doc.sections[i].parent;
        }
        None
    };
    // The label that governs an offset: the nearest title before it in its section.
    let label_before = |offset: usize| -> Option<&str> {
        let section_start = doc
            .section_at(offset)
            .map_or(0, |i| doc.sections[i].heading_range.start);
        titles
            .iter()
            .rev()
            .find(|(r, _)| r.start < offset && r.start >= section_start)
            .map(|(_, t)| t.as_str())
    };
    let is_action_item = |i: usize| {
        let start = doc.list_items[i].range.start;
        action_heading(start).is_some()
            || label_before(start).is_some_and(|l| ACTION_HEADING.is_match(l))
    };
    let mut out = Vec::new();
    for (index, item) in doc.list_items.iter().enumerate() {
        if !is_action_item(index) || item.parent.is_some_and(is_action_item) {
            continue;
        }
        let text = &doc.prose[item.text_range.clone()];
        // A skeleton's "1. <!-- action -->" holds no action yet.
        if text.trim().is_empty() {
            continue;
        }
        let label = label_before(item.range.start).unwrap_or("");
        let heading = action_heading(item.range.start).unwrap_or("");
        let done = item.task == Some(true) || DONE.is_match(text.trim_start());
        let dated =
            TIMEFRAME.is_match(text) || TIMEFRAME.is_match(label) || TIMEFRAME.is_match(heading);
        let horizon = horizon(text)
            .or_else(|| horizon(label))
            .or_else(|| horizon(heading));
        out.push(Action {
            range: item.text_range.clone(),
            dated,
            done,
            horizon,
        });
    }
    // Paragraphs led by an action or tier label: "**What we've changed:** …",
    // "**This week:** no updates without …" under an action heading.
    for (range, label) in titles {
        let Some(block) = doc.block_at(range.start).filter(|b| b.range == *range) else {
            continue;
        };
        let text = &doc.prose[block.range.clone()];
        let rest = text.split_whitespace().count()
            - label
                .split_whitespace()
                .count()
                .min(text.split_whitespace().count());
        let tier = horizon(label).is_some() && action_heading(range.start).is_some();
        if rest < 4 || block.list_item.is_some() || !(ACTION_HEADING.is_match(label) || tier) {
            continue;
        }
        let heading = action_heading(range.start).unwrap_or("");
        out.push(Action {
            range: range.clone(),
            dated: TIMEFRAME.is_match(text) || TIMEFRAME.is_match(heading),
            done: DONE.is_match(text.trim_start()),
            horizon: horizon(text).or_else(|| horizon(heading)),
        });
    }
    for (range, text) in sentences(doc) {
        if out
            .iter()
            .any(|a| a.range.start <= range.start && range.start < a.range.end)
        {
            continue;
        }
        // "We're fixing it.": a closing line, not a plan.
        let planned = COMMITMENT.is_match(text) && text.split_whitespace().count() >= 6;
        let done = DONE_SENTENCE.is_match(text);
        if planned || done {
            // "We're refunding the full amount. It will arrive by 20 May.": the date
            // may follow in the next sentence of the same paragraph.
            let after = doc.sentences.partition_point(|s| s.range.start < range.end);
            let block = doc.block_at(range.start).map(|b| b.range.clone());
            let next = doc
                .sentences
                .get(after)
                .filter(|s| doc.block_at(s.range.start).map(|b| b.range.clone()) == block)
                .map_or("", |s| &doc.prose[s.range.clone()]);
            out.push(Action {
                dated: TIMEFRAME.is_match(text) || TIMEFRAME.is_match(next),
                done: done && !planned,
                horizon: horizon(text),
                range,
            });
        }
    }
    out.sort_by_key(|a| a.range.start);
    out
}

pub fn evidence(doc: &Document) -> Evidence {
    let titles = titles(doc);
    let ownership = if any(&OWNERSHIP_LEADER, doc) {
        Ownership::Leader
    } else if any(&OWNERSHIP_COLLECTIVE, doc) {
        Ownership::Collective
    } else {
        Ownership::None
    };
    let asks_heading = titles.iter().any(|(_, t)| ASK_HEADING.is_match(t.trim()));
    let steps_heading = titles.iter().any(|(_, t)| STEPS_HEADING.is_match(t.trim()));
    let timeline_entries = doc
        .list_items
        .iter()
        .filter(|i| opens_with_time(&doc.text[i.text_range.clone()]))
        .count()
        + doc
            .tables
            .iter()
            .flat_map(|t| &t.rows)
            .filter(|r| r.cells.first().is_some_and(|c| opens_with_time(&c.text)))
            .count();
    let when = sentences(doc).any(|(_, t)| {
        CLOCK_TIME.is_match(t)
            || find_date(t).is_some()
            || WEEKDAY.is_match(t)
            || TIMEFRAME.is_match(t)
    });
    let addresses_reader = sentences(doc)
        .map(|(_, t)| {
            t.split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| w.eq_ignore_ascii_case("you") || w.eq_ignore_ascii_case("your"))
                .count()
        })
        .sum();
    let mut seen = Vec::new();
    let explained_terms = sentences(doc)
        .flat_map(|(_, t)| super::jargon::terms(t, &mut seen))
        .filter(|t| t.explained)
        .count();
    Evidence {
        quantities: count(&QUANTITY, doc),
        dates: count(&DATE, doc),
        signed: SIGNED_BY_PERSON.is_match(doc.text),
        clock_times: count(&CLOCK_TIME, doc),
        timeline_entries,
        ownership,
        apology: sentences(doc).any(|(_, t)| is_apology(t)),
        asks: count(&ASK, doc) + usize::from(asks_heading),
        customer_steps: steps_heading || any(&CUSTOMER_STEP, doc),
        transparency: sentences(doc).any(|(_, t)| commits_to_transparency(t)),
        open_door: any(&OPEN_DOOR, doc),
        cause: any(&CAUSE, doc) || titles.iter().any(|(_, t)| CAUSE_TITLE.is_match(t)),
        underlying: any(&UNDERLYING, doc),
        actions: actions(doc, &titles),
        headings: titles.len(),
        words: sentences(doc)
            .map(|(_, t)| t.split_whitespace().count())
            .sum(),
        when,
        addresses_reader,
        explained_terms,
        stakes: any(&STAKES, doc),
    }
}
