//! The older whole-document set: `docs/NAME.md` with `NAME.expect.json`.

use super::{eval_dir, overlaps, Table};
use pmlint_core::{lint, Diagnostic, Settings};
use serde::Deserialize;
use std::ops::Range;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Expectations {
    expect: Vec<Expected>,
    must_not_flag: Vec<MustNotFlag>,
}

#[derive(Deserialize)]
struct Expected {
    family: String,
    quote: Option<String>,
    section: Option<String>,
}

#[derive(Deserialize)]
struct MustNotFlag {
    quote: String,
}

/// The eval's family names and our rule-code prefixes.
const FAMILIES: &[(&str, char)] = &[
    ("blame", 'B'),
    ("action-item", 'A'),
    ("five-whys", 'W'),
    ("section", 'S'),
    ("timeline", 'T'),
    ("impact", 'I'),
];

/// The eval family a diagnostic belongs to. A missing section belongs to the family of
/// what is missing: no Action Items section is an action-item finding.
fn family_of(d: &Diagnostic) -> &'static str {
    if d.code == "S001" {
        let lower = d.message.to_lowercase();
        if lower.contains("action items") {
            return "action-item";
        }
        if lower.contains("whys") {
            return "five-whys";
        }
    }
    FAMILIES
        .iter()
        .find(|(_, p)| d.code.starts_with(*p))
        .map_or("other", |(f, _)| f)
}

/// "5 Whys", "Five whys" and "5 whys analysis" name the same section; so do
/// "root-cause" (a slot's key) and "Root Cause".
pub(super) fn names_section(message: &str, section: &str) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .replace('-', " ")
            .replace("five", "5")
            .replace("action items", "action item")
    };
    norm(message).contains(&norm(section))
}

pub(super) fn docs(settings: &Settings, verbose: bool) -> Result<Table, String> {
    let dir = eval_dir().join("docs");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let mut table = Table::new("Whole documents (docs/*.md) — per family; `must_not_flag` quotes hit by a B diagnostic count as false positives of `blame`");
    for path in &paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let expect_path = path.with_extension("expect.json");
        let expect: Expectations = serde_json::from_str(
            &std::fs::read_to_string(&expect_path)
                .map_err(|e| format!("{}: {e}", expect_path.display()))?,
        )
        .map_err(|e| format!("{}: {e}", expect_path.display()))?;
        let report = lint(&text, settings);
        let name = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let labelled_families: Vec<&str> =
            expect.expect.iter().map(|e| e.family.as_str()).collect();
        let quote_ranges = |quote: &str| -> Vec<Range<usize>> {
            text.match_indices(quote)
                .map(|(i, m)| i..i + m.len())
                .collect()
        };
        let mut matched = vec![false; report.diagnostics.len()];
        for e in &expect.expect {
            let hits: Vec<usize> = report
                .diagnostics
                .iter()
                .enumerate()
                .filter(|(_, d)| family_of(d) == e.family)
                .filter(|(_, d)| match (&e.quote, &e.section) {
                    (Some(q), _) if !q.is_empty() => {
                        quote_ranges(q).iter().any(|r| overlaps(&d.range, r))
                    }
                    (_, Some(section)) => names_section(&d.message, section),
                    _ => false,
                })
                .map(|(i, _)| i)
                .collect();
            let row = table.row(&e.family);
            if hits.is_empty() {
                row.missed += 1;
                if verbose {
                    println!("MISS {name} [{}] {:?} {:?}", e.family, e.quote, e.section);
                }
            } else {
                row.found += 1;
            }
            for i in hits {
                matched[i] = true;
            }
        }
        for (i, d) in report.diagnostics.iter().enumerate() {
            let family = family_of(d);
            // Families with no labels in this document are not judged on it.
            if !labelled_families.contains(&family) && family != "blame" {
                continue;
            }
            let row = table.row(family);
            if matched[i] {
                row.true_diags += 1;
            } else {
                row.false_diags += 1;
                if verbose {
                    println!(
                        "FP   {name} {} {:?}: {}",
                        d.code,
                        &text[d.range.clone()],
                        d.message
                    );
                }
            }
        }
        for m in &expect.must_not_flag {
            for r in quote_ranges(&m.quote) {
                for d in report
                    .diagnostics
                    .iter()
                    .filter(|d| d.code.starts_with('B') && overlaps(&d.range, &r))
                {
                    if verbose {
                        println!("MUST-NOT-FLAG {name} {} {:?}", d.code, m.quote);
                    }
                }
            }
        }
    }
    Ok(table)
}
