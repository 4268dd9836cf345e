use super::*;

fn describe(text: &str) -> String {
    let a = analyze(text);
    a.tokens
        .iter()
        .map(|t| format!("{}/{:?}", &text[t.range.clone()], t.pos))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The agent of the clause whose verb is `verb`, as (text, party).
fn agent_of(text: &str, verb: &str) -> Option<(String, Party, Voice)> {
    let a = analyze(text);
    let clause = a.clauses.iter().find(|c| a.lower(c.verb) == verb)?;
    let chunk = a.agent(clause).or_else(|| a.subject(clause))?;
    let span = a.span(chunk.tokens.start, chunk.tokens.end - 1);
    Some((text[span].to_string(), chunk.party, clause.voice))
}

#[test]
fn tags_incident_prose() {
    let text = "The engineer forgot to renew the certificate.";
    assert_eq!(
        describe(text),
        "The/Det engineer/Noun forgot/Verb to/Part renew/Verb the/Det certificate/Noun ./Punct"
    );
}

#[test]
fn subjects_and_agents_in_both_voices() {
    for (text, verb, subject, party, voice) in [
        (
            "The engineer forgot to renew the certificate.",
            "forgot",
            "The engineer",
            Party::Person,
            Voice::Active,
        ),
        (
            "The billing worker missed events.",
            "missed",
            "The billing worker",
            Party::System,
            Voice::Active,
        ),
        (
            "The worker process missed events.",
            "missed",
            "The worker process",
            Party::System,
            Voice::Active,
        ),
        (
            "The alert was missed by the on-call engineer.",
            "missed",
            "the on-call engineer",
            Party::Person,
            Voice::Passive,
        ),
        (
            "Björn mistakenly pushed the staging keys.",
            "pushed",
            "Björn",
            Party::Person,
            Voice::Active,
        ),
        (
            "Anyone with basic SQL knowledge would have seen it.",
            "seen",
            "Anyone",
            Party::Person,
            Voice::Active,
        ),
        (
            "A contractor from the colocation provider unplugged the wrong uplink.",
            "unplugged",
            "A contractor",
            Party::Person,
            Voice::Active,
        ),
        (
            "@lee did not tell the on-call.",
            "tell",
            "@lee",
            Party::Person,
            Voice::Active,
        ),
        (
            "The Kubernetes operator failed to reconcile the volume.",
            "failed",
            "The Kubernetes operator",
            Party::System,
            Voice::Active,
        ),
        (
            "Our engineers skipped the mandatory peer review.",
            "skipped",
            "Our engineers",
            Party::Person,
            Voice::Active,
        ),
        (
            "The pipeline failed to run tests.",
            "failed",
            "The pipeline",
            Party::System,
            Voice::Active,
        ),
    ] {
        assert_eq!(
            agent_of(text, verb),
            Some((subject.to_string(), party, voice)),
            "{text}\n{}",
            describe(text)
        );
    }
}

#[test]
fn agentless_passives_and_questions() {
    let a = analyze("This should have been caught in code review.");
    let c = a
        .clauses
        .iter()
        .find(|c| a.lower(c.verb) == "caught")
        .unwrap();
    assert_eq!(c.voice, Voice::Passive);
    assert!(c.perfect && c.modal.is_some());
    assert!(a.agent(c).is_none());

    let a = analyze("Why didn't you check?");
    let c = a
        .clauses
        .iter()
        .find(|c| a.lower(c.verb) == "check")
        .unwrap();
    assert!(c.negated && c.inverted);
    assert_eq!(a.subject(c).map(|s| s.party), Some(Party::Person));
    assert!(a.is_question());

    let a = analyze("Who was affected?");
    let c = a
        .clauses
        .iter()
        .find(|c| a.lower(c.verb) == "affected")
        .unwrap();
    assert_eq!(c.voice, Voice::Passive);
}

#[test]
fn technical_capitals_and_products_are_systems() {
    for (text, verb) in [
        ("The WAL LSN lagged behind.", "lagged"),
        ("ArgoCD failed to sync.", "failed"),
        ("Postgres failed to start after the upgrade.", "failed"),
    ] {
        let (_, party, _) =
            agent_of(text, verb).unwrap_or_else(|| panic!("{text}: {}", describe(text)));
        assert_eq!(party, Party::System, "{text}: {}", describe(text));
    }
}

#[test]
fn quoted_speech_is_marked() {
    let a = analyze("A rider wrote \"WORST APP EVER\" on the forum.");
    let worst = a.tokens.iter().position(|t| t.lower == "worst").unwrap();
    assert!(a.tokens[worst].quoted);
    assert!(!a.tokens[0].quoted);
}

#[test]
fn same_text_same_analysis() {
    let a = analyze("The cache expired.");
    let b = analyze("The cache expired.");
    assert!(Arc::ptr_eq(&a, &b));
}

#[test]
fn pronoun_contractions_are_two_words() {
    let a = analyze("We've set up alerts and we\u{2019}ll add a limit; it didn't page.");
    let words: Vec<&str> = a
        .tokens
        .iter()
        .map(|t| a.text()[t.range.clone()].as_ref())
        .collect();
    assert_eq!(&words[..3], ["We", "'ve", "set"]);
    assert!(words.contains(&"\u{2019}ll") && words.contains(&"didn't"));
    let set = a.clauses.iter().find(|c| a.lower(c.verb) == "set").unwrap();
    assert!(set.perfect && a.subject(set).is_some_and(|s| s.party.is_people()));
    let add = a.clauses.iter().find(|c| a.lower(c.verb) == "add").unwrap();
    assert!(add.modal.is_some());
}
