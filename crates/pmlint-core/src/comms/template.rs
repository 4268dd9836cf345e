//! Skeletons of the two communications, following seed `000`'s structure: a headline
//! that states the outcome; what happened (a timeline), why, what we're doing (tiered,
//! dated); the transparency commitment; the ask (executives) or what to do (customers).

use crate::diagnostic::Edit;
use crate::document::Document;
use crate::kind::Kind;

const EXEC_UPDATE: &str = "---
type: exec-update
---

# {title}

<!-- One paragraph: what happened to whom, how many, how long. Acknowledge it plainly. -->

## What happened

- **hh:mm** — <!-- detection -->
- **hh:mm** — <!-- escalation -->
- **hh:mm** — <!-- mitigation -->
- **hh:mm** — <!-- recovery -->

**Impact:** <!-- customers, requests, money, escalations: numbers -->

## Why it happened

<!-- The trigger, then the underlying causes. Who owns the decision: \"As <role>, I approved …\" -->

## What we're doing about it

**Immediate (this week):**

1. <!-- action — owner, date -->

**Short-term (next 30 days):**

1. <!-- action — owner, date -->

**Long-term (next quarter):**

1. <!-- action — owner, date -->

## Transparency

<!-- What you will publish, and when: \"I'll publish a blameless postmortem by Friday.\" -->

{ask}";

/// The exec update's closing section: the ask (C011's fix inserts it too).
const ASK_SECTION: &str = "## What I need from you

1. <!-- a decision, an approval, budget — with its cost and when you need it -->
";

const CUSTOMER_NOTICE: &str = "---
type: customer-notice
---

# {title}

<!-- When, for how long, what you couldn't do — and that we're sorry. -->

{steps}
## What happened

<!-- In plain words, without jargon. Own it: \"This was our mistake.\" -->

## What we're changing

1. <!-- change — by when -->

<!-- The full report: where and when. How to reach a person with questions. -->
";

/// The customer notice's next steps for the reader (C013's fix inserts it too).
const CUSTOMER_STEPS_SECTION: &str = "## What you need to do

<!-- The steps, or \"Nothing: … is applied automatically.\" -->
";

/// The skeleton of a communication of `kind` (`None` for a postmortem: the profiles
/// own those templates).
pub fn template(kind: Kind, title: Option<&str>) -> Option<String> {
    let (text, default_title) = match kind {
        Kind::Postmortem => return None,
        Kind::ExecUpdate => (EXEC_UPDATE, "We failed <who> for <how long> on <day>"),
        Kind::CustomerNotice => (
            CUSTOMER_NOTICE,
            "<What failed> for <how long> on <day> — what happened and what to do",
        ),
    };
    Some(
        text.replace("{title}", title.unwrap_or(default_title))
            .replace("{ask}", ASK_SECTION)
            .replace("{steps}", CUSTOMER_STEPS_SECTION),
    )
}

/// The section a communication of `kind` lacks when C011 (the ask) or C013 (the
/// reader's next steps) fires, and the edit inserting it into `doc`: an exec update's
/// ask goes last, as seed `000`'s "after" ends; a customer notice's steps go before its
/// first second-level section, near the top where a customer looks first.
pub fn missing_section(doc: &Document, kind: Kind) -> Option<Edit> {
    let text = doc.text;
    let (section, at) = match kind {
        Kind::Postmortem => return None,
        Kind::ExecUpdate => (ASK_SECTION, text.len()),
        Kind::CustomerNotice => {
            let first = doc.sections.iter().find(|s| s.level >= 2);
            (
                CUSTOMER_STEPS_SECTION,
                first.map_or(text.len(), |s| s.heading_range.start),
            )
        }
    };
    let before = &text[..at];
    let prefix = if at == 0 || before.ends_with("\n\n") {
        ""
    } else if before.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let suffix = if at < text.len() { "\n" } else { "" };
    Some(Edit::insert(at, format!("{prefix}{section}{suffix}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{lint, Settings};

    #[test]
    fn templates_declare_their_kind_and_hold_the_rubric_structure() {
        for kind in [Kind::ExecUpdate, Kind::CustomerNotice] {
            let text = template(kind, Some("Checkout failed for 2 hours")).unwrap();
            let report = lint(&text, &Settings::default());
            assert_eq!(report.kind, kind);
            let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
            assert!(!codes.contains(&"C001"), "{codes:?}");
            if kind == Kind::ExecUpdate {
                assert!(
                    !codes.contains(&"C011"),
                    "the skeleton has an ask: {codes:?}"
                );
            } else {
                assert!(
                    !codes.contains(&"C013"),
                    "the skeleton has next steps: {codes:?}"
                );
            }
        }
        assert_eq!(template(Kind::Postmortem, None), None);
    }

    #[test]
    fn the_fixes_insert_the_missing_section_and_silence_their_rule() {
        let cases = [
            (
                "---\ntype: exec-update\n---\n# We lost orders for 2 hours\n\nLet me know if you have questions.",
                "C011",
                "## What I need from you",
            ),
            (
                "---\ntype: customer-notice\n---\n# Checkout failed for 2 hours\n\nWe are sorry.\n\n## What happened\n\nA bad deploy.\n",
                "C013",
                "We are sorry.\n\n## What you need to do",
            ),
        ];
        for (text, code, expected) in cases {
            let report = lint(text, &Settings::default());
            let finding = report.diagnostics.iter().find(|d| d.code == code).unwrap();
            let fix = &finding.fixes[0];
            assert_eq!(fix.applicability, crate::Applicability::Safe);
            let (fixed, _) = crate::diagnostic::apply_edits(text, &fix.edits);
            assert!(fixed.contains(expected), "{fixed}");
            let again = lint(&fixed, &Settings::default());
            assert!(!again.diagnostics.iter().any(|d| d.code == code), "{fixed}");
        }
    }
}
