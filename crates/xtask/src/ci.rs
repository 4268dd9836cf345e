//! `cargo xtask ci`: every suite, on a fresh machine, in one command. Each step installs
//! what it needs first. Timing is never asserted here: a slow shared machine must not fail CI.

use crate::tools::{self, ensure_rust_target};

/// A named CI step: installs what it needs, then runs its suite.
type Step = (&'static str, fn() -> Result<(), String>);

/// The steps in order: cheap checks first so that a formatting slip fails fast.
const STEPS: &[Step] = &[
    ("format", format),
    ("clippy", clippy),
    ("rust tests", rust_tests),
    ("core builds for wasm32", core_wasm32),
    ("fuzz smoke", crate::fuzz::smoke),
];

pub fn run() -> Result<(), String> {
    for (name, step) in STEPS {
        eprintln!("\n==> {name}");
        step().map_err(|e| format!("{name}: {e}"))?;
    }
    eprintln!("\nAll CI steps passed.");
    Ok(())
}

fn format() -> Result<(), String> {
    tools::run("cargo", &["fmt", "--all", "--", "--check"])
}

fn clippy() -> Result<(), String> {
    tools::run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    )
}

fn rust_tests() -> Result<(), String> {
    tools::run("cargo", &["test", "--workspace", "--locked"])
}

/// The core must stay free of I/O and threads: prove it by building for wasm32.
fn core_wasm32() -> Result<(), String> {
    ensure_rust_target("wasm32-unknown-unknown")?;
    tools::run(
        "cargo",
        &[
            "build",
            "-p",
            "pmlint-core",
            "--target",
            "wasm32-unknown-unknown",
            "--locked",
        ],
    )
}
