//! `cargo xtask fuzz [--seconds N] [TARGET...]`: runs the cargo-fuzz targets in `fuzz/`
//! one after another, each for N seconds with one job (the machine is shared), and
//! prints executions and run time per target. A crash fails the run and names the
//! saved input. Working corpora, logs and crash artifacts live in `<target>/fuzz/`,
//! outside the repository; the seeds are copied in from `examples/` and
//! `../shared/eval/docs/` at every run.

use crate::tools::{self, root, target_dir};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Every target in `fuzz/Cargo.toml`, with the seeds and dictionary it starts from.
const TARGETS: &[(&str, Seeds)] = &[
    ("lint", Seeds::Markdown),
    ("fixes", Seeds::Markdown),
    ("suppressions", Seeds::Markdown),
    ("line_index", Seeds::Markdown),
    ("lsp_edits", Seeds::Markdown),
    ("config", Seeds::Config),
];

#[derive(Clone, Copy)]
enum Seeds {
    Markdown,
    Config,
}

/// Seconds per target in `cargo xtask ci`: enough to replay the seeds and explore a little.
const SMOKE_SECONDS: u64 = 10;

/// Seconds per target when `--seconds` is not given.
const DEFAULT_SECONDS: u64 = 120;

/// Inputs longer than this are cut: the longest seed fits, and longer ones only slow
/// the fuzzer down.
const MAX_INPUT_BYTES: usize = 16 * 1024;

/// Configurations to start the config target from, besides the repository's own.
const CONFIG_SEEDS: &[&str] = &[
    "profile = \"sre-book\"\n",
    "include = [\"docs/**/*.md\"]\nexclude = [\"drafts/**\"]\n\n[rules]\nB001 = \"off\"\nperson-failure = \"error\"\nS006 = \"info\"\n",
    "[sections]\nrequired = [\"summary\", \"timeline\", \"root-cause\"]\nrecommended = [\"lessons-learned\"]\n\n[sections.synonyms]\ntimeline = [\"Sequence of events\"]\n",
    "[blame]\nallow = [\"blame\"]\nnames = [\"Dana\"]\n\n[blame.extra]\n\"dropped the ball\" = \"B002\"\n",
    "[action-items]\nmax = 12\nteams = [\"@sre\"]\n\n[whys]\nmin-depth = 3\nrecommended-depth = 5\n",
];

/// What one target did.
struct RunStats {
    target: &'static str,
    executions: Option<u64>,
    seconds: f64,
    corpus: usize,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut selected = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|&s| s > 0)
                    .ok_or("--seconds needs a positive number")?;
            }
            name => match TARGETS.iter().find(|(t, _)| *t == name) {
                Some(target) => selected.push(*target),
                None => {
                    let names: Vec<_> = TARGETS.iter().map(|(t, _)| *t).collect();
                    return Err(format!(
                        "unknown fuzz target `{name}`; expected one of: {}",
                        names.join(", ")
                    ));
                }
            },
        }
    }
    if selected.is_empty() {
        selected = TARGETS.to_vec();
    }
    fuzz(&selected, seconds)
}

/// The short run of every target that `cargo xtask ci` makes.
pub fn smoke() -> Result<(), String> {
    fuzz(TARGETS, SMOKE_SECONDS)
}

/// Runs `targets` for `seconds` each and prints a table of what they did.
fn fuzz(targets: &[(&'static str, Seeds)], seconds: u64) -> Result<(), String> {
    let cargo_fuzz = ensure_cargo_fuzz()?;
    let work = target_dir().join("fuzz");
    // One build of every target up front, so that run time is fuzzing time.
    let mut build = fuzz_command(&cargo_fuzz);
    build.args(["build", "--release", "--debug-assertions"]);
    tools::run_command(build)?;
    let mut table = Vec::new();
    for &(target, seeds) in targets {
        table.push(run_target(&cargo_fuzz, &work, target, seeds, seconds)?);
    }
    eprintln!(
        "\n{:<14} {:>12} {:>9} {:>8}",
        "target", "executions", "seconds", "corpus"
    );
    for s in &table {
        let executions = s.executions.map_or("?".to_string(), |n| n.to_string());
        eprintln!(
            "{:<14} {:>12} {:>9.0} {:>8}",
            s.target, executions, s.seconds, s.corpus
        );
    }
    Ok(())
}

fn run_target(
    cargo_fuzz: &Path,
    work: &Path,
    target: &'static str,
    seeds: Seeds,
    seconds: u64,
) -> Result<RunStats, String> {
    let corpus = work.join("corpus").join(target);
    let artifacts = work.join("artifacts").join(target);
    let logs = work.join("logs");
    for dir in [&corpus, &artifacts, &logs] {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    copy_seeds(seeds, &corpus)?;
    let dict = root().join("fuzz/dict").join(match seeds {
        Seeds::Markdown => "markdown.dict",
        Seeds::Config => "config.dict",
    });
    let log_path = logs.join(format!("{target}.log"));
    let log =
        std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let mut command = fuzz_command(cargo_fuzz);
    command
        .args(["run", "--release", "--debug-assertions", target])
        .arg(&corpus)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-max_len={MAX_INPUT_BYTES}"))
        .arg(format!("-dict={}", dict.display()))
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        // An input that takes this long is a hang: reported like a crash.
        .arg("-timeout=20")
        .arg("-rss_limit_mb=2048")
        .arg("-print_final_stats=1")
        .stdout(Stdio::null())
        .stderr(log);
    eprintln!(
        "\n==> fuzz {target} for {seconds} s (log: {})",
        log_path.display()
    );
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo-fuzz: {e}"))?;
    let elapsed = started.elapsed().as_secs_f64();
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    if !status.success() {
        let tail: Vec<_> = log.lines().rev().take(40).collect();
        for line in tail.iter().rev() {
            eprintln!("  {line}");
        }
        return Err(format!(
            "fuzz target `{target}` failed ({status}); the input is saved in {} \
             (reproduce: cargo +nightly fuzz run {target} <file>)",
            artifacts.display()
        ));
    }
    let executions = final_stat(&log, "stat::number_of_executed_units");
    let corpus_size = std::fs::read_dir(&corpus).map_or(0, |d| d.count());
    eprintln!(
        "    {} executions in {elapsed:.0} s, corpus of {corpus_size}",
        executions.map_or("?".to_string(), |n| n.to_string())
    );
    Ok(RunStats {
        target,
        executions,
        seconds: elapsed,
        corpus: corpus_size,
    })
}

/// A number from libFuzzer's `-print_final_stats` block.
fn final_stat(log: &str, name: &str) -> Option<u64> {
    log.lines().rev().find_map(|l| {
        l.strip_prefix(name)?
            .trim_start_matches(':')
            .trim()
            .parse()
            .ok()
    })
}

/// Copies the seed files into the working corpus (same names, so reruns overwrite).
fn copy_seeds(seeds: Seeds, corpus: &Path) -> Result<(), String> {
    match seeds {
        Seeds::Markdown => {
            for dir in [root().join("examples"), root().join("../shared/eval/docs")] {
                for file in files_with_extension(&dir, "md") {
                    let name = file.file_name().unwrap_or_default();
                    std::fs::copy(&file, corpus.join(name))
                        .map_err(|e| format!("{}: {e}", file.display()))?;
                }
            }
        }
        Seeds::Config => {
            for (i, seed) in CONFIG_SEEDS.iter().enumerate() {
                let path = corpus.join(format!("seed-{i}.toml"));
                std::fs::write(&path, seed).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    Ok(())
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect()
}

/// `cargo-fuzz` on the nightly toolchain when rustup has one; otherwise on the
/// installed toolchain with `RUSTC_BOOTSTRAP=1`, which unlocks the same `-Z` flags (a
/// fresh machine may have stable only; x86_64 Linux toolchains ship the ASan runtime).
fn fuzz_command(cargo_fuzz: &Path) -> Command {
    let mut command = Command::new(cargo_fuzz);
    command
        .arg("fuzz")
        .current_dir(root())
        // Inherited from `cargo xtask`: they would pin the stable compiler.
        .env_remove("RUSTC")
        .env_remove("CARGO")
        .env_remove("RUSTUP_TOOLCHAIN");
    if has_nightly() {
        command.env("RUSTUP_TOOLCHAIN", "nightly");
    } else {
        eprintln!("xtask: no nightly toolchain; fuzzing with RUSTC_BOOTSTRAP=1");
        command.env("RUSTC_BOOTSTRAP", "1");
    }
    command
}

fn has_nightly() -> bool {
    Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.starts_with("nightly"))
        })
}

/// cargo-fuzz from crates.io, installed into `<target>/tools` when it is not there yet.
fn ensure_cargo_fuzz() -> Result<PathBuf, String> {
    let tools_root = target_dir().join("tools");
    let binary = tools_root
        .join("bin")
        .join(format!("cargo-fuzz{}", std::env::consts::EXE_SUFFIX));
    if !binary.exists() {
        let root_arg = tools_root.to_string_lossy().into_owned();
        tools::run(
            "cargo",
            &["install", "cargo-fuzz", "--locked", "--root", &root_arg],
        )?;
    }
    Ok(binary)
}
