//! The small commands: `rules`, `explain`, `init`.

use crate::fail;
use clap::Args;
use pmlint_core::comms::template;
use pmlint_core::date::Date;
use pmlint_core::profile::{find_profile, TemplateFields, PROFILES};
use pmlint_core::{find_rule, Kind, RULES};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn rules(json: bool) -> ExitCode {
    if json {
        let rules: Vec<_> = RULES.iter().collect();
        match serde_json::to_string_pretty(&rules) {
            Ok(s) => println!("{s}"),
            Err(e) => return fail(e),
        }
        return ExitCode::SUCCESS;
    }
    let name_width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in RULES {
        out.push_str(&format!(
            "{}  {:<name_width$}  {:<7}  {}\n",
            rule.code,
            rule.name,
            rule.default_severity.as_str(),
            rule.summary
        ));
    }
    print!("{out}");
    ExitCode::SUCCESS
}

pub fn explain(code_or_name: &str) -> ExitCode {
    match find_rule(code_or_name) {
        Some(rule) => {
            print!("{}", rule.explanation());
            ExitCode::SUCCESS
        }
        None => {
            let close: Vec<_> = RULES
                .iter()
                .filter(|r| {
                    let q = code_or_name.to_ascii_lowercase();
                    r.name.contains(&q) || r.code.to_ascii_lowercase().starts_with(&q)
                })
                .map(|r| format!("{} {}", r.code, r.name))
                .collect();
            let hint = if close.is_empty() {
                "`pmlint rules` lists them".to_string()
            } else {
                format!("did you mean: {}?", close.join(", "))
            };
            fail(format!("unknown rule `{code_or_name}`; {hint}"))
        }
    }
}

#[derive(Args)]
pub struct InitArgs {
    /// Where to write the new postmortem; `-` prints it to stdout (for editors).
    file: PathBuf,
    /// Which template: default, sre-book or pagerduty.
    #[arg(long, default_value = "default")]
    profile: String,
    /// The incident's title.
    #[arg(long)]
    title: Option<String>,
    /// The incident's date (YYYY-MM-DD).
    #[arg(long)]
    date: Option<String>,
    /// The incident's severity (e.g. SEV2).
    #[arg(long)]
    severity: Option<String>,
    /// What to write: a postmortem (the profile's template), an executive update or a
    /// customer notice (seed 000's structure).
    #[arg(long, default_value = "postmortem", value_parser = ["postmortem", "exec-update", "customer-notice"])]
    kind: String,
}

pub fn init(args: InitArgs) -> ExitCode {
    let Some(profile) = find_profile(&args.profile) else {
        let names: Vec<_> = PROFILES.iter().map(|p| p.name).collect();
        return fail(format!(
            "unknown profile `{}`; expected one of: {}",
            args.profile,
            names.join(", ")
        ));
    };
    let date = match args.date.as_deref().map(|d| Date::parse_iso(d).ok_or(d)) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(d)) => return fail(format!("--date `{d}` is not a valid YYYY-MM-DD date")),
    };
    let kind = Kind::from_key(&args.kind).unwrap_or_default();
    let text = match template(kind, args.title.as_deref()) {
        Some(text) => text,
        None => profile.template(&TemplateFields {
            title: args.title,
            date,
            severity: args.severity,
        }),
    };
    if args.file.as_os_str() == "-" {
        print!("{text}");
        return ExitCode::SUCCESS;
    }
    // The README's `pmlint init postmortems/x.md` works on a fresh checkout.
    if let Some(parent) = args.file.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(parent) {
            return fail(format!("{}: {e}", parent.display()));
        }
    }
    // `create_new` refuses an existing file atomically: no check-then-write race.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.file);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return fail(format!(
                "{}: already exists; not overwriting it",
                args.file.display()
            ));
        }
        Err(e) => return fail(format!("{}: {e}", args.file.display())),
    };
    if let Err(e) = file.write_all(text.as_bytes()) {
        return fail(format!("{}: {e}", args.file.display()));
    }
    let from = if kind.is_communication() {
        kind.key()
    } else {
        profile.name
    };
    eprintln!(
        "Created {} from the `{from}` template.",
        args.file.display()
    );
    ExitCode::SUCCESS
}
