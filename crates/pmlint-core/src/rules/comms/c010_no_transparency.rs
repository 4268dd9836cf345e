use super::Context;
use crate::comms::anchor;
use crate::comms::evidence::{commits_to_transparency, sentences};
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C010",
    name: "no-transparency",
    family: Family::Communication,
    default_severity: Severity::Warning,
    summary: "No commitment to transparency: no postmortem to publish, no further updates promised.",
    docs: RuleDocs {
        what: "Reports a communication that commits to nothing further: no postmortem or incident report to publish or share, no status page, no further or regular updates (\"next update by 5pm\", \"monthly reliability reports\").",
        why: "Seed `000`: the weak update has \"No explicit commitment to transparency\"; the strong one has a \"Transparency Commitment\" — \"I'm publishing a blameless postmortem on our engineering blog by Friday\", \"Monthly reliability reports\". The arc ends in Transparency. \"Let me know if you have questions\" is not a commitment, nor \"I'll keep you posted\" without a date.",
        example: "Let me know if you have questions.",
        better: "I'm publishing a blameless postmortem on our engineering blog by Friday, and I'll share incident metrics at every monthly exec meeting.",
    },
    check,
};

fn check(ctx: &mut Context) {
    if sentences(ctx.doc).any(|(_, t)| commits_to_transparency(t)) {
        return;
    }
    let range = anchor(ctx.doc);
    ctx.report(range, "No commitment to transparency: promise the postmortem or the next update, with a date")
        .with_note("Commit to publishing what you learn and when (seed 000: \"I'm publishing a blameless postmortem … by Friday\").");
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_missing_commitment() {
        assert_eq!(
            findings(
                "C010",
                "exec-update",
                "# We lost orders\n\nLet me know if you have questions.\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn commitments_pass() {
        assert!(findings(
            "C010",
            "customer-notice",
            "# We lost orders\n\nWe will publish a full incident report by Friday.\n"
        )
        .is_empty());
        assert!(findings(
            "C010",
            "customer-notice",
            "# We lost orders\n\nNext update by 17:00 UTC on our status page.\n"
        )
        .is_empty());
    }
}
