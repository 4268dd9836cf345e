use crate::diagnostic::Severity;
use crate::document::{classify, normalize_heading};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "S005",
    name: "duplicate-section",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "The same section appears twice.",
    docs: RuleDocs {
        what: "Reports a section that names the same part of the postmortem as an earlier one (\"Timeline\" and later \"Incident Timeline\"). Headings nested in a classified section are its parts (\"## Impact\" › \"### Customer Impact\", \"## Five whys\" › \"### Why?\"), and two phases of one part with different names (\"Response\" then \"Recovery\") are not repeats.",
        why: "Two timelines or two action-item lists drift apart: readers cannot tell which one is current, and trackers pick up only one of them (seed `001`, Tracking Action Items).",
        example: "## Timeline\n…\n## Action Items\n…\n## Incident Timeline\n…",
        better: "## Timeline\n… (one timeline, merged)\n## Action Items\n…",
    },
    check,
};

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    // A heading inside another classified section is one of its parts ("### Why?" in
    // "## Five whys", "#### Resolution" of one lesson in "## Lessons learned").
    let inside_a_slot = |i: usize| {
        std::iter::successors(doc.sections[i].parent, |&p| doc.sections[p].parent)
            .any(|p| doc.sections[p].slot.is_some())
    };
    let top: Vec<usize> = (0..doc.sections.len())
        .filter(|&i| doc.sections[i].slot.is_some() && !inside_a_slot(i))
        .collect();
    for (n, &i) in top.iter().enumerate() {
        let section = &doc.sections[i];
        let earlier = top[..n]
            .iter()
            .map(|&j| &doc.sections[j])
            .find(|s| s.slot == section.slot && same_name(&s.title, &section.title));
        if let (Some(first), Some(slot)) = (earlier, section.slot) {
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

/// Whether two headings of one slot name the same thing: one's words contain the
/// other's ("Timeline", "Incident timeline"). "Response" and "Recovery", or "TL;DR" and
/// "Summary", are different sections of the same slot.
fn same_name(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        normalize_heading(t)
            .split(' ')
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    // "Follow-up timeline" is not another "Timeline": its qualifier names a slot.
    let contains = |x: &[String], y: &[String]| {
        let extra: Vec<&str> = x
            .iter()
            .filter(|w| !y.contains(w))
            .map(String::as_str)
            .collect();
        y.iter().all(|w| x.contains(w)) && classify(&extra.join(" "), &[]).is_none()
    };
    !a.is_empty() && !b.is_empty() && (contains(&a, &b) || contains(&b, &a))
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
        assert_eq!(
            dups("# T\n## Response\nx\n## Recovery\nx\n## 5 Whys\n### Why?\nx\n### Why?\ny\n## Lessons\n### Resolution\nx\n"),
            0
        );
        assert_eq!(
            dups("# T\n*Impact*\n\n*Customer impact*\n\nx\n\n**Impact:** 40 stores\n"),
            0
        );
    }
}
