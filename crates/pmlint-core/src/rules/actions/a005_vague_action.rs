use super::a006_human_directed::human_directed;
use super::{is_done, item_span, lead_words, starts_with_phrase, GOOD_EXAMPLE};
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};
use regex::Regex;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    code: "A005",
    name: "vague-action",
    family: Family::ActionItems,
    default_severity: Severity::Warning,
    summary: "An action item is too vague to tell when it is done.",
    docs: RuleDocs {
        what: "Reports an action that opens with a non-committal verb (look into, investigate, consider, evaluate, discuss, think about, keep an eye on, revisit …), or with an open-ended improvement (improve, enhance, optimize, ensure, review, audit, monitor, streamline, tighten, clean up, refactor, address, make … more robust, better / more …) that names nothing measurable: no threshold or number, no command, flag or file. Also a plan left open by its modal (\"We could have a policy of …\") and an area named with \"improvements\" and no verb (\"Observability improvements\"); a lead gerund counts as its verb (\"Refining the process …\"). An open-ended lead made concrete by the means it names (\"Deal with the bad rows by deleting the table\") is not reported. Naming a component is not enough: \"Improve monitoring of the connection pool\" still does not say what will exist when it is done.",
        why: "Seed `001` lists \"Improve monitoring\" as a bad item (\"Vague\") and asks that items be specific and measurable (\"Know when it's complete\"); seed `002` contrasts \"Improve monitoring\" ❌ with \"Add connection pool saturation alert\" ✅; seed `003` wants items Verifiable: \"You can tell when it is done\".",
        example: "- Improve monitoring (@sre, due 2025-02-01)",
        better: "- Add alert for connection pool > 80% (@sre, due 2025-02-01)",
    },
    check,
};

/// Leads that commit to nothing but thinking: vague whatever follows.
const NON_COMMITTAL: &[&str] = &[
    "look into",
    "look at",
    "investigate",
    "consider",
    "think about",
    "discuss",
    "explore",
    "evaluate",
    "research",
    "brainstorm",
    "keep an eye on",
    "figure out",
    "see if",
    "check whether",
    "check if",
    "revisit",
    "reconsider",
    "rethink",
    "assess",
    "study",
    "work on",
    "focus on",
    "follow up on",
];

/// Open-ended improvements: vague unless something measurable follows.
const OPEN_ENDED: &[&str] = &[
    "improve",
    "improving",
    "improvement",
    "improvements",
    "enhance",
    "optimize",
    "optimise",
    "strengthen",
    "harden",
    "tighten",
    "streamline",
    "ensure",
    "refactor",
    "address",
    "clean up",
    "cleanup",
    "review",
    "audit",
    "monitor",
    "increase",
    "reduce",
    "decrease",
    "minimize",
    "minimise",
    "maximize",
    "revamp",
    "rework",
    "overhaul",
    "better",
    "more",
    "additional",
    "improved",
    "continue",
    "prioritize",
    "prioritise",
    "tackle",
    "refine",
    "pay down",
    "deal with",
    "sort out",
    "handle",
    "keep",
    "maintain",
    "lock down",
];

/// "Make X <comparative>": "Make deploys safer", "Make the system more resilient".
const COMPARATIVES: &[&str] = &[
    "more",
    "less",
    "better",
    "safer",
    "faster",
    "robust",
    "resilient",
    "reliable",
    "stable",
    "secure",
    "easier",
    "clearer",
    "stronger",
    "smoother",
    "simpler",
];

/// A measurable object: a number, a threshold, code, a command flag, or a file or path.
static MEASURABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|[^\w.])\d
        | [%<>≥≤=`]
        | (?:^|\s)--?[a-z][\w-]*
        | (?:^|\s)[~/][\w.-]+/[\w./-]*
        | \b[\w-]*[\d._][\w.-]*/[\w./-]+ | \b[\w.-]+/[\w/-]*[\d._][\w./-]*
        | \b[\w-]+\.(?:sh|py|rb|js|ts|go|rs|ya?ml|json|toml|tf|conf|cfg|ini|sql|md|txt)\b",
    )
    .expect("measurable pattern compiles")
});

/// The vague lead of `words`, if they open with one and `raw` names nothing measurable.
/// Whether an open-ended lead is made concrete by the means it names: "deal with the
/// bad rows by deleting the table", "strengthen monitoring by establishing a system
/// that …". A means that is itself vague ("by improving …", "by looking into …") is not.
fn names_its_means(words: &[String]) -> bool {
    words.windows(2).any(|pair| {
        let Some(stem) = pair[1].strip_suffix("ing").filter(|_| pair[0] == "by") else {
            return false;
        };
        let vague = |lead: &&str| {
            let verb = lead.split(' ').next().unwrap_or(lead);
            verb == stem || verb.strip_suffix('e') == Some(stem)
        };
        stem.len() >= 3 && !OPEN_ENDED.iter().chain(NON_COMMITTAL).any(vague)
    })
}

/// "Refining the process" read as "refine the process", "looking into" as "look into":
/// a lead gerund is the verb it is made of.
fn base_of_gerund(words: &[String]) -> Option<Vec<String>> {
    let stem = words
        .first()?
        .strip_suffix("ing")
        .filter(|s| s.len() >= 3)?;
    let lead = |base: String| {
        let mut out = words.to_vec();
        out[0] = base;
        out
    };
    [format!("{stem}e"), stem.to_string()]
        .into_iter()
        .map(lead)
        .find(|w| {
            NON_COMMITTAL
                .iter()
                .chain(OPEN_ENDED)
                .any(|p| starts_with_phrase(w, p))
        })
}

/// Modals that leave the plan open: "We could have a policy of …".
const TENTATIVE: &[&str] = &["could", "might", "may"];

/// Nouns that name an area of improvement without the improvement: "Observability
/// improvements".
const UMBRELLA_NOUNS: &[&str] = &[
    "improvements",
    "improvement",
    "enhancements",
    "enhancement",
    "hardening",
    "cleanup",
];

fn vague_lead(words: &[String], raw: &str) -> Option<String> {
    if let Some(base) = base_of_gerund(words) {
        return vague_lead(&base, raw);
    }
    if let Some(modal) = words
        .get(1)
        .filter(|w| TENTATIVE.contains(&w.as_str()))
        .filter(|_| matches!(words[0].as_str(), "we" | "i" | "you" | "team" | "they"))
    {
        return Some(modal.clone());
    }
    if let Some(lead) = NON_COMMITTAL.iter().find(|p| starts_with_phrase(words, p)) {
        return Some((*lead).to_string());
    }
    if MEASURABLE.is_match(raw) || names_its_means(words) {
        return None;
    }
    let first = words.first()?;
    // An area with "improvements" and no verb: "Observability improvements".
    if let Some(last) = words
        .last()
        .filter(|w| words.len() <= 4 && UMBRELLA_NOUNS.contains(&w.as_str()))
    {
        return Some(format!("… {last}"));
    }
    if let Some(lead) = OPEN_ENDED.iter().find(|p| starts_with_phrase(words, p)) {
        return Some((*lead).to_string());
    }
    // "Add more monitoring", "Set up better alerting".
    if let Some(w) = words
        .iter()
        .skip(1)
        .take(2)
        .find(|w| matches!(w.as_str(), "more" | "better" | "additional" | "improved"))
    {
        let followed_by_than = words
            .iter()
            .skip_while(|x| *x != w)
            .nth(1)
            .is_some_and(|x| x == "than");
        if !followed_by_than {
            return Some(w.clone());
        }
    }
    // "Lock down the admin console better", "document the failover properly": the
    // verb's only measure is an adverb of degree at the end.
    if let Some(last) = words.last().filter(|w| {
        matches!(
            w.as_str(),
            "better" | "properly" | "further" | "more" | "closely"
        )
    }) {
        if words.len() > 2 {
            return Some(format!("… {last}"));
        }
    }
    if first == "make" {
        if let Some(c) = words
            .iter()
            .skip(1)
            .take(6)
            .find(|w| COMPARATIVES.contains(&w.as_str()))
        {
            return Some(format!("make … {c}"));
        }
    }
    None
}

fn check(ctx: &mut Context) {
    for item in &ctx.doc.action_items {
        // Done items are the record of what was done, not plans to judge.
        if is_done(item) {
            continue;
        }
        let raw = &ctx.doc.text[item.action.range.clone()];
        let words = lead_words(&item.action.text);
        let Some(lead) = vague_lead(&words, raw) else {
            continue;
        };
        // "Be more careful" is vague too, but A006 says what is wrong with it; an
        // open-ended verb leading a human-directed item ("Minimize errors by users")
        // is vague in its own right.
        if human_directed(&words).is_some() && !starts_with_phrase(&words, &lead) {
            continue;
        }
        let committal =
            NON_COMMITTAL.contains(&lead.as_str()) || TENTATIVE.contains(&lead.as_str());
        let missing = if committal {
            "commits to no change"
        } else {
            "names no measurable outcome"
        };
        ctx.report(
            item_span(item, None),
            format!("Vague action: \"{lead}\" {missing}; say what will exist when it is done, e.g. \"{GOOD_EXAMPLE}\""),
        )
        .with_note(if committal {
            "If the decision is still open, make the item the decision itself with a date, and file the change it leads to as its own item."
        } else {
            "Name the artifact (an alert, a check, a limit, a runbook section) and the threshold or condition that shows it is done."
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::actions::test_support::{findings, flags};

    #[test]
    fn seed_examples() {
        assert!(flags("A005", "- Improve monitoring"));
        assert!(!flags("A005", &format!("- {GOOD_EXAMPLE}")));
        assert!(!flags(
            "A005",
            "- Update deployment pipeline to check pending migrations (@engineer, due 2025-01-25)"
        ));
        assert!(!flags(
            "A005",
            "- Document database failover procedure in runbook (@dba, due 2025-02-01)"
        ));
    }

    #[test]
    fn vague_leads_without_a_measurable_object() {
        for item in [
            "- Look into managing DNS with Terraform",
            "- Investigate the root cause further",
            "- Consider a multi-region setup",
            "- Improve monitoring of the connection pool",
            "- Better testing",
            "- Add more monitoring as needed",
            "- Make the system more resilient",
            "- Make deploys safer",
            "- Ensure reliability of the payment flow",
            "- Clean up the alerting rules",
            "- Review processes around deployments",
            "- We should keep an eye on the replication lag",
            "- **Tighten up access controls** — @ann — 2025-03-01",
            "- Refining incident response processes to improve escalation",
            "- We are looking into more robust demotion mechanisms",
            "- We could have a policy of freezing schema changes on Fridays",
            "- Observability improvements",
            "- Strengthen pre/during/post-upgrade communication processes",
        ] {
            assert!(flags("A005", item), "{item}");
        }
        assert!(flags(
            "A005",
            "- Harden the API by improving error handling"
        ));
        // Left to A006.
        assert!(!flags("A005", "- Be more careful with DNS changes"));
        let table = "| Owner | Action |\n|---|---|\n| @a | Enhance error handling |\n| @b | Alert when `pool_used` > 80% |\n";
        assert_eq!(findings("A005", table).len(), 1);
    }

    #[test]
    fn a_named_means_makes_an_open_lead_concrete() {
        for item in [
            "- Deal with the stale sessions by deleting them from the cache",
            "- We will strengthen detection by establishing a canary that reads every shard",
        ] {
            assert!(!flags("A005", item), "{item}");
        }
        assert!(flags(
            "A005",
            "- Look into the stale sessions by checking the cache"
        ));
    }

    #[test]
    fn measurable_objects_and_concrete_verbs_pass() {
        for item in [
            "- Reduce the pool timeout to 5 s",
            "- Improve p95 checkout latency to under 800 ms",
            "- Review the `terraform/prod/` CODEOWNERS",
            "- Make the rollout tool halt at 1% if crash reports exceed 0.5%",
            "- Make the publishing tool show an error when the purge call fails",
            "- Add a synthetic monitor that bypasses the CDN cache",
            "- Page platform on-call when more than 3 pods are evicted",
            "- Rehearse the month-end reconciliation against the staging replica",
            "- Add `--max-rows` to the data-fix tool",
            "- Harden /etc/nginx/conf.d against header floods",
            "- Clean up deploy/prod_values.yaml",
            "- Tighten the rules in infra/k8s/policies.rego",
        ] {
            assert!(!flags("A005", item), "{item}");
        }
    }

    #[test]
    fn the_message_names_the_lead_and_shows_a_better_form() {
        let d = &findings("A005", "- Improve monitoring")[0];
        assert!(
            d.message
                .starts_with("Vague action: \"improve\" names no measurable outcome"),
            "{}",
            d.message
        );
        assert!(d.message.contains(GOOD_EXAMPLE));
    }
}
