//! Action items written as prose: in an action section with no list or table, each
//! paragraph that plans something ("We should expand this to …", "The monitoring
//! system should notify more people.", "We could have a policy of …") is an item. A
//! closing note in parentheses says whether it is done ("(fixed by adding …)") or
//! tracked ("(filed https://…)").

use super::list::{NOT_TRACKERS, TICKET_IN_TEXT};
use super::{deadline_in_text, subject_owner, ActionItem, ActionSource};
use crate::document::{BlockKind, Document, Field};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Words that make a sentence a plan rather than an account.
static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:should|will|must|shall|need\s+to|needs\s+to|could|plan\s+to|are\s+going\s+to|would\s+(?:be\s+)?(?:useful|good|nice|better|like)|we['’]ll|we['’]d|ideally|let['’]s)(?-u:\b)")
        .expect("plan pattern")
});

/// A closing "(fixed by …)", "(added …)", "(done)": the plan is already carried out.
static DONE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(\s*(?:fixed|added|done|completed?|implemented|resolved|merged|landed|shipped|deployed|addressed)(?-u:\b)[^()]*\)\s*\.?\s*$")
        .expect("done note pattern")
});

/// A group opening a paragraph as its subject: "We …", "The team …", "The cheqd
/// product team …".
static GROUP_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:we|(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?team)(?-u:\b)")
        .expect("group subject pattern")
});

/// Where the sentence that plans begins: a paragraph may first describe what the plan
/// is about ("The --trust option skips the validation. It will be turned off …").
fn plan_start(text: &str) -> usize {
    let Some(plan) = PLAN.find(text) else {
        return 0;
    };
    let before = &text[..plan.start()];
    before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?') && before[i + 1..].starts_with(char::is_whitespace)
        })
        .map_or(0, |(i, _)| {
            let rest = &text[i + 1..];
            i + 1 + (rest.len() - rest.trim_start().len())
        })
}

/// Whether paragraph `block` introduces the list after it as plans ("The cheqd product
/// team will address the following items ahead of the next upgrade:"), and the owner it
/// names: outside an action section, such a list still holds action items.
pub(super) fn commitment(doc: &Document, block: usize) -> Option<Option<Field>> {
    let b = &doc.blocks[block];
    if b.kind != BlockKind::Paragraph || b.quoted || b.list_item.is_some() {
        return None;
    }
    let text = doc.text[b.range.clone()].trim_end();
    if !text.ends_with(':') || !PLAN.is_match(text) || !FOLLOWING.is_match(text) {
        return None;
    }
    let action = Field::new(doc.text, b.range.start..b.range.start + text.len());
    let owner = subject_owner(&action).or_else(|| {
        let m = GROUP_SUBJECT.find(text)?;
        Some(Field::new(
            doc.text,
            b.range.start + m.start()..b.range.start + m.end(),
        ))
    });
    Some(owner)
}

/// "the following items", "these actions": an introduction to a list.
static FOLLOWING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:the\s+following|these)(?:\s+(?:items|actions|steps|changes|improvements|measures))?(?-u:\b)")
        .expect("following pattern")
});

pub(super) fn items(doc: &Document, in_actions: &dyn Fn(usize) -> bool) -> Vec<ActionItem> {
    let mut items = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph
            || block.list_item.is_some()
            || block.quoted
            || !in_actions(block.range.start)
        {
            continue;
        }
        let text = &doc.text[block.range.clone()];
        // A line leading into something else ("Types:") is not a plan.
        if !PLAN.is_match(text) || text.trim_end().ends_with(':') {
            continue;
        }
        let Some(section) = block.section else {
            continue;
        };
        items.push(item(doc, index, block.range.clone(), section));
    }
    items
}

fn item(doc: &Document, index: usize, range: Range<usize>, section: usize) -> ActionItem {
    let text = &doc.text[range.clone()];
    let at = |r: Range<usize>| Field::new(doc.text, range.start + r.start..range.start + r.end);
    let done = DONE_NOTE.find(text);
    let action_end = done.as_ref().map_or(text.len(), |m| m.start());
    let action = at(plan_start(text).min(action_end)..text[..action_end].trim_end().len());
    let ticket = TICKET_IN_TEXT
        .find_iter(text)
        .find(|m| !NOT_TRACKERS.iter().any(|p| m.as_str().starts_with(p)))
        .map(|m| {
            let lead = m.as_str().len() - m.as_str().trim_start().len();
            let end = m.end() - (m.as_str().len() - m.as_str().trim_end_matches(')').len());
            at(m.start() + lead..end)
        });
    let due = deadline_in_text(text).map(at);
    ActionItem {
        owner: subject_owner(&action).or_else(|| {
            // "The team has rectified the issue and will implement …".
            let m = GROUP_SUBJECT.find(&action.text)?;
            Some(Field::new(
                doc.text,
                action.range.start + m.start()..action.range.start + m.end(),
            ))
        }),
        status: done.map(|m| Field {
            text: "done".into(),
            range: range.start + m.start()..range.start + m.end(),
        }),
        action,
        due,
        priority: None,
        kind: None,
        ticket,
        unparsed: Vec::new(),
        source: ActionSource::Paragraph { block: index },
        range,
        section,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::items;

    #[test]
    fn plans_in_prose_are_items() {
        let parsed = items(
            "The monitoring system should notify more people. (filed https://x.invalid/issues/1)\n\n\
             The monitor checks the wrong host. (fixed by adding a separate monitoring entry)\n\n\
             It would be useful to have a channel for emergencies. (added an @emergency role)\n\n\
             We could have a policy of not landing DNS changes on a Friday.\n\n\
             We will add a load test by 2025-03-01.\n\n\
             The team has rectified the issue and will implement more tests.\n\n\
             The `--trust` option skips the validation. It will be turned off.\n",
        );
        let summary: Vec<_> = parsed
            .iter()
            .map(|a| {
                (
                    a.action.text.split('.').next().unwrap().to_string(),
                    a.status.is_some(),
                    a.ticket.as_ref().map(|t| t.text.clone()),
                    a.due.as_ref().map(|d| d.text.clone()),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "The monitoring system should notify more people".into(),
                    false,
                    Some("https://x.invalid/issues/1".into()),
                    None
                ),
                (
                    "It would be useful to have a channel for emergencies".into(),
                    true,
                    None,
                    None
                ),
                (
                    "We could have a policy of not landing DNS changes on a Friday".into(),
                    false,
                    None,
                    None
                ),
                (
                    "We will add a load test by 2025-03-01".into(),
                    false,
                    None,
                    Some("2025-03-01".into())
                ),
                (
                    "The team has rectified the issue and will implement more tests".into(),
                    false,
                    None,
                    None
                ),
                ("It will be turned off".into(), false, None, None),
            ]
        );
        assert_eq!(parsed[3].owner.as_ref().unwrap().text, "We");
        assert_eq!(parsed[4].owner.as_ref().unwrap().text, "The team");
    }

    #[test]
    fn a_committed_list_outside_action_sections_holds_items() {
        let doc = crate::document::Document::parse(
            "# P\n\n## Lessons\n\nThe platform team will address the following items before the next upgrade:\n\n1. Announce downtime a week ahead.\n2. Rehearse the upgrade on a copy of mainnet.\n\nWe saw the following:\n\n- The queue grew.\n",
        );
        let owners: Vec<_> = doc
            .action_items
            .iter()
            .map(|a| {
                (
                    a.action.text.as_str(),
                    a.owner.as_ref().map(|o| o.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            owners,
            vec![
                ("Announce downtime a week ahead", Some("The platform team")),
                (
                    "Rehearse the upgrade on a copy of mainnet",
                    Some("The platform team")
                ),
            ]
        );
    }

    #[test]
    fn prose_beside_a_list_is_an_introduction() {
        let parsed = items("We should do the following:\n\n- Add an alert\n");
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].action.text, "Add an alert");
    }
}
