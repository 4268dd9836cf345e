use super::{has_quantity, impact_statement, statement_body, statements, HARM};
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};
use regex::Regex;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    code: "I001",
    name: "unquantified-impact",
    family: Family::Impact,
    default_severity: Severity::Warning,
    summary: "The impact is stated without numbers.",
    docs: RuleDocs {
        what: "Reports an Impact section (its subsections included) with no count, percentage, amount of money or duration — no number and no number word (\"two\", \"dozen\", \"half\"); dates, clock times, versions and names with digits (\"stat28\") are not numbers, nor is \"all\". The finding is on the impact's first statement, past a template's prompt. A document without an Impact section is judged by its Summary (without its subsections that have a slot of their own, such as lessons): the finding goes on its sentence that names the impact, else its first sentence about a failure.",
        why: "Seed `000` rates evidence by specificity: \"Exact numbers (847 customers, 4.5 hours, $15K) not vague ('many,' 'several')\". Seeds `001` and `002` ask the Impact section for users affected, duration, revenue, tickets and error budget; seed `003`: \"Quantify if possible.\"",
        example: "## Impact\n\nCustomers could not check out and support was busy.",
        better: "## Impact\n\n31% of checkout attempts failed for 38 minutes (about 4,100 orders, $61,000); 23 support tickets.",
    },
    check,
};

/// Words that name the impact itself, not only a failure.
static NAMES_IMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:impact\w*|affect(?:ed|ing)|users?|customers?)(?-u:\b)")
        .expect("names impact pattern")
});

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let (sections, is_impact) = impact_statement(doc);
    for index in sections {
        let section = &doc.sections[index];
        let body = statement_body(doc, index);
        if !doc.section_has_content(index) || has_quantity(&doc.prose[body.clone()]) {
            continue;
        }
        // Where the number belongs: the impact's first statement (past a template's
        // prompt); in a Summary, its first sentence about the impact.
        let mut said = statements(doc, body.clone());
        let at = if is_impact {
            said.next()
                .map_or(section.title_range.clone(), |s| s.range.clone())
        } else {
            // A sentence that names the impact ("so the impact was limited") before one
            // that only tells of a failure.
            let text = |s: &&crate::document::Sentence| &doc.prose[s.range.clone()];
            let named = statements(doc, body).find(|s| NAMES_IMPACT.is_match(text(s)));
            match named.or_else(|| said.find(|s| HARM.is_match(text(s)))) {
                Some(s) => s.range.clone(),
                None => continue,
            }
        };
        let message = if is_impact {
            "The impact is not quantified"
        } else {
            "The impact stated in the summary is not quantified"
        };
        ctx.report(at, message)
            .with_note("Say how many users, requests or orders were affected, for how long, and at what cost (seed 000: \"847 customers, 4.5 hours, $15K\").");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn reports_impact_without_numbers() {
        let text = "# P\n\n## Impact\n\nCustomers could not check out and support was busy.\n";
        assert_eq!(findings("I001", text), vec!["The impact is not quantified"]);
    }

    #[test]
    fn counts_percentages_money_and_number_words() {
        for body in [
            "31% of checkout attempts failed.",
            "Estimated lost sales: EUR 310,000.",
            "Two enterprise customers asked about credits.",
            "The API was down for about 1h50m.",
        ] {
            let text = format!("# P\n\n## Impact\n\n{body}\n");
            assert_eq!(findings("I001", &text), Vec::<String>::new(), "{body}");
        }
        assert_eq!(
            findings("I001", "# P\n\n## Impact\n\n## Timeline\n"),
            Vec::<String>::new()
        );
        let nested = "# P\n\n## Impact\n\n### Users\n\n- 40 stores\n\n### Business\n\n- Long queues at tills\n";
        assert_eq!(findings("I001", nested), Vec::<String>::new());
    }

    #[test]
    fn reports_at_the_first_statement_past_the_prompt() {
        let text = "# P\n\n## Impact\n\n*Describe how users were impacted*\n\nAll services went down on 2021-01-30; stat28 and prob140 were unreachable.\n";
        let report = crate::lint(text, &crate::Settings::default());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.code == "I001")
            .unwrap();
        assert!(text[d.range.clone()].starts_with("All services went down"));
    }

    #[test]
    fn a_summary_stands_in_for_a_missing_impact_section() {
        let text = "# P\n\n## Summary\n\nThe lambda threw an error. These retries were idempotent so the impact was limited.\n";
        assert_eq!(
            findings("I001", text),
            vec!["The impact stated in the summary is not quantified"]
        );
        let quantified = "# P\n\n## Summary\n\nLogin failed for 12% of users for 40 minutes.\n";
        assert_eq!(findings("I001", quantified), Vec::<String>::new());
        let lessons_below = "# P\n\n## Summary\n\nThe lambda threw an error. The retries were idempotent so the impact was limited.\n\n### What went poorly\n\n- Access needs 2 people online.\n";
        let report = crate::lint(lessons_below, &crate::Settings::default());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.code == "I001")
            .unwrap();
        assert!(lessons_below[d.range.clone()].starts_with("The retries"));
        let no_impact_said = "# P\n\n## Summary\n\nThe lambda was redeployed with a new config.\n";
        assert_eq!(findings("I001", no_impact_said), Vec::<String>::new());
    }
}
