//! Median time of the lint the wasm build runs (parse, rules, score, checklist, UTF-16
//! conversion), natively: `bench FILE [RUNS]` prints milliseconds. Driven by
//! `editor-web/bench.mjs`, which times the same function in Chromium.

use pmlint_core::Settings;
use std::time::Instant;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: bench FILE [RUNS]")?;
    let runs: usize = args
        .next()
        .map_or(Ok(50), |n| n.parse())
        .map_err(|e| format!("RUNS: {e}"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let settings = Settings::default();
    let mut times: Vec<f64> = (0..runs + 5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(pmlint_wasm::model::lint(&text, &settings));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .skip(5)
        .collect();
    times.sort_by(f64::total_cmp);
    let mid = times.len() / 2;
    let median = if times.len() % 2 == 0 {
        (times[mid - 1] + times[mid]) / 2.0
    } else {
        times[mid]
    };
    println!("{median:.3}");
    Ok(())
}
