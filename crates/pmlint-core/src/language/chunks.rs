//! Noun phrases and who they stand for: a person, a group of people, a system, or
//! unknown. Decided by syntax and morphology — pronouns, @handles, proper nouns shaped
//! like names or like products, the head noun and what modifies it ("the worker" is a
//! person, "the billing worker" and "the worker process" are systems) — with small
//! classes of nouns that name people's roles and artefacts.

use super::{Pos, Token};
use rustc_hash::FxHashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// Who a noun phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Person,
    /// People as a group: "we", "the team", "the night shift".
    Group,
    System,
    Unknown,
}

impl Party {
    /// A person or a group of people.
    pub fn is_people(self) -> bool {
        matches!(self, Party::Person | Party::Group)
    }
}

#[derive(Debug, Clone)]
pub struct Chunk {
    pub tokens: Range<usize>,
    pub head: usize,
    pub party: Party,
    /// Who owns the head, when a possessive modifies it ("an operator's misreading").
    pub possessor: Option<Party>,
    /// A capitalised word that may be a name only the document can confirm (a
    /// capitalised word opening a sentence).
    pub maybe_name: bool,
}

/// Nouns that name a person by their role; a person whatever modifies them.
const ROLES: &str = "engineer manager developer dev intern reviewer admin administrator sysadmin
contractor scientist analyst dba sre lead hire employee staffer teammate colleague coworker
co-worker author committer approver responder commander person individual human technician
specialist architect programmer coder tester consultant owner maintainer newcomer junior
senior designer officer director supervisor clerk nurse pharmacist cashier teller dispatcher
rep representative captain on-call oncall on-caller oncaller pilot auditor picker volunteer
someone somebody anyone anybody everyone everybody nobody whoever whomever i me you he him she
her man woman guy employee accountant lawyer doctor physician surgeon bartender courier
receptionist storekeeper administrator approver requester submitter deployer releaser
firefighter ic incident-commander on-call-engineer sre-on-call";

/// Agent nouns that are people alone and systems with a modifier or in a compound
/// ("the operator" vs "the Kubernetes operator", "the billing worker").
const AGENT_NOUNS: &str = "worker operator agent driver runner handler user member
controller keeper watcher reporter checker reader writer sender listener caller poller";

/// What makes a role noun a program: "the package manager", "the Kubernetes operator".
const SOFTWARE_MODIFIERS: &str = "package secrets secret password certificate cert window task
process service cluster connection memory resource node dependency version state entity
session lock job queue config configuration kubernetes k8s helm background thread pool";

/// Nouns for people as a group.
const GROUPS: &str = "team teams squad crew shift staff ops org organisation organization
department management leadership we us they them people humans folks engineers developers
group committee board everybody";

/// Nouns for systems, artefacts and events: a failure verb after them is the system's.
const SYSTEMS: &str = "system service server host node pod container cluster vm instance
database db replica primary shard partition index table schema query queue topic broker
consumer producer job task cron batch pipeline build deploy deployment release rollout
rollback migration change commit patch hotfix script tool tooling cli bot automation alert
alarm page pager monitor monitoring check probe healthcheck dashboard metric log logger
exporter daemon process thread cache cdn proxy balancer lb router firewall gateway dns
network link disk volume storage bucket backup snapshot memory cpu api app application client
sdk library module plugin config configuration setting flag template manifest chart file code
test suite linter validator compiler scheduler autoscaler engine model filter limiter breaker
circuit loader parser endpoint webhook integration sandbox processor canary runbook playbook
procedure policy checklist documentation doc docs wiki request response retry timeout
certificate cert key token secret traffic load terraform kubernetes k8s kubectl helm jenkins
github gitlab argo argocd spinnaker postgres postgresql mysql redis kafka rabbitmq
elasticsearch opensearch mongodb mongo cassandra nginx envoy istio haproxy prometheus grafana
alertmanager pagerduty opsgenie datadog splunk sentry aws gcp azure s3 ec2 rds lambda
cloudflare fastly akamai vault consul docker linux windows chrome safari firefox ios android
staging production prod stack platform infra infrastructure region zone site feature function
component mechanism safeguard guardrail gate step stage phase workflow rule routing rotation
inventory catalog registry analysis detector sensor firmware device hardware update upgrade
purge refresh sync replication failover report form sidekiq celery schedule window cronjob
mechanism version cache queue disk image binary package dependency vendor provider
outage incident error bug defect issue problem failure fault crash leak spike cause trigger
lack absence gap design architecture assumption limit threshold quota default";

/// Pronouns that stand for things.
const THING_PRONOUNS: &str =
    "it this that these those which what nothing everything something there itself";

struct Classes {
    roles: FxHashSet<&'static str>,
    agents: FxHashSet<&'static str>,
    groups: FxHashSet<&'static str>,
    systems: FxHashSet<&'static str>,
    things: FxHashSet<&'static str>,
    software: FxHashSet<&'static str>,
}

static CLASSES: LazyLock<Classes> = LazyLock::new(|| {
    let set = |s: &'static str| s.split_whitespace().collect::<FxHashSet<_>>();
    Classes {
        roles: set(ROLES),
        agents: set(AGENT_NOUNS),
        groups: set(GROUPS),
        systems: set(SYSTEMS),
        things: set(THING_PRONOUNS),
        software: set(SOFTWARE_MODIFIERS),
    }
});

/// Whether `lemma` names an artefact or a system ("pipeline", "alert", "Kafka").
pub fn is_system_noun(lemma: &str) -> bool {
    CLASSES.systems.contains(lemma)
}

/// Whether `lemma` names a person by role ("engineer", "on-call").
pub fn is_role_noun(lemma: &str) -> bool {
    CLASSES.roles.contains(lemma) || CLASSES.agents.contains(lemma)
}

fn opens_chunk(t: &Token) -> bool {
    t.word
        && matches!(
            t.pos,
            Pos::Det | Pos::Adj | Pos::Noun | Pos::Propn | Pos::Pron | Pos::Num
        )
}

fn continues_chunk(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if !t.word {
        return false;
    }
    match t.pos {
        Pos::Adj | Pos::Noun | Pos::Propn | Pos::Num => true,
        // "a more experienced engineer", "the expiring certificate", "the billing worker"
        Pos::Adv | Pos::Verb => {
            tokens
                .get(i + 1)
                .is_some_and(|n| n.word && matches!(n.pos, Pos::Noun | Pos::Propn | Pos::Adj))
                && (t.pos == Pos::Adv && t.lower.ends_with("ore")
                    || t.pos == Pos::Verb && (t.lower.ends_with("ing") || t.lower.ends_with("ed")))
        }
        _ => false,
    }
}

/// Whether a determiner or possessive pronoun can open a longer phrase.
fn is_determiner_like(t: &Token) -> bool {
    t.pos == Pos::Det
        || (t.pos == Pos::Pron
            && matches!(
                t.lower.as_str(),
                "my" | "our"
                    | "your"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "whose"
                    | "which"
                    | "what"
            ))
        || t.lower.ends_with("'s")
}

pub(super) fn chunk(text: &str, tokens: &[Token]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !opens_chunk(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let personal = tokens[i].pos == Pos::Pron && !is_determiner_like(&tokens[i]);
        if !personal {
            while end < tokens.len() && continues_chunk(tokens, end) {
                // A participle modifies a head to come ("the failed deploy"); after a
                // noun it is the predicate ("the worker missed events").
                let verbal = matches!(tokens[end].pos, Pos::Verb | Pos::Adv);
                if verbal && (start..end).any(|j| matches!(tokens[j].pos, Pos::Noun | Pos::Propn)) {
                    break;
                }
                end += 1;
            }
        }
        // A lone determiner ("that", "this") stands for a thing.
        chunks.push(classify(text, tokens, start..end));
        i = end;
    }
    chunks
}

fn classify(text: &str, tokens: &[Token], range: Range<usize>) -> Chunk {
    let head = range.end - 1;
    let possessor = (range.start..head)
        .find(|&i| tokens[i].lower.ends_with("'s") || tokens[i].lower.ends_with("s'"))
        .map(|p| party_of(text, tokens, range.start..p + 1, p).0);
    let (party, maybe_name) = party_of(text, tokens, range.clone(), head);
    Chunk {
        tokens: range,
        head,
        party,
        possessor,
        maybe_name,
    }
}

/// "ArgoCD", "S3", "v2", "api_gateway": written like a product or an identifier.
fn is_product_shaped(word: &str) -> bool {
    let inner_upper =
        word.chars().skip(1).any(char::is_uppercase) && word.chars().any(char::is_lowercase);
    inner_upper
        || word
            .chars()
            .any(|c| c.is_ascii_digit() || c == '_' || c == '.')
}

/// "Sarah", "O'Brien", "Jean-Luc", "Björn": capitalised, then lower-case letters.
pub fn is_name_shaped(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && chars.all(|c| c.is_lowercase() || c == '\'' || c == '-')
}

fn party_of(text: &str, tokens: &[Token], range: Range<usize>, head: usize) -> (Party, bool) {
    let classes = &*CLASSES;
    let t = &tokens[head];
    let written = &text[t.range.clone()];
    let bare = t.lower.trim_end_matches("'s").trim_end_matches('\'');
    let lemma = super::morphology::singular(bare);
    let modifiers = range.start..head;
    if bare.len() > 1 && (bare.starts_with('@') || bare.ends_with('@')) {
        return (Party::Person, false);
    }
    if t.pos == Pos::Pron || classes.things.contains(bare) {
        if classes.things.contains(bare) {
            return (Party::System, false);
        }
        if matches!(bare, "we" | "us" | "they" | "them") {
            // "they" after a system noun in the sentence stands for it.
            let system_antecedent = matches!(bare, "they" | "them")
                && tokens[..range.start]
                    .iter()
                    .any(|p| p.pos == Pos::Noun && is_system_noun(&p.lemma));
            return if system_antecedent {
                (Party::System, false)
            } else {
                (Party::Group, false)
            };
        }
        if classes.roles.contains(bare) || bare == "who" || bare == "whom" {
            return (Party::Person, false);
        }
        return (Party::Unknown, false);
    }
    // Only words for software make a role a program; an organisation's name does not
    // ("a 2i2c engineer", "the AWS engineer").
    let software = |i: usize| classes.software.contains(tokens[i].lower.as_str());
    // An agent noun after a system noun or a gerund is a program: "the billing worker",
    // "the monitoring agent"; after another noun it is a person: "the support agents".
    let system_modified = || {
        modifiers.clone().any(|i| {
            let m = &tokens[i];
            software(i)
                || is_product_shaped(&text[m.range.clone()])
                || (m.pos == Pos::Propn && !is_name_shaped(&text[m.range.clone()]))
                || is_system_noun(&m.lemma)
                || (m.pos == Pos::Propn && is_system_noun(&m.lower))
                || (m.lower.ends_with("ing") && m.pos != Pos::Adj)
        })
    };
    if classes.roles.contains(lemma.as_str()) {
        // "the database engineer" is a person; "the package manager" is a program.
        return if modifiers.clone().any(software) {
            (Party::System, false)
        } else {
            (Party::Person, false)
        };
    }
    if classes.agents.contains(lemma.as_str()) {
        return if system_modified() {
            (Party::System, false)
        } else {
            (Party::Person, false)
        };
    }
    if classes.groups.contains(lemma.as_str()) || classes.groups.contains(bare) {
        return (Party::Group, false);
    }
    if is_system_noun(&lemma) || is_system_noun(bare) {
        return (Party::System, false);
    }
    if t.pos == Pos::Propn || written.starts_with(char::is_uppercase) {
        if is_product_shaped(written) || written.chars().all(|c| !c.is_lowercase()) {
            return (Party::System, false);
        }
        if is_name_shaped(written) && t.pos == Pos::Propn {
            let has_determiner = modifiers.clone().any(|i| tokens[i].pos == Pos::Det);
            if has_determiner {
                return (Party::Unknown, false);
            }
            return (Party::Person, false);
        }
        // A capitalised common word opening the sentence: a name only if the document
        // says so.
        return (Party::Unknown, is_name_shaped(written));
    }
    (Party::Unknown, false)
}
