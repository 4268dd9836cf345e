//! `cargo xtask eval score`: how pmlint's score ranks the real postmortems in
//! `../shared/eval/real/` against a reviewer's blind grades (`grades.json`): Spearman's
//! rank correlation overall and per criterion, the same on each half of the documents
//! (the criteria are tuned on all of them: halves that agree say the tuning did not
//! chase single documents), and the documents where the two disagree most.

use super::eval_dir;
use crate::tools::root;
use pmlint_core::profile::{TemplateFields, PROFILES};
use pmlint_core::score::Criterion;
use pmlint_core::{lint, Settings};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Grade {
    grade: f64,
    criteria: BTreeMap<String, f64>,
    why: String,
}

/// One document: the reviewer's numbers and pmlint's, criteria in [`Criterion::ALL`] order.
struct Row {
    id: String,
    reviewer: (f64, Vec<f64>),
    pmlint: (f64, Vec<f64>),
    reasons: Vec<String>,
    why: String,
}

pub fn score(settings: &Settings, verbose: bool) -> Result<(), String> {
    let dir = eval_dir().join("real");
    let path = dir.join("grades.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let grades: BTreeMap<String, Grade> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (file, grade) in grades {
        let doc_path = dir.join(&file);
        let text = std::fs::read_to_string(&doc_path)
            .map_err(|e| format!("{}: {e}", doc_path.display()))?;
        let report = lint(&text, settings);
        let criterion = |c: Criterion| -> Result<f64, String> {
            grade
                .criteria
                .get(c.key())
                .copied()
                .ok_or_else(|| format!("{file}: no grade for {}", c.key()))
        };
        rows.push(Row {
            id: file.trim_end_matches(".md").to_string(),
            reviewer: (
                grade.grade,
                Criterion::ALL
                    .into_iter()
                    .map(criterion)
                    .collect::<Result<_, _>>()?,
            ),
            pmlint: (
                f64::from(report.score.total),
                report
                    .score
                    .criteria
                    .iter()
                    .map(|c| f64::from(c.score))
                    .collect(),
            ),
            reasons: report
                .score
                .criteria
                .iter()
                .map(|c| c.reason.clone())
                .collect(),
            why: grade.why,
        });
    }
    println!(
        "\n### Score vs the reviewer's grades (../shared/eval/real/grades.json, {} postmortems)\n",
        rows.len()
    );
    println!(
        "| {:<13} | {:>8} | {:>10} | {:>10} |",
        "criterion", "Spearman", "odd half", "even half"
    );
    println!("|{:-<15}|{:->10}|{:->12}|{:->12}|", "", "", "", "");
    let halves = |rows: &[&Row], pick: &dyn Fn(&Row) -> (f64, f64)| {
        let (a, b): (Vec<f64>, Vec<f64>) = rows.iter().map(|r| pick(r)).unzip();
        spearman(&a, &b)
    };
    let all: Vec<&Row> = rows.iter().collect();
    let odd: Vec<&Row> = rows.iter().step_by(2).collect();
    let even: Vec<&Row> = rows.iter().skip(1).step_by(2).collect();
    let line = |name: &str, pick: &dyn Fn(&Row) -> (f64, f64)| {
        println!(
            "| {:<13} | {:>8.3} | {:>10.3} | {:>10.3} |",
            name,
            halves(&all, pick),
            halves(&odd, pick),
            halves(&even, pick)
        );
    };
    line("**total**", &|r| (r.pmlint.0, r.reviewer.0));
    for (i, c) in Criterion::ALL.into_iter().enumerate() {
        line(c.key(), &|r| (r.pmlint.1[i], r.reviewer.1[i]));
    }
    // Disagreement by rank, not by points: the score is judged on order.
    let ranks_pm = ranks(&rows.iter().map(|r| r.pmlint.0).collect::<Vec<_>>());
    let ranks_rv = ranks(&rows.iter().map(|r| r.reviewer.0).collect::<Vec<_>>());
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let gap = |i: usize| (ranks_pm[i] - ranks_rv[i]).abs();
        gap(b).total_cmp(&gap(a))
    });
    let shown = if verbose { rows.len() } else { 6 };
    println!(
        "\n### Where pmlint and the reviewer differ most (rank of {})\n",
        rows.len()
    );
    for &i in order.iter().take(shown) {
        let r = &rows[i];
        println!(
            "- {}: pmlint {} (rank {}), reviewer {} (rank {}) — {}",
            r.id, r.pmlint.0, ranks_pm[i], r.reviewer.0, ranks_rv[i], r.why
        );
        for (j, c) in Criterion::ALL.into_iter().enumerate() {
            println!(
                "    {:<12} pmlint {:>3} reviewer {:>3}  {}",
                c.key(),
                r.pmlint.1[j],
                r.reviewer.1[j] * 10.0,
                r.reasons[j]
            );
        }
    }
    targets(settings)
}

/// The targets on documents whose grade is plain: an unfilled template (each
/// profile's `pmlint init`) < 20, a title and one sentence < 10, the exemplary example
/// ≥ 90 and the bad one ≤ 40.
fn targets(settings: &Settings) -> Result<(), String> {
    println!("\n### Targets\n");
    let show = |what: &str, total: u32, ok: bool| {
        println!("- {what}: {total} {}", if ok { "ok" } else { "MISSED" });
    };
    for profile in PROFILES {
        let total = lint(&profile.template(&TemplateFields::default()), settings)
            .score
            .total;
        show(
            &format!("`pmlint init --profile {}`", profile.name),
            total,
            total < 20,
        );
    }
    let total = lint(
        "# DB outage\n\nThe database went down for an hour.\n",
        settings,
    )
    .score
    .total;
    show("a title and one sentence", total, total < 10);
    for (name, ok) in [
        (
            "2025-01-15-checkout-db-pool-postmortem.md",
            (|t| t >= 90) as fn(u32) -> bool,
        ),
        ("incident-report-payments-outage.md", |t| t <= 40),
    ] {
        let path = root().join("examples").join(name);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let total = lint(&text, settings).score.total;
        show(&format!("examples/{name}"), total, ok(total));
    }
    Ok(())
}

/// Ranks from 1, ties sharing their mean rank.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            ranks[k] = mean;
        }
        i = j + 1;
    }
    ranks
}

/// Spearman's rank correlation: Pearson's over the ranks (exact with ties).
pub(super) fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va * vb).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_of_orders_and_ties() {
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), 1.0);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), -1.0);
        assert_eq!(ranks(&[5.0, 1.0, 5.0]), vec![2.5, 1.0, 2.5]);
    }
}
