use super::{kind, Context};
use crate::comms::anchor;
use crate::comms::headline::{headline, Strength};
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C001",
    name: "label-headline",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "The headline is a label or is missing: it does not state the outcome and the failure.",
    docs: RuleDocs {
        what: "Finds the communication's headline — its first level-one heading, else a heading that opens it, else its `Subject:` line, else a short first line — and reports it when it has no verb: a label (\"Database Incident - Saturday Nov 2\", \"Service Update\", \"Important Notice\"). Also reports a communication with no headline at all.",
        why: "Seed `000` rates Headline Clarity first: the strong update's headline \"We Failed 80% of Our Customers on Saturday\" is \"impossible to misunderstand\" and \"acknowledges failure explicitly\", while the weak one's subject \"Database Incident - Saturday Nov 2\" is a label that opens a data dump. An executive with 15 minutes reads the headline; a customer may read nothing else.",
        example: "Subject: Database Incident - Saturday Nov 2",
        better: "# We Failed 80% of Our Customers on Saturday",
    },
    check,
};

fn check(ctx: &mut Context) {
    let kind = kind(ctx);
    match headline(ctx.doc) {
        Some(h) if h.strength <= Strength::Label => {
            ctx.report(h.range, "The headline is a label: state the outcome and the failure")
                .with_note(format!("Lead the {} with what happened to whom, in a sentence (seed 000: \"We Failed 80% of Our Customers on Saturday\", not \"Database Incident - Saturday Nov 2\").", kind.title().to_lowercase()));
        }
        Some(_) => {}
        None => {
            let range = anchor(ctx.doc);
            ctx.report(
                range,
                "No headline: open with one sentence that states the outcome and the failure",
            )
            .with_note(
                "A `# heading` or a `Subject:` line that says what happened to whom (seed 000).",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_label_headlines() {
        assert_eq!(
            findings(
                "C001",
                "exec-update",
                "Subject: Database Incident - Saturday Nov 2\n\nOn Saturday the database failed.\n"
            ),
            vec!["Database Incident - Saturday Nov 2"]
        );
        assert_eq!(
            findings(
                "C001",
                "customer-notice",
                "# Service Update\n\nCheckout failed.\n"
            ),
            vec!["Service Update"]
        );
    }

    #[test]
    fn statements_pass_and_postmortems_are_not_read() {
        assert!(findings(
            "C001",
            "exec-update",
            "# We failed 80% of our customers on Saturday\n\nText.\n"
        )
        .is_empty());
        assert!(findings(
            "C001",
            "postmortem",
            "# Database Incident\n\n## Summary\n\nText.\n"
        )
        .is_empty());
    }
}
