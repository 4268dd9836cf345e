//! `cargo xtask eval`: precision and recall of the rules against the labelled examples
//! in `../shared/eval/` (see its README for the labels and the counting rules).
//!
//! Every snippet is wrapped in a minimal postmortem with the section it belongs to and
//! linted with the default settings, exactly as a user's document would be.

use crate::tools::root;
use pmlint_core::{lint, Diagnostic, Settings};
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
    if wanted("blame") {
        blame(&settings, verbose)?.print();
    }
    if wanted("actions") {
        actions(&settings, verbose)?.print();
    }
    if wanted("whys") {
        whys(&settings, verbose)?.print();
    }
    if wanted("docs") {
        docs(&settings, verbose)?.print();
    }
    Ok(())
}

#[derive(Deserialize)]
struct BlameExample {
    text: String,
    label: String,
    class: String,
    span: Option<String>,
}

fn blame(settings: &Settings, verbose: bool) -> Result<Table, String> {
    let examples: Vec<BlameExample> = read_jsonl(&eval_dir().join("blame.jsonl"))?;
    let mut table = Table::new("Blame (B) on blame.jsonl — a span is found when a B diagnostic overlaps it; an `ok` line must get none");
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

fn actions(settings: &Settings, verbose: bool) -> Result<Table, String> {
    let examples: Vec<ActionExample> = read_jsonl(&eval_dir().join("action_items.jsonl"))?;
    let mut table = Table::new("Action items (A) on action_items.jsonl — per labelled problem; a rule firing for a problem not labelled is a false positive");
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
            let row = table.row(problem);
            match (labelled, fired) {
                (true, true) => {
                    row.found += 1;
                    row.true_diags += 1;
                }
                (true, false) => {
                    row.missed += 1;
                    if verbose {
                        println!("MISS [{problem}] {}", ex.text);
                    }
                }
                (false, true) if !claimed_by_other => {
                    row.false_diags += 1;
                    if verbose {
                        println!("FP   [{problem}] {:?} {}", codes, ex.text);
                    }
                }
                _ => {}
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

fn whys(settings: &Settings, verbose: bool) -> Result<Table, String> {
    let examples: Vec<WhyExample> = read_jsonl(&eval_dir().join("whys.jsonl"))?;
    let mut table = Table::new("Why-chains (W) on whys.jsonl — per labelled problem (W006 needs action items, so it is not scored here)");
    const PREFIX: &str = "# Postmortem: database failover\n\n";
    for ex in &examples {
        let text = format!("{PREFIX}{}\n", ex.markdown);
        let report = lint(&text, settings);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        for (problem, code) in WHY_PROBLEMS {
            let labelled = ex.problems.iter().any(|p| p == problem);
            let fired = codes.contains(code);
            let row = table.row(problem);
            match (labelled, fired) {
                (true, true) => {
                    row.found += 1;
                    row.true_diags += 1;
                }
                (true, false) => {
                    row.missed += 1;
                    if verbose {
                        println!(
                            "MISS [{problem}] {}",
                            first_line_after_heading(&ex.markdown)
                        );
                    }
                }
                (false, true) => {
                    row.false_diags += 1;
                    if verbose {
                        println!(
                            "FP   [{problem}] {}",
                            first_line_after_heading(&ex.markdown)
                        );
                    }
                }
                (false, false) => {}
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

/// "5 Whys", "Five whys" and "5 whys analysis" name the same section.
fn names_section(message: &str, section: &str) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .replace("five", "5")
            .replace("action items", "action item")
    };
    norm(message).contains(&norm(section))
}

fn docs(settings: &Settings, verbose: bool) -> Result<Table, String> {
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
