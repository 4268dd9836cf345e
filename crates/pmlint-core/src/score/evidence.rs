//! What a document shows, read from the model once for every criterion: the authors'
//! words per slot group (template placeholders and prompts left out), the measured
//! quantities, and the findings per family.

use crate::date::find_date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{find_time, Document, Slot};
use crate::rules::{find_rule, Family};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A number with what it counts: people and things affected, a duration, money, a
/// share. A bare number (a version, a date, an id) measures nothing.
static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        [$€£¥]\s?\d[\d,.]*\s*(?:k|m|bn?|million|billion|thousand)?
        | \d[\d,.]*\s?(?:%|percent|per\s?cent)
        | (?-u:\b)(?:half|a\s+third|a\s+quarter|(?:one|two|three|four)\s+(?:fifths?|quarters?|thirds?))\s+of(?-u:\b)
        | (?-u:\b)(?:\d[\d,.]*\s?(?:k|m)?\+?|one|two|three|four|five|six|seven|eight|nine|ten|
             dozens?|hundreds?|thousands?|millions?)\s+
          (?:[a-z-]+\s+)?
          (?:users?|customers?|clients?|accounts?|people|persons|members|students|visitors|tenants|sites|
             requests?|queries|calls|transactions?|orders?|payments?|messages?|emails?|jobs?|builds?|
             errors?|failures?|sessions?|downloads?|pages?|records?|rows?|files?|events?|
             seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|
             usd|eur|gbp|dollars?|euros?)(?-u:\b)
        | (?-u:\b)\d+\s?(?:h|hr|m|min|s|ms|d)(?-u:\b)
        | (?-u:\b)\d+h\d+m?(?-u:\b)
        | (?-u:\b)(?:slo|sla|error\s+budget|availability|uptime)(?-u:\b)
        ",
    )
    .expect("measure pattern")
});

/// A label that introduces an example: "Example:", "**Example Action Items:**", "e.g.:".
static EXAMPLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t>]*(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?(?:examples?|e\.g\.)(?:[ \t]+[\w ]{1,30}?)?[ \t]*(?:\*\*|__|\*|_)?[ \t]*:[ \t]*(?:\*\*|__|\*|_)?(?P<rest>[^\n]*)$")
        .expect("example label pattern")
});

/// The examples a template shows: a labelled line, and when the label ends its line,
/// the block after it (a quote, a table, a list).
fn examples(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for caps in EXAMPLE_LABEL.captures_iter(text) {
        let label = caps.get(0).expect("whole match");
        let mut end = label.end();
        if caps["rest"].trim().is_empty() {
            // Skip blank lines, then take lines up to the next blank one.
            let rest = &text[end..];
            let start = end + (rest.len() - rest.trim_start_matches(['\n', '\r', ' ', '\t']).len());
            end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
        }
        ranges.push(label.start()..end);
    }
    ranges
}

/// A line that states the impact under a label, with no section of its own:
/// "User impact: members could not merge", "**Customer impact:** …".
static IMPACT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t>]*(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?(?:[a-z]+[ \t]+){0,2}impact(?:\*\*|__|\*|_)?[ \t]*:[ \t]*(?:\*\*|__|\*|_)?[ \t]*(?P<rest>[^\n]*\S)")
        .expect("impact label pattern")
});

/// A time zone named in a timeline's text: "All times in PST", "(UTC+1)", "14:05 BST".
static ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:UTC|GMT|Z|[A-Z]{1,3}[SD]T|[A-Z]{2}T|US/[A-Z][a-z]+|(?:Pacific|Eastern|Central|Mountain)\s+[Tt]ime)(?-u:\b)")
        .expect("zone pattern")
});

/// Timestamps written in a timeline, line by line.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Stamps {
    /// Lines with a time of day.
    pub timed: usize,
    /// Lines with a date and no time.
    pub dated: usize,
    pub zone: bool,
}

/// The document as the criteria read it.
pub(super) struct Evidence<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub diagnostics: &'d [Diagnostic],
    /// Template text that counts as nothing written: placeholders (S003), sorted.
    blanks: Vec<Range<usize>>,
}

impl<'d, 'a> Evidence<'d, 'a> {
    pub fn new(doc: &'d Document<'a>, diagnostics: &'d [Diagnostic]) -> Self {
        // Placeholders, table headers ("| Action | Owner |" with no rows is an empty
        // table), metadata lines ("Date: …", "Severity: …") and a template's examples
        // say nothing of the incident.
        let text = doc.text;
        let line_of = |at: usize| {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            start..end
        };
        let mut blanks: Vec<Range<usize>> = diagnostics
            .iter()
            .filter(|d| d.code == "S003")
            .map(|d| d.range.clone())
            .chain(doc.tables.iter().map(|t| t.header.range.clone()))
            .chain(
                doc.metadata
                    .entries
                    .iter()
                    .map(|e| line_of(e.value.range.start)),
            )
            .chain(examples(text))
            .collect();
        blanks.sort_by_key(|r| r.start);
        // Disjoint, so that a binary search finds the one range an offset may be in.
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(blanks.len());
        for range in blanks {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        let blanks = merged;
        Evidence {
            doc,
            diagnostics,
            blanks,
        }
    }

    /// The text of the sections in slot `group` (their subsections of another group
    /// left out), as disjoint ranges in document order.
    pub fn ranges(&self, group: Slot) -> Vec<Range<usize>> {
        let doc = self.doc;
        let in_group = |i: usize| doc.sections[i].slot.map(Slot::group) == Some(group);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for (i, section) in doc.sections.iter().enumerate() {
            // A section inside another of the same group is already covered.
            if !in_group(i) || ancestors(doc, i).any(in_group) {
                continue;
            }
            let mut start = section.body.start;
            for (j, inner) in doc.sections.iter().enumerate().skip(i + 1) {
                if inner.heading_range.start >= section.body.end {
                    break;
                }
                if inner.slot.is_some() && !in_group(j) && inner.heading_range.start >= start {
                    ranges.push(start..inner.heading_range.start);
                    start = inner.body.end;
                }
            }
            ranges.push(start..section.body.end.max(start));
        }
        ranges.retain(|r| !r.is_empty());
        ranges
    }

    /// The text between the title and the first recognised section: a lead paragraph
    /// often stands in for a summary.
    pub fn intro(&self) -> Range<usize> {
        let doc = self.doc;
        let after_title = doc
            .title
            .as_ref()
            .map(|t| {
                doc.sections
                    .iter()
                    .find(|s| s.title_range == t.range)
                    .map_or(t.range.end, |s| s.heading_range.end)
            })
            .or(doc.front_matter.as_ref().map(|f| f.end))
            .unwrap_or(0);
        // Unrecognised headings ("Introduction", "Details") still open the document.
        let end = doc
            .sections
            .iter()
            .find(|s| s.heading_range.start >= after_title && s.slot.is_some())
            .map_or(doc.text.len(), |s| s.heading_range.start);
        after_title..end.max(after_title)
    }

    /// The timestamps on the lines of `ranges`; with `leading`, only lines that start
    /// with one (entries of a timeline written outside a timeline section).
    pub fn stamps(&self, ranges: &[Range<usize>], leading: bool) -> Stamps {
        let mut stamps = Stamps::default();
        for range in ranges {
            let mut at = range.start;
            for line in self.doc.text[range.clone()].split_inclusive('\n') {
                let start = at;
                at += line.len();
                if self.doc.in_code_block(start) || self.is_blank(start) {
                    continue;
                }
                let lead = line.len()
                    - line
                        .trim_start_matches(|c: char| {
                            c.is_whitespace()
                                || matches!(c, '-' | '*' | '+' | '#' | '|' | '>' | '_' | '[')
                        })
                        .len();
                let starts_here = |r: &Range<usize>| !leading || r.start <= lead + 1;
                if let Some((_, where_, zone)) = find_time(line).filter(|t| starts_here(&t.1)) {
                    stamps.timed += 1;
                    stamps.zone |= zone.is_some() || ZONE.is_match(&line[where_.end..]);
                } else if find_date(line).is_some_and(|d| starts_here(&d.1)) {
                    stamps.dated += 1;
                }
                if !leading && ZONE.is_match(line) && !line.contains("](") {
                    stamps.zone = true;
                }
            }
        }
        stamps
    }

    /// The whole document, for what is read wherever it is written.
    /// What labelled impact lines say ("User impact: …"), outside any section.
    pub fn impact_lines(&self) -> Vec<Range<usize>> {
        IMPACT_LABEL
            .captures_iter(self.doc.text)
            .filter_map(|c| c.name("rest"))
            .map(|m| m.range())
            .collect()
    }

    pub fn whole(&self) -> [Range<usize>; 1] {
        let all = Range {
            start: 0,
            end: self.doc.text.len(),
        };
        [all]
    }

    /// The authors' words in `ranges`, placeholders left out.
    pub fn words(&self, ranges: &[Range<usize>]) -> usize {
        ranges.iter().map(|r| self.words_in(r.clone())).sum()
    }

    fn words_in(&self, range: Range<usize>) -> usize {
        let prose = &self.doc.prose[range.clone()];
        let mut count = 0;
        let mut offset = range.start;
        for token in prose.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            let at = offset;
            offset += token.len() + 1;
            if token.chars().any(char::is_alphabetic) && !self.is_blank(at) {
                count += 1;
            }
        }
        count
    }

    fn is_blank(&self, offset: usize) -> bool {
        let i = self.blanks.partition_point(|r| r.start <= offset);
        i > 0 && self.blanks[i - 1].contains(&offset)
    }

    /// The measured quantities written in `ranges`.
    pub fn measures(&self, ranges: &[Range<usize>]) -> usize {
        ranges
            .iter()
            .map(|r| {
                MEASURE
                    .find_iter(&self.doc.prose[r.clone()])
                    .filter(|m| !self.is_blank(r.start + m.start()))
                    .count()
            })
            .sum()
    }

    /// The weight of the findings of `family`, each by its severity: an error costs a
    /// point of ten, a warning half of one, a note a fifth.
    pub fn cost(&self, family: Family, codes: &[&str]) -> f64 {
        self.diagnostics
            .iter()
            .filter(|d| {
                find_rule(d.code).is_some_and(|r| r.family == family)
                    && (codes.is_empty() || codes.contains(&d.code))
            })
            .map(|d| match d.severity {
                Severity::Error => 1.0,
                Severity::Warning => 0.5,
                Severity::Info => 0.2,
            })
            .sum()
    }

    /// The findings of rule `code` that start inside `ranges` (sorted, disjoint).
    pub fn count_in(&self, code: &str, ranges: &[Range<usize>]) -> usize {
        let inside = |at: usize| {
            let i = ranges.partition_point(|r| r.start <= at);
            i > 0 && ranges[i - 1].contains(&at)
        };
        self.diagnostics
            .iter()
            .filter(|d| d.code == code && inside(d.range.start))
            .count()
    }

    pub fn count(&self, code: &str) -> usize {
        self.diagnostics.iter().filter(|d| d.code == code).count()
    }

    pub fn has_section(&self, slot: Slot) -> bool {
        self.doc.sections_in(slot).next().is_some()
    }

    /// The prose of `ranges` joined, lower-cased, placeholders and examples left out,
    /// for word searches.
    pub fn lower(&self, ranges: &[Range<usize>]) -> String {
        let mut out = String::new();
        for range in ranges {
            let mut at = range.start;
            let first = self.blanks.partition_point(|b| b.end <= range.start);
            for blank in self.blanks[first..]
                .iter()
                .take_while(|b| b.start < range.end)
            {
                if blank.start > at {
                    out.push_str(&self.doc.prose[at..blank.start].to_lowercase());
                }
                out.push(' ');
                at = at.max(blank.end.min(range.end));
            }
            if at < range.end {
                out.push_str(&self.doc.prose[at..range.end].to_lowercase());
            }
            out.push(' ');
        }
        out
    }
}

fn ancestors<'d>(doc: &'d Document, index: usize) -> impl Iterator<Item = usize> + 'd {
    std::iter::successors(doc.sections[index].parent, move |&p| doc.sections[p].parent)
}
