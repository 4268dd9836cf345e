use super::explains_why_possible;
use crate::diagnostic::Severity;
use crate::document::{BlockKind, Document, Slot};
use crate::rules::{Context, Family, Rule, RuleDocs};
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "W001",
    name: "shallow-chain",
    family: Family::Causes,
    default_severity: Severity::Error,
    summary: "The 5 Whys analysis is missing or stops after too few whys.",
    docs: RuleDocs {
        what: "Counts the whys of each 5-whys chain and reports a short chain from its heading over its steps. Fewer than `[whys] min-depth` (default 3) is reported at the rule's severity; fewer than `recommended-depth` (default 4) one level lower. A postmortem with no 5-whys chain at all is reported one level lower too, on its root-cause heading (or its title), unless its root-cause prose already follows the cause to why it was possible: a process, design or safeguard condition given as the reason (\"because our builds do not pin versions\", \"the lack of documentation\") or a system that did not provide for the case (\"the workflow did not support …\").",
        why: "Stopping at the immediate cause is the classic shallow analysis: \"Single 'why' answer … Fix only the symptom … Similar incidents recur\" (seed `001`, pitfall_shallow_analysis; seed `003`, Anti-Patterns). Seed `001` asks to \"keep asking why until systemic issue\", usually five times.",
        example: "## 5 Whys\n\n1. **Why** did checkout fail? Because the connection pool was exhausted.\n2. **Why** was the pool exhausted? Because a report held 40 connections.",
        better: "## 5 Whys\n\n1. **Why** did checkout fail? Because the connection pool was exhausted.\n2. **Why** was the pool exhausted? Because a report held 40 connections.\n3. **Why** did a report use the checkout pool? Because reports share the orders service's pool.\n4. **Why** do they share it? Because the config template defaults every datasource to the primary.",
    },
    check,
};

/// One level below `severity`: a warning where the rule is an error.
fn lower(severity: Severity) -> Severity {
    match severity {
        Severity::Error => Severity::Warning,
        Severity::Warning | Severity::Info => Severity::Info,
    }
}

/// Where to report a missing analysis: the root-cause heading, else the title.
fn missing_anchor(doc: &Document) -> Range<usize> {
    doc.sections
        .iter()
        .find(|s| s.slot.map(Slot::group) == Some(Slot::RootCause))
        .map(|s| s.title_range.clone())
        .or_else(|| doc.title.as_ref().map(|t| t.range.clone()))
        .unwrap_or_else(|| 0..doc.text.find('\n').unwrap_or(doc.text.len()))
}

/// Whether the root-cause prose (with its sub-headings) already follows the cause to
/// why it was possible: a standing process, design or safeguard gap ("the lack of
/// documentation of …", "dependencies have open-ended version constraints"). Such an
/// analysis needs no chain; one that names only the trigger does.
fn analysis_reaches_a_condition(doc: &Document) -> bool {
    let bodies: Vec<_> = doc
        .sections
        .iter()
        .filter(|s| s.slot.map(Slot::group) == Some(Slot::RootCause))
        .map(|s| s.body.clone())
        .collect();
    doc.sentences.iter().any(|s| {
        s.kind != BlockKind::Heading
            && !s.quoted
            && bodies.iter().any(|b| b.contains(&s.range.start))
            && explains_why_possible(&doc.prose[s.range.clone()])
    })
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let lesser = lower(ctx.severity());
    if doc.why_chains.is_empty() {
        // An empty root-cause section is the structure rules' finding.
        let root_cause = doc
            .sections
            .iter()
            .enumerate()
            .find(|(_, s)| s.slot.map(Slot::group) == Some(Slot::RootCause));
        if let Some((i, _)) = root_cause {
            if !doc.section_has_content(i) {
                return;
            }
        }
        if analysis_reaches_a_condition(doc) {
            return;
        }
        ctx.report(
            missing_anchor(doc),
            "No 5 Whys analysis: the root cause is stated without asking why it was possible",
        )
        .with_severity(lesser)
        .with_note("Add a \"5 Whys\" section that asks why, answer after answer, until it reaches a process, tooling or design condition (seed 001).");
        return;
    }
    let (min, recommended) = (
        ctx.settings.whys_min_depth,
        ctx.settings.whys_recommended_depth,
    );
    for chain in &doc.why_chains {
        let depth = chain.steps.len();
        if depth >= recommended {
            continue;
        }
        let heading = &doc.sections[chain.section].title_range;
        let whys = if depth == 1 { "why" } else { "whys" };
        let message = format!(
            "The 5 Whys stops after {depth} {whys}; keep asking why until a systemic cause (at least {recommended})"
        );
        let diagnostic = ctx
            .report(heading.start.min(chain.range.start)..chain.range.end, message)
            .with_note("A chain this short usually ends at the trigger, not at what allowed it (seed 001, pitfall_shallow_analysis).");
        if depth >= min {
            diagnostic.with_severity(lesser);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::causes::tests::*;
    use crate::{lint, Settings, Severity};

    fn severities(text: &str, settings: &Settings) -> Vec<Severity> {
        lint(text, settings)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "W001")
            .map(|d| d.severity)
            .collect()
    }

    #[test]
    fn seed_chains_are_deep_enough() {
        for text in [
            SEED_001_TEMPLATE,
            SEED_001_YAML,
            SEED_002_TEMPLATE,
            SEED_003,
        ] {
            assert_eq!(findings("W001", text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn short_chains_are_errors_then_warnings() {
        let cut = |n: usize| {
            let steps: Vec<_> = SEED_003
                .lines()
                .filter(|l| l.starts_with("- Why"))
                .take(n)
                .collect();
            format!("# Postmortem\n\n## 5 Whys\n\n{}\n", steps.join("\n"))
        };
        let settings = Settings::default();
        assert_eq!(severities(&cut(2), &settings), vec![Severity::Error]);
        assert_eq!(severities(&cut(3), &settings), vec![Severity::Warning]);
        assert!(severities(&cut(4), &settings).is_empty());
        assert!(findings("W001", &cut(2))[0].contains("after 2 whys"));

        let strict = Settings::from_toml("[whys]\nmin-depth = 4\nrecommended-depth = 5\n").unwrap();
        assert_eq!(severities(&cut(3), &strict), vec![Severity::Error]);
        assert_eq!(severities(&cut(4), &strict), vec![Severity::Warning]);
    }

    #[test]
    fn reports_a_missing_analysis_on_the_root_cause_heading() {
        let text = "# DNS outage\n\n## Summary\n\nThe API was down.\n\n## Why\n\nThe registrar console accepts private IPs.\n";
        let report = lint(text, &Settings::default());
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "W001")
            .collect();
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("No 5 Whys"));
        assert_eq!(&text[found[0].range.clone()], "Why");
        assert_eq!(found[0].severity, Severity::Warning);

        let no_root = "# DNS outage\n\n## Summary\n\nThe API was down.\n";
        let report = lint(no_root, &Settings::default());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.code == "W001")
            .unwrap();
        assert_eq!(&no_root[d.range.clone()], "DNS outage");
    }

    #[test]
    fn root_cause_prose_that_reaches_a_condition_needs_no_chain() {
        let doc = |cause: &str| {
            format!("# DNS outage\n\n## Summary\n\nThe API was down.\n\n## Root cause\n\n{cause}\n")
        };
        for deep in [
            "A bad release of the client library was picked up. We were exposed to it because our builds do not pin dependency versions.",
            "The outage was not the result of a defect but of the lack of a runbook for certificate rotation.",
            "1. The importer did not handle empty batches.\n2. The queue filled.",
        ] {
            assert_eq!(findings("W001", &doc(deep)), Vec::<String>::new(), "{deep}");
        }
        for shallow in [
            "A bad release of the client library was picked up and the build broke.",
            "The router rejected requests because the certificate had expired.",
            "Since the zone is not hosted by the provider, the records returned errors.",
        ] {
            assert_eq!(findings("W001", &doc(shallow)).len(), 1, "{shallow}");
        }
    }

    #[test]
    fn parses_setext_five_whys_sections() {
        let text = "Routers offline\n===============\n\nFive whys\n---------\n\n1. **Why couldn't terminals pay?**\n   The routers blocked the gateway.\n2. **Why did the routers block the gateway?**\n   A firmware update reset the firewall rules.\n";
        assert_eq!(findings("W001", text), vec!["The 5 Whys stops after 2 whys; keep asking why until a systemic cause (at least 4)"]);
    }
}
