//! `cargo xtask eval comms`: pmlint's rubric and C findings against a reviewer's labels
//! on the communications in `eval/comms/` (see its `labels.toml`).
//!
//! - Spearman's rank correlation between pmlint's rubric average and the labelled one,
//!   and the targets: every strong document (labelled ≥ 4.5) at ≥ 4.0, every weak one
//!   (≤ 2.2) at ≤ 2.5.
//! - Per criterion: exact agreement, agreement within one point, mean absolute error.
//! - Flagged phrases: a labelled phrase is found when a C or B diagnostic overlaps it; a
//!   labelled absence (`missing`) when its rule fires. A diagnostic is right when it
//!   overlaps a labelled phrase, or (for the rules about the whole document) when its
//!   rule is among the labelled absences.
//! - Seed 000's weak and strong executive updates, as a sanity check.
//!
//! Each number is given for the first half (written first, used for tuning), the
//! second half (written afterwards), and both.

use super::score::spearman;
use super::{overlaps, ratio};
use crate::tools::root;
use pmlint_core::comms::Criterion;
use pmlint_core::{lint, Diagnostic, Kind, Report, Settings};
use serde::Deserialize;

#[derive(Deserialize)]
struct Labels {
    doc: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    file: String,
    half: u8,
    rubric: Vec<u8>,
    flags: Vec<String>,
    missing: Vec<String>,
}

/// Rules that judge the whole document and report at its headline.
const WHOLE_DOCUMENT: &[&str] = &[
    "no-ownership",
    "no-timestamps",
    "untiered-actions",
    "no-transparency",
    "no-ask",
    "no-apology",
    "no-customer-steps",
];

struct Scored {
    labelled: f64,
    measured: f64,
    per_criterion: Vec<(u8, u8)>,
}

#[derive(Default)]
struct Phrases {
    found: usize,
    missed: usize,
    right: usize,
    wrong: usize,
}

fn labelled_average(scores: &[u8]) -> f64 {
    let sum: u32 = scores.iter().map(|&s| u32::from(s)).sum();
    (f64::from(sum) / scores.len() as f64 * 10.0).round() / 10.0
}

fn lint_as(path: &str, text: &str) -> Report {
    let mut settings = Settings::default();
    settings.kind = settings.kind_for_path(path);
    lint(text, &settings)
}

fn judged(d: &Diagnostic) -> bool {
    d.code.starts_with('C') || d.code.starts_with('B')
}

fn phrases(
    doc: &Labelled,
    text: &str,
    report: &Report,
    tally: &mut Phrases,
    verbose: bool,
) -> Result<(), String> {
    let mut ranges = Vec::new();
    for flag in &doc.flags {
        let start = text
            .find(flag.as_str())
            .ok_or_else(|| format!("{}: flagged phrase not in the text: {flag:?}", doc.file))?;
        let range = start..start + flag.len();
        if report
            .diagnostics
            .iter()
            .any(|d| judged(d) && overlaps(&d.range, &range))
        {
            tally.found += 1;
        } else {
            tally.missed += 1;
            if verbose {
                println!("MISS {}: {flag:?}", doc.file);
            }
        }
        ranges.push(range);
    }
    for name in &doc.missing {
        if report.diagnostics.iter().any(|d| d.name == name) {
            tally.found += 1;
        } else {
            tally.missed += 1;
            if verbose {
                println!("MISS {}: {name}", doc.file);
            }
        }
    }
    for d in report.diagnostics.iter().filter(|d| judged(d)) {
        let right = if WHOLE_DOCUMENT.contains(&d.name) {
            doc.missing.iter().any(|m| m == d.name)
        } else {
            ranges.iter().any(|r| overlaps(&d.range, r))
        };
        if right {
            tally.right += 1;
        } else {
            tally.wrong += 1;
            if verbose {
                println!(
                    "FP   {}: {} {:?} — {}",
                    doc.file,
                    d.code,
                    &text[d.range.clone()],
                    d.message
                );
            }
        }
    }
    Ok(())
}

fn print_half(title: &str, scored: &[Scored], phrases: &Phrases) {
    let labelled: Vec<f64> = scored.iter().map(|s| s.labelled).collect();
    let measured: Vec<f64> = scored.iter().map(|s| s.measured).collect();
    let strong: Vec<&Scored> = scored.iter().filter(|s| s.labelled >= 4.5).collect();
    let weak: Vec<&Scored> = scored.iter().filter(|s| s.labelled <= 2.2).collect();
    let strong_ok = strong.iter().filter(|s| s.measured >= 4.0).count();
    let weak_ok = weak.iter().filter(|s| s.measured <= 2.5).count();
    println!(
        "| {title:<6} | {:>4} | {:>8.3} | {:>2}/{:<2} | {:>2}/{:<2} | {:>6.3} | {:>9.3} |",
        scored.len(),
        spearman(&labelled, &measured),
        strong_ok,
        strong.len(),
        weak_ok,
        weak.len(),
        ratio(phrases.found, phrases.found + phrases.missed),
        ratio(phrases.right, phrases.right + phrases.wrong),
    );
}

fn seed_block(seed: &str, heading: &str) -> Option<String> {
    let rest = &seed[seed.find(heading)? + heading.len()..];
    let lines: Vec<&str> = rest
        .lines()
        .skip_while(|l| !l.starts_with('>'))
        .take_while(|l| l.starts_with('>'))
        .map(|l| l.strip_prefix("> ").unwrap_or(&l[1..]))
        .collect();
    Some(lines.join("\n") + "\n")
}

/// Seed 000's "before" and "after" executive updates, linted as executive updates.
fn seed_sanity() -> Result<(), String> {
    let dir = root().join("../shared/seeds");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let Some(path) = entries.flatten().map(|e| e.path()).find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("000_"))
    }) else {
        return Ok(());
    };
    let seed = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    println!("\nSeed 000 (sanity check: before ≤ 2.5, after ≥ 4.5):");
    for (label, heading) in [("before", "### Before"), ("after", "### After")] {
        let Some(text) = seed_block(&seed, heading) else {
            continue;
        };
        let report = lint_as("exec-update.md", &text);
        if let Some(rubric) = report.rubric {
            let scores: Vec<String> = rubric
                .criteria
                .iter()
                .map(|c| c.score.to_string())
                .collect();
            println!("- {label}: {:.1} ({})", rubric.average, scores.join(" "));
        }
    }
    Ok(())
}

pub fn comms(verbose: bool) -> Result<(), String> {
    let dir = root().join("eval/comms");
    let labels_path = dir.join("labels.toml");
    let source = std::fs::read_to_string(&labels_path)
        .map_err(|e| format!("{}: {e}", labels_path.display()))?;
    let labels: Labels =
        toml::from_str(&source).map_err(|e| format!("{}: {e}", labels_path.display()))?;
    let mut scored: [Vec<Scored>; 2] = Default::default();
    let mut tallies: [Phrases; 2] = Default::default();
    println!(
        "\n### Communications (eval/comms: {} documents)\n",
        labels.doc.len()
    );
    if verbose {
        println!("| document | half | labelled | pmlint | criteria (label→pmlint) |\n|---|---|---|---|---|");
    }
    for doc in &labels.doc {
        if doc.rubric.len() != Criterion::ALL.len() || !(1..=2).contains(&doc.half) {
            return Err(format!(
                "{}: needs 10 rubric scores and half 1 or 2",
                doc.file
            ));
        }
        let text = std::fs::read_to_string(dir.join(&doc.file))
            .map_err(|e| format!("{}: {e}", doc.file))?;
        let report = lint_as(&doc.file, &text);
        let rubric = report.rubric.as_ref().ok_or_else(|| {
            format!(
                "{}: not read as a communication ({:?})",
                doc.file, report.kind
            )
        })?;
        debug_assert!(report.kind != Kind::Postmortem);
        let half = usize::from(doc.half - 1);
        let labelled = labelled_average(&doc.rubric);
        if verbose {
            let pairs: Vec<String> = doc
                .rubric
                .iter()
                .zip(&rubric.criteria)
                .map(|(l, c)| {
                    if *l == c.score {
                        l.to_string()
                    } else {
                        format!("{l}→{}", c.score)
                    }
                })
                .collect();
            println!(
                "| {} | {} | {labelled:.1} | {:.1} | {} |",
                doc.file,
                doc.half,
                rubric.average,
                pairs.join(" ")
            );
        }
        scored[half].push(Scored {
            labelled,
            measured: rubric.average,
            per_criterion: doc
                .rubric
                .iter()
                .zip(&rubric.criteria)
                .map(|(&l, c)| (l, c.score))
                .collect(),
        });
        phrases(doc, &text, &report, &mut tallies[half], verbose)?;
    }
    println!("\n| set    | docs | Spearman | strong≥4 | weak≤2.5 | phrase recall | precision |");
    println!("|--------|------|----------|----------|----------|--------|-----------|");
    print_half("half 1", &scored[0], &tallies[0]);
    print_half("half 2", &scored[1], &tallies[1]);
    let all: Vec<Scored> = scored.into_iter().flatten().collect();
    let total = Phrases {
        found: tallies[0].found + tallies[1].found,
        missed: tallies[0].missed + tallies[1].missed,
        right: tallies[0].right + tallies[1].right,
        wrong: tallies[0].wrong + tallies[1].wrong,
    };
    print_half("all", &all, &total);

    println!("\n| criterion      | exact | within 1 | mean abs error |");
    println!("|----------------|-------|----------|----------------|");
    for (i, criterion) in Criterion::ALL.iter().enumerate() {
        let pairs: Vec<(u8, u8)> = all.iter().map(|s| s.per_criterion[i]).collect();
        let n = pairs.len().max(1) as f64;
        let exact = pairs.iter().filter(|(l, m)| l == m).count() as f64 / n;
        let within = pairs.iter().filter(|(l, m)| l.abs_diff(*m) <= 1).count() as f64 / n;
        let mae = pairs
            .iter()
            .map(|(l, m)| f64::from(l.abs_diff(*m)))
            .sum::<f64>()
            / n;
        println!(
            "| {:<14} | {exact:>5.2} | {within:>8.2} | {mae:>14.2} |",
            criterion.key()
        );
    }
    seed_sanity()?;
    Ok(())
}
