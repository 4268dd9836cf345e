//! The lint the wasm build runs (parse, rules, score, checklist, UTF-16 conversion),
//! natively: `bench FILE RUNS` prints each run's milliseconds, comma-separated, after
//! five warm-up runs. `editor-web/bench.mjs` times the same function in Node and
//! Chromium next to it.

use pmlint_core::Settings;
use std::time::Instant;

const WARM_UP: usize = 5;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(runs)) = (args.next(), args.next()) else {
        return Err("usage: bench FILE RUNS".into());
    };
    let runs: usize = runs.parse().map_err(|e| format!("RUNS: {e}"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let settings = Settings::default();
    let times: Vec<String> = (0..runs + WARM_UP)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(pmlint_wasm::model::lint(&text, &settings));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .skip(WARM_UP)
        .map(|ms| format!("{ms:.4}"))
        .collect();
    println!("{}", times.join(","));
    Ok(())
}
