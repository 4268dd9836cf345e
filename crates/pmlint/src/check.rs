//! `pmlint check`: gather files, lint them in parallel, apply safe fixes, report.

use crate::baseline;
use crate::output::{self, Format};
use crate::targets::{self, gather, load, Failure, Target};
use crate::{fail, EXIT_FAILURE, EXIT_FINDINGS};
use clap::Args;
use pmlint_core::date::Date;
use pmlint_core::digest::digest;
use pmlint_core::recurrence::DocumentCauses;
use pmlint_core::{
    apply_edits, lint, report_document, Applicability, Corpus, CorpusIndex, Document, LineIndex,
    Report, Settings, Severity,
};
use pmlint_workspace::ConfigResolver;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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

impl Linted {
    fn new(p: Prepared, report: Report) -> Linted {
        Linted {
            line_index: LineIndex::new(&p.text),
            path: p.path,
            text: p.text,
            report,
            fixed: p.fixed,
        }
    }
}

pub struct Outcome {
    pub files: Vec<Linted>,
    pub failures: Vec<Failure>,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let today = match targets::today(args.today.as_deref()) {
        Ok(d) => Some(d),
        Err(e) => return fail(e),
    };
    let resolver = match targets::resolver(args.config.as_deref()) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let paths = targets::paths_or_current(&args.paths);
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
    let mut prepared = Vec::new();
    let results: Vec<Result<Option<Prepared>, Failure>> = targets
        .par_iter()
        .map(|t| prepare(t, &args, &resolver, today))
        .collect();
    for result in results {
        match result {
            Ok(Some(p)) => prepared.push(p),
            Ok(None) => {}
            Err(failure) => failures.push(failure),
        }
    }
    let compare = targets.iter().any(targets::is_found) && corpus_enabled(&prepared);
    let mut files: Vec<Linted> = if compare {
        // Parsed once: the causes for R001 and the lint read the same model.
        let docs: Vec<Document> = prepared
            .par_iter()
            .map(|p| Document::parse_with(&p.text, &p.settings.parse))
            .collect();
        let index = corpus_of(&prepared, &docs);
        let reports: Vec<Report> = prepared
            .par_iter()
            .zip(&docs)
            .map(|(p, doc)| {
                let key = targets::shown(&p.path);
                let report = report_document(
                    doc,
                    &p.settings,
                    Some(Corpus {
                        index: &index,
                        key: &key,
                    }),
                );
                progress.inc(1);
                report
            })
            .collect();
        drop(docs);
        prepared
            .into_iter()
            .zip(reports)
            .map(|(p, report)| Linted::new(p, report))
            .collect()
    } else {
        prepared
            .into_par_iter()
            .map(|p| {
                let report = lint(&p.text, &p.settings);
                progress.inc(1);
                Linted::new(p, report)
            })
            .collect()
    };
    progress.finish_and_clear();
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
    // Stdout is line-buffered: a report of many lines would be a write call per line.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
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

/// A postmortem read, with its settings, and its safe fixes applied when asked.
struct Prepared {
    path: PathBuf,
    text: String,
    settings: Settings,
    fixed: usize,
}

fn prepare(
    target: &Target,
    args: &CheckArgs,
    resolver: &ConfigResolver,
    today: Option<Date>,
) -> Result<Option<Prepared>, Failure> {
    let Some(loaded) = load(target, args.stdin_filename.as_deref(), resolver)? else {
        return Ok(None);
    };
    let mut settings = loaded.config.settings.clone();
    settings.today = today;
    settings.kind = pmlint_workspace::kind_of(&loaded.path, &loaded.config.root, &settings);
    settings.parse = settings.parse.for_file(&targets::file_name(&loaded.path));
    let (path, mut text) = (loaded.path, loaded.text);
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
    Ok(Some(Prepared {
        path,
        text,
        settings,
        fixed,
    }))
}

/// Whether R001 has other postmortems to compare with and some file's configuration
/// enables it.
fn corpus_enabled(files: &[Prepared]) -> bool {
    files.len() >= 2
        && files
            .iter()
            .any(|p| p.settings.severity_of("R001").is_some())
}

/// The causes of every postmortem found, for R001.
fn corpus_of(files: &[Prepared], docs: &[Document]) -> CorpusIndex {
    let causes: Vec<DocumentCauses> = files
        .par_iter()
        .zip(docs)
        .map(|(p, doc)| {
            let label = digest(doc, &targets::file_name(&p.path), &p.settings).label();
            DocumentCauses::of(&targets::shown(&p.path), &label, doc)
        })
        .collect();
    let mut index = CorpusIndex::new();
    for document in causes {
        index.add(document);
    }
    index
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
    let text = match targets::read_stdin() {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e}", path.display())),
    };
    let config = match targets::config_for(resolver, &path) {
        Ok(c) => c,
        Err(f) => return fail(format!("{}: {}", f.path.display(), f.message)),
    };
    let mut settings = config.settings.clone();
    settings.today = today;
    settings.kind = pmlint_workspace::kind_of(&path, &config.root, &settings);
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
