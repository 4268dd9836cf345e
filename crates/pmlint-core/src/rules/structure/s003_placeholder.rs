use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    code: "S003",
    name: "placeholder",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "Template placeholder text was left in.",
    docs: RuleDocs {
        what: "Finds template placeholders in the prose: `[Incident Title]`, `YYYY-MM-DD`, `HH:MM`, `@[name]`, `X hours Y minutes`, `INC-XXXX`, `$X`, TBD, TODO, `[Answer]`, `??`, Lorem ipsum. Code, comments and owner or due-date cells of action items (the A rules report those) are not searched.",
        why: "The templates in seeds `001`, `002` and `004` are full of placeholders; one left in tells the reader the document was never finished, and hides a fact (a duration, a date) the reader needed.",
        example: "- **Duration**: X hours Y minutes",
        better: "- **Duration**: 4 hours 33 minutes (02:14–06:47 UTC)",
    },
    check,
};

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        @?\[(?:[A-Z@][^\]\n]{1,60}|name|answer|link|date|time|owner|team)\]
        | (?-u:\b)YYYY-MM-DD(?-u:\b) | (?-u:\b)YYYY/MM/DD(?-u:\b) | (?-u:\b)HH:MM(?::SS)?(?-u:\b)
        | (?-u:\b)X+\s+(?:hours?|minutes?|mins?|days?)(?:\s+Y+\s+(?:minutes?|mins?))?(?-u:\b)
        | (?-u:\b)[A-Z]{2,}-X{3,}(?-u:\b) | (?-u:\b)INC-YYYY[-\w\#]*
        | \$X+(?-u:\b) | (?-u:\b)X+%
        | (?-u:\b)TBD(?-u:\b) | (?-u:\b)TODO(?-u:\b) | (?-u:\b)TBA(?-u:\b) | (?-u:\b)FIXME(?-u:\b)
        | (?i:lorem\s+ipsum)
        | \?\?+
        ",
    )
    .expect("placeholder pattern compiles")
});

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    // Owner and due cells, merged into sorted disjoint ranges: a binary search per match
    // rather than a scan of every action item.
    let mut fields: Vec<_> = doc
        .action_items
        .iter()
        .flat_map(|a| [&a.owner, &a.due])
        .flatten()
        .map(|f| f.range.clone())
        .collect();
    fields.sort_by_key(|r| r.start);
    let mut owned: Vec<Range<usize>> = Vec::with_capacity(fields.len());
    for range in fields {
        match owned.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => owned.push(range),
        }
    }
    let owned_by_action_rules = |start: usize| {
        let i = owned.partition_point(|r| r.start <= start);
        i > 0 && owned[i - 1].contains(&start)
    };
    for m in PLACEHOLDER.find_iter(&doc.prose) {
        if owned_by_action_rules(m.start()) {
            continue;
        }
        ctx.report(
            m.range(),
            format!("Placeholder `{}` left in the document", m.as_str()),
        )
        .with_note("Replace it with the real value, or remove the line if it does not apply.");
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Settings};

    fn found(text: &str) -> Vec<String> {
        let report = lint(text, &Settings::default());
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "S003")
            .map(|d| text[d.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn finds_template_placeholders_outside_code_and_comments() {
        let text = "# Postmortem: [Incident Title]\n\n| **Date** | YYYY-MM-DD |\n| **Authors** | @[name] |\n\nDuration: X hours Y minutes. Cause: TBD ??\n\n`TODO` in code\n<!-- TODO in a comment -->\n";
        assert_eq!(
            found(text),
            vec![
                "[Incident Title]",
                "YYYY-MM-DD",
                "@[name]",
                "X hours Y minutes",
                "TBD",
                "??"
            ]
        );
    }

    #[test]
    fn ignores_links_task_boxes_and_real_text() {
        let text = "# Outage\n\nSee [the runbook](https://x.invalid) and [INC-1234][1].\n\n- [ ] Add an alert\n- [x] Done\n\nWhat happened? Why? Nobody knows.\n\n[1]: https://x.invalid/1\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }
}
