use super::{is_done, item_span, lead_words, starts_with_phrase};
use crate::diagnostic::Severity;
use crate::language::analyze;
use crate::rules::{Context, Family, Rule, RuleDocs};

pub const RULE: Rule = Rule {
    code: "A006",
    name: "human-directed",
    family: Family::ActionItems,
    default_severity: Severity::Warning,
    summary: "An action item asks people to behave better instead of changing the system.",
    docs: RuleDocs {
        what: "Reports actions aimed at people's vigilance: \"be more careful\", \"remember to\", \"double-check\", \"pay attention\", \"always …\", \"don't/never push/deploy/run …\", \"train/retrain engineers\", \"coach\", \"remind\", \"emphasize the importance\", \"needs to learn\", \"don't do this again\"; actions whose object is people's conduct (writing down people's responsibilities, \"minimize errors by users\"), what is to be made sure of is people's behaviour (\"make sure we treat …\"), or a step people must remember on each occasion (\"when coming back from breaks, scale …\"). Training a model or a classifier is not training people.",
        why: "Seed `001` lists \"Don't do this again\" as a bad item (\"Not actionable\") and asks \"What did they know at the time?\" rather than who slipped; seed `003` asks \"what in our system allowed this to happen?\" and \"why was that mistake easy to make?\". Vigilance fades; a check in the pipeline does not.",
        example: "- Be more careful when running migrations (@amara, due 2025-02-01)",
        better: "- Make the migration runner refuse to run against prod without `--confirm-prod` (@amara, due 2025-02-01)",
    },
    check,
};

/// Leads that ask people to be different.
const HUMAN_LEADS: &[&str] = &[
    "be more",
    "be careful",
    "be aware",
    "be vigilant",
    "be mindful",
    "be proactive",
    "be extra",
    "be diligent",
    "be sure to",
    "remember to",
    "remember that",
    "don't forget",
    "do not forget",
    "double-check",
    "double check",
    "triple-check",
    "pay attention",
    "pay closer attention",
    "pay more attention",
    "keep in mind",
    "take care",
    "try harder",
    "make sure to",
    "make sure you",
    "coach",
    "educate",
    "re-educate",
    "remind",
    "mentor",
    "counsel",
    "reprimand",
    "discipline",
    "emphasize",
    "emphasise",
    "stress the importance",
    "raise awareness",
    "communicate the importance",
];

/// Phrases that are human-directed wherever they stand.
const HUMAN_PHRASES: &[&str] = &[
    "needs to learn",
    "need to learn",
    "should learn",
    "more careful",
    "more vigilant",
    "more diligent",
    "do this again",
];

/// What people do by hand: "Don't push on Fridays", "Always check the context".
const HUMAN_VERBS: &[&str] = &[
    "do",
    "push",
    "deploy",
    "ship",
    "merge",
    "run",
    "make",
    "forget",
    "skip",
    "touch",
    "change",
    "edit",
    "use",
    "rely",
    "assume",
    "release",
    "ignore",
    "let",
    "trust",
    "rush",
    "check",
    "double-check",
    "verify",
    "test",
    "review",
    "confirm",
    "ask",
    "remember",
    "follow",
    "read",
    "look",
    "communicate",
    "coordinate",
    "wait",
];

/// Whom training is for: people, not models.
const PEOPLE: &[&str] = &[
    "engineers",
    "engineer",
    "staff",
    "team",
    "teams",
    "people",
    "developers",
    "devs",
    "operators",
    "everyone",
    "hires",
    "on-call",
    "oncall",
    "employees",
    "agents",
    "members",
    "sres",
    "admins",
    "responders",
    "folks",
];

/// The human-directed phrase that opens or fills `words`, if any.
pub(crate) fn human_directed(words: &[String]) -> Option<String> {
    if let Some(lead) = HUMAN_LEADS.iter().find(|p| starts_with_phrase(words, p)) {
        return Some((*lead).to_string());
    }
    let first = words.first()?.as_str();
    let second = words.get(1).map(String::as_str);
    match first {
        "always" | "never" | "don't" | "dont"
            if second.is_some_and(|w| HUMAN_VERBS.contains(&w)) =>
        {
            return Some(format!("{first} {}", second.unwrap_or_default()));
        }
        "do" if second == Some("not")
            && words
                .get(2)
                .is_some_and(|w| HUMAN_VERBS.contains(&w.as_str())) =>
        {
            return Some(format!("do not {}", words[2]));
        }
        "train" | "retrain" | "re-train" | "teach" | "onboard"
            if words
                .iter()
                .skip(1)
                .take(4)
                .any(|w| PEOPLE.contains(&w.as_str())) =>
        {
            return Some(first.to_string());
        }
        _ => {}
    }
    // "Make sure engineers …", "Ask the on-call to …", "Ensure everyone …".
    for lead in ["ask", "tell", "encourage", "instruct", "get"] {
        let len = lead.split(' ').count();
        if starts_with_phrase(words, lead)
            && words
                .iter()
                .skip(len)
                .take(3)
                .any(|w| PEOPLE.contains(&w.as_str()))
        {
            return Some(lead.to_string());
        }
    }
    if let Some(found) = conduct_object(words).or_else(|| routine_step(words)) {
        return Some(found);
    }
    let joined = words.join(" ");
    HUMAN_PHRASES
        .iter()
        .find(|p| {
            joined.match_indices(*p).any(|(i, m)| {
                (i == 0 || joined.as_bytes()[i - 1] == b' ')
                    && joined
                        .as_bytes()
                        .get(i + m.len())
                        .is_none_or(|b| *b == b' ')
            })
        })
        .map(|p| (*p).to_string())
}

/// Verbs of conduct: asked of people with "must", "should", "need to", they ask for
/// vigilance ("Operators must read the hostname aloud", "Engineers should slow down").
/// Nouns naming what people are expected to do: writing them down asks people to
/// follow them.
const CONDUCT_NOUNS: &[&str] = &["responsibilities", "duties", "expectations", "etiquette"];
const SLIP_NOUNS: &[&str] = &["error", "errors", "mistake", "mistakes", "typos", "slips"];
const WHOSE: &[&str] = &[
    "human", "user", "users", "manual", "operator", "people", "engineer",
];

/// An action whose object is people's conduct: "Write down the responsibilities of the
/// people doing the deployment", "Minimize copy-paste errors by user", "Reduce human
/// error". Its effect depends on people reading and heeding; "Automate the bump to
/// remove copy-paste errors" changes the system and leads with another verb.
fn conduct_object(words: &[String]) -> Option<String> {
    let lead = words.first()?.as_str();
    let object = || words.iter().skip(1).take(5).map(String::as_str);
    let writes = matches!(
        lead,
        "write" | "document" | "define" | "clarify" | "communicate" | "publish"
    );
    let curbs = matches!(lead, "minimize" | "minimise" | "reduce" | "avoid" | "limit");
    let noun = if writes {
        object().find(|w| CONDUCT_NOUNS.contains(w))
    } else if curbs && object().any(|w| WHOSE.contains(&w) || PEOPLE.contains(&w)) {
        object().find(|w| SLIP_NOUNS.contains(w))
    } else {
        None
    };
    noun.map(|noun| format!("{lead} … {noun}"))
}

/// A step people must remember on each occasion: "When coming back from breaks,
/// pre-scale the cluster", "Before deploying, check the lag". An occasion that is a
/// system's event ("When the pool passes 80%, page the on-call") is automation.
fn routine_step(words: &[String]) -> Option<String> {
    let opener = words.first()?.as_str();
    let next = words.get(1)?;
    let occasion = matches!(opener, "when" | "whenever" | "before" | "after");
    let people_doing = next.ends_with("ing")
        || matches!(next.as_str(), "we" | "you" | "someone" | "anyone")
        || PEOPLE.contains(&next.as_str());
    (occasion && people_doing).then(|| format!("{opener} {next}"))
}

/// "Make sure we treat errors in dev like prod", "Ensure that all users are aware":
/// what is to be ensured is people's conduct, not a system's behaviour.
fn ensures_conduct(text: &str) -> Option<String> {
    let a = analyze(text);
    let lead = a.lower(0);
    let ensure = match lead {
        "ensure" => 1,
        "make" if a.lower(1) == "sure" => 2,
        _ => return None,
    };
    let start = ensure + usize::from(a.lower(ensure) == "that");
    let clause = a.clauses.iter().find(|c| {
        a.subject(c)
            .is_some_and(|s| s.tokens.contains(&start) && s.party.is_people())
    })?;
    let end = a.span(clause.verb, clause.verb).end;
    Some(text[..end].to_string())
}

const CONDUCT: &[&str] = &[
    "read",
    "check",
    "double-check",
    "verify",
    "confirm",
    "remember",
    "follow",
    "obey",
    "adhere",
    "comply",
    "respect",
    "learn",
    "slow",
    "pay",
    "watch",
    "wait",
    "look",
    "ask",
    "communicate",
    "coordinate",
    "think",
    "review",
    "test",
    "take",
    "stop",
    "avoid",
    "refrain",
    "understand",
    "know",
    "notice",
    "listen",
    "familiarize",
    "familiarise",
    "train",
    "study",
    "memorize",
    "memorise",
    "stay",
    "keep",
    "try",
    "focus",
    "attend",
    "care",
    "re-read",
];

/// Adjectives of vigilance after "be": "Engineers must be more careful".
const VIGILANT: &[&str] = &[
    "careful",
    "vigilant",
    "aware",
    "mindful",
    "diligent",
    "cautious",
    "attentive",
    "thorough",
    "alert",
    "conscious",
    "disciplined",
];

/// Whether the action asks people to behave better, judged on its clauses: people as
/// the subject of an obligation to a conduct ("Engineers must be more careful", "The
/// team needs to learn the tooling"), or an imperative to comply ("Follow the
/// change-freeze policy strictly").
fn asks_people_to_behave(text: &str) -> Option<String> {
    let a = analyze(text);
    for (k, clause) in a.clauses.iter().enumerate() {
        let subject = a.subject(clause);
        let people = subject.is_some_and(|s| s.party.is_people() && a.lower(s.head) != "we");
        let obliged = clause
            .modal
            .is_some_and(|m| matches!(a.lower(m), "must" | "should" | "will" | "shall"))
            || matches!(a.lemma(clause.verb), "need" | "have");
        // "needs to learn", "have to read": the conduct is the next clause's verb.
        let conduct_clause = if matches!(a.lemma(clause.verb), "need" | "have")
            && a.lower(clause.verb + 1) == "to"
        {
            a.clauses
                .get(k + 1)
                .filter(|n| n.group.start == clause.verb + 2)
        } else {
            Some(clause)
        };
        let Some(conduct) = conduct_clause else {
            continue;
        };
        let verb = a.lemma(conduct.verb);
        let vigilant = verb == "be"
            && (conduct.verb + 1..a.tokens.len().min(conduct.verb + 4))
                .any(|i| VIGILANT.contains(&a.lower(i)));
        if people && obliged && (vigilant || CONDUCT.contains(&verb)) {
            let end = a.span(conduct.verb, conduct.verb).end;
            let start = subject.map_or(0, |s| a.span(s.tokens.start, s.tokens.start).start);
            return Some(text[start..end].to_string());
        }
        // An imperative to comply ("Follow the change-freeze policy strictly"), or to
        // tell people ("Reinforce with the pickers that scanning is mandatory").
        let imperative = k == 0 && subject.is_none() && clause.group.start == 0;
        let comply = matches!(verb, "follow" | "obey" | "adhere" | "comply" | "respect");
        let tell_people = matches!(
            verb,
            "reinforce"
                | "remind"
                | "tell"
                | "instruct"
                | "encourage"
                | "inform"
                | "warn"
                | "brief"
                | "re-brief"
                | "urge"
        ) && a
            .chunks
            .iter()
            .filter(|c| c.tokens.start > clause.verb && c.tokens.start <= clause.verb + 4)
            .any(|c| c.party.is_people());
        if imperative && (comply || tell_people) {
            return Some(a.word(clause.verb).to_lowercase());
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
        let phrase = human_directed(&lead_words(&item.action.text))
            .or_else(|| asks_people_to_behave(&item.action.text))
            .or_else(|| ensures_conduct(&item.action.text));
        let Some(phrase) = phrase else {
            continue;
        };
        ctx.report(
            item_span(item, None),
            format!(
                "Human-directed action: \"{phrase}\" relies on people doing better; change the system so the mistake is hard to make, e.g. \"Update deployment pipeline to check pending migrations (@engineer, due 2025-01-25)\""
            ),
        )
        .with_note("Ask what in the system allowed the mistake: a check, a guard rail, an alert or automation makes the fix last.");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::actions::test_support::{findings, flags};

    #[test]
    fn asks_of_people_are_reported() {
        for item in [
            "- Don't do this again",
            "- Be more careful when running migrations — owner: Amara Obi, due: 2025-02-01",
            "- [ ] Remember to check the replica lag before failover",
            "- Always double-check your kubectl context before running scripts",
            "- Train new engineers on kubectl contexts",
            "- Retrain warehouse staff on the scanner cutover",
            "- We will coach the engineer involved on change management.",
            "- **Don't push on Fridays** — @yuki — 2025-04-30",
            "- Emphasize the importance of testing at the next all-hands",
            "- The on-call engineer needs to learn the failover steps",
            "- Pay attention to the vendor maintenance emails",
            "- Make sure engineers read the runbook before paging",
            "- Ensure everyone knows the escalation path",
            "- Engineers must be more careful when editing DNS records",
            "- Operators must read the hostname aloud before destructive commands",
            "- The on-call team needs to learn the new release tooling",
            "- Follow the change-freeze policy strictly going forward",
            "- Write down the duties of whoever runs the release",
            "- Reduce typos by operators in the zone file",
            "- Whenever restoring a backup, scale the workers down first",
            "- Make sure we announce maintenance windows a day ahead",
            "- Ensure that we double-check the zone before applying it",
        ] {
            assert!(flags("A006", item), "{item}");
        }
        let table =
            "| Action | Owner |\n|---|---|\n| Remind engineers to use the replica | @kenji |\n";
        assert_eq!(findings("A006", table).len(), 1);
    }

    #[test]
    fn system_changes_are_not_human_directed() {
        for item in [
            "- Add alert for connection pool > 80% (@sre, due 2025-02-01)",
            "- Retrain the fraud model on 2024 transactions (@ana, due 2025-03-01)",
            "- Do not allow deploys while a change freeze is declared (@ann)",
            "- Require a second approver for the delete-bucket action (@leila)",
            "- Add a pipeline step that double-checks the target cluster (@lior)",
            "- Show the current kubectl context in the shell prompt (@lior)",
            "- Ensure the deploy job fails when migrations are pending (@lior)",
            "- Make sure the pool alert pages the on-call (@lior)",
            "- The SRE team will add an alert on replica lag (@lior)",
            "- Engineers should have a dry-run flag on the migration tool (@lior)",
            "- The deploy pipeline must verify the target cluster (@lior)",
            "- Follow-up: add a canary stage to the rollout (@lior)",
            "- Automate the version bump to remove copy-paste errors (@lior)",
            "- When the pool passes 80%, page the on-call (@lior)",
            "- Ensure the on-call rota has two people (@lior)",
            "- Document the failover procedure in the runbook (@lior)",
        ] {
            assert!(!flags("A006", item), "{item}");
        }
    }
}
