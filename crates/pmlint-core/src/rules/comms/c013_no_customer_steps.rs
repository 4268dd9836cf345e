use super::{kind, Context};
use crate::comms::anchor;
use crate::comms::evidence::evidence;
use crate::comms::template::missing_section;
use crate::diagnostic::{Fix, Severity};
use crate::kind::Kind;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C013",
    name: "no-customer-steps",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "A customer notice never says what the customer needs to do (or that they need do nothing).",
    docs: RuleDocs {
        what: "Reports a customer notice with no next steps for the reader: no heading such as \"What you need to do\" or \"What this means for you\", and no sentence telling them what to do (\"please reset your password\", \"you should re-submit …\") or that nothing is needed (\"no action is required\", \"credits are applied automatically\").",
        why: "Seed `000`'s customer version lists \"Explicit next steps for customers (SLA credits automatic, email for questions)\" among its key differences: \"We've issued automatic SLA credits to affected accounts (no action needed)\". A customer's first question is \"do I need to do anything?\".",
        example: "Service is fully restored. We apologise for the disruption.",
        better: "**What you need to do:** nothing. Credits for the outage are applied to your next invoice automatically.",
    },
    check,
};

fn check(ctx: &mut Context) {
    if kind(ctx) != Kind::CustomerNotice || evidence(ctx.doc).customer_steps {
        return;
    }
    let range = anchor(ctx.doc);
    let fix = missing_section(ctx.doc, Kind::CustomerNotice);
    let diagnostic = ctx
        .report(range, "The notice never tells customers what they need to do")
        .with_note("Add \"What you need to do\": the steps, or that no action is needed and why (seed 000: \"automatic SLA credits … (no action needed)\").");
    if let Some(edit) = fix {
        diagnostic.with_fix(Fix::safe(
            "Insert a \"What you need to do\" section",
            vec![edit],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_notices_without_steps() {
        assert_eq!(
            findings("C013", "customer-notice", "# We lost orders\n\nSorry.\n").len(),
            1
        );
        assert!(findings("C013", "exec-update", "# We lost orders\n\nSorry.\n").is_empty());
    }

    #[test]
    fn steps_pass() {
        assert!(findings(
            "C013",
            "customer-notice",
            "# We lost orders\n\nNo action is needed on your part.\n"
        )
        .is_empty());
        assert!(findings(
            "C013",
            "customer-notice",
            "# We lost orders\n\nPlease reset your password.\n"
        )
        .is_empty());
    }
}
