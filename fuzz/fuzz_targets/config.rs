//! `.pmlint.toml` parsing: any text either resolves to settings that lint a document,
//! or is rejected with an error whose line and column stand inside the source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint_core::{lint, Config, Settings};
use pmlint_fuzz::assert_diagnostics_well_formed;

const SAMPLE: &str = "# Postmortem: queue backlog\n\n**Date:** 2025-01-10\n\n## Summary\n\nThe on-call engineer forgot to scale the consumers.\n\n## Timeline\n\n- 10:00 UTC backlog starts\n\n## Action Items\n\n- [ ] Investigate\n";

fuzz_target!(|source: &str| {
    match Settings::from_toml(source) {
        Ok(settings) => {
            let report = lint(SAMPLE, &settings);
            assert_diagnostics_well_formed(SAMPLE, &report.diagnostics);
            settings.path_is_included("docs/postmortems/2025-01-10.md");
            settings.path_is_excluded("README.md");
            let mut base = Config::default();
            base.merge(Config::parse(source).expect("resolved configs parse"));
        }
        Err(error) => {
            let lines = source.split('\n').count();
            if let Some(line) = error.line {
                assert!(
                    (1..=lines).contains(&line),
                    "line {line} of {lines}: {error}"
                );
            }
            if let Some(column) = error.column {
                assert!(column >= 1, "{error}");
            }
        }
    }
});
