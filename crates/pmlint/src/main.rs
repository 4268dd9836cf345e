//! `pmlint`: the command line. `check` lints files for CI and humans; `rules`,
//! `explain` and `init` serve authors; `lsp` starts the language server.

mod baseline;
mod check;
mod commands;
mod output;
mod report;
mod targets;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pmlint",
    version,
    about = "A reviewer for incident postmortems written in Markdown."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint postmortems: files, directories (walked honouring .gitignore) or `-` for stdin.
    Check(check::CheckArgs),
    /// Summarise a folder of postmortems: incidents, trends, action-item tracking and
    /// recurring causes, as Markdown, a self-contained HTML page or JSON.
    Report(report::ReportArgs),
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Explain a rule: what it checks, why it matters, an example and a better version.
    Explain {
        /// A rule code (B002) or name (person-failure).
        rule: String,
    },
    /// Write a new postmortem from a profile's template (never overwrites a file).
    Init(commands::InitArgs),
    /// Run the language server over stdin/stdout (for editors).
    Lsp,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Table,
    Json,
}

/// Exit codes: 0 clean, 1 findings over the threshold, 2 usage, configuration or I/O failure.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_FAILURE } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Report(args) => report::run(args),
        Command::Rules { format } => commands::rules(matches!(format, RulesFormat::Json)),
        Command::Explain { rule } => commands::explain(&rule),
        Command::Init(args) => commands::init(args),
        Command::Lsp => match pmlint_lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("language server: {e}")),
        },
    }
}

/// Prints `pmlint: <message>` to stderr and returns the failure exit code.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("pmlint: {message}");
    ExitCode::from(EXIT_FAILURE)
}
