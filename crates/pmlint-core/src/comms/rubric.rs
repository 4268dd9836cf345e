//! Seed `000`'s rubric: ten criteria scored 1–5 and their average, for the
//! communication kinds. Each criterion starts from what the document positively shows
//! ([`Evidence`]) and loses for what the C and B rules found, so a score always has
//! findings or missing evidence to explain it.

use super::evidence::{evidence, Ownership};
use super::headline::{headline, Strength};
use super::lexicon::{APOLOGY, OWNERSHIP_COLLECTIVE, OWNERSHIP_LEADER};
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
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

/// Whether the first paragraph acknowledges the impact (an apology, ownership, "this is
/// unacceptable") before any technical account: seed `000`'s weak version opens with a
/// timestamp and corrupted indexes.
fn opening_acknowledges(doc: &Document) -> bool {
    let after_headline = super::headline::find(doc).map_or(0, |r| r.end);
    let Some(block) = doc.blocks.iter().find(|b| {
        b.kind == BlockKind::Paragraph
            && !b.quoted
            && b.range.start >= after_headline
            && doc.prose[b.range.clone()].split_whitespace().count() > 6
    }) else {
        return false;
    };
    let text = &doc.prose[block.range.clone()];
    APOLOGY.is_match(text) || OWNERSHIP_LEADER.is_match(text) || OWNERSHIP_COLLECTIVE.is_match(text)
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
        None => 1,
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
    let evidence_score = 1
        + capped(e.quantities as i32, 6) / 2
        + i32::from(e.clock_times >= 2 || e.timeline_entries >= 3)
        - capped(n("C004"), 2);
    let audience = {
        // Unexplained terms per 100 words, against explanations and the reader's concerns:
        // the business stakes for executives, "you" for customers.
        let density = n("C005") as f64 * 100.0 / e.words.max(60) as f64;
        let concern = if exec {
            e.stakes
        } else {
            e.addresses_reader > 0
        };
        let explains = e.explained_terms > 0 || n("C005") == 0;
        3 + i32::from(concern) + i32::from(explains) - density.floor() as i32
    };
    let storytelling =
        1 + if e.timeline_entries >= 3 {
            2
        } else {
            i32::from(e.clock_times >= 2)
        } + i32::from(owned || e.apology)
            + i32::from(opening_acknowledges(doc));
    let accountability = match e.ownership {
        Ownership::Leader => 5,
        Ownership::Collective => 4,
        Ownership::None => 2,
    } - n("C002")
        - blame;
    let actionability = if exec {
        1 + i32::from(has_actions)
            + i32::from(!planned.is_empty() && dated_share >= 0.6)
            + i32::from(e.tiers() >= 2)
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
        + i32::from(e.quantities >= 3)
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
