use super::Context;
use crate::comms::anchor;
use crate::comms::evidence::sentences;
use crate::comms::lexicon::{OWNERSHIP_COLLECTIVE, OWNERSHIP_LEADER};
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C003",
    name: "no-ownership",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "Nobody owns the failure: no \"I take responsibility\", no \"we failed\".",
    docs: RuleDocs {
        what: "Reports a communication in which no one takes ownership of the failure: no first-person responsibility (\"I take responsibility\", \"As CTO, I approved …\", \"this was my call\") and no collective one (\"we failed\", \"this was our mistake\", \"we shipped a change that …\").",
        why: "Seed `000`'s crisis-communication arc is Acknowledge → Accountability → Action → Transparency, and its first technique is named accountability: \"'As CTO, I approved...' (not 'the team' or 'we')\" — \"I take responsibility\" versus passive \"mistakes were made\". Readers forgive failures that someone owns.",
        example: "The outage was caused by a database issue. Service has been restored.",
        better: "We failed you on Saturday. I take responsibility: as CTO, I approved a deployment plan that didn't account for the batch job.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let owned = sentences(ctx.doc)
        .any(|(_, t)| OWNERSHIP_LEADER.is_match(t) || OWNERSHIP_COLLECTIVE.is_match(t));
    if !owned {
        let range = anchor(ctx.doc);
        ctx.report(range, "No one takes responsibility for the failure")
            .with_note("Say who owns it, in the first person: \"I take responsibility\", \"As <role>, I approved …\", \"we got this wrong\" (seed 000).");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_missing_ownership() {
        assert_eq!(
            findings(
                "C003",
                "customer-notice",
                "# Checkout was down\n\nThe outage was caused by a database issue.\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn first_person_ownership_passes() {
        for text in [
            "# Down\n\nI take full responsibility for this.\n",
            "# Down\n\nAs CTO, I approved the plan.\n",
            "# Down\n\nThis was our mistake.\n",
            "# Down\n\nWe shipped a configuration change that broke logins.\n",
        ] {
            assert!(findings("C003", "exec-update", text).is_empty(), "{text}");
        }
    }
}
