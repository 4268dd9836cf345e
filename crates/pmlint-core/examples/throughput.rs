//! In-process throughput for `cargo xtask bench`: pmlint's full lint against the floor
//! set by its parser (pulldown-cmark with the same options, every event consumed) on the
//! same text. A plain `Instant` harness, run in release mode by xtask:
//!
//!     cargo run --release -p pmlint-core --example throughput -- SAMPLES FILE…
//!
//! For each file, prints `bytes<TAB>parse ns per pass,…<TAB>lint ns per pass,…`, one
//! value per sample. Parse and lint samples alternate, so load on a shared machine hits
//! both alike and their ratio holds.

use pulldown_cmark::{Options, Parser};
use std::hint::black_box;
use std::time::Instant;

/// Passes per sample are batched up to about this many bytes, so small documents are
/// not timed below the clock's resolution.
const BYTES_PER_SAMPLE: usize = 4 << 20;

fn parse_floor(text: &str) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for event in Parser::new_ext(text, options).into_offset_iter() {
        black_box(event);
    }
}

/// Nanoseconds per pass of `f`, averaged over `passes`.
fn time_per_pass(passes: usize, mut f: impl FnMut()) -> u128 {
    let start = Instant::now();
    for _ in 0..passes {
        f();
    }
    start.elapsed().as_nanos() / passes as u128
}

fn main() {
    let mut args = std::env::args().skip(1);
    let samples: usize = match args.next().and_then(|s| s.parse().ok()) {
        Some(n) if n > 0 => n,
        _ => {
            eprintln!("usage: throughput SAMPLES FILE…");
            std::process::exit(2);
        }
    };
    let settings = pmlint_core::Settings::default();
    for path in args {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("throughput: cannot read {path}: {e}");
                std::process::exit(1);
            }
        };
        let passes = (BYTES_PER_SAMPLE / text.len().max(1)).max(1);
        // One untimed pass of each warms caches and lazily built rule tables.
        parse_floor(&text);
        black_box(pmlint_core::lint(&text, &settings));
        let (mut parse, mut lint) = (Vec::new(), Vec::new());
        for _ in 0..samples {
            parse.push(time_per_pass(passes, || parse_floor(black_box(&text))));
            lint.push(time_per_pass(passes, || {
                black_box(pmlint_core::lint(black_box(&text), &settings));
            }));
        }
        let join = |v: &[u128]| v.iter().map(u128::to_string).collect::<Vec<_>>().join(",");
        println!("{}\t{}\t{}", text.len(), join(&parse), join(&lint));
    }
}
