use super::document_anchor;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::document::{find_time, BlockKind, Document, HeadingForm, Slot};
use crate::profile::section_skeleton;
use crate::rules::{Context, Family, Rule, RuleDocs};
use regex::Regex;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    code: "S001",
    name: "missing-section",
    family: Family::Structure,
    default_severity: Severity::Error,
    summary: "A section the profile requires is missing.",
    docs: RuleDocs {
        what: "Checks that every section required by the active profile is present, under any of its usual names and heading forms (\"Executive Summary\", \"TL;DR\" and \"Overview\" all count as the summary; \"Contributing Factors\" or a \"5 Whys\" section satisfy the root cause; \"Detection and Response\" covers both). A section whose content is there without its heading is not missing: prose opening the document is its summary, impact stated in the narrative is its impact, times through the narrative are its timeline, a root cause stated (\"The root cause … was\", \"because …\", \"a bug in the change caused …\") or an explanation given more than once (\"because\", \"due to\") is its root cause. An action-items section of prose plans only is missing its actions. One diagnostic per missing section, with a fix that inserts its skeleton at its usual place.",
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
        let message = if !doc.has_slot_group(slot.group()) {
            if present_without_heading(doc, slot.group()) {
                continue;
            }
            format!("Missing required section: {}", slot.title())
        } else if slot.group() == Slot::ActionItems && !has_listed_actions(doc) {
            format!(
                "Missing required section: {} (the follow-ups are prose, not a list or table of actions)",
                slot.title()
            )
        } else {
            continue;
        };
        let edit = insertion(doc, slot);
        ctx.report(anchor.clone(), message)
            .with_note(slot.prompt())
            .with_fix(Fix::safe(
                format!("Insert the `{}` section", slot.title()),
                vec![edit],
            ));
    }
}

/// Whether an action-items section holds a list, a table, or links to the tracker
/// holding them: prose plans ("We will look into…") are not tracked actions (seed
/// `001`, Tracking Action Items).
fn has_listed_actions(doc: &Document) -> bool {
    doc.sections
        .iter()
        .filter(|s| {
            s.slot.map(Slot::group) == Some(Slot::ActionItems)
                || s.also.map(Slot::group) == Some(Slot::ActionItems)
        })
        .any(|s| {
            doc.list_items
                .iter()
                .any(|l| s.body.contains(&l.range.start))
                || doc.tables.iter().any(|t| s.body.contains(&t.range.start))
                || TRACKER_LINK.is_match(&doc.text[s.body.clone()])
        })
}

/// A link to an issue tracker: `…/issues/123`, `…/issues?q=…`, `…/browse/OPS-12`.
static TRACKER_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)https?://\S+(?:/issues\b|/browse/|/tickets?/|jira)")
        .expect("tracker link pattern compiles")
});

/// Words that say who or what an incident affected, and how: impact stated in the
/// summary or the narrative rather than under its own heading.
const IMPACT_WORDS: &[&str] = &[
    "user",
    "users",
    "customer",
    "customers",
    "student",
    "students",
    "client",
    "clients",
    "people",
    "visitors",
    "partners",
    "validators",
    "merchants",
    "outage",
    "downtime",
    "unavailable",
    "inaccessible",
    "offline",
    "unresponsive",
    "degraded",
    "impact",
    "impacted",
    "affected",
    "affecting",
    "halt",
    "halted",
    "disruption",
    "disrupted",
    "reachable",
    "unreachable",
    "accessible",
];

/// Whether the content of a required slot is in the document without its heading
/// (labelling rule of the real postmortems: a section is missing only when its content
/// is nowhere): a summary as the prose that opens the document, impact stated in the
/// narrative, a timeline as times through the narrative.
fn present_without_heading(doc: &Document, group: Slot) -> bool {
    let first_slot = doc
        .sections
        .iter()
        .find(|s| s.slot.is_some_and(|s| s != Slot::Metadata))
        .map_or(doc.text.len(), |s| s.heading_range.start);
    let prose_blocks = || {
        doc.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) && !b.quoted)
    };
    match group {
        Slot::Summary => doc.sentences.iter().any(|s| {
            s.kind == BlockKind::Paragraph
                && !s.quoted
                && s.range.start < first_slot
                && doc.text[s.range.clone()].split_whitespace().count() >= 8
        }),
        Slot::Impact => doc.sentences.iter().any(|s| {
            s.kind != BlockKind::Heading
                && doc.prose[s.range.clone()]
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| IMPACT_WORDS.contains(&w.to_lowercase().as_str()))
        }),
        Slot::Timeline => {
            let mut times = 0;
            for b in prose_blocks() {
                let mut rest = &doc.prose[b.range.clone()];
                while let Some((_, r, _)) = find_time(rest) {
                    times += 1;
                    rest = &rest[r.end..];
                }
                if times >= 2 {
                    return true;
                }
            }
            false
        }
        // An explanation given more than once ("because", "due to", "caused by"); a
        // single causal clause is as often about a symptom as about the cause.
        Slot::RootCause => {
            let prose = || {
                doc.sentences
                    .iter()
                    .filter(|s| s.kind != BlockKind::Heading && !s.quoted)
                    .map(|s| &doc.prose[s.range.clone()])
            };
            let title = doc.title.as_ref().map(|t| t.text.as_str());
            prose().chain(title).any(|s| {
                ROOT_CAUSE_STATED.is_match(s)
                    || (DEFECT_CAUSED.is_match(s) && !DETECTION_TRIGGERED.is_match(s))
                    || CAUSED_THE_FAILURE.is_match(s)
                    || s.to_lowercase().contains("because")
                        && !s.to_lowercase().contains("not because")
            }) || prose().filter(|s| CAUSAL.is_match(s)).count() >= 2
        }
        _ => false,
    }
}

/// "The root cause for this incident is a bug in …".
static ROOT_CAUSE_STATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\broot cause\b[^.;]{0,40}\b(?:is|was|are|were)\b")
        .expect("root cause statement pattern compiles")
});

/// A change or defect named as what caused the failure: "This change contained a bug
/// which caused…", "…rolled back Workaround 2, which triggered the issue".
static DEFECT_CAUSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:bug|defect|regression|change|upgrad\w*|update|deploy\w*|release|migration|misconfiguration|config|configuration|setting|commit|patch|workaround|quota|limit|leak|typo)s?\b[^.;]{0,80}?\b(?:caus\w*|trigger\w*|led to|lead to|result\w* in|prevent(?:ed|ing|s)|broke|break\w*|introduc\w*)")
        .expect("defect pattern compiles")
});

/// What made the failure happen, named by its effect: "This went unnoticed and caused
/// 40min of total outage", "the value wasn't set, so the operation always failed",
/// "pods got evicted when prometheus started scraping 200 nodes".
static CAUSED_THE_FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:caus(?:ed|ing)|led to|result(?:ed|ing) in)\s+(?:\S+\s+){0,4}?(?:outage|downtime|incident|failures?|halt|crash\w*)\b|,\s+so\s+(?:\w+\s+){0,5}?(?:failed|broke|crashed|errored)\b|\b(?:got|was|were|became)\s+(?:\w+\s+)?(?:evicted|killed|terminated|overloaded|exhausted|saturated|starved|throttled|OOM-?killed)\s+(?:when|after|as|because)\b")
        .expect("failure cause pattern compiles")
});

/// "…the PR that triggered the alerts": an alert set off is detection, not a cause.
static DETECTION_TRIGGERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:trigger\w*|caus\w*)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?(?:alerts?|alarms?|pages?|notifications?)\b")
        .expect("detection pattern compiles")
});

static CAUSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:because|due to|caused by|(?:was|were|is|are) caused|as a result of|resulted from|stemmed from|(?:root )?cause (?:was|is|of the)|the reason)\b")
        .expect("causal pattern compiles")
});

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
        let text = "# Outage\n\n## Overview\nx\n## Severity & Impact\nx\n## Timeline\nx\n## Contributing Factors\nx\n## Next steps\n- x\n";
        assert!(codes(text).is_empty());
    }

    #[test]
    fn content_without_its_heading_is_not_missing() {
        let text = "# Outage\n\nThe checkout service failed for forty minutes after the deploy at noon.\n\n## Narrative\n\nAt 12:00 the deploy went out; at 12:40 it was rolled back. Users saw errors because the pool was small. It was small due to a config default.\n\n## Action items\n\n- x\n";
        assert!(codes(text).is_empty(), "{:?}", codes(text));
        let bare = "# Outage\n\n## Narrative\n\nThe pods were evicted; the PR that went out triggered the alerts.\n\n## Next steps\n\nWe will look into it.\n";
        assert_eq!(
            codes(bare),
            vec![
                "Missing required section: Impact",
                "Missing required section: Timeline",
                "Missing required section: Root Cause",
                "Missing required section: Action Items (the follow-ups are prose, not a list or table of actions)"
            ]
        );
    }

    #[test]
    fn a_cause_stated_in_the_summary_is_a_root_cause() {
        let root = |summary: &str| {
            let text = format!("# Outage\n\n## Summary\n\n{summary}\n\n## Impact\n\nx\n\n## Timeline\n\nx\n\n## Action items\n\n- x\n");
            codes(&text).contains(&"Missing required section: Root Cause".to_string())
        };
        assert!(!root(
            "Nodes were cordoned. This went unnoticed and caused 40 minutes of outage."
        ));
        assert!(!root("The value wasn't set, so the write always failed."));
        assert!(!root(
            "This change contained a bug which caused the job to throw."
        ));
        assert!(!root(
            "The root cause for this incident is a bug in our deploy process."
        ));
        assert!(root("After a PR from the community, the team saw an alert. The PR that triggered the alerts was reverted."));
        assert!(root(
            "We will add tests to find such bugs early and prevent such incidents."
        ));
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
