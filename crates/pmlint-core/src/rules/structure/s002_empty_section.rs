use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "S002",
    name: "empty-section",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "A section has a heading and nothing under it.",
    docs: RuleDocs {
        what: "Reports a section whose body (subsections included) has no text, list, table or code: only blank lines or comments.",
        why: "An empty heading is a template left half filled in, a sign of \"postmortem theater\": going through the motions without learning (seed `001`, pitfall_postmortem_theater).",
        example: "## Impact\n\n## Timeline",
        better: "## Impact\n\n40 of 212 stores could not take card payments for 55–140 minutes.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    for (i, section) in doc.sections.iter().enumerate() {
        let is_title = doc
            .title
            .as_ref()
            .is_some_and(|t| t.range == section.title_range);
        if is_title || doc.section_has_content(i) {
            continue;
        }
        let range = if section.title_range.is_empty() {
            section.heading_range.clone()
        } else {
            section.title_range.clone()
        };
        ctx.report(range, format!("Section `{}` is empty", section.title));
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Settings};

    fn empty(text: &str) -> Vec<String> {
        lint(text, &Settings::default())
            .diagnostics
            .iter()
            .filter(|d| d.code == "S002")
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn reports_empty_sections_only() {
        let text = "# T\n\n## Summary\n\n<!-- write here -->\n\n## Impact\nSome.\n\n## Root Cause Analysis\n\n### What Happened\nA thing.\n\nTimeline\n--------\n\n## Action Items\n";
        assert_eq!(
            empty(text),
            vec![
                "Section `Summary` is empty",
                "Section `Timeline` is empty",
                "Section `Action Items` is empty"
            ]
        );
    }
}
