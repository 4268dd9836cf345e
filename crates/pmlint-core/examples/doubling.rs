//! The doubling check for `cargo xtask bench`: for every kind of repetition a postmortem
//! can hold, lint a document with N repetitions and one with 2N, and print the ratio of
//! their times. Linear work doubles (ratio ≈ 2); a quadratic path quadruples. N grows
//! until the smaller document takes long enough to time reliably.
//!
//!     cargo run --release -p pmlint-core --example doubling [KIND…]
//!
//! Prints `kind<TAB>n<TAB>bytes of the 2N document<TAB>ms for N<TAB>ms for 2N<TAB>ratio`.

use std::hint::black_box;
use std::time::Instant;

/// One kind of repetition: its name and a document with `n` of it.
struct Kind {
    name: &'static str,
    make: fn(usize) -> String,
}

const TITLE: &str = "# Postmortem: checkout errors\n\n";

const KINDS: &[Kind] = &[
    Kind {
        name: "blame matches per sentence",
        make: |n| {
            format!(
                "{TITLE}## Summary\n\n{}.\n",
                "the engineer forgot ".repeat(n)
            )
        },
    },
    Kind {
        name: "sentences per paragraph",
        make: |n| {
            let s = "The on-call engineer forgot to check the dashboard at 10:05 UTC. ";
            format!("{TITLE}## Summary\n\n{}\n", s.repeat(n))
        },
    },
    Kind {
        name: "paragraphs",
        make: |n| {
            let p = "Obviously the deploy failed because someone ignored the alert!!!\n\n";
            format!("{TITLE}## What happened\n\n{}", p.repeat(n))
        },
    },
    Kind {
        name: "items per list",
        make: |n| {
            let mut text = format!("{TITLE}## Action Items\n\n");
            for i in 0..n {
                text.push_str(&format!("- [ ] Improve monitoring of pool {i}\n"));
            }
            text
        },
    },
    Kind {
        name: "rows per table",
        make: |n| {
            let mut text = format!(
                "{TITLE}## Action Items\n\n| Action | Owner | Due | Priority |\n|---|---|---|---|\n"
            );
            for i in 0..n {
                text.push_str(&format!("| Look into pool {i} | team | soon | P1 |\n"));
            }
            text
        },
    },
    Kind {
        name: "whys per chain",
        make: |n| {
            let mut text = format!("{TITLE}## 5 Whys\n\n");
            for i in 0..n {
                text.push_str(&format!(
                    "{}. Why did step {i} fail? Because step {} had a typo.\n",
                    i + 1,
                    i + 1
                ));
            }
            text
        },
    },
    Kind {
        name: "whys as question and answer lines",
        make: |n| {
            let mut text = format!("{TITLE}## 5 Whys\n\n");
            for i in 0..n {
                text.push_str(&format!(
                    "**Why {}?** Why did the pool {i} run out?\n\n**Answer:** The pool {i} was too small.\n\n",
                    i + 1
                ));
            }
            text
        },
    },
    Kind {
        name: "headings",
        make: |n| {
            let mut text = String::from(TITLE);
            for i in 0..n {
                text.push_str(&format!("## Impact {i}\n\nSeveral users saw errors.\n\n"));
            }
            text
        },
    },
    Kind {
        name: "timeline entries",
        make: |n| {
            let mut text = format!("{TITLE}## Timeline\n\n");
            for i in 0..n {
                text.push_str(&format!(
                    "- {:02}:{:02} Alert fired for pool {i}\n",
                    (i / 60) % 24,
                    i % 60
                ));
            }
            text
        },
    },
    Kind {
        name: "timeline table rows",
        make: |n| {
            let mut text = format!("{TITLE}## Timeline\n\n| Time | Event |\n|---|---|\n");
            for i in 0..n {
                text.push_str(&format!(
                    "| 2025-01-{:02} {:02}:{:02} | Step {i} |\n",
                    1 + (i / 1440) % 28,
                    (i / 60) % 24,
                    i % 60
                ));
            }
            text
        },
    },
    Kind {
        name: "placeholders",
        make: |n| {
            format!(
                "{TITLE}## Summary\n\n{}\n",
                "TODO [Incident Title] TBD ".repeat(n)
            )
        },
    },
];

/// Milliseconds for one lint of `text`, the least of a few runs.
fn lint_ms(text: &str, settings: &pmlint_core::Settings) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(pmlint_core::lint(text, settings));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    let settings = pmlint_core::Settings::default();
    for kind in KINDS {
        if !only.is_empty() && !only.iter().any(|o| kind.name.contains(o.as_str())) {
            continue;
        }
        // Grow N until linting N repetitions takes at least 40 ms, or the document
        // reaches 8 MB: below that, timer noise dominates the ratio.
        let mut n = 250;
        let (small_ms, large, large_ms) = loop {
            let small = (kind.make)(n);
            let small_ms = lint_ms(&small, &settings);
            if small_ms >= 40.0 || small.len() >= 4 << 20 {
                let large = (kind.make)(2 * n);
                let large_ms = lint_ms(&large, &settings);
                break (small_ms, large, large_ms);
            }
            n *= 2;
        };
        println!(
            "{}\t{n}\t{}\t{small_ms:.1}\t{large_ms:.1}\t{:.2}",
            kind.name,
            large.len(),
            large_ms / small_ms
        );
    }
}
