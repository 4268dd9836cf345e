//! Seed `000`'s rubric: ten criteria scored 1–5 and their average, for the
//! communication kinds. Each criterion starts from what the document positively shows
//! ([`Evidence`]) and loses for what the C and B rules found, so a score always has
//! findings or missing evidence to explain it.

use super::evidence::is_apology;
use super::evidence::{evidence, Ownership};
use super::headline::{headline, Strength};
use super::lexicon::{OWNERSHIP_COLLECTIVE, OWNERSHIP_LEADER};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::kind::Kind;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Criterion {
    Headline,
    Structure,
    Evidence,
    Audience,
    Storytelling,
    Accountability,
    Actionability,
    Tone,
    Transparency,
    Credibility,
}

impl Criterion {
    pub const ALL: [Criterion; 10] = [
        Criterion::Headline,
        Criterion::Structure,
        Criterion::Evidence,
        Criterion::Audience,
        Criterion::Storytelling,
        Criterion::Accountability,
        Criterion::Actionability,
        Criterion::Tone,
        Criterion::Transparency,
        Criterion::Credibility,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Criterion::Headline => "headline",
            Criterion::Structure => "structure",
            Criterion::Evidence => "evidence",
            Criterion::Audience => "audience",
            Criterion::Storytelling => "storytelling",
            Criterion::Accountability => "accountability",
            Criterion::Actionability => "actionability",
            Criterion::Tone => "tone",
            Criterion::Transparency => "transparency",
            Criterion::Credibility => "credibility",
        }
    }

    /// The rubric's own name.
    pub fn title(self) -> &'static str {
        match self {
            Criterion::Headline => "Headline Clarity",
            Criterion::Structure => "Structure",
            Criterion::Evidence => "Evidence Quality",
            Criterion::Audience => "Audience Fit",
            Criterion::Storytelling => "Storytelling",
            Criterion::Accountability => "Accountability",
            Criterion::Actionability => "Actionability",
            Criterion::Tone => "Tone",
            Criterion::Transparency => "Transparency",
            Criterion::Credibility => "Credibility",
        }
    }

    /// What a 5 looks like, after seed `000`'s self-assessment.
    pub fn description(self) -> &'static str {
        match self {
            Criterion::Headline => "The headline states the outcome and the failure (\"We failed 80% of our customers on Saturday\"), not a label (\"Database Incident - Nov 2\").",
            Criterion::Structure => "What happened / why / what we're doing, then the ask (executives) or what the reader needs to do (customers), and the transparency commitment.",
            Criterion::Evidence => "Exact numbers (customers, percentages, hours, money) and timestamps, not \"many\" or \"an extended period\".",
            Criterion::Audience => "A non-technical reader can follow it: jargon explained, the reader's concerns (customers, revenue, what to do) addressed.",
            Criterion::Storytelling => "Shows rather than tells: a timeline with timestamps, people, an opening that acknowledges the impact before the technical detail.",
            Criterion::Accountability => "A named owner takes responsibility (\"As CTO, I approved …\"); no passive voice hiding who decided, no blaming individuals.",
            Criterion::Actionability => "Concrete actions with dates in tiers (this week / 30 days / quarter), and specific asks or steps for the reader.",
            Criterion::Tone => "Serious and accountable: a real apology, no minimising (\"only a small number\") or boilerplate (\"regret any inconvenience\").",
            Criterion::Transparency => "Admits the underlying causes, commits to a public postmortem or updates, invites questions.",
            Criterion::Credibility => "Specific, dated commitments, numbers and ownership instead of \"we'll do better\".",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CriterionScore {
    pub criterion: Criterion,
    /// 1–5.
    pub score: u8,
}

/// The ten scores and their average (one decimal), serialized as `rubric` and `average`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rubric {
    #[serde(rename = "rubric")]
    pub criteria: Vec<CriterionScore>,
    pub average: f64,
}

impl Rubric {
    pub fn score_of(&self, criterion: Criterion) -> u8 {
        self.criteria
            .iter()
            .find(|c| c.criterion == criterion)
            .map_or(0, |c| c.score)
    }
}

fn clamp(x: i32) -> u8 {
    x.clamp(1, 5) as u8
}

/// Whether the headline or the first 80 words acknowledge the impact (an apology,
/// ownership, "this is unacceptable") before the technical account: seed `000`'s weak
/// version opens with a timestamp and corrupted indexes.
fn opening_acknowledges(doc: &Document) -> bool {
    const OPENING_WORDS: usize = 80;
    let from = super::headline::find(doc).map_or(0, |r| r.start);
    let mut words = 0;
    let mut text = String::new();
    for block in doc
        .blocks
        .iter()
        .filter(|b| !b.quoted && b.range.start >= from)
    {
        if words >= OPENING_WORDS {
            break;
        }
        let prose = &doc.prose[block.range.clone()];
        words += prose.split_whitespace().count();
        text.push_str(prose);
        text.push('\n');
    }
    text.split(['.', '\n']).any(is_apology)
        || OWNERSHIP_LEADER.is_match(&text)
        || OWNERSHIP_COLLECTIVE.is_match(&text)
}

/// Scores a communication of `kind` from its evidence and the findings on it.
pub fn rubric(doc: &Document, kind: Kind, diagnostics: &[Diagnostic]) -> Rubric {
    let e = evidence(doc);
    let n = |code: &str| diagnostics.iter().filter(|d| d.code == code).count() as i32;
    // Blame of people. B005 (exasperation) is left out: in a communication, "this is
    // unacceptable" about one's own failure is the tone seed 000 asks for.
    let blame = diagnostics
        .iter()
        .filter(|d| d.code.starts_with('B') && d.code != "B005")
        .count() as i32;
    let capped = |x: i32, cap: i32| x.min(cap);
    let exec = kind == Kind::ExecUpdate;
    let planned: Vec<_> = e.planned().collect();
    let dated_share = if planned.is_empty() {
        0.0
    } else {
        planned.iter().filter(|a| a.dated).count() as f64 / planned.len() as f64
    };
    let has_actions = !e.actions.is_empty();
    let dated_actions = has_actions && (planned.is_empty() || dated_share >= 0.6);
    let owned = e.ownership != Ownership::None;

    let headline = match headline(doc).map(|h| h.strength) {
        None | Some(Strength::Generic) => 1,
        Some(Strength::Label) => 2,
        Some(Strength::Statement) => 4,
        Some(Strength::Outcome) => 5,
    };
    let structure = {
        let closing = if exec { e.asks > 0 } else { e.customer_steps };
        let parts = [
            e.quantities > 0 || e.timeline_entries > 0 || e.when,
            e.cause,
            has_actions,
            closing,
            e.transparency || e.open_door,
        ];
        let wall = e.headings < 2 && e.words > 80;
        1 + parts.iter().filter(|p| **p).count() as i32 - i32::from(wall)
    };
    // Every number, time and date is a fact the reader can hold on to; vague amounts
    // cost half a point each.
    let facts = (e.quantities + e.clock_times + e.dates) as i32;
    let evidence_score = 1 + capped(facts, 8) / 2 - (n("C004") + 1) / 2;
    let audience = {
        // Unexplained terms per 100 words, against explanations and the reader's
        // concerns: the business stakes for executives; "you" and what to do for customers.
        let density = n("C005") as f64 * 100.0 / e.words.max(60) as f64;
        let explains = i32::from(e.explained_terms > 0 || n("C005") == 0);
        let concerns = if exec {
            1 + i32::from(e.stakes)
        } else {
            i32::from(e.addresses_reader > 0) + i32::from(e.customer_steps)
        };
        2 + concerns + explains - density.floor() as i32
    };
    let shown = if e.timeline_entries >= 3 {
        2
    } else {
        i32::from(e.clock_times >= 2)
    };
    let storytelling =
        1 + shown + i32::from(owned || e.apology) + i32::from(opening_acknowledges(doc));
    let accountability = match e.ownership {
        Ownership::Leader => 5,
        // "We failed", signed by a named person, is owned; signed by "The Team", less so.
        Ownership::Collective => 4 + i32::from(e.signed),
        Ownership::None => 2,
    } - n("C002")
        - blame;
    let all_dated = !planned.is_empty() && dated_share == 1.0;
    let actionability = if exec {
        1 + i32::from(has_actions)
            + i32::from(!planned.is_empty() && dated_share >= 0.6)
            + i32::from(e.tiers() >= 2 || all_dated)
            + i32::from(e.asks > 0)
    } else {
        1 + i32::from(has_actions) + i32::from(dated_actions) + 2 * i32::from(e.customer_steps)
    } - capped(n("C007"), 2);
    let tone =
        2 + 2 * i32::from(e.apology) + i32::from(owned) - capped(n("C014"), 2) - capped(blame, 2);
    let transparency = 1
        + i32::from(e.cause)
        + i32::from(e.underlying)
        + i32::from(e.transparency)
        + i32::from(e.open_door);
    let credibility = 1
        + i32::from(dated_actions)
        + i32::from(facts >= 3)
        + i32::from(owned)
        + i32::from(e.underlying)
        - capped(n("C007"), 2)
        - capped(n("C014"), 2);

    let scores = [
        headline,
        structure,
        evidence_score,
        audience,
        storytelling,
        accountability,
        actionability,
        tone,
        transparency,
        credibility,
    ];
    let criteria: Vec<CriterionScore> = Criterion::ALL
        .iter()
        .zip(scores)
        .map(|(&criterion, s)| CriterionScore {
            criterion,
            score: clamp(s),
        })
        .collect();
    let sum: u32 = criteria.iter().map(|c| u32::from(c.score)).sum();
    let average = (f64::from(sum) / criteria.len() as f64 * 10.0).round() / 10.0;
    Rubric { criteria, average }
}
