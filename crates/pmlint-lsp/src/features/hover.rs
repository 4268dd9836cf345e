//! Hover: the score's breakdown on the title (seed `000`'s rubric on a communication's
//! headline); the rule's explanation on a diagnostic;
//! elapsed times on a timeline entry.

use super::comms::rubric_table;
use super::timeline::{elapsed, format_duration};
use crate::analysis::Analysis;
use ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use pmlint_core::{find_rule, Encoding, Score};

pub fn hover(a: &Analysis, encoding: Encoding, position: Position) -> Option<Hover> {
    let at = a.at(encoding);
    let offset = at.offset(position);
    let mut parts = Vec::new();
    let mut range = None;
    if let Some(c) = a.communication.as_ref() {
        if covers(&c.headline, offset) {
            parts.push(rubric_table(c));
            range = Some(c.headline.clone());
        }
    } else if let Some(title) = a
        .title
        .as_ref()
        .filter(|t| a.postmortem && covers(t, offset))
    {
        parts.push(score_table(&a.score));
        range = Some(title.clone());
    }
    for d in a.diagnostics.iter().filter(|d| covers(&d.range, offset)) {
        let mut part = format!("**{}** ({}): {}", d.code, d.name, d.message);
        if let Some(note) = &d.note {
            part.push_str(&format!("\n\n{note}"));
        }
        if let Some(rule) = find_rule(d.code) {
            part.push_str(&format!("\n\n{}", rule.explanation()));
        }
        parts.push(part);
        range.get_or_insert(d.range.clone());
    }
    let entries = a.timeline.iter().zip(elapsed(&a.timeline));
    for (entry, elapsed) in entries.filter(|(e, _)| covers(&e.range, offset)) {
        let Some(elapsed) = elapsed else { continue };
        let since_previous = match elapsed.since_previous {
            Some(step) => format!("{} after the previous entry", format_duration(step)),
            None => "the first timed entry".to_string(),
        };
        parts.push(format!(
            "**Timeline**: {} since the start · {since_previous}",
            format_duration(elapsed.since_start)
        ));
        range.get_or_insert(entry.range.clone());
    }
    let range = range?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(at.range(&range)),
    })
}

/// The score with each criterion's part and reason, as a Markdown table.
fn score_table(score: &Score) -> String {
    let mut out = format!(
        "**Postmortem score {}/100**\n\n| Criterion | Score | Why |\n|---|---:|---|\n",
        score.total
    );
    for c in &score.criteria {
        out.push_str(&format!(
            "| {} ({}%) | {} | {} |\n",
            c.title,
            c.weight,
            c.score,
            c.reason.replace('|', "\\|")
        ));
    }
    out
}

/// Whether a hover at `offset` is over `range` (an empty range is hovered at its point).
fn covers(range: &std::ops::Range<usize>, offset: usize) -> bool {
    range.start <= offset && (offset < range.end || offset == range.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::analyze;
    use ls_types::HoverContents;

    fn text_of(h: Hover) -> String {
        match h.contents {
            HoverContents::Markup(m) => m.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn explains_the_rule_under_the_cursor_and_timeline_steps() {
        let a = analyze("# Postmortem: outage\n\n## Summary\n\n## Timeline\n\n- 14:00 alert fired\n- 14:06 paged\n");
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code == "S002")
            .expect("an empty summary");
        let pos = a.at(Encoding::Utf16).position(d.range.start);
        let text = text_of(hover(&a, Encoding::Utf16, pos).unwrap());
        assert!(
            text.contains("**S002**") && text.contains("## Why it matters"),
            "{text}"
        );

        let text = text_of(hover(&a, Encoding::Utf16, Position::new(7, 4)).unwrap());
        assert!(
            text.contains("6m since the start · 6m after the previous entry"),
            "{text}"
        );
        let text = text_of(hover(&a, Encoding::Utf16, Position::new(6, 4)).unwrap());
        assert!(text.contains("the first timed entry"), "{text}");
        // Blank line, and far outside the document: nothing, and no panic.
        assert!(hover(&a, Encoding::Utf16, Position::new(1, 0)).is_none());
        assert!(hover(&a, Encoding::Utf8, Position::new(9999, 9999)).is_none());
    }

    #[test]
    fn the_title_shows_the_score_with_a_reason_per_criterion() {
        let a = analyze("# Postmortem: outage\n\n## Summary\n\nThe API failed for 20 minutes.\n\n## Timeline\n\n- 14:00 alert fired\n");
        let text = text_of(hover(&a, Encoding::Utf16, Position::new(0, 5)).unwrap());
        assert!(
            text.contains(&format!("**Postmortem score {}/100**", a.score.total)),
            "{text}"
        );
        for c in &a.score.criteria {
            assert!(
                text.contains(&format!(
                    "| {} ({}%) | {} | {} |",
                    c.title, c.weight, c.score, c.reason
                )),
                "{text}"
            );
        }
        assert!(
            text.contains("| Action items (20%) | 0 | no action items |"),
            "{text}"
        );
    }

    #[test]
    fn a_communications_headline_explains_the_rubric() {
        let a = analyze("---\ntype: exec-update\n---\n# Database Incident - Nov 2\n\nThe database failed. Let me know if you have questions.\n");
        let c = a.communication.as_ref().expect("an exec update");
        let text = text_of(hover(&a, Encoding::Utf16, Position::new(3, 4)).unwrap());
        assert!(
            text.starts_with(&format!(
                "**Executive update — rubric {:.1}/5**",
                c.rubric.average
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "**Headline Clarity: {}/5.** The headline states the outcome",
                c.rubric.score_of(pmlint_core::comms::Criterion::Headline)
            )),
            "{text}"
        );
        for s in &c.rubric.criteria {
            assert!(
                text.contains(&format!("| {} | {} |", s.criterion.title(), s.score)),
                "{text}"
            );
        }
        // The label headline is also C001's finding, explained after the rubric.
        assert!(text.contains("**C001**"), "{text}");
        assert!(!text.contains("Postmortem score"), "{text}");
    }
}
