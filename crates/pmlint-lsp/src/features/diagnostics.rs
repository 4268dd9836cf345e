//! Core diagnostics as LSP diagnostics.

use crate::analysis::Analysis;
use pmlint_core::{Diagnostic, Encoding, Severity};
use std::str::FromStr;
use tower_lsp_server::ls_types::{self as lsp, CodeDescription, NumberOrString, Uri};

/// Where each rule's documentation lives; the anchor is the lower-case rule code.
pub const RULE_DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

pub fn rule_docs_uri(code: &str) -> Option<Uri> {
    Uri::from_str(&format!("{RULE_DOCS_URL}#{}", code.to_ascii_lowercase())).ok()
}

pub fn to_lsp(analysis: &Analysis, encoding: Encoding) -> Vec<lsp::Diagnostic> {
    let at = analysis.at(encoding);
    analysis
        .diagnostics
        .iter()
        .map(|d| convert(d, at.range(&d.range)))
        .collect()
}

pub fn convert(d: &Diagnostic, range: lsp::Range) -> lsp::Diagnostic {
    let message = match &d.note {
        Some(note) => format!("{}\n{note}", d.message),
        None => d.message.clone(),
    };
    lsp::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: rule_docs_uri(d.code).map(|href| CodeDescription { href }),
        source: Some("pmlint".into()),
        message,
        ..lsp::Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_each_rule_to_its_documentation() {
        let uri = rule_docs_uri("S002").expect("a valid URI");
        assert!(
            uri.as_str().ends_with("/docs/rules.md#s002"),
            "{}",
            uri.as_str()
        );
    }
}
