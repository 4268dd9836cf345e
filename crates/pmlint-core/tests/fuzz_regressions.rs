//! Inputs the fuzz targets (`cargo xtask fuzz`) found crashing, kept as tests.

use pmlint_core::{lint, Settings};

const POSTMORTEM: &str = "# Postmortem: queue backlog\n\n## Summary\n\nThe on-call engineer forgot to scale the consumers, a human error.\n";

/// `config` target: an empty blame phrase matched at every offset, and its zero-length
/// match indexed one past the end of the sentence.
#[test]
fn empty_blame_phrases_in_the_configuration_do_not_panic() {
    for source in [
        "[blame]\nallow = [\"\"]\n",
        "[blame]\nnames = [\"\"]\n",
        "[blame.extra]\n\"\" = \"B001\"\n",
        "[blame]\nallow = [\" \", \"\\t\"]\n",
    ] {
        let settings = Settings::from_toml(source).expect("valid configuration");
        let report = lint(POSTMORTEM, &settings);
        assert!(report
            .diagnostics
            .iter()
            .all(|d| d.range.end <= POSTMORTEM.len()));
    }
}
