use crate::diagnostic::Severity;
use crate::document::{BlockKind, Slot};
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "S006",
    name: "summary-too-long",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "The summary is longer than one short paragraph.",
    docs: RuleDocs {
        what: "Reports a summary section with more than four sentences, or more than two paragraphs (two short paragraphs still read as one summary). Sub-headings inside the summary are not paragraphs.",
        why: "Seed `001`'s template asks for a \"One-paragraph summary: what happened, how long it lasted, what was the impact, and what we're doing to prevent recurrence\"; seed `000` shows executives read the headline and stop. Detail belongs in the sections below.",
        example: "## Summary\n\nThree paragraphs of narrative…",
        better: "## Summary\n\nFor 4.5 hours on Saturday, 80% of customers could not log in because … We have … and will … by March 1.",
    },
    check,
};

const MAX_SENTENCES: usize = 4;
const MAX_PARAGRAPHS: usize = 2;

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    for (i, section) in doc.sections_in(Slot::Summary) {
        let own_end = doc.sections[i + 1..].first().map_or(section.body.end, |s| {
            s.heading_range.start.min(section.body.end)
        });
        let inside = |start: usize| start >= section.body.start && start < own_end;
        let paragraphs = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph && !b.quoted && inside(b.range.start))
            .count();
        let sentences = doc
            .sentences
            .iter()
            .filter(|s| s.kind == BlockKind::Paragraph && inside(s.range.start))
            .count();
        if paragraphs > MAX_PARAGRAPHS || sentences > MAX_SENTENCES {
            ctx.report(
                section.title_range.clone(),
                format!("Summary has {paragraphs} paragraphs and {sentences} sentences; keep it to one paragraph of at most {MAX_SENTENCES} sentences"),
            )
            .with_note("What happened, how long, the impact, and what prevents a repeat. Move the detail to Timeline and Root Cause.");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Settings};

    fn long(text: &str) -> bool {
        lint(text, &Settings::default())
            .diagnostics
            .iter()
            .any(|d| d.code == "S006")
    }

    #[test]
    fn flags_long_summaries_only() {
        assert!(!long(
            "# T\n## Summary\nOne. Two. Three.\n## Impact\nA. B. C. D. E. F.\n"
        ));
        assert!(!long("# T\n## Summary\nOne.\n\nTwo.\n"));
        assert!(long("# T\n## Summary\nOne.\n\nTwo.\n\nThree.\n"));
        assert!(!long(
            "# T\n*Summary*\n\nScope\n\nOne.\n\nTrigger\n\nTwo.\n\nFix\n\nThree.\n"
        ));
        assert!(long("# T\n## Summary\nOne. Two. Three. Four. Five.\n"));
    }
}
