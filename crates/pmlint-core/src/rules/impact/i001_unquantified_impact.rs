use crate::diagnostic::Severity;
use crate::document::Slot;
use crate::rules::{Context, Family, Rule, RuleDocs};
use regex::Regex;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    code: "I001",
    name: "unquantified-impact",
    family: Family::Impact,
    default_severity: Severity::Warning,
    summary: "The Impact section has no numbers.",
    docs: RuleDocs {
        what: "Reports an Impact section (its subsections included) with no count, percentage, amount of money or duration: no digit and no number word (\"two\", \"dozen\", \"half\").",
        why: "Seed `000` rates evidence by specificity: \"Exact numbers (847 customers, 4.5 hours, $15K) not vague ('many,' 'several')\". Seeds `001` and `002` ask the Impact section for users affected, duration, revenue, tickets and error budget; seed `003`: \"Quantify if possible.\"",
        example: "## Impact\n\nCustomers could not check out and support was busy.",
        better: "## Impact\n\n31% of checkout attempts failed for 38 minutes (about 4,100 orders, $61,000); 23 support tickets.",
    },
    check,
};

/// A number in digits or words, or a template's number slot ("X users", "$Z": S003
/// reports those).
static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d|\$[XYZN](?-u:\b)|(?-u:\b)[XYZN]\s*%|(?-u:\b)[XYZN]\s+(?:users?|customers?|tickets?|requests?|hours?|minutes?)(?-u:\b)|(?-u:\b)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter|all|every|none|no\s+(?:customers?|users?|data|requests?|orders?))(?-u:\b)")
        .expect("quantity pattern")
});

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    for (index, section) in doc.sections_in(Slot::Impact) {
        // Subsections are judged with the section they belong to.
        if section
            .parent
            .is_some_and(|p| doc.sections[p].slot == Some(Slot::Impact))
        {
            continue;
        }
        let body = &doc.prose[section.body.clone()];
        if !doc.section_has_content(index) || QUANTITY.is_match(body) {
            continue;
        }
        ctx.report(section.title_range.clone(), "The impact is not quantified")
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
            "All API calls from customer integrations failed.",
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
}
