use super::document_anchor;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::document::{Document, HeadingForm, Slot};
use crate::profile::section_skeleton;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "S001",
    name: "missing-section",
    family: Family::Structure,
    default_severity: Severity::Error,
    summary: "A section the profile requires is missing.",
    docs: RuleDocs {
        what: "Checks that every section required by the active profile is present, under any of its usual names (\"Executive Summary\", \"TL;DR\" and \"Overview\" all count as the summary; \"Contributing Factors\" or a \"5 Whys\" section satisfy the root cause). One diagnostic per missing section, with a fix that inserts its skeleton at its usual place.",
        why: "Every template in the guidance (seeds `001`, `002`, `004`) has the same spine: summary, impact, timeline, root cause analysis and action items. A postmortem without a timeline cannot show where detection was slow; one without action items \"does not change anything\" (seed `003`, Philosophy).",
        example: "# Checkout outage\n\n## Summary\nCheckout failed for 40 minutes.\n\n## Timeline\n…",
        better: "# Checkout outage\n\n## Summary\n…\n## Impact\n…\n## Timeline\n…\n## Root Cause\n…\n## Action Items\n…",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let anchor = document_anchor(doc);
    for &slot in &ctx.settings.required {
        if doc.has_slot_group(slot.group()) {
            continue;
        }
        let edit = insertion(doc, slot);
        ctx.report(
            anchor.clone(),
            format!("Missing required section: {}", slot.title()),
        )
        .with_note(slot.prompt())
        .with_fix(Fix::safe(
            format!("Insert the `{}` section", slot.title()),
            vec![edit],
        ));
    }
}

/// Inserts the skeleton after the last present section that comes before `slot` in a
/// canonical postmortem, else before the first one that comes after it, else at the end.
fn insertion(doc: &Document, slot: Slot) -> Edit {
    let top: Vec<_> = doc
        .sections
        .iter()
        .filter(|s| s.slot.is_some() && s.parent.is_none_or(|p| doc.sections[p].slot.is_none()))
        .collect();
    let level = top
        .iter()
        .find(|s| s.form != HeadingForm::Bare && s.level <= 6)
        .map_or(2, |s| s.level);
    let skeleton = section_skeleton(slot, level);
    let before = top
        .iter()
        .filter(|s| s.slot.is_some_and(|x| x.order() < slot.order()))
        .max_by_key(|s| s.body.end);
    let at = match before {
        Some(s) => s.body.end,
        None => top
            .iter()
            .find(|s| s.slot.is_some_and(|x| x.order() > slot.order()))
            .map_or(doc.text.len(), |s| s.heading_range.start),
    };
    let text = doc.text;
    let prefix = if at == 0 || text[..at].ends_with("\n\n") {
        ""
    } else if text[..at].ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let suffix = if at < text.len() { "\n" } else { "" };
    Edit::insert(at, format!("{prefix}{skeleton}{suffix}"))
}

#[cfg(test)]
mod tests {
    use crate::{apply_edits, lint, Settings};

    fn codes(text: &str) -> Vec<String> {
        lint(text, &Settings::default())
            .diagnostics
            .iter()
            .filter(|d| d.code == "S001")
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn reports_each_missing_slot_and_accepts_synonyms() {
        let text = "# Outage\n\n## TL;DR\nDown.\n\n## Customer Impact\nAll.\n\n## Chain of events\n- 10:00 x\n";
        assert_eq!(
            codes(text),
            vec![
                "Missing required section: Root Cause",
                "Missing required section: Action Items"
            ]
        );
        let text = "# Outage\n\n## Overview\nx\n## Severity & Impact\nx\n## Timeline\nx\n## Contributing Factors\nx\n## Next steps\nx\n";
        assert!(codes(text).is_empty());
    }

    #[test]
    fn headings_in_code_fences_do_not_count() {
        let text = "# Outage\n\n## Summary\nx\n## Impact\nx\n## Timeline\nx\n## Root Cause\nx\n\n```\n## Action Items\n```\n";
        assert_eq!(codes(text), vec!["Missing required section: Action Items"]);
    }

    #[test]
    fn fix_inserts_skeletons_in_canonical_order_and_satisfies_the_rule() {
        let text =
            "# Outage\n\n## Summary\nDown.\n\n## Timeline\n- 10:00 x\n\n## Action Items\n- x\n";
        let report = lint(text, &Settings::default());
        let edits: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "S001")
            .flat_map(|d| d.fixes[0].edits.clone())
            .collect();
        let (fixed, applied) = apply_edits(text, &edits);
        assert_eq!(applied, 2);
        assert!(codes(&fixed).is_empty(), "{fixed}");
        let impact = fixed.find("## Impact").unwrap();
        assert!(
            fixed.find("## Summary").unwrap() < impact
                && impact < fixed.find("## Timeline").unwrap(),
            "{fixed}"
        );
        let root = fixed.find("## Root Cause").unwrap();
        assert!(root < fixed.find("## Action Items").unwrap(), "{fixed}");
    }
}
