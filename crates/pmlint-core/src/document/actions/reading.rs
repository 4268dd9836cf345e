//! How a list item reads: an action ("Add a metric …"), a title over sub-actions
//! ("**Bug bounty**"), a remediation told as done ("EIP-6110 is updated …"), a condition
//! of the write-up ("Sections above are filled out"), or a template's slot.

use regex::Regex;
use std::sync::LazyLock;

/// Verbs an action opens with ("Add a metric …", "Document the steps"), against the
/// details listed under an item ("Our responsibilities …", "Principles like …").
const ACTION_VERBS: &[&str] = &[
    "add",
    "adopt",
    "alert",
    "audit",
    "automate",
    "build",
    "change",
    "check",
    "clarify",
    "clean",
    "configure",
    "consider",
    "create",
    "decide",
    "define",
    "delete",
    "deploy",
    "deprecate",
    "design",
    "detect",
    "disable",
    "document",
    "enable",
    "enforce",
    "ensure",
    "establish",
    "evaluate",
    "explore",
    "extend",
    "file",
    "fix",
    "gate",
    "implement",
    "improve",
    "increase",
    "install",
    "instrument",
    "introduce",
    "investigate",
    "limit",
    "look",
    "make",
    "measure",
    "migrate",
    "monitor",
    "move",
    "pin",
    "prevent",
    "publish",
    "reduce",
    "refactor",
    "remove",
    "rename",
    "replace",
    "require",
    "restrict",
    "review",
    "rewrite",
    "rotate",
    "run",
    "schedule",
    "separate",
    "set",
    "setup",
    "ship",
    "simplify",
    "split",
    "standardise",
    "standardize",
    "start",
    "stop",
    "switch",
    "test",
    "track",
    "train",
    "update",
    "upgrade",
    "use",
    "validate",
    "verify",
    "write",
];

/// Whether a list item's text opens with an action verb, also after "We will".
pub(super) fn reads_as_action(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_lowercase)
        .collect();
    let skip = match words.first().map(String::as_str) {
        Some("we" | "team" | "i") => {
            words
                .iter()
                .skip(1)
                .take_while(|w| {
                    matches!(
                        w.as_str(),
                        "will" | "should" | "must" | "need" | "to" | "shall"
                    )
                })
                .count()
                + 1
        }
        _ => 0,
    };
    words
        .get(skip)
        .is_some_and(|w| ACTION_VERBS.contains(&w.as_str()))
}

/// A remediation told as done: "EIP-6110 is updated to add events filtering",
/// "Execution clients implemented a fix for …" (a subject, then a completed change).
static DONE_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\w@`'’./#-]+\s+){1,4}?(?:(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?)?(?:implemented|fixed|added|updated|deployed|merged|released|shipped|removed|enabled|disabled|introduced|rolled\s+back|completed|resolved)\s+\S")
        .expect("done report pattern")
});
/// Words after which a participle describes, rather than reports: "alerts for deployed …".
const PREPOSITIONS: &[&str] = &[
    "for", "of", "to", "in", "on", "with", "from", "by", "about", "newly",
];

pub(super) fn reads_as_done(text: &str) -> bool {
    let Some(m) = DONE_REPORT.find(text) else {
        return false;
    };
    let before: Vec<String> = text[..m.end()]
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let modal = before.iter().any(|w| {
        matches!(
            w.as_str(),
            "will" | "should" | "must" | "to" | "need" | "needs"
        )
    });
    let participle_at = before.len().saturating_sub(2);
    let after_preposition =
        participle_at > 0 && PREPOSITIONS.contains(&before[participle_at - 1].as_str());
    !reads_as_action(text) && !modal && !after_preposition
}

/// A checklist line that states a condition of the write-up rather than work to do:
/// "Sections above are filled out", "Incident has been dealt with or is over".
static CRITERION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\w\s'’-]{1,60}?\s(?:is|are|has\s+been|have\s+been|have|has)\s+(?:been\s+)?(?:\w+ed|over|done|up\s+to\s+date|cleaned\s+up|filled\s+(?:in|out)|written|sent|known)(?-u:\b)")
        .expect("criterion pattern")
});

pub(super) fn is_criterion(text: &str) -> bool {
    !reads_as_action(text) && CRITERION.is_match(text.trim())
}

/// An item that is only a bold title: "**Bug bounty**".
pub(super) fn is_bold_title(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    t.len() > 4
        && (t.starts_with("**") && t.ends_with("**") || t.starts_with("__") && t.ends_with("__"))
        && !t[2..t.len() - 2].contains("**")
}

/// An item that is the template's slot for one: "{{ summary }} [link to github issue]".
pub(super) fn is_template_slot(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("{{")
        && t.find("}}")
            .is_some_and(|end| t[2..end].split_whitespace().count() <= 2)
}

#[cfg(test)]
mod tests {
    use super::super::tests::items;

    #[test]
    fn a_bold_title_over_sub_actions_is_not_an_item() {
        let parsed = items("1. **Bug bounty**\n   - We will establish a bug bounty program.\n2. **Monitoring**\n   - Conducting stress tests.\n");
        let actions: Vec<_> = parsed.iter().map(|a| a.action.text.as_str()).collect();
        assert_eq!(
            actions,
            // The title names the action its sub-item words, whatever its form.
            vec![
                "We will establish a bug bounty program",
                "Conducting stress tests"
            ]
        );
    }

    #[test]
    fn remediations_told_as_done_are_done() {
        let parsed = items(
            "- Execution clients implemented a fix for parsing deposit logs\n\
             - EIP-6110 is updated to add events filtering\n\
             - Alerts for deployed services\n\
             - Add alert for updated configs\n\
             - Staging will be updated to match prod\n",
        );
        let done: Vec<bool> = parsed
            .iter()
            .map(|a| a.status.as_ref().is_some_and(|s| s.text == "done"))
            .collect();
        assert_eq!(done, vec![true, true, false, false, false]);
    }

    #[test]
    fn sub_actions_are_items_details_and_write_up_criteria_are_not() {
        let parsed = items(
            "- Observability improvements\n    - Add a count of `ERROR` log lines.\n    - Add an alert for this metric.\n\
             - Developers to come up with a response approach, a doc with:\n    - Our responsibilities if an alarm goes off.\n\
             - [ ] Sections above are filled out\n- [ ] Incident has been dealt with or is over\n\
             - {{ summary }} [link to github issue]\n",
        );
        let actions: Vec<_> = parsed.iter().map(|a| a.action.text.as_str()).collect();
        assert_eq!(
            actions,
            vec![
                "Observability improvements",
                "Add a count of `ERROR` log lines",
                "Add an alert for this metric",
                "Developers to come up with a response approach, a doc with",
            ]
        );
    }
}
