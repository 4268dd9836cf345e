//! Inline suppression comments: directives are found where they stand, a document
//! without any suppresses nothing, and linting with them never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint_core::{lint, Document, RULES};
use pmlint_fuzz::{assert_diagnostics_well_formed, assert_range, settings, text_of};

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let doc = Document::parse(&text);
    let lines = doc.line_index.line_count();
    for directive in &doc.suppressions.directives {
        assert_range(&text, &directive.range, "directive");
        let raw = &text[directive.range.clone()];
        assert!(raw.starts_with("<!--") && raw.ends_with("-->"), "{raw:?}");
        assert_eq!(
            directive.line,
            doc.line_index.line_of(directive.range.start)
        );
    }
    for line in 0..lines.min(256) + 2 {
        for rule in RULES {
            let suppressed = doc.suppressions.is_suppressed(rule.code, rule.name, line);
            assert!(!suppressed || !doc.suppressions.directives.is_empty());
        }
    }
    assert_diagnostics_well_formed(&text, &lint(&text, &settings()).diagnostics);
});
