use super::template_text;
use crate::diagnostic::Severity;
use crate::document::{Document, HeadingForm};
use crate::rules::{Context, Family, Rule, RuleDocs};
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "S002",
    name: "empty-section",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "A section has a heading and nothing under it.",
    docs: RuleDocs {
        what: "Reports a section whose body (subsections included) has no text, list, table or code: only blank lines or comments, or only the template's prompt (\"*Note the final root cause…*\", see S003).",
        why: "An empty heading is a template left half filled in, a sign of \"postmortem theater\": going through the motions without learning (seed `001`, pitfall_postmortem_theater).",
        example: "## Impact\n\n## Timeline",
        better: "## Impact\n\n40 of 212 stores could not take card payments for 55–140 minutes.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let prompts = template_text::prompt_paragraphs(doc);
    for (i, section) in doc.sections.iter().enumerate() {
        let is_title = doc
            .title
            .as_ref()
            .is_some_and(|t| t.range == section.title_range);
        // A plain-line part heading ("Customer data") structures its section; it may
        // as well be a short line of prose.
        let part_heading = section.slot.is_none()
            && matches!(section.form, HeadingForm::Bare | HeadingForm::Italic);
        if is_title || part_heading {
            continue;
        }
        let message = if !doc.section_has_content(i) {
            format!("Section `{}` is empty", section.title)
        } else if holds_only(doc, i, &prompts) {
            format!(
                "Section `{}` holds only the template's prompt, no answer",
                section.title
            )
        } else {
            continue;
        };
        let range = if section.title_range.is_empty() {
            section.heading_range.clone()
        } else {
            section.title_range.clone()
        };
        ctx.report(range, message);
    }
}

/// Whether every piece of content in section `i`'s body is one of `prompts`.
fn holds_only(doc: &Document, i: usize, prompts: &[Range<usize>]) -> bool {
    let body = &doc.sections[i].body;
    let first = doc.content.partition_point(|r| r.end <= body.start);
    doc.content[first..]
        .iter()
        .take_while(|r| r.start < body.end)
        .filter(|r| !doc.text[(*r).clone()].trim().is_empty())
        .all(|r| prompts.binary_search_by_key(&r.start, |p| p.start).is_ok())
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
    fn a_section_holding_only_its_prompt_is_empty() {
        let text = "# T\n\n## Root cause\n\n*Describe the systemic cause*\n\n## Impact\n\n*Describe who was affected*\n\nForty stores.\n";
        assert_eq!(
            empty(text),
            vec!["Section `Root cause` holds only the template's prompt, no answer"]
        );
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
