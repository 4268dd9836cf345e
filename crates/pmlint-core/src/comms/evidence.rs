//! What a communication positively shows, read once: numbers, timestamps, a timeline,
//! who owns the failure, the actions with their dates and tiers, the asks, the
//! customer's next steps, the transparency commitment. The C rules report what is
//! missing; the rubric weighs what is there.

use super::lexicon::{
    horizon, Horizon, ACTION_HEADING, APOLOGY, ASK, ASK_HEADING, CAUSE, CLOCK_TIME, COMMITMENT,
    CUSTOMER_STEP, DONE, OPEN_DOOR, OWNERSHIP_COLLECTIVE, OWNERSHIP_LEADER, QUANTITY, STAKES,
    STEPS_HEADING, TIMEFRAME, TRANSPARENCY, UNDERLYING, WEEKDAY,
};
use crate::date::find_date;
use crate::document::{BlockKind, Document};
use regex::Regex;
use std::ops::Range;

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

/// Headings (real or pseudo) and short bold labels ending in a colon.
fn titles(doc: &Document) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = doc
        .sections
        .iter()
        .map(|s| (s.heading_range.clone(), s.title.clone()))
        .collect();
    for block in &doc.blocks {
        if block.kind != BlockKind::Paragraph && block.kind != BlockKind::ListItem {
            continue;
        }
        let text = doc.text[block.range.clone()].trim();
        if let Some(label) = text.strip_prefix("**") {
            if let Some(end) = label.find("**") {
                let inner = label[..end].trim_end_matches(':');
                let after = label[end + 2..].trim();
                let is_label = after.is_empty() || after == ":" || label[..end].ends_with(':');
                if is_label
                    && inner.split_whitespace().count() <= 8
                    && block.kind == BlockKind::Paragraph
                {
                    out.push((block.range.clone(), inner.to_string()));
                }
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// The start of the text of a list item, past markup.
fn opening(text: &str) -> &str {
    text.trim_start_matches(['*', '_', '`', ' ', '[', '('])
}

/// A timeline entry opens with its time ("**2:14am:** …", "Sat 02:14 — …") or date.
fn opens_with_time(text: &str) -> bool {
    let open = opening(text);
    let head = &open[..crate::line_index::floor_char_boundary(open, open.len().min(32))];
    CLOCK_TIME.find(head).is_some_and(|m| m.start() <= 16)
        || find_date(head).is_some_and(|(_, r)| r.start == 0)
}

/// Every action: list items under an action heading, and commitment sentences elsewhere.
fn actions(doc: &Document, titles: &[(Range<usize>, String)]) -> Vec<Action> {
    let in_action_section = |offset: usize| {
        let mut section = doc.section_at(offset);
        while let Some(i) = section {
            if ACTION_HEADING.is_match(&doc.sections[i].title) {
                return Some(i);
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
    let mut out = Vec::new();
    for item in &doc.list_items {
        let Some(section) = in_action_section(item.range.start) else {
            continue;
        };
        if item
            .parent
            .is_some_and(|p| in_action_section(doc.list_items[p].range.start) == Some(section))
        {
            continue;
        }
        let text = &doc.prose[item.text_range.clone()];
        let label = label_before(item.range.start).unwrap_or("");
        let heading = &doc.sections[section].title;
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
    for (range, text) in sentences(doc) {
        // "We're fixing it.": a closing line, not a plan.
        let rhetorical = text.split_whitespace().count() < 6;
        if !COMMITMENT.is_match(text) || rhetorical || in_action_section(range.start).is_some() {
            continue;
        }
        if out
            .iter()
            .any(|a: &Action| a.range.start <= range.start && range.start < a.range.end)
        {
            continue;
        }
        out.push(Action {
            dated: TIMEFRAME.is_match(text),
            done: false,
            horizon: horizon(text),
            range,
        });
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
    let when = sentences(doc)
        .any(|(_, t)| CLOCK_TIME.is_match(t) || find_date(t).is_some() || WEEKDAY.is_match(t));
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
        clock_times: count(&CLOCK_TIME, doc),
        timeline_entries,
        ownership,
        apology: any(&APOLOGY, doc),
        asks: count(&ASK, doc) + usize::from(asks_heading),
        customer_steps: steps_heading || any(&CUSTOMER_STEP, doc),
        transparency: any(&TRANSPARENCY, doc),
        open_door: any(&OPEN_DOOR, doc),
        cause: any(&CAUSE, doc)
            || titles
                .iter()
                .any(|(_, t)| t.to_ascii_lowercase().contains("why")),
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
