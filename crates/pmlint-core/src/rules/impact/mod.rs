//! Impact (I): the impact is said in numbers — in the Impact section, or in the Summary
//! where a document has no Impact section.

pub mod i001_unquantified_impact;
pub mod i002_vague_quantifier;

use crate::date::find_day;
use crate::document::{find_time, normalize_heading, Document, Sentence, Slot};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Where a document states its impact: its Impact sections and sections headed by impact
/// ("Impacted Slots", "Impact on users"), sub-sections judged with them; else its first
/// Summary section. `true` when these are impact sections.
fn impact_statement(doc: &Document) -> (Vec<usize>, bool) {
    let about_impact = |i: usize| {
        let s = &doc.sections[i];
        s.slot == Some(Slot::Impact)
            || s.slot.is_none() && {
                let title = normalize_heading(&s.title);
                title
                    .split(' ')
                    .any(|w| matches!(w, "impact" | "impacted" | "impacts"))
            }
    };
    let impact: Vec<usize> = (0..doc.sections.len())
        .filter(|&i| about_impact(i))
        .filter(|&i| !ancestors(doc, i).any(about_impact))
        .collect();
    if !impact.is_empty() {
        return (impact, true);
    }
    let summary = doc
        .sections_in(Slot::Summary)
        .map(|(i, _)| i)
        .take(1)
        .collect();
    (summary, false)
}

/// The text a statement section speaks for: its body up to the first subsection that
/// has a slot of its own ("### Things that went poorly" under a Summary), whose numbers
/// are not the impact's.
fn statement_body(doc: &Document, index: usize) -> Range<usize> {
    let section = &doc.sections[index];
    let group = section.slot.map(Slot::group);
    let end = doc.sections[index + 1..]
        .iter()
        .take_while(|s| s.heading_range.start < section.body.end)
        .find(|s| s.slot.is_some_and(|slot| Some(slot.group()) != group))
        .map_or(section.body.end, |s| s.heading_range.start);
    section.body.start..end
}

fn ancestors<'d>(doc: &'d Document, index: usize) -> impl Iterator<Item = usize> + 'd {
    std::iter::successors(doc.sections[index].parent, |&p| doc.sections[p].parent)
}

/// A sentence that speaks of harm done to users or services: in a Summary, where the
/// impact is stated.
pub(super) static HARM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:impact\w*|affect\w*|users?|customers?|not\s+(?:reachable|available|accessible)|inaccessible|errors?|fail\w*|down(?:time)?|outages?|unavailable|unreachable|offline|disrupt\w*|unable|could\s*n[o']t|can\s*n[o']t|slow\w*|timeouts?|timed\s+out|reported|complain\w*|lost|broken|degraded)(?-u:\b)")
        .expect("harm pattern")
});

/// Whether the sentence is the template's prompt left above the text: a paragraph in
/// italics ("*Describe how internal and external users were impacted…*").
fn is_prompt(doc: &Document, sentence: &Sentence) -> bool {
    let block = doc.text[doc.blocks[sentence.block].range.clone()].trim();
    let italic = |m: char| {
        block.len() > 2 && block.starts_with(m) && block.ends_with(m) && !block[1..].starts_with(m)
    };
    italic('*') || italic('_')
}

/// The sentences of `range` that state something: not quoted, not a template prompt.
fn statements<'d>(doc: &'d Document, range: Range<usize>) -> impl Iterator<Item = &'d Sentence> {
    let first = doc
        .sentences
        .partition_point(|s| s.range.start < range.start);
    doc.sentences[first..]
        .iter()
        .take_while(move |s| s.range.start < range.end)
        .filter(move |s| !s.quoted && !is_prompt(doc, s))
}

/// A number of something: a count, a percentage, an amount, a duration ("1h50m", "40%",
/// "$15K", "600+"), or a number word. Dates, clock times, versions and names with digits
/// in them ("stat28", "v1.2", "k8s") are not.
static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter|a\s+third|no\s+(?:customers?|users?|data|requests?|orders?)|zero|no\s+(?:other\s+)?(?:\w+\s+){0,2}(?:were|was)\s+(?:affected|impacted))(?-u:\b)|\$[XYZN](?-u:\b)|(?-u:\b)[XYZN]\s*%|(?-u:\b)[XYZN]\s+(?:users?|customers?|tickets?|requests?|hours?|minutes?)(?-u:\b)")
        .expect("number word pattern")
});
static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+$%,-]*\d[\w.+$%,-]*").expect("digits pattern"));

fn has_quantity(text: &str) -> bool {
    if NUMBER_WORD.is_match(text) {
        return true;
    }
    let mut masked = text.to_string();
    let mut blank = |r: Range<usize>| masked.replace_range(r.clone(), &" ".repeat(r.len()));
    let mut at = 0;
    while let Some((_, r)) = find_day(&text[at..]) {
        blank(at + r.start..at + r.end);
        at += r.end;
    }
    let mut at = 0;
    while let Some((_, r, _)) = find_time(&text[at..]) {
        blank(at + r.start..at + r.end);
        at += r.end.max(1);
    }
    DIGITS.find_iter(&masked).any(|m| {
        let token = m
            .as_str()
            .trim_matches(|c: char| matches!(c, '.' | ',' | '+' | '-'));
        let numeric = token.trim_start_matches(['$', '~']);
        let is_version = numeric.matches('.').count() >= 2;
        numeric.starts_with(|c: char| c.is_ascii_digit()) && !is_version
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::{lint, Settings};

    /// The messages of rule `code` on `text`.
    pub(crate) fn findings(code: &str, text: &str) -> Vec<String> {
        lint(text, &Settings::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn quantities_are_numbers_of_something() {
        for text in [
            "40 stores",
            "about 1h50m",
            "31%",
            "$15K",
            "600+ students",
            "two teams",
            "so no other operations were affected",
        ] {
            assert!(super::has_quantity(text), "{text}");
        }
        for text in [
            "On May 9, 2017 at 16:51 all hubs of the data-8 project, stat28 and prob140 were down",
            "after upgrading to v1.12.13 and k8s",
            "All services went down",
        ] {
            assert!(!super::has_quantity(text), "{text}");
        }
    }
}
