//! The whole core on arbitrary bytes: parse, every rule, score. Never panics, the model
//! and every range are well formed, and linting twice gives the same findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint_core::{lint_document, Document};
use pmlint_fuzz::{assert_diagnostics_well_formed, assert_model_well_formed, settings, text_of};

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let settings = settings();
    let doc = Document::parse_with(&text, &settings.parse);
    assert_model_well_formed(&doc);
    let diagnostics = lint_document(&doc, &settings);
    assert_diagnostics_well_formed(&text, &diagnostics);
    assert_eq!(
        diagnostics,
        lint_document(&doc, &settings),
        "lint is not deterministic"
    );
    pmlint_core::score::score(&doc, &diagnostics);
});
