//! A 0–100 score per document with a per-family breakdown. Seed `000_…` rates a
//! communication on several dimensions and averages them; here each family is one
//! dimension that loses points per finding, weighted by what it costs a reader.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{find_rule, Family};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyScore {
    pub family: Family,
    pub title: &'static str,
    pub score: u32,
    pub findings: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub total: u32,
    pub families: Vec<FamilyScore>,
}

/// How much each family weighs in the total: the seeds' core principles (blameless,
/// thorough, actionable) weigh most. Recurrence is not the document's quality: a cause
/// seen elsewhere says nothing about how well this one was written, and a score must
/// not change with which other files were linted alongside.
fn weight(family: Family) -> u32 {
    match family {
        Family::Blame => 25,
        Family::ActionItems => 25,
        Family::Structure => 20,
        Family::Causes => 15,
        Family::Timeline => 10,
        Family::Impact => 5,
        Family::Recurrence => 0,
        // Communications are scored by their own rubric (`comms::rubric`).
        Family::Communication => 0,
    }
}

fn penalty(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 20,
        Severity::Warning => 8,
        Severity::Info => 2,
    }
}

pub fn score(diagnostics: &[Diagnostic]) -> Score {
    let families: Vec<FamilyScore> = Family::ALL
        .iter()
        .filter(|&&family| weight(family) > 0)
        .map(|&family| {
            let mine = diagnostics
                .iter()
                .filter(|d| find_rule(d.code).is_some_and(|r| r.family == family));
            let (lost, findings) = mine.fold((0u32, 0usize), |(lost, n), d| {
                (lost + penalty(d.severity), n + 1)
            });
            FamilyScore {
                family,
                title: family.title(),
                score: 100u32.saturating_sub(lost),
                findings,
            }
        })
        .collect();
    let total_weight: u32 = Family::ALL.iter().map(|&f| weight(f)).sum();
    let weighted: u32 = families.iter().map(|f| f.score * weight(f.family)).sum();
    Score {
        total: (weighted + total_weight / 2) / total_weight,
        families,
    }
}
