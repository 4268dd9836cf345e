use crate::diagnostic::{Related, Severity};
use crate::recurrence::cause_statements;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "R001",
    name: "recurring-cause",
    family: Family::Recurrence,
    default_severity: Severity::Info,
    summary: "A root cause or contributing factor is alike to ones in other postmortems.",
    docs: RuleDocs {
        what: "Compares each root cause and contributing factor with those of the other postmortems linted alongside (`pmlint check` over a directory, or the editor's workspace) by their content words, rare words weighing more. A cause alike to others is reported with the postmortems that share it; the editor links to them. It needs other documents, so it is silent on a single file, and it never changes the score.",
        why: "Seed `002` asks for \"Pattern Detection: this is the third database connection pool exhaustion incident in 6 months\" and a Related Incidents section; seed `001`'s postmortem database tracks \"Recurring issues (3+ occurrences)\". A cause that recurs is one whose earlier action items did not hold: the review should say so and escalate.",
        example: "## Root Cause\n\nThe orders database connection pool was exhausted by slow report queries.\n\n(and `2024-11-02-search-outage.md` says: \"Slow queries exhausted the database connection pool.\")",
        better: "## Related Incidents\n\n- 2024-11-02 search outage: same cause (pool exhaustion by slow queries); its action item SEARCH-88 (query timeouts) was never done.\n\n**Pattern Detection:** the second pool-exhaustion incident in 3 months; we are adding per-client pool limits (P1, @maria, due 2025-02-01).",
    },
    check,
};

/// Other postmortems named in the message; the rest are counted.
const NAMED: usize = 3;
/// Other postmortems linked (LSP related information, the note).
const LINKED: usize = 10;

fn check(ctx: &mut Context) {
    let Some(corpus) = ctx.corpus else {
        return;
    };
    for cause in cause_statements(ctx.doc) {
        let alike = corpus.index.alike(&cause.text, Some(corpus.key), LINKED);
        if alike.documents == 0 {
            continue;
        }
        let named: Vec<String> = alike
            .top
            .iter()
            .take(NAMED)
            .map(|a| format!("\"{}\"", a.document.label))
            .collect();
        let more = alike.documents - named.len();
        let others = if alike.documents == 1 {
            "1 other postmortem".to_string()
        } else {
            format!("{} other postmortems", alike.documents)
        };
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let note: Vec<String> = alike
            .top
            .iter()
            .map(|a| {
                format!(
                    "- {} ({}): \"{}\"",
                    a.document.label, a.document.key, a.cause.text
                )
            })
            .collect();
        let diagnostic = ctx
            .report(
                cause.range.clone(),
                format!("Recurring cause: alike to {others}: {}{tail}", named.join(", ")),
            )
            .with_note(format!(
                "Say in a Related Incidents section whether the earlier action items were done, and why this recurred (seed 002: pattern detection).\n{}",
                note.join("\n")
            ));
        for a in &alike.top {
            diagnostic.with_related(Related {
                key: a.document.key.clone(),
                range: a.cause.range.clone(),
                line: a.cause.line,
                message: format!("Alike cause in {}: \"{}\"", a.document.label, a.cause.text),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::recurrence::CorpusIndex;
    use crate::{lint, lint_with, Corpus, Document, Settings};

    const CHECKOUT: &str = "# Postmortem: checkout\n\n## Root Cause\n\nThe orders database connection pool was exhausted by slow report queries.\n\n## Contributing Factors\n\n- The runbook described an older topology.\n";
    const SEARCH: &str = "# Postmortem: search\n\n## Contributing Factors\n\n- Slow queries exhausted the database connection pool.\n";
    const LOGIN: &str = "# Postmortem: login\n\n## Root Cause\n\nThe TLS certificate expired because renewal was manual.\n";

    fn corpus() -> CorpusIndex {
        let mut index = CorpusIndex::new();
        for (key, label, text) in [
            ("checkout.md", "Checkout (2025-01-15)", CHECKOUT),
            ("search.md", "Search (2024-11-02)", SEARCH),
            ("login.md", "Login (2025-02-03)", LOGIN),
        ] {
            index.insert(key, label, &Document::parse(text));
        }
        index
    }

    fn r001(text: &str, key: &str, index: &CorpusIndex) -> Vec<crate::Diagnostic> {
        lint_with(text, &Settings::default(), Some(Corpus { index, key }))
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "R001")
            .collect()
    }

    #[test]
    fn names_the_other_postmortems_and_links_them() {
        let index = corpus();
        let found = r001(CHECKOUT, "checkout.md", &index);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "Recurring cause: alike to 1 other postmortem: \"Search (2024-11-02)\""
        );
        assert!(CHECKOUT[found[0].range.clone()].starts_with("The orders database"));
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(found[0].related[0].key, "search.md");
        assert_eq!(
            &SEARCH[found[0].related[0].range.clone()],
            "Slow queries exhausted the database connection pool."
        );
    }

    #[test]
    fn silent_without_a_corpus_on_unrelated_causes_and_in_the_score() {
        let index = corpus();
        assert!(r001(LOGIN, "login.md", &index).is_empty());
        let alone = lint(CHECKOUT, &Settings::default());
        assert!(alone.diagnostics.iter().all(|d| d.code != "R001"));
        let together = lint_with(
            CHECKOUT,
            &Settings::default(),
            Some(Corpus {
                index: &index,
                key: "checkout.md",
            }),
        );
        assert_eq!(alone.score, together.score, "R001 never changes the score");
    }

    #[test]
    fn a_document_is_never_alike_to_itself() {
        let mut index = CorpusIndex::new();
        index.insert("checkout.md", "Checkout", &Document::parse(CHECKOUT));
        assert!(r001(CHECKOUT, "checkout.md", &index).is_empty());
    }

    #[test]
    fn counts_beyond_the_named() {
        let mut index = CorpusIndex::new();
        for i in 0..5 {
            index.insert(
                &format!("s{i}.md"),
                &format!("Search {i}"),
                &Document::parse(SEARCH),
            );
        }
        let found = r001(CHECKOUT, "checkout.md", &index);
        assert_eq!(
            found[0].message,
            "Recurring cause: alike to 5 other postmortems: \"Search 0\", \"Search 1\", \"Search 2\" and 2 more"
        );
    }
}
