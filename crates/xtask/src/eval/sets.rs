//! The sentence, action-item and why-chain sets: each snippet wrapped in a minimal
//! postmortem with the section it belongs to.

use super::{eval_dir, of_family, overlaps, read_jsonl, Table};
use pmlint_core::{lint, Diagnostic, Settings};
use serde::Deserialize;

#[derive(Deserialize)]
struct BlameExample {
    text: String,
    label: String,
    class: String,
    span: Option<String>,
}

pub(super) fn blame(settings: &Settings, file: &str, verbose: bool) -> Result<Table, String> {
    let examples: Vec<BlameExample> = read_jsonl(&eval_dir().join(file))?;
    let mut table = Table::new(format!("Blame (B) on {file} — a span is found when a B diagnostic overlaps it; an `ok` line must get none"));
    const PREFIX: &str = "# Postmortem: database failover\n\n## What Happened\n\n";
    for ex in &examples {
        let text = format!("{PREFIX}{}\n", ex.text);
        let body = PREFIX.len()..text.len();
        let report = lint(&text, settings);
        let diags = of_family(&report.diagnostics, 'B', &body);
        let row = table.row(&ex.class);
        let span = ex.span.as_ref().and_then(|s| {
            text[PREFIX.len()..]
                .find(s.as_str())
                .map(|i| PREFIX.len() + i..PREFIX.len() + i + s.len())
        });
        match (ex.label.as_str(), span) {
            ("blame", Some(span)) => {
                let (hits, misses): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
                    diags.iter().partition(|d| overlaps(&d.range, &span));
                if hits.is_empty() {
                    row.missed += 1;
                    if verbose {
                        println!("MISS [{}] {}", ex.class, ex.text);
                    }
                } else {
                    row.found += 1;
                }
                row.true_diags += hits.len();
                row.false_diags += misses.len();
                for d in misses.iter().filter(|_| verbose) {
                    println!(
                        "FP   [{}] {} {:?} in: {}",
                        ex.class,
                        d.code,
                        &text[d.range.clone()],
                        ex.text
                    );
                }
            }
            ("blame", None) => {
                return Err(format!(
                    "blame example without a findable span: {}",
                    ex.text
                ))
            }
            _ => {
                row.false_diags += diags.len();
                for d in diags.iter().filter(|_| verbose) {
                    println!(
                        "FP   [{}] {} {:?} in: {}",
                        ex.class,
                        d.code,
                        &text[d.range.clone()],
                        ex.text
                    );
                }
            }
        }
    }
    Ok(table)
}

#[derive(Deserialize)]
struct ActionExample {
    text: String,
    format: String,
    problems: Vec<String>,
}

/// Which rules report each labelled action-item problem.
const ACTION_PROBLEMS: &[(&str, &[&str])] = &[
    ("no-owner", &["A001"]),
    ("team-owner", &["A002"]),
    ("tbd-owner", &["A001", "A002"]),
    ("no-due-date", &["A004"]),
    ("vague-verb", &["A005"]),
    ("human-directed", &["A006"]),
];

pub(super) fn actions(settings: &Settings, file: &str, verbose: bool) -> Result<Table, String> {
    let examples: Vec<ActionExample> = read_jsonl(&eval_dir().join(file))?;
    let mut table = Table::new(format!("Action items (A) on {file} — per labelled problem; a rule firing for a problem not labelled is a false positive"));
    for ex in &examples {
        // A title and the section, as the eval README says: no incident date, so the
        // labels (written without one) are not judged on due-date timing.
        let prefix = match ex.format.as_str() {
            "table-row" => "# Postmortem: database failover\n\n## Action Items\n\n| Action | Owner | Due Date | Priority |\n|---|---|---|---|\n",
            _ => "# Postmortem: database failover\n\n## Action Items\n\n",
        };
        let text = format!("{prefix}{}\n", ex.text);
        let report = lint(&text, settings);
        let codes: Vec<&str> = of_family(&report.diagnostics, 'A', &(prefix.len()..text.len()))
            .iter()
            .map(|d| d.code)
            .collect();
        for (problem, rule_codes) in ACTION_PROBLEMS {
            let labelled = ex.problems.iter().any(|p| p == problem);
            let fired = codes.iter().any(|c| rule_codes.contains(c));
            // tbd-owner and team-owner share A002: count a firing once, for the label present.
            let claimed_by_other = !labelled
                && ACTION_PROBLEMS.iter().any(|(other, other_codes)| {
                    other != problem
                        && ex.problems.iter().any(|p| p == other)
                        && other_codes.iter().any(|c| rule_codes.contains(c))
                });
            // A firing claimed by another labelled problem of the same rule is not counted.
            let outcome = table
                .row(problem)
                .record(labelled, fired && !claimed_by_other);
            if let Some(kind) = outcome.filter(|_| verbose) {
                println!("{kind} [{problem}] {:?} {}", codes, ex.text);
            }
        }
    }
    Ok(table)
}

#[derive(Deserialize)]
struct WhyExample {
    markdown: String,
    problems: Vec<String>,
}

const WHY_PROBLEMS: &[(&str, &str)] = &[
    ("too-few", "W001"),
    ("broken-chain", "W002"),
    ("person-terminal", "W003"),
    ("proximate-terminal", "W004"),
    ("unanswered", "W005"),
];

pub(super) fn whys(settings: &Settings, file: &str, verbose: bool) -> Result<Table, String> {
    let examples: Vec<WhyExample> = read_jsonl(&eval_dir().join(file))?;
    let mut table = Table::new(format!("Why-chains (W) on {file} — per labelled problem (W006 needs action items, so it is not scored here)"));
    const PREFIX: &str = "# Postmortem: database failover\n\n";
    for ex in &examples {
        let text = format!("{PREFIX}{}\n", ex.markdown);
        let report = lint(&text, settings);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        for (problem, code) in WHY_PROBLEMS {
            let labelled = ex.problems.iter().any(|p| p == problem);
            let fired = codes.contains(code);
            if let Some(kind) = table
                .row(problem)
                .record(labelled, fired)
                .filter(|_| verbose)
            {
                println!(
                    "{kind} [{problem}] {}",
                    first_line_after_heading(&ex.markdown)
                );
            }
        }
    }
    Ok(table)
}

fn first_line_after_heading(markdown: &str) -> &str {
    markdown
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("")
}
