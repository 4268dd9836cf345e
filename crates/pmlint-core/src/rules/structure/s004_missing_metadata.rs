use super::document_anchor;
use crate::date::{find_date, ParsedDate};
use crate::diagnostic::Severity;
use crate::document::MetaKey;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "S004",
    name: "missing-metadata",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "The date, severity, status or single owner of the postmortem is missing.",
    docs: RuleDocs {
        what: "Looks for the incident's date, severity, document status and owner in front matter (YAML or TOML), `**Date:** …` or `*Status:* …` lines (also several on a line, separated by `·`, `|` or `<br>`), a Field/Value table near the top, a date alone under the title, a date in the file name the caller gives (`--stdin-filename` for standard input), headings that are fields (`## Date: 12 March 2023`) or that name one over its value (`## Status` then `Final`), and reports each one missing, an impossible date, and an owner field naming several people.",
        why: "Every template in the guidance opens with these fields (seed `001` Metadata table, seed `002` header). The date drives the 7-day publication and 30-day action-item deadlines (seed `001`, timeline), severity decides whether a postmortem is required at all, and \"a single owner\" is what makes follow-up happen.",
        example: "# Checkout outage\n\nCheckout failed for 40 minutes.",
        better: "# Checkout outage\n\n**Date:** 2025-01-15 · **Severity:** SEV2 · **Status:** In Review · **Owner:** @maria",
    },
    check,
};

const REQUIRED: [MetaKey; 4] = [
    MetaKey::Date,
    MetaKey::Severity,
    MetaKey::Status,
    MetaKey::Owner,
];

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let anchor = document_anchor(doc);
    for key in REQUIRED {
        match doc.metadata.field(key) {
            None if key == MetaKey::Date
                && doc
                    .title
                    .as_ref()
                    .is_some_and(|t| find_date(&t.text).is_some()) => {}
            None => {
                ctx.report(anchor.clone(), format!("Missing metadata: {}", key.label()))
                    .with_note(format!(
                        "Add a `**{}:** …` line under the title or a row in the metadata table.",
                        capitalise(key.label())
                    ));
            }
            Some(field) if key == MetaKey::Date => {
                if let Some((ParsedDate::Invalid, r)) = find_date(&field.text) {
                    let range = field.range.start + r.start..field.range.start + r.end;
                    ctx.report(range, format!("`{}` is not a valid date", &field.text[r]));
                }
            }
            Some(field) if key == MetaKey::Owner => {
                let entry = doc
                    .metadata
                    .entries
                    .iter()
                    .find(|e| e.key == MetaKey::Owner);
                let singular_label = entry.is_some_and(|e| {
                    let l = e.label.to_ascii_lowercase();
                    l.contains("owner") || l == "dri" || l == "ic" || l.contains("commander")
                });
                let people = field
                    .text
                    .split([',', ';', '&', '/'])
                    .flat_map(|p| p.split(" and "))
                    .filter(|p| !p.trim().is_empty())
                    .count();
                if singular_label && people > 1 {
                    ctx.report(field.range.clone(), "The postmortem names several owners; name one person accountable for it")
                        .with_note("Co-authors can be listed separately; one owner drives review and follow-up.");
                }
            }
            Some(_) => {}
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests {
    use crate::{lint, Settings};

    fn messages(text: &str) -> Vec<String> {
        lint(text, &Settings::default())
            .diagnostics
            .iter()
            .filter(|d| d.code == "S004")
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn a_date_in_the_file_name_dates_the_postmortem() {
        let text = "# Outage\n\n**Severity:** SEV2 · **Status:** Final · **Owner:** @ana\n";
        assert_eq!(messages(text), vec!["Missing metadata: date"]);
        let mut settings = Settings::default();
        settings.parse = settings.parse.for_file("2024-03-04-dns-outage.md");
        assert!(lint(text, &settings)
            .diagnostics
            .iter()
            .all(|d| d.code != "S004"));
    }

    #[test]
    fn finds_metadata_in_every_form() {
        assert!(messages("---\ndate: 2025-01-15\nseverity: SEV2\nstatus: Final\nowner: \"@ana\"\n---\n# Outage\n").is_empty());
        assert!(messages("# Outage\n\n**Date:** 2025-01-15  \n**Severity:** SEV2  \n**Status**: Final  \n**Owner:** @ana\n").is_empty());
        assert!(messages("# Outage\n\n| Field | Value |\n|---|---|\n| **Date** | 2025-01-15 |\n| **Severity** | SEV2 |\n| **Status** | Final |\n| **Authors** | @ana, @bo |\n").is_empty());
        assert_eq!(
            messages("# Outage\n\nDate: 2025-02-30\nPrepared by: Ana\n"),
            vec![
                "Missing metadata: severity",
                "Missing metadata: status",
                "`2025-02-30` is not a valid date",
            ]
        );
        assert!(messages("+++\ndate = 2025-01-15\nauthor = \"ana\"\n+++\n# Outage\n\n*Severity:* SEV2\n*Status:* Final\n").is_empty());
        assert!(messages(
            "# Outage\n\nMarch 4, 2024\n\nStatus: final<br> Owners: @ana<br> Severity: SEV2\n"
        )
        .is_empty());
        assert!(messages("# Outage\n\n## Incident date(s)\n\n2019-07-25 - 2019-10-10\n\n## Authors\n\n@ana\n\n## Status\n\nFinal\n\n## Severity: SEV 2\n").is_empty());
        assert_eq!(
            messages("# Outage\n\n## Summary\n\n* Date: May 28 2025\n* **Severity:**&#x20;\n* Status: Final\n* Owner: @ana\n"),
            vec!["Missing metadata: severity"]
        );
        assert!(messages("# Outage\n\n## Summary\n\n* Date: May 28 2025\n* **Severity:**&#x20;\n  * SEV-1 – full halt\n    * Note: test network\n* Status: Final\n* Owner: @ana\n").is_empty());
        assert_eq!(messages("# Outage\n\n- Date: 2025-01-15\n- Severity: SEV2\n- Status: Final\n- Owner: @ana, @bo\n"), vec![
            "The postmortem names several owners; name one person accountable for it",
        ]);
    }
}
