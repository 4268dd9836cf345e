//! The whole core on arbitrary bytes: parse, every rule, score. Never panics, every
//! range is well formed, and linting twice gives the same report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint_core::lint;
use pmlint_fuzz::{assert_report_well_formed, settings, text_of};

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let settings = settings();
    let report = lint(&text, &settings);
    assert_report_well_formed(&text, &report);
    let again = lint(&text, &settings);
    assert_eq!(report.diagnostics, again.diagnostics, "lint is not deterministic");
});
