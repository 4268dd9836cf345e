//! Pathological inputs: each must lint to completion with memory proportional to its
//! size. Their sizes are the guard against quadratic work: at these sizes a scan per
//! line or per heading would take hours, not seconds. Nothing here asserts a time, so
//! a slow shared machine cannot fail it; the time and peak memory of each input are
//! printed for BENCHMARKS.md:
//!
//! `cargo test --release -p pmlint-core --test pathological -- --nocapture`

use pmlint_core::date::Date;
use pmlint_core::{lint, Settings};
use std::time::Instant;

/// Makes one pathological document.
type Generator = fn() -> String;

/// A 10 MB paragraph on one line, sentences and all, with multi-byte characters.
fn long_line() -> String {
    let sentence =
        "The pool was exhausted because nobody had set a limit 😀 中文, e.g. on writes. ";
    let mut text = String::from("# Postmortem: one line\n\n");
    while text.len() < 10_000_000 {
        text.push_str(sentence);
    }
    text.push('\n');
    text
}

/// 100k headings of every level, canonical names among them, each with a paragraph.
fn many_headings() -> String {
    const NAMES: [&str; 5] = ["Timeline", "Impact", "Notes", "Root Cause", "Action Items"];
    let mut text = String::from("# Postmortem: headings\n\n");
    for i in 0..100_000 {
        let level = 2 + i % 5;
        let name = NAMES[i % NAMES.len()];
        text.push_str(&format!(
            "{} {name} {i}\n\nTODO at 10:{:02} UTC.\n\n",
            "#".repeat(level),
            i % 60
        ));
    }
    text
}

/// A timeline table of 50k rows.
fn long_table() -> String {
    let mut text = String::from(
        "# Postmortem: table\n\n## Timeline\n\n| Time | Event | Owner |\n|---|---|---|\n",
    );
    for i in 0..50_000 {
        text.push_str(&format!(
            "| 2025-01-15 {:02}:{:02} UTC | Step {i} 😀 | @ana |\n",
            i / 60 % 24,
            i % 60
        ));
    }
    text
}

/// Lists nested 1,000 deep (indentation grows with depth) and block quotes 10,000 deep.
fn deep_nesting() -> String {
    let mut text = String::from("# Postmortem: nesting\n\n## Action Items\n\n");
    for depth in 0..1_000 {
        text.push_str(&" ".repeat(depth * 2));
        text.push_str("- [ ] Fix it (@ana, due 2025-02-01)\n");
    }
    text.push_str("\n## Summary\n\n");
    for _ in 0..10 {
        text.push_str(&"> ".repeat(10_000));
        text.push_str("Quoted **text** here.\n\n");
    }
    text
}

/// A million lines of "Why?" in a 5 Whys section.
fn whys() -> String {
    let mut text = String::from("# Postmortem: whys\n\n## 5 Whys\n\n");
    text.push_str(&"Why?\n".repeat(1_000_000));
    text
}

/// One sentence repeating a blame phrase 80,000 times (1.6 MB): every match confirmed
/// over the same sentence's analysis.
fn blame_matches() -> String {
    let mut text = String::from("# Postmortem: blame\n\n## Summary\n\n");
    text.push_str(&"the engineer forgot ".repeat(80_000));
    text.push_str(".\n");
    text
}

/// A numbered 5 Whys chain of 40,000 whys, each answer carried into the next question.
fn long_chain() -> String {
    let mut text = String::from("# Postmortem: chain\n\n## 5 Whys\n\n");
    for i in 1..=40_000 {
        text.push_str(&format!(
            "{i}. Why did step {i} fail? Because step {} had a typo.\n",
            i + 1
        ));
    }
    text
}

/// Peak resident memory of this process, in KiB (Linux; `None` elsewhere).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak to the current resident size, so each input's peak is its own.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

#[test]
fn pathological_inputs_lint_in_bounded_memory() {
    let mut settings = Settings::default();
    settings.today = Date::new(2025, 6, 1);
    let inputs: [(&str, Generator); 7] = [
        ("10 MB single line", long_line),
        ("100k headings", many_headings),
        ("50k-row table", long_table),
        ("deep lists and quotes", deep_nesting),
        ("1M lines of Why?", whys),
        ("80k blame matches in one sentence", blame_matches),
        ("a chain of 40k whys", long_chain),
    ];
    println!("| input | size | diagnostics | lint time | peak RSS |\n|---|---:|---:|---:|---:|");
    for (name, make) in inputs {
        let text = make();
        reset_peak_rss();
        let before = peak_rss_kib();
        let started = Instant::now();
        let report = lint(&text, &settings);
        let elapsed = started.elapsed();
        let peak = peak_rss_kib();
        for d in &report.diagnostics {
            assert!(d.range.end <= text.len() && text.is_char_boundary(d.range.start));
        }
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!(
            "| {name} | {:.1} MB | {} | {:.2} s | {} |",
            text.len() as f64 / 1e6,
            report.diagnostics.len(),
            elapsed.as_secs_f64(),
            peak.map_or("?".into(), |p| format!("{:.0} MiB", mib(p)))
        );
        // Memory bounded: a few copies of the text plus each finding, never a copy of the
        // text per line or per finding.
        if let (Some(before), Some(peak)) = (before, peak) {
            let grown = (peak.saturating_sub(before) * 1024) as usize;
            let bound = 40 * text.len() + 1024 * report.diagnostics.len() + (256 << 20);
            assert!(
                grown < bound,
                "{name}: {:.0} MiB for {:.1} MB of text and {} findings",
                mib(peak - before),
                text.len() as f64 / 1e6,
                report.diagnostics.len()
            );
        }
    }
}
