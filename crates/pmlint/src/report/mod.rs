//! `pmlint report`: the postmortem database view of a folder (seed `001`'s "Postmortem
//! Database" and "Tracking Action Items", seed `002`'s "Pattern Detection"). Every
//! postmortem is read, linted and digested in parallel; the aggregates and recurring
//! causes are computed once into a [`Portfolio`], which each format renders (and which
//! `--format json` is: docs/report-json.md).

mod html;
mod markdown;
mod model;

use crate::targets::{self, gather, load, Failure};
use crate::{fail, EXIT_FAILURE};
use clap::Args;
use model::{Entry, Portfolio};
use pmlint_core::digest::digest;
use pmlint_core::recurrence::DocumentCauses;
use pmlint_core::{lint_document, metrics, score, Document};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown tables.
    Md,
    /// One self-contained page with inline SVG charts (no script, no network).
    Html,
    /// Versioned JSON (schema in docs/report-json.md).
    Json,
}

#[derive(Args)]
pub struct ReportArgs {
    /// Files or directories of postmortems. Defaults to `.`.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// Today's date for overdue action items (YYYY-MM-DD); defaults to the system clock.
    #[arg(long, value_name = "DATE")]
    today: Option<String>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Use this configuration file for every file instead of discovering `.pmlint.toml`.
    #[arg(long)]
    config: Option<PathBuf>,
}

pub fn run(args: ReportArgs) -> ExitCode {
    let today = match targets::today(args.today.as_deref()) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let resolver = match targets::resolver(args.config.as_deref()) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let paths = targets::paths_or_current(&args.paths);
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return fail("`report` reads files and directories, not standard input");
    }
    let (targets, mut failures) = gather(&paths);
    let results: Vec<Result<Option<(Entry, DocumentCauses)>, Failure>> = targets
        .par_iter()
        .map(|target| {
            let Some(loaded) = load(target, None, &resolver)? else {
                return Ok(None);
            };
            let mut settings = loaded.config.settings.clone();
            settings.today = Some(today);
            settings.parse = settings.parse.for_file(&targets::file_name(&loaded.path));
            let doc = Document::parse_with(&loaded.text, &settings.parse);
            let diagnostics = lint_document(&doc, &settings);
            let path = targets::shown(&loaded.path);
            let digest = digest(&doc, &targets::file_name(&loaded.path), &settings);
            let causes = DocumentCauses::of(&path, &digest.label(), &doc);
            let entry = Entry {
                score: score::score(&diagnostics).total,
                metrics: metrics::compute(&doc),
                path,
                digest,
            };
            Ok(Some((entry, causes)))
        })
        .collect();
    let mut entries = Vec::new();
    let mut causes = Vec::new();
    for result in results {
        match result {
            Ok(Some((entry, c))) => {
                entries.push(entry);
                causes.push(c);
            }
            Ok(None) => {}
            Err(failure) => failures.push(failure),
        }
    }
    let portfolio = Portfolio::build(entries, causes, &failures, today);
    let rendered = match args.format {
        ReportFormat::Md => markdown::render(&portfolio),
        ReportFormat::Html => html::render(&portfolio),
        ReportFormat::Json => match serde_json::to_string_pretty(&portfolio) {
            Ok(s) => s + "\n",
            Err(e) => return fail(e),
        },
    };
    let written = match &args.out {
        Some(path) => std::fs::write(path, rendered)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(rendered.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write output: {e}"))
                }
                _ => Ok(()),
            }
        }
    };
    if let Err(e) = written {
        return fail(e);
    }
    for f in &failures {
        eprintln!("pmlint: {}: {}", f.path.display(), f.message);
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILURE)
    }
}
