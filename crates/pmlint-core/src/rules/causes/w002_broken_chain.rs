use super::{content_words, shared_words};
use crate::diagnostic::Severity;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "W002",
    name: "broken-chain",
    family: Family::Causes,
    default_severity: Severity::Warning,
    summary: "A why does not ask about the previous answer.",
    docs: RuleDocs {
        what: "Compares each why with the answer before it by their content words (lightly stemmed, common abbreviations folded: \"db\"/\"database\", \"config\"/\"configuration\"). A why that shares no word with the previous answer, and at most one with any earlier answer, has left the chain. Bare \"Why?\" bullets, whys whose subject points back (\"Why did that …?\", \"Why was this possible?\") and unanswered steps are not judged.",
        why: "The technique is to \"ask 'why did this happen?'\" and then, \"for each answer, ask 'why?' again\" (seed `001`). A question that jumps to another topic — often pasted from a different analysis — leaves the previous answer unexplained, and the chain no longer leads from the symptom to its root cause.",
        example: "2. Why did the pricing service fail? — It couldn't load the surge configuration.\n3. Why was the signing certificate never uploaded? — …",
        better: "2. Why did the pricing service fail? — It couldn't load the surge configuration.\n3. Why couldn't it load the surge configuration? — The configuration bucket denied the new service account.",
    },
    check,
};

/// A why that restates an earlier answer this strongly is a deliberate branch back.
const BRANCH_OVERLAP: usize = 2;

/// A why whose subject points at the previous answer: "Why did that double revenue?",
/// "Why was this possible?", "Why does it matter?".
fn refers_back(question: &str) -> bool {
    let words: Vec<String> = question
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(3).any(|w| {
        w[0] == "why"
            && matches!(
                w[1].as_str(),
                "did"
                    | "does"
                    | "do"
                    | "was"
                    | "is"
                    | "were"
                    | "are"
                    | "could"
                    | "would"
                    | "didn't"
                    | "doesn't"
                    | "wasn't"
                    | "isn't"
            )
            && matches!(w[2].as_str(), "that" | "this" | "it" | "these" | "those")
    })
}

fn check(ctx: &mut Context) {
    for chain in &ctx.doc.why_chains {
        let answers: Vec<_> = chain
            .steps
            .iter()
            .map(|s| {
                s.answer
                    .as_ref()
                    .filter(|_| s.is_answered())
                    .map(|a| content_words(&a.text))
            })
            .collect();
        for (n, step) in chain.steps.iter().enumerate().skip(1) {
            let Some(previous) = &answers[n - 1] else {
                continue;
            };
            let question = content_words(&step.question.text);
            if question.is_empty()
                || shared_words(&question, previous) > 0
                || refers_back(&step.question.text)
            {
                continue;
            }
            let branches_back = answers[..n - 1]
                .iter()
                .flatten()
                .any(|earlier| shared_words(&question, earlier) >= BRANCH_OVERLAP);
            if branches_back {
                continue;
            }
            let answer = chain.steps[n - 1]
                .answer
                .as_ref()
                .map_or("", |a| a.text.as_str());
            ctx.report(
                step.question.range.clone(),
                format!("Why {} does not ask about answer {n}: the chain is broken", n + 1),
            )
            .with_note(format!(
                "Ask why the previous answer is true — \"{}\" — so the chain stays one causal path to the root cause (seed 001: \"for each answer, ask 'why?' again\").",
                answer.trim()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::causes::tests::*;

    #[test]
    fn seed_chains_are_unbroken() {
        for text in [
            SEED_001_TEMPLATE,
            SEED_001_YAML,
            SEED_002_TEMPLATE,
            SEED_003,
        ] {
            assert_eq!(findings("W002", text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn reports_a_why_that_changes_topic() {
        let text = "# Postmortem\n\n## 5 Whys\n\n1. Why couldn't riders request trips? — The pricing service returned errors for every quote.\n2. Why did the pricing service return errors? — It couldn't load the surge configuration.\n3. Why was the new signing certificate never uploaded to the provider? — The upload is a manual step in a separate runbook.\n4. Why is the upload a manual step? — The automation project covered only our side.\n";
        assert_eq!(
            findings("W002", text),
            vec!["Why 3 does not ask about answer 2: the chain is broken"]
        );
    }

    #[test]
    fn accepts_rephrasing_stemming_and_branches_back() {
        // "rescheduled" / "rescheduling", "db" / "database".
        let text = "# Postmortem\n\n## 5 Whys\n\n- Why was matchmaking slow? The pods were not rescheduled after eviction.\n- Why did rescheduling fail? The DB quota was exhausted.\n- Why was the database quota exhausted? Nothing cleans up old snapshots.\n";
        assert_eq!(findings("W002", text), Vec::<String>::new());
        let pointing_back = "# Postmortem\n\n## 5 Whys\n\n- Why were invoices doubled? A join now returns two rows per order.\n- Why did that double the totals? The report sums every joined row.\n";
        assert_eq!(findings("W002", pointing_back), Vec::<String>::new());
        // Why 4 returns to answer 1 ("payout job ran twice") on purpose.
        let branch = "# Postmortem\n\n## 5 Whys\n\nWhy 1: Why did merchants get duplicate payouts? Because the payout job ran twice.\n\nWhy 2: Why did the job run twice? Because two schedulers fired.\n\nWhy 3: Why were two schedulers active? Because the migration kept the old cron enabled.\n\nWhy 4: Why did two runs of the payout job move money twice? Because the job is not idempotent.\n";
        assert_eq!(findings("W002", branch), Vec::<String>::new());
    }
}
