//! SARIF 2.1.0 from serde-sarif's typed structs, so the log is valid by construction;
//! rule metadata and help text come from the rule docs, for the rules with results.

use super::{display_path, position};
use crate::check::Outcome;
use pmlint_core::{Applicability, Severity, RULES};
use serde_sarif::sarif;
use std::collections::HashSet;
use std::io::{self, Write};

fn level(s: Severity) -> sarif::ResultLevel {
    match s {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info => sarif::ResultLevel::Note,
    }
}

fn text_message(text: impl Into<String>) -> sarif::Message {
    sarif::Message::builder().text(text.into()).build()
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    // Only the rules with results carry their metadata: the help of every rule is
    // ~120 KB, several times a postmortem, on every log.
    let codes: HashSet<&str> = outcome
        .files
        .iter()
        .flat_map(|f| &f.report.diagnostics)
        .map(|d| d.code)
        .collect();
    let reported: Vec<&pmlint_core::Rule> = RULES
        .iter()
        .copied()
        .filter(|r| codes.contains(r.code))
        .collect();
    let rules: Vec<sarif::ReportingDescriptor> = reported
        .iter()
        .map(|r| {
            sarif::ReportingDescriptor::builder()
                .id(r.code)
                .name(r.name)
                .short_description(
                    sarif::MultiformatMessageString::builder()
                        .text(r.summary)
                        .build(),
                )
                .full_description(
                    sarif::MultiformatMessageString::builder()
                        .text(r.docs.what)
                        .build(),
                )
                .help(
                    sarif::MultiformatMessageString::builder()
                        .text(format!("{}\n\nWhy: {}", r.docs.what, r.docs.why))
                        .markdown(r.explanation())
                        .build(),
                )
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(serde_json::json!(level(r.default_severity).to_string()))
                        .build(),
                )
                .build()
        })
        .collect();
    let mut results = Vec::new();
    for file in &outcome.files {
        let uri = display_path(file);
        for d in &file.report.diagnostics {
            let start = position(file, d.range.start);
            let end = position(file, d.range.end);
            let region = sarif::Region::builder()
                .start_line(start.line as i64)
                .start_column(start.column as i64)
                .end_line(end.line as i64)
                .end_column(end.column as i64)
                .build();
            let location = sarif::Location::builder()
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(
                            sarif::ArtifactLocation::builder().uri(uri.clone()).build(),
                        )
                        .region(region)
                        .build(),
                )
                .build();
            let fixes: Vec<sarif::Fix> = d
                .fixes
                .iter()
                .filter(|f| f.applicability == Applicability::Safe)
                .map(|f| {
                    let replacements = f
                        .edits
                        .iter()
                        .map(|e| {
                            let s = position(file, e.range.start);
                            let t = position(file, e.range.end);
                            let deleted = sarif::Region::builder()
                                .start_line(s.line as i64)
                                .start_column(s.column as i64)
                                .end_line(t.line as i64)
                                .end_column(t.column as i64)
                                .build();
                            sarif::Replacement::builder()
                                .deleted_region(deleted)
                                .inserted_content(
                                    sarif::ArtifactContent::builder()
                                        .text(e.replacement.clone())
                                        .build(),
                                )
                                .build()
                        })
                        .collect::<Vec<_>>();
                    sarif::Fix::builder()
                        .description(text_message(f.title.clone()))
                        .artifact_changes(vec![sarif::ArtifactChange::builder()
                            .artifact_location(
                                sarif::ArtifactLocation::builder().uri(uri.clone()).build(),
                            )
                            .replacements(replacements)
                            .build()])
                        .build()
                })
                .collect();
            let message = match &d.note {
                Some(note) => format!("{}\n{}", d.message, note),
                None => d.message.clone(),
            };
            let rule_index = reported.iter().position(|r| r.code == d.code).unwrap_or(0) as i64;
            let mut result = sarif::Result::builder()
                .rule_id(d.code)
                .rule_index(rule_index)
                .level(level(d.severity))
                .message(text_message(message))
                .locations(vec![location])
                .build();
            if !fixes.is_empty() {
                result.fixes = Some(fixes);
            }
            results.push(result);
        }
    }
    let driver = sarif::ToolComponent::builder()
        .name("pmlint")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://example.invalid/pmlint")
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .build();
    let log = sarif::Sarif::builder()
        .version(serde_json::json!("2.1.0"))
        .schema(sarif::SCHEMA_URL)
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
