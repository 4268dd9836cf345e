//! Applying fixes: each fix on its own, then every safe fix together, yields text that
//! lints again with well-formed ranges.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint_core::{apply_edits, lint, Applicability};
use pmlint_fuzz::{assert_diagnostics_well_formed, settings, text_of};

/// Re-linting is the expensive part: a few fixes per input are plenty.
const MAX_FIXES: usize = 8;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let settings = settings();
    let report = lint(&text, &settings);
    let fixes: Vec<_> = report.diagnostics.iter().flat_map(|d| &d.fixes).collect();
    for fix in fixes.iter().take(MAX_FIXES) {
        let (fixed, _) = apply_edits(&text, &fix.edits);
        assert_diagnostics_well_formed(&fixed, &lint(&fixed, &settings).diagnostics);
    }
    let safe: Vec<_> = fixes
        .iter()
        .filter(|f| f.applicability == Applicability::Safe)
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    let (fixed, _) = apply_edits(&text, &safe);
    assert_diagnostics_well_formed(&fixed, &lint(&fixed, &settings).diagnostics);
});
