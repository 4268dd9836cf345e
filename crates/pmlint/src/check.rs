//! `pmlint check`: gather files, lint them in parallel, apply safe fixes, report.

use crate::baseline;
use crate::output::{self, Format};
use crate::{fail, EXIT_FAILURE, EXIT_FINDINGS};
use clap::Args;
use pmlint_core::date::Date;
use pmlint_core::{apply_edits, lint, Applicability, LineIndex, Report, Severity};
use pmlint_workspace::{
    is_markdown_path, is_postmortem, read_markdown, read_markdown_from, ConfigResolver,
    LoadedConfig,
};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input. Defaults to `.`.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Use this configuration file for every file instead of discovering `.pmlint.toml`.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Exit with 1 when there are more warnings than this, even without errors.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// The path standard input stands for (config discovery and reporting).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Apply safe fixes in place (written atomically); print the fixed text for stdin.
    #[arg(long)]
    fix: bool,
    /// Today's date for date-relative rules (YYYY-MM-DD); defaults to the system clock.
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Record the current findings in FILE and exit 0: adopt pmlint without fixing history.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix"])]
    write_baseline: Option<PathBuf>,
    /// Report only findings that are not recorded in FILE (see `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// One linted file.
pub struct Linted {
    /// The path as the user will recognise it.
    pub path: PathBuf,
    pub text: String,
    pub line_index: LineIndex,
    pub report: Report,
    /// Safe fixes written back by `--fix`.
    pub fixed: usize,
}

/// A file that could not be linted, and why.
pub struct Failure {
    pub path: PathBuf,
    pub message: String,
}

pub struct Outcome {
    pub files: Vec<Linted>,
    pub failures: Vec<Failure>,
}

enum Target {
    Stdin,
    /// Named on the command line: always linted.
    Explicit(PathBuf),
    /// Found by walking a directory: linted when it is a postmortem.
    Found(PathBuf),
}

pub fn run(args: CheckArgs) -> ExitCode {
    let today = match &args.today {
        None => Some(today_from_clock()),
        Some(s) => match Date::parse_iso(s) {
            Some(d) => Some(d),
            None => return fail(format!("--today `{s}` is not a valid YYYY-MM-DD date")),
        },
    };
    let resolver = match &args.config {
        Some(path) => {
            let resolver = ConfigResolver::with_forced(path);
            // A broken --config is a usage error for the whole run.
            if let Err(e) = resolver.for_dir(Path::new("."), Path::new(".")) {
                return fail(e);
            }
            resolver
        }
        None => ConfigResolver::new(),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return fail("`-` (standard input) may be given once");
    }
    let (targets, mut failures) = gather(&paths);

    if args.fix && targets.iter().any(|t| matches!(t, Target::Stdin)) {
        return fix_stdin(&args, &resolver, today);
    }

    let known_findings = match &args.baseline {
        Some(path) => match baseline::read(path) {
            Ok(b) => Some(b),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let progress = progress_bar(targets.len());
    let results: Vec<Result<Option<Linted>, Failure>> = targets
        .par_iter()
        .map(|t| {
            let result = lint_target(t, &args, &resolver, today);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    let mut files = Vec::new();
    for result in results {
        match result {
            Ok(Some(linted)) => files.push(linted),
            Ok(None) => {}
            Err(failure) => failures.push(failure),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(path) = &args.write_baseline {
        return match baseline::write(&files, path) {
            Ok(n) if failures.is_empty() => {
                eprintln!("Recorded {n} findings in {}.", path.display());
                ExitCode::SUCCESS
            }
            Ok(_) => {
                for f in &failures {
                    eprintln!("pmlint: {}: {}", f.path.display(), f.message);
                }
                ExitCode::from(EXIT_FAILURE)
            }
            Err(e) => fail(e),
        };
    }
    if let (Some(b), Some(path)) = (&known_findings, &args.baseline) {
        let known = baseline::apply(b, path, &mut files);
        if known > 0 && args.format == Format::Text {
            eprintln!(
                "{known} findings recorded in {} are not shown.",
                path.display()
            );
        }
    }
    failures.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    failures.dedup_by(|a, b| a.message == b.message && a.path == b.path);
    let outcome = Outcome { files, failures };

    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) =
        output::write(args.format, &outcome, color, &mut stdout).and_then(|()| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return fail(format!("cannot write output: {e}"));
        }
    }
    for f in &outcome.failures {
        eprintln!("pmlint: {}: {}", f.path.display(), f.message);
    }
    exit_code(&outcome, args.max_warnings)
}

/// A progress bar on stderr when it is a terminal and there is enough to wait for;
/// hidden (a no-op) otherwise, so piped output never carries control characters.
fn progress_bar(total: usize) -> indicatif::ProgressBar {
    const MIN_FILES: usize = 50;
    if total < MIN_FILES || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} postmortems {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

fn exit_code(outcome: &Outcome, max_warnings: Option<usize>) -> ExitCode {
    if !outcome.failures.is_empty() {
        return ExitCode::from(EXIT_FAILURE);
    }
    let count = |s: Severity| {
        outcome
            .files
            .iter()
            .flat_map(|f| &f.report.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    let too_many_warnings = max_warnings.is_some_and(|max| count(Severity::Warning) > max);
    if count(Severity::Error) > 0 || too_many_warnings {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Expands the command line into targets; walk errors become failures.
fn gather(paths: &[PathBuf]) -> (Vec<Target>, Vec<Failure>) {
    let mut targets = Vec::new();
    let failures = Mutex::new(Vec::new());
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
        } else if path.is_dir() {
            let found = Mutex::new(Vec::new());
            ignore::WalkBuilder::new(path)
                .require_git(false)
                .build_parallel()
                .run(|| {
                    Box::new(|entry| {
                        match entry {
                            Ok(e)
                                if e.file_type().is_some_and(|t| t.is_file())
                                    && is_markdown_path(e.path()) =>
                            {
                                found
                                    .lock()
                                    .unwrap_or_else(|p| p.into_inner())
                                    .push(e.into_path());
                            }
                            Ok(_) => {}
                            Err(err) => {
                                let path = error_path(&err).unwrap_or_else(|| path.clone());
                                let message = err.to_string();
                                failures
                                    .lock()
                                    .unwrap_or_else(|p| p.into_inner())
                                    .push(Failure { path, message });
                            }
                        }
                        ignore::WalkState::Continue
                    })
                });
            let mut found = found.into_inner().unwrap_or_else(|p| p.into_inner());
            found.sort();
            targets.extend(found.into_iter().map(Target::Found));
        } else {
            targets.push(Target::Explicit(path.clone()));
        }
    }
    (
        targets,
        failures.into_inner().unwrap_or_else(|p| p.into_inner()),
    )
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn config_for(resolver: &ConfigResolver, path: &Path) -> Result<Arc<LoadedConfig>, Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    resolver.for_dir(&dir, Path::new(".")).map_err(|e| Failure {
        path: e.path.clone(),
        message: format!("invalid configuration: {}", e.error),
    })
}

fn read_stdin() -> Result<String, String> {
    read_markdown_from(std::io::stdin().lock()).map_err(|e| e.to_string())
}

fn lint_target(
    target: &Target,
    args: &CheckArgs,
    resolver: &ConfigResolver,
    today: Option<Date>,
) -> Result<Option<Linted>, Failure> {
    let (path, text) = match target {
        Target::Stdin => {
            let path = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            let text = read_stdin().map_err(|message| Failure {
                path: path.clone(),
                message,
            })?;
            (path, text)
        }
        Target::Explicit(path) | Target::Found(path) => {
            let text = read_markdown(path).map_err(|e| Failure {
                path: path.clone(),
                message: e.to_string(),
            })?;
            (path.clone(), text)
        }
    };
    let config = config_for(resolver, &path)?;
    if matches!(target, Target::Found(_)) && !is_postmortem(&path, &text, &config) {
        return Ok(None);
    }
    let mut settings = config.settings.clone();
    settings.today = today;
    let mut text = text;
    let mut fixed = 0;
    if args.fix && !matches!(target, Target::Stdin) {
        let (new_text, applied) = apply_safe_fixes(&text, &settings);
        if applied > 0 {
            write_atomically(&path, &new_text).map_err(|e| Failure {
                path: path.clone(),
                message: format!("cannot write fixes: {e}"),
            })?;
            text = new_text;
            fixed = applied;
        }
    }
    let report = lint(&text, &settings);
    let line_index = LineIndex::new(&text);
    Ok(Some(Linted {
        path,
        text,
        line_index,
        report,
        fixed,
    }))
}

/// Applies every safe fix, re-linting between rounds so that fixes never see stale
/// ranges; stops when nothing more applies.
fn apply_safe_fixes(text: &str, settings: &pmlint_core::Settings) -> (String, usize) {
    const MAX_ROUNDS: usize = 4;
    let mut current = text.to_string();
    let mut total = 0;
    for _ in 0..MAX_ROUNDS {
        let report = lint(&current, settings);
        let edits: Vec<_> = report
            .diagnostics
            .iter()
            .flat_map(|d| {
                d.fixes
                    .iter()
                    .filter(|f| f.applicability == Applicability::Safe)
                    .take(1)
            })
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        let (next, applied) = apply_edits(&current, &edits);
        if applied == 0 || next == current {
            break;
        }
        total += applied;
        current = next;
    }
    (current, total)
}

fn fix_stdin(args: &CheckArgs, resolver: &ConfigResolver, today: Option<Date>) -> ExitCode {
    let path = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("-"));
    let text = match read_stdin() {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e}", path.display())),
    };
    let config = match config_for(resolver, &path) {
        Ok(c) => c,
        Err(f) => return fail(format!("{}: {}", f.path.display(), f.message)),
    };
    let mut settings = config.settings.clone();
    settings.today = today;
    let (fixed, _) = apply_safe_fixes(&text, &settings);
    print!("{fixed}");
    let remaining = lint(&fixed, &settings);
    let errors = remaining
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    ExitCode::from(if errors { EXIT_FINDINGS } else { 0 })
}

/// Writes through a temporary file in the same directory and renames it over the
/// original, so a crash never leaves a half-written postmortem.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.pmlint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn today_from_clock() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch((secs / 86_400) as i64)
}
