use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "S005",
    name: "duplicate-section",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "The same section appears twice.",
    docs: RuleDocs {
        what: "Reports a section that names the same part of the postmortem as an earlier one (\"Timeline\" and later \"Incident Timeline\"), unless it is nested inside it (\"## Impact\" › \"### Customer Impact\" is fine).",
        why: "Two timelines or two action-item lists drift apart: readers cannot tell which one is current, and trackers pick up only one of them (seed `001`, Tracking Action Items).",
        example: "## Timeline\n…\n## Action Items\n…\n## Incident Timeline\n…",
        better: "## Timeline\n… (one timeline, merged)\n## Action Items\n…",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    // Subsections of a section with the same slot are its parts, not repeats.
    let nested_in_same_slot = |i: usize| {
        let slot = doc.sections[i].slot;
        std::iter::successors(doc.sections[i].parent, |&p| doc.sections[p].parent)
            .any(|p| doc.sections[p].slot == slot)
    };
    for (i, section) in doc.sections.iter().enumerate() {
        let Some(slot) = section.slot else { continue };
        if nested_in_same_slot(i) {
            continue;
        }
        let earlier = doc.sections[..i]
            .iter()
            .enumerate()
            .find(|(j, s)| s.slot == Some(slot) && !nested_in_same_slot(*j));
        if let Some((_, first)) = earlier {
            let line = doc.line_index.line_of(first.heading_range.start) + 1;
            ctx.report(
                section.title_range.clone(),
                format!(
                    "Duplicate `{}` section (first at line {line})",
                    slot.title()
                ),
            )
            .with_note("Merge the two so that there is one place to read and update.");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Settings};

    fn dups(text: &str) -> usize {
        lint(text, &Settings::default())
            .diagnostics
            .iter()
            .filter(|d| d.code == "S005")
            .count()
    }

    #[test]
    fn reports_repeats_but_not_nesting() {
        assert_eq!(
            dups("# T\n## Timeline\nx\n## Summary\nx\n## Incident Timeline\nx\n"),
            1
        );
        assert_eq!(
            dups("# T\n## Impact\nx\n### Customer Impact\nx\n### Business Impact\ny\n"),
            0
        );
        assert_eq!(
            dups("# T\n## What went well\nx\n## What went wrong\nx\n"),
            0
        );
    }
}
