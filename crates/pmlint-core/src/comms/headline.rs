//! The headline of a communication, and whether it says anything.
//!
//! Seed `000`: "Headline: Acknowledges failure explicitly ('We Failed') — shows
//! accountability"; the weak version's subject is a label ("Database Incident - Saturday
//! Nov 2"). A headline states an outcome when it has a verb; it is strong when it also
//! names the failure and who or how much it hit.

use super::lexicon::QUANTITY;
use crate::document::{BlockKind, Document, HeadingForm};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// The headline text's range (a `Subject:` line's value, a heading's text).
    pub range: Range<usize>,
    pub strength: Strength,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A label that names nothing: no failure, no number, no date ("Important Service
    /// Update", "Notice to customers").
    Generic,
    /// A label: no verb ("Database Incident - Saturday Nov 2", "Service Update").
    Label,
    /// A statement ("What happened on Saturday and what we're doing").
    Statement,
    /// A statement naming the failure and its reach ("We failed 80% of our customers").
    Outcome,
}

static SUBJECT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t]*(?:\*\*)?(?:subject|title|re)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?:\*\*)?(?P<s>[^\n]*?)(?:\*\*)?[ \t]*$")
        .expect("subject line pattern")
});

/// Words that make a headline a sentence. Past forms are checked by shape below.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:is|are|was|were|has|have|had|went|broke|lost|took|fell|hit|cost|left|kept|ran|made|missed|stopped|failed|fail|fails|couldn't|could\s+not|didn't|did\s+not|can't|cannot|won't|will|we're|we've|we|i|i'm|i've|down|offline|happened|happening|doing|here's)(?-u:\b)")
        .expect("verb pattern")
});

/// A past form by shape ("Delayed", "Exposed") used as a verb: followed by a number,
/// a preposition or a determiner, or ending the headline, not by a noun it qualifies
/// ("Scheduled Maintenance").
static PAST_AS_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[a-z]{2,}ed(?:\s+(?:\d|\$|for|by|to|in|on|at|from|after|during|our|the|a|an|all|some|most|up|out|down|over|because|while)(?-u:\b)|\s*[:;,.!?—–-]|\s*$)")
        .expect("past form pattern")
});

/// What went wrong, and whom it reached.
static FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:outage|down|failed|fail\w*|lost|broke\w*|errors?|delay\w*|disrupt\w*|unavailable|breach\w*|exposed|leak\w*|missed|double[- ]charged|overcharged|couldn't|could\s+not|corrupt\w*|stopped|dark|wrong|incorrect|duplicate\w*|mistake|let\s+\w+\s+down)(?-u:\b)")
        .expect("failure pattern")
});

static REACH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\d|(?-u:\b)(?:we|our|you|your|customers?|users?|merchants?|patients?|clients?|members|riders|drivers|everyone|all|every|orders?|payments?|hours?|days?|minutes?)(?-u:\b))")
        .expect("reach pattern")
});

/// What even a label can name: an incident word, a number or a date.
static NAMES_SOMETHING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d|(?-u:\b)(?:incident|outage|issues?|disruption|problems?|errors?|breach|delays?|failures?|bug|downtime|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?-u:\b)")
        .expect("names-something pattern")
});

/// The headline: the first level-one heading, else a heading that opens the document,
/// else a `Subject:` line, else a short first line standing alone.
pub fn find(doc: &Document) -> Option<Range<usize>> {
    let body_start = doc.front_matter.as_ref().map_or(0, |r| r.end);
    let first_paragraph = doc
        .blocks
        .iter()
        .find(|b| b.kind != BlockKind::Heading && b.range.start >= body_start)
        .map_or(usize::MAX, |b| b.range.start);
    let real_heading = |s: &&crate::document::Section| {
        matches!(s.form, HeadingForm::Atx | HeadingForm::Setext) && !s.title.trim().is_empty()
    };
    if let Some(h1) = doc
        .sections
        .iter()
        .filter(real_heading)
        .find(|s| s.level == 1)
    {
        return Some(h1.title_range.clone());
    }
    let subject = SUBJECT_LINE
        .captures(&doc.text[body_start..])
        .and_then(|c| c.name("s"))
        .filter(|m| !m.as_str().trim().is_empty())
        .map(|m| body_start + m.start()..body_start + m.end());
    if let Some(first) = doc.sections.iter().find(real_heading) {
        if first.heading_range.start < first_paragraph {
            return Some(first.title_range.clone());
        }
    }
    if subject.is_some() {
        return subject;
    }
    // A short first line followed by a blank line: a title without markup.
    let rest = &doc.text[body_start..];
    let lead = rest.len() - rest.trim_start().len();
    let line = rest.trim_start().lines().next()?;
    let words = line.split_whitespace().count();
    let stands_alone = rest[lead + line.len()..]
        .trim_start_matches([' ', '\t', '\r'])
        .starts_with('\n');
    let greeting = line.trim_end().ends_with(',') || line.trim_end().ends_with(':');
    (words > 0 && words <= 14 && stands_alone && !greeting).then(|| {
        let start = body_start + lead;
        start..start + line.trim_end().len()
    })
}

/// How much the headline says.
pub fn strength(text: &str) -> Strength {
    let text = text.trim().trim_matches(['*', '_', '#', ' ']);
    let is_statement = VERB.is_match(text) || PAST_AS_VERB.is_match(text);
    let failure = FAILURE.is_match(text);
    // A newspaper headline without a verb still states the outcome when it gives the
    // failure and a number: "Mobile data outage: 1.2M customers without data for 94 minutes".
    if !is_statement && failure && QUANTITY.is_match(text) {
        Strength::Outcome
    } else if !is_statement && !failure && !NAMES_SOMETHING.is_match(text) {
        Strength::Generic
    } else if !is_statement {
        Strength::Label
    } else if failure && REACH.is_match(text) {
        Strength::Outcome
    } else {
        Strength::Statement
    }
}

/// The document's headline with its strength.
pub fn headline(doc: &Document) -> Option<Headline> {
    let range = find(doc)?;
    let strength = strength(&doc.text[range.clone()]);
    Some(Headline { range, strength })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_statements_and_outcomes() {
        for (text, expected) in [
            ("Database Incident - Saturday Nov 2", Strength::Label),
            ("Service Update", Strength::Generic),
            ("Important Service Update", Strength::Generic),
            ("Scheduled Maintenance Notice", Strength::Generic),
            (
                "Mobile data outage, 19 Nov: 1.2M customers without data for 94 minutes",
                Strength::Outcome,
            ),
            ("Update on Recent Service Disruption", Strength::Label),
            (
                "We Failed 80% of Our Customers on Saturday",
                Strength::Outcome,
            ),
            (
                "Saturday Outage: What Happened, Why, and What We're Doing About It",
                Strength::Outcome,
            ),
            (
                "Card payments failed for 3 hours on Tuesday",
                Strength::Outcome,
            ),
            ("Payments Delayed for 3 Hours", Strength::Outcome),
            ("Here is what changed", Strength::Statement),
        ] {
            assert_eq!(strength(text), expected, "{text}");
        }
    }

    #[test]
    fn finds_the_headline() {
        let find_in = |text: &str| find(&Document::parse(text)).map(|r| text[r].to_string());
        assert_eq!(
            find_in("Subject: Database Incident\n\n# We lost orders\n\nText.\n"),
            Some("We lost orders".into())
        );
        assert_eq!(
            find_in("Subject: Database Incident - Nov 2\n\nOn Saturday the database failed.\n"),
            Some("Database Incident - Nov 2".into())
        );
        assert_eq!(
            find_in("**Subject:** Checkout outage\n\nHi all,\n"),
            Some("Checkout outage".into())
        );
        assert_eq!(find_in("Hi all,\n\nOn Saturday we failed.\n"), None);
        assert_eq!(
            find_in("Checkout was down for 2 hours\n\nOn Saturday.\n"),
            Some("Checkout was down for 2 hours".into())
        );
    }
}
