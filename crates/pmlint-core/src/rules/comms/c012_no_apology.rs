use super::Context;
use crate::comms::anchor;
use crate::comms::evidence::{is_apology, sentences};
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C012",
    name: "no-apology",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "No apology or empathy for the people the incident hit.",
    docs: RuleDocs {
        what: "Reports a communication with no apology and no empathy: no \"sorry\", \"we apologise\", \"we let you down\", \"this is unacceptable\", \"you deserved better\", \"we broke that trust\", \"we know how disruptive this was\". An apology \"for any inconvenience\" does not count: it is the boilerplate C014 reports.",
        why: "Seed `000`: the weak update \"buries emotional acknowledgment (no empathy for customer impact)\"; the strong one opens \"This is unacceptable … we broke that trust\" and closes \"I'm deeply sorry for this failure. Our customers and our team deserved better.\" Vulnerability — \"deeply sorry\", \"customers deserved better\" — \"builds trust through honesty\".",
        example: "Service has been fully restored. The root cause was a configuration change.",
        better: "We're sorry. For four hours on Saturday you couldn't take orders, and you deserved better from us.",
    },
    check,
};

fn check(ctx: &mut Context) {
    if sentences(ctx.doc).any(|(_, t)| is_apology(t)) {
        return;
    }
    let range = anchor(ctx.doc);
    ctx.report(range, "No apology or empathy for the people affected")
        .with_note("Acknowledge the impact on people before the explanation, in plain words: \"We're sorry\", \"you deserved better\" (seed 000).");
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_missing_apology() {
        assert_eq!(
            findings(
                "C012",
                "customer-notice",
                "# We lost orders\n\nService is restored.\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn apologies_pass() {
        for text in [
            "We're deeply sorry.",
            "We let you down on Saturday.",
            "This is unacceptable.",
        ] {
            assert!(
                findings("C012", "exec-update", &format!("# Down\n\n{text}\n")).is_empty(),
                "{text}"
            );
        }
    }
}
