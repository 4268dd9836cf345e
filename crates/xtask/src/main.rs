//! `cargo xtask <task>`: the one entry point for humans and CI.
//!
//! - `ci`: installs what a fresh machine lacks, then runs every suite.
//! - `eval`: precision and recall of the rules on `../shared/eval/` (`real`: the real postmortems, with the review in `eval/real-review/`).
//! - `corpus`: writes generated postmortems for benchmarks (`--count N --lines L --seed S --out DIR`).
//! - `bench`: measures pmlint (core, language server, memory, WebAssembly, CLI vs peers) into BENCHMARKS.md.
//! - `docs`: regenerates docs/rules.md and the README's rule table from the rule docs.
//! - `vsix`: the VS Code extension as installable `.vsix` packages: one per platform with its cross-compiled server, and the web one (`--host`: this machine's only).
//! - `npm`: the WebAssembly build as the npm package `pmlint-wasm` (`npm pack`).
//! - `serve`: builds the WebAssembly editor page and serves it on 127.0.0.1:8080.
//! - `fuzz`: runs the cargo-fuzz targets (`--seconds N` each, default 120).

mod bench;
mod ci;
mod corpus;
mod docs;
mod eval;
mod fuzz;
mod npm;
mod tools;
mod vsix;
mod web;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <ci [STEP…] | bench [--no-peers] [core|lsp|memory|wasm|peers…] | docs | corpus [--count N] [--lines L] [--seed S] [--out DIR] | eval [blame|actions|whys|docs|real|score|comms] [--verbose] | vsix [--host] | npm | serve | fuzz [--seconds N] [TARGET…]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("bench") => bench::run(&args[1..]),
        Some("ci") => ci::run(&args[1..]),
        Some("eval") => eval::run(&args[1..]),
        Some("docs") => docs::run(),
        Some("corpus") => corpus::run(&args[1..]),
        Some("vsix") => vsix::run(&args[1..]),
        Some("npm") => npm::run(),
        Some("serve") => web::serve(),
        Some("fuzz") => fuzz::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
