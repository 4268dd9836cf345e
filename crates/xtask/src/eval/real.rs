//! `cargo xtask eval real`: the real postmortems in `../shared/eval/real/` (their README
//! gives the labelling rules).
//!
//! - Recall per family and per kind: a label is found when a diagnostic of its family
//!   overlaps the quote's lines (a missing section: an S diagnostic naming the slot).
//! - Traps: `must_not_flag` quotes that a blame diagnostic overlaps.
//! - Precision from a review: `eval/real-review/*.tsv` in the project holds a person's
//!   verdict (right / wrong, and why) on each diagnostic, keyed by document, rule code
//!   and line. Every diagnostic without a verdict is listed, ready to be judged.

use super::docs::names_section;
use super::{eval_dir, overlaps, ratio};
use crate::tools::root;
use pmlint_core::{lint, LineIndex, Settings};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

#[derive(Deserialize)]
struct Labelled {
    id: String,
    expect: Vec<Label>,
    must_not_flag: Vec<Trap>,
}

#[derive(Deserialize)]
struct Label {
    family: String,
    quote: Option<String>,
    section: Option<String>,
    kind: Kinds,
}

/// One kind, or (for action items) several.
#[derive(Deserialize)]
#[serde(untagged)]
enum Kinds {
    One(String),
    Many(Vec<String>),
}

impl Kinds {
    fn list(&self) -> Vec<&str> {
        match self {
            Kinds::One(k) => vec![k.as_str()],
            Kinds::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Deserialize)]
struct Trap {
    quote: String,
}

/// Families as the labels name them, and the rule-code prefix that reports each.
const FAMILIES: &[(&str, char)] = &[
    ("blame", 'B'),
    ("section", 'S'),
    ("placeholder", 'S'),
    ("action-item", 'A'),
    ("five-whys", 'W'),
    ("timeline", 'T'),
    ("impact", 'I'),
];

/// The rule that reports a kind, where one rule does: a kind is found only by its own rule.
/// Other kinds (a blame class, a section's slot, a placeholder) are found by the family.
const KIND_RULES: &[(&str, &str)] = &[
    ("no-owner", "A001"),
    ("team-owner", "A002"),
    ("multiple-owners", "A003"),
    ("no-due-date", "A004"),
    ("vague-verb", "A005"),
    ("human-directed", "A006"),
    ("no-timezone", "T001"),
    ("out-of-order", "T002"),
    ("untimed-entry", "T005"),
    ("unquantified", "I001"),
    ("vague-quantity", "I002"),
    ("too-few", "W001"),
    ("broken-chain", "W002"),
    ("person-terminal", "W003"),
    ("proximate-terminal", "W004"),
    ("unanswered", "W005"),
];

/// Review files, one per family, in the project.
fn review_dir() -> std::path::PathBuf {
    root().join("eval/real-review")
}

/// The family a rule code belongs to in the review (by prefix).
fn review_family(code: &str) -> &'static str {
    match code.as_bytes().first() {
        Some(b'B') => "blame",
        Some(b'S') => "structure",
        Some(b'A') => "actions",
        Some(b'W') => "whys",
        Some(b'T') => "timeline",
        Some(b'I') => "impact",
        Some(b'R') => "recurrence",
        _ => "other",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Right,
    Wrong,
}

/// `(document id, rule code, 1-based line)` → verdict, from every review file.
type Reviews = BTreeMap<(String, String, usize), Verdict>;

fn read_reviews(dir: &Path) -> Result<Reviews, String> {
    let mut reviews = Reviews::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(reviews);
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
                continue;
            }
            let bad = || {
                format!(
                    "{}:{}: expected `id\\tcode\\tline\\tright|wrong\\twhy`",
                    path.display(),
                    n + 1
                )
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let [id, code, line_no, verdict, ..] = cols[..] else {
                return Err(bad());
            };
            let verdict = match verdict {
                "right" => Verdict::Right,
                "wrong" => Verdict::Wrong,
                _ => return Err(bad()),
            };
            let line_no: usize = line_no.parse().map_err(|_| bad())?;
            reviews.insert((id.to_string(), code.to_string(), line_no), verdict);
        }
    }
    Ok(reviews)
}

#[derive(Default)]
struct Recall {
    found: usize,
    missed: usize,
}

impl Recall {
    fn add(&mut self, found: bool) {
        if found {
            self.found += 1;
        } else {
            self.missed += 1;
        }
    }
    fn row(&self, name: &str) {
        let total = self.found + self.missed;
        println!(
            "| {name:<22} | {:>5} | {:>6} | {:>6.3} |",
            self.found,
            self.missed,
            ratio(self.found, total)
        );
    }
}

#[derive(Default)]
struct Precision {
    right: usize,
    wrong: usize,
    unreviewed: usize,
}

/// Lines `[first, last]` (0-based) that a byte range spans.
fn lines_of(index: &LineIndex, range: &Range<usize>) -> Range<usize> {
    let first = index.line_of(range.start);
    let last = index.line_of(range.end.saturating_sub(1).max(range.start));
    first..last + 1
}

pub(super) fn real(settings: &Settings, verbose: bool) -> Result<(), String> {
    let dir = eval_dir().join("real");
    let labels_path = dir.join("labels.json");
    let labelled: Vec<Labelled> = serde_json::from_str(
        &std::fs::read_to_string(&labels_path)
            .map_err(|e| format!("{}: {e}", labels_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", labels_path.display()))?;
    let reviews = read_reviews(&review_dir())?;

    let mut families: BTreeMap<&str, Recall> = BTreeMap::new();
    let mut kinds: BTreeMap<String, Recall> = BTreeMap::new();
    let mut precision: BTreeMap<&str, Precision> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut traps_hit = Vec::new();
    let mut unreviewed = Vec::new();
    let mut seen_keys = BTreeSet::new();
    let mut trap_count = 0;

    for doc in &labelled {
        let path = dir.join(format!("{}.md", doc.id));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let index = LineIndex::new(&text);
        let report = lint(&text, settings);
        let diag_lines: Vec<Range<usize>> = report
            .diagnostics
            .iter()
            .map(|d| lines_of(&index, &d.range))
            .collect();

        for label in &doc.expect {
            let prefix = FAMILIES
                .iter()
                .find(|(f, _)| *f == label.family)
                .map(|(_, p)| *p)
                .ok_or_else(|| format!("{}: unknown family {}", doc.id, label.family))?;
            let quote_lines: Vec<Range<usize>> = match &label.quote {
                Some(q) => {
                    let found: Vec<_> = text
                        .match_indices(q.as_str())
                        .map(|(i, m)| lines_of(&index, &(i..i + m.len())))
                        .collect();
                    if found.is_empty() {
                        return Err(format!("{}: quote not in the text: {q:?}", doc.id));
                    }
                    found
                }
                None => Vec::new(),
            };
            // Whether a diagnostic with this code prefix matches the label.
            let hit = |code_matches: &dyn Fn(&str) -> bool| {
                report
                    .diagnostics
                    .iter()
                    .zip(&diag_lines)
                    .any(|(d, lines)| {
                        code_matches(d.code)
                            && match (&label.quote, &label.section) {
                                (Some(_), _) => quote_lines.iter().any(|q| overlaps(q, lines)),
                                (None, Some(section)) => names_section(&d.message, section),
                                (None, None) => false,
                            }
                    })
            };
            let found = hit(&|code| code.starts_with(prefix));
            families
                .entry(label.family.as_str())
                .or_default()
                .add(found);
            if !found {
                misses.push(format!(
                    "MISS {} [{}] {}",
                    doc.id,
                    label.family,
                    label
                        .quote
                        .as_deref()
                        .or(label.section.as_deref())
                        .unwrap_or("")
                ));
            }
            for kind in label.kind.list() {
                let rule = KIND_RULES.iter().find(|(k, _)| *k == kind).map(|(_, r)| *r);
                let kind_found = match rule {
                    Some(rule) => hit(&|code| code == rule),
                    None => found,
                };
                kinds
                    .entry(format!("{}/{kind}", label.family))
                    .or_default()
                    .add(kind_found);
            }
        }

        for trap in &doc.must_not_flag {
            trap_count += 1;
            for (i, m) in text.match_indices(trap.quote.as_str()) {
                let range = i..i + m.len();
                for d in report
                    .diagnostics
                    .iter()
                    .filter(|d| d.code.starts_with('B') && overlaps(&d.range, &range))
                {
                    traps_hit.push(format!(
                        "TRAP {} {} {:?}: {}",
                        doc.id, d.code, trap.quote, d.message
                    ));
                }
            }
        }

        // One verdict covers every diagnostic of a rule on a line.
        let mut judged = BTreeSet::new();
        for (d, lines) in report.diagnostics.iter().zip(&diag_lines) {
            let line = lines.start + 1;
            let key = (doc.id.clone(), d.code.to_string(), line);
            if !judged.insert(key.clone()) {
                continue;
            }
            let tally = precision.entry(review_family(d.code)).or_default();
            match reviews.get(&key) {
                Some(Verdict::Right) => tally.right += 1,
                Some(Verdict::Wrong) => tally.wrong += 1,
                None => {
                    tally.unreviewed += 1;
                    let excerpt: String = text[d.range.clone()].chars().take(60).collect();
                    unreviewed.push(format!(
                        "{}\t{}\t{}\t?\t{:?} — {}",
                        doc.id, d.code, line, excerpt, d.message
                    ));
                }
            }
            seen_keys.insert(key);
        }
    }

    println!("\n### Real postmortems (real/, {} documents) — recall per family: a label is found when a diagnostic of its family overlaps the quote's lines\n", labelled.len());
    println!(
        "| {:<22} | {:>5} | {:>6} | {:>6} |",
        "family", "found", "missed", "recall"
    );
    println!("|{:-<24}|{:->7}|{:->8}|{:->8}|", "", "", "", "");
    let mut total = Recall::default();
    for (name, r) in &families {
        r.row(name);
        total.found += r.found;
        total.missed += r.missed;
    }
    total.row("**overall**");

    println!("\n### Real postmortems — recall per kind (a kind with its own rule is found only by that rule)\n");
    println!(
        "| {:<22} | {:>5} | {:>6} | {:>6} |",
        "family/kind", "found", "missed", "recall"
    );
    println!("|{:-<24}|{:->7}|{:->8}|{:->8}|", "", "", "", "");
    for (name, r) in &kinds {
        r.row(name);
    }

    println!("\n### Real postmortems — precision from the review (eval/real-review/*.tsv)\n");
    println!(
        "| {:<12} | {:>5} | {:>5} | {:>10} | {:>9} |",
        "family", "right", "wrong", "unreviewed", "precision"
    );
    println!(
        "|{:-<14}|{:->7}|{:->7}|{:->12}|{:->11}|",
        "", "", "", "", ""
    );
    for (name, p) in &precision {
        println!(
            "| {name:<12} | {:>5} | {:>5} | {:>10} | {:>9.3} |",
            p.right,
            p.wrong,
            p.unreviewed,
            ratio(p.right, p.right + p.wrong)
        );
    }
    let stale = reviews.keys().filter(|k| !seen_keys.contains(*k)).count();
    println!(
        "\nTraps: {} of {trap_count} `must_not_flag` quotes hit by a blame diagnostic. \
         Review rows matching no diagnostic any more: {stale}.",
        traps_hit.len()
    );
    for t in &traps_hit {
        println!("{t}");
    }
    if verbose {
        for m in &misses {
            println!("{m}");
        }
        for key in reviews.keys().filter(|k| !seen_keys.contains(*k)) {
            println!("STALE {}\t{}\t{}", key.0, key.1, key.2);
        }
    }
    if !unreviewed.is_empty() {
        println!(
            "\n{} diagnostics have no verdict yet (id, code, line, verdict, what and why — \
             judge each and add it to eval/real-review/<family>.tsv):",
            unreviewed.len()
        );
        for u in &unreviewed {
            println!("{u}");
        }
    }
    Ok(())
}
