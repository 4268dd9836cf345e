use super::Context;
use crate::comms::evidence::sentences;
use crate::comms::jargon::unexplained;
use crate::diagnostic::Severity;
use crate::rules::{Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "C005",
    name: "unexplained-jargon",
    family: Family::Communication,
    default_severity: Severity::Info,
    summary: "A technical term a non-technical reader cannot follow, not explained.",
    docs: RuleDocs {
        what: "Finds infrastructure terms — \"schema migration\", \"indexes\", \"race condition\", \"DNS\", \"failover\", \"p99 latency\", \"5xx errors\", \"batch job\", \"Kubernetes pods\" … — the first time each appears, unless the same sentence explains it right there: a parenthesis, a dash, \"which\", \"that\", \"meaning\", \"i.e.\", a label's colon, or the effect spelled out (\"causing all queries to fail\").",
        why: "Seed `000`: \"Technical jargon obscures key insights ('corrupted indexes' — what does that mean for business?)\"; the audience is mixed (\"CEO non-technical\") and Audience Fit asks for \"explanations\". The customer version keeps \"less technical detail (no 'corrupted indexes')\".",
        example: "A schema migration deployed on Friday evening collided with a batch job.",
        better: "A database change we deployed Friday evening (adding an index to support a new feature) collided with a scheduled nightly data job.",
    },
    check,
};

fn check(ctx: &mut Context) {
    let mut seen = Vec::new();
    let mut found = Vec::new();
    for (range, text) in sentences(ctx.doc) {
        for term in unexplained(text, &mut seen) {
            found.push(range.start + term.start..range.start + term.end);
        }
    }
    for range in found {
        let term = ctx.doc.text[range.clone()].to_string();
        ctx.report(range, format!("`{term}` is jargon to a non-technical reader: explain it or say what it meant for them"))
            .with_note("Add a plain-language gloss in parentheses, or replace the term with its effect (seed 000: \"what does that mean for business?\").");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_unexplained_terms() {
        assert_eq!(
            findings(
                "C005",
                "customer-notice",
                "# Logins failed\n\nA DNS change broke logins. The DNS change was reverted.\n"
            ),
            vec!["DNS"]
        );
    }

    #[test]
    fn explained_terms_pass() {
        assert!(findings("C005", "customer-notice", "# Logins failed\n\nOur DNS (the internet's address book for our site) stopped answering.\n").is_empty());
    }
}
