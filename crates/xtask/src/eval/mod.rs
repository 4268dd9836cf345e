//! `cargo xtask eval`: precision and recall of the rules against the labelled examples
//! in `../shared/eval/` (see its README for the labels and the counting rules).
//!
//! Every snippet is wrapped in a minimal postmortem with the section it belongs to and
//! linted with the default settings, exactly as a user's document would be.

mod comms;
mod docs;
mod real;
mod score;
mod sets;

use crate::tools::root;
use pmlint_core::{Diagnostic, Settings};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A precision/recall tally.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Labelled positives found.
    found: usize,
    /// Labelled positives missed.
    missed: usize,
    /// Diagnostics that match a labelled positive.
    true_diags: usize,
    /// Diagnostics that match none.
    false_diags: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(self.true_diags, self.true_diags + self.false_diags)
    }
    fn recall(&self) -> f64 {
        ratio(self.found, self.found + self.missed)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Counts one example for one labelled problem: whether it was labelled, whether
    /// its rule fired. Returns what to report in verbose mode, if anything.
    fn record(&mut self, labelled: bool, fired: bool) -> Option<&'static str> {
        match (labelled, fired) {
            (true, true) => {
                self.found += 1;
                self.true_diags += 1;
                None
            }
            (true, false) => {
                self.missed += 1;
                Some("MISS")
            }
            (false, true) => {
                self.false_diags += 1;
                Some("FP  ")
            }
            (false, false) => None,
        }
    }

    fn add(&mut self, other: Tally) {
        self.found += other.found;
        self.missed += other.missed;
        self.true_diags += other.true_diags;
        self.false_diags += other.false_diags;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

struct Table {
    title: String,
    rows: BTreeMap<String, Tally>,
}

impl Table {
    fn new(title: impl Into<String>) -> Self {
        Table {
            title: title.into(),
            rows: BTreeMap::new(),
        }
    }
    fn row(&mut self, name: &str) -> &mut Tally {
        self.rows.entry(name.to_string()).or_default()
    }
    fn print(&self) {
        println!("\n### {}\n", self.title);
        println!(
            "| {:<22} | {:>5} | {:>6} | {:>4} | {:>9} | {:>6} | {:>5} |",
            "class", "found", "missed", "FP", "precision", "recall", "F1"
        );
        println!(
            "|{:-<24}|{:->7}|{:->8}|{:->6}|{:->11}|{:->8}|{:->7}|",
            "", "", "", "", "", "", ""
        );
        let mut total = Tally::default();
        for (name, t) in &self.rows {
            total.add(*t);
            print_row(name, t);
        }
        print_row("**overall**", &total);
    }
}

fn print_row(name: &str, t: &Tally) {
    println!(
        "| {:<22} | {:>5} | {:>6} | {:>4} | {:>9.3} | {:>6.3} | {:>5.3} |",
        name,
        t.found,
        t.missed,
        t.false_diags,
        t.precision(),
        t.recall(),
        t.f1()
    );
}

fn eval_dir() -> PathBuf {
    root().join("../shared/eval")
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    // Empty ranges (an insertion point) overlap what contains them.
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// Diagnostics of the rules whose codes start with `prefix`, inside `within`.
fn of_family<'a>(
    diags: &'a [Diagnostic],
    prefix: char,
    within: &Range<usize>,
) -> Vec<&'a Diagnostic> {
    diags
        .iter()
        .filter(|d| d.code.starts_with(prefix) && overlaps(&d.range, within))
        .collect()
}

pub fn run(args: &[String]) -> Result<(), String> {
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let only: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| only.is_empty() || only.contains(&name);
    let settings = Settings::default();
    println!("# pmlint evaluation on ../shared/eval\n\nSettings: defaults (profile `default`).");
    // Each labelled set, then the same kind of labels written independently (`more/`).
    for file in ["blame.jsonl", "more/blame.jsonl"] {
        if wanted("blame") {
            sets::blame(&settings, file, verbose)?.print();
        }
    }
    for file in ["action_items.jsonl", "more/action_items.jsonl"] {
        if wanted("actions") {
            sets::actions(&settings, file, verbose)?.print();
        }
    }
    for file in ["whys.jsonl", "more/whys.jsonl"] {
        if wanted("whys") {
            sets::whys(&settings, file, verbose)?.print();
        }
    }
    if wanted("docs") {
        docs::docs(&settings, verbose)?.print();
    }
    if wanted("comms") {
        comms::comms(verbose)?;
    }
    if wanted("real") {
        real::real(&settings, verbose)?;
    }
    if wanted("score") {
        score::score(&settings, verbose)?;
    }
    Ok(())
}
