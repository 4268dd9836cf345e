//! Baseline mode: record today's findings once (`--write-baseline`), then report only
//! new ones (`--baseline`). A finding is matched by file, rule and a fingerprint of the
//! flagged text and the line around it, never by line number, so unrelated edits above
//! it do not resurrect it.

use crate::check::Linted;
use pmlint_core::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const BASELINE_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// Relative to the baseline file's directory, `/`-separated.
    path: String,
    code: String,
    fingerprint: String,
    /// Part of the fingerprint too: two findings on one line differ by their message.
    message: String,
}

/// FNV-1a: tiny, and stable across Rust versions and platforms (unlike `DefaultHasher`).
fn fnv1a(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fingerprint(file: &Linted, d: &Diagnostic) -> String {
    let line = file.line_index.line_of(d.range.start);
    let line_text = &file.text[file.line_index.line_range(&file.text, line)];
    fnv1a(&[
        d.code,
        &squash(&file.text[d.range.clone()]),
        &squash(line_text),
        &d.message,
    ])
}

/// `path` relative to `base` when it lies below it.
fn relative_to(path: &Path, base: &Path) -> String {
    let path = pmlint_workspace::absolute(path);
    let base = pmlint_workspace::absolute(base);
    path.strip_prefix(&base)
        .unwrap_or(&path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn base_dir(baseline_file: &Path) -> PathBuf {
    baseline_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn entries<'a>(
    files: &'a [Linted],
    base: &'a Path,
) -> impl Iterator<Item = (usize, usize, Entry)> + 'a {
    files.iter().enumerate().flat_map(move |(fi, file)| {
        let path = relative_to(&file.path, base);
        file.report
            .diagnostics
            .iter()
            .enumerate()
            .map(move |(di, d)| {
                let entry = Entry {
                    path: path.clone(),
                    code: d.code.to_string(),
                    fingerprint: fingerprint(file, d),
                    message: d.message.clone(),
                };
                (fi, di, entry)
            })
    })
}

pub fn write(files: &[Linted], baseline_file: &Path) -> Result<usize, String> {
    let base = base_dir(baseline_file);
    let findings: Vec<Entry> = entries(files, &base).map(|(_, _, e)| e).collect();
    let count = findings.len();
    let json = serde_json::to_string_pretty(&Baseline {
        version: BASELINE_VERSION,
        findings,
    })
    .map_err(|e| e.to_string())?;
    std::fs::write(baseline_file, json + "\n")
        .map_err(|e| format!("{}: {e}", baseline_file.display()))?;
    Ok(count)
}

pub fn read(baseline_file: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(baseline_file)
        .map_err(|e| format!("{}: {e}", baseline_file.display()))?;
    let baseline: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a pmlint baseline: {e}", baseline_file.display()))?;
    if baseline.version != BASELINE_VERSION {
        return Err(format!(
            "{}: baseline version {} is not supported (expected {BASELINE_VERSION})",
            baseline_file.display(),
            baseline.version
        ));
    }
    Ok(baseline)
}

/// Drops findings recorded in the baseline; each recorded finding absorbs one current
/// finding, so a second copy of the same problem is still reported. Returns how many
/// were dropped.
pub fn apply(baseline: &Baseline, baseline_file: &Path, files: &mut [Linted]) -> usize {
    let mut budget: HashMap<&Entry, usize> = HashMap::new();
    for e in &baseline.findings {
        *budget.entry(e).or_default() += 1;
    }
    let base = base_dir(baseline_file);
    let mut known: Vec<(usize, usize)> = Vec::new();
    for (fi, di, entry) in entries(files, &base) {
        if let Some(count) = budget.get_mut(&entry).filter(|c| **c > 0) {
            *count -= 1;
            known.push((fi, di));
        }
    }
    for &(fi, di) in known.iter().rev() {
        files[fi].report.diagnostics.remove(di);
    }
    known.len()
}
