//! Skeletons of the two communications, following seed `000`'s structure: a headline
//! that states the outcome; what happened (a timeline), why, what we're doing (tiered,
//! dated); the transparency commitment; the ask (executives) or what to do (customers).

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

## What I need from you

1. <!-- a decision, an approval, budget — with its cost and when you need it -->
";

const CUSTOMER_NOTICE: &str = "---
type: customer-notice
---

# {title}

<!-- When, for how long, what you couldn't do — and that we're sorry. -->

## What you need to do

<!-- The steps, or \"Nothing: … is applied automatically.\" -->

## What happened

<!-- In plain words, without jargon. Own it: \"This was our mistake.\" -->

## What we're changing

1. <!-- change — by when -->

<!-- The full report: where and when. How to reach a person with questions. -->
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
    Some(text.replace("{title}", title.unwrap_or(default_title)))
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
}
