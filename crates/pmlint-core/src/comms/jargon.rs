//! Technical terms a non-technical reader cannot follow, and whether the writer
//! explained them. Seed `000`: "Technical jargon obscures key insights ('corrupted
//! indexes' — what does that mean for business?)"; the customer version keeps "less
//! technical detail (no 'corrupted indexes')".

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Infrastructure vocabulary: terms an engineer reads without thinking and a CEO or a
/// customer cannot.
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:
          (?:database\s+|db\s+)?(?:indexes|indices|index)(?:\s+corruption)?
        | (?:database\s+)?schema(?:\s+(?:migration|change))? | migration\s+script
        | race\s+condition | deadlocks? | mutex(?:es)? | lock\s+contention
        | read\s+replicas? | replicas? | replication(?:\s+lag)? | shards? | sharding | failover | fail-over
        | split[- ]brain | quorum | leader\s+election | consensus
        | dns | bgp | tls | ssl | cdn | tcp | mtu | nat | vpc | iam | waf | api\s+gateway
        | load\s+balancers? | reverse\s+prox(?:y|ies) | ingress(?:\s+controller)?
        | kubernetes | k8s | pods? | clusters? | nodes? | control\s+plane | etcd
        | oom(?:[- ]kill(?:ed|er)?)? | out[- ]of[- ]memory | memory\s+leaks? | garbage\s+collection | gc\s+pauses?
        | thread\s+pools? | connection\s+pools? | connection\s+pool\s+exhaustion | file\s+descriptors?
        | cache\s+(?:invalidation|stampede|eviction|miss(?:es)?) | ttls? | cron(?:\s+jobs?)?
        | p9[059](?:\s+latency)? | [45]xx(?:\s+errors)? | http\s+[45]\d\d | [45]0[0-9]\s+errors
        | rate[- ]limit(?:er|ing)? | circuit\s+breakers? | retry\s+storms? | thundering\s+herd | backpressure
        | idempoten(?:t|cy) | write[- ]ahead\s+log | wal | vacuum | autovacuum | query\s+planner | n\+1
        | kafka | redis | postgres(?:ql)? | mysql | mongodb | elasticsearch | cassandra | dynamodb | s3 | ec2 | rds
        | terraform | helm | canary(?:\s+(?:deploy|release))? | blue[- ]green | feature\s+flags?
        | config(?:uration)?\s+drift | message\s+(?:queue|broker) | dead[- ]letter\s+queue | consumer\s+lag
        | certificate\s+(?:chain|rotation|expiry) | oauth | jwt | tokens?\s+(?:refresh|expiry)
        | ssh | vpn | firmware | kernel(?:\s+panic)? | hypervisor | bare[- ]metal | ci/cd
        | batch\s+jobs? | latency | throughput | packet\s+loss | runbooks?
        )(?-u:\b)",
    )
    .expect("jargon pattern")
});

/// An acronym: two to five capitals ("WMS", "NOC"), possibly plural.
static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[A-Z]{2,5}s?(?-u:\b)").expect("acronym pattern"));

/// Acronyms any reader of a business letter knows: roles, zones, units, places.
const KNOWN_ACRONYMS: &[&str] = &[
    "CEO",
    "CTO",
    "COO",
    "CFO",
    "CIO",
    "CISO",
    "CMO",
    "CPO",
    "VP",
    "SVP",
    "EVP",
    "ELT",
    "HR",
    "IT",
    "PR",
    "UTC",
    "GMT",
    "BST",
    "CET",
    "CEST",
    "PT",
    "PST",
    "PDT",
    "ET",
    "EST",
    "EDT",
    "CT",
    "CST",
    "MT",
    "AM",
    "PM",
    "US",
    "USA",
    "UK",
    "EU",
    "OK",
    "FAQ",
    "ID",
    "PDF",
    "SMS",
    "GB",
    "MB",
    "TB",
    "KB",
    "FYI",
    "ASAP",
    "EOD",
    "EOW",
    "Q",
    "QA",
    "TV",
    "PIN",
    "ATM",
    "GPS",
    "NYC",
    "LA",
    "SLA",
    "RE",
    "FW",
    "TL",
    "DR",
    "CC",
    "BCC",
    "PS",
    "NB",
    "IMPORTANT",
    "URGENT",
    "UPDATE",
    "NOTE",
    "ACTION",
    "H",
    "USD",
    "EUR",
    "GBP",
    "AI",
    "APP",
    "WEB",
    "API",
];

/// An explanation right after the term: a parenthesis, a dash, "which", "that", "i.e.",
/// "meaning", "— the system that …", or the effect spelled out ("causing", "so").
static EXPLAINED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[a-z]*\s*(?:\(|—|–|\s-\s|,\s*(?:which|meaning|i\.e\.|that\s+is|or|the|a|our)\b|:\s|\s+(?:which|that|meaning|i\.e\.|in\s+other\s+words|causing|so\s+that|is\s+(?:the|a|an|what|how|where))\b)")
        .expect("explanation pattern")
});

/// An explanation right before: "(our database index)", "the system that routes traffic, a load balancer".
static EXPLAINED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\(|(?:called|known\s+as|a\s+so-called|what\s+engineers\s+call|technically|technical\s+term)\s*(?:an?\s+|the\s+)?)$")
        .expect("explanation pattern")
});

/// A technical term found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub range: Range<usize>,
    /// The same sentence explains it.
    pub explained: bool,
}

/// Technical terms in `text`, each term once (by its first word, lower-cased, without
/// a "database" in front) across calls sharing `seen`. Terms inside a parenthesis are
/// part of an explanation and are skipped.
pub fn terms(text: &str, seen: &mut Vec<String>) -> Vec<Term> {
    let mut out = Vec::new();
    let acronyms = ACRONYM
        .find_iter(text)
        .filter(|m| !KNOWN_ACRONYMS.contains(&m.as_str().trim_end_matches('s')));
    let mut found: Vec<regex::Match> = TERM.find_iter(text).chain(acronyms).collect();
    found.sort_by_key(|m| m.start());
    found.dedup_by(|b, a| b.start() < a.end());
    for m in found {
        let lower = m.as_str().to_ascii_lowercase();
        // "schema migration" and "schema", "batch job" and "batch jobs" are one term.
        let key = lower
            .trim_start_matches("database ")
            .trim_start_matches("db ")
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('s')
            .to_string();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let (_, window) = super::window_before(text, m.start());
        if window.matches('(').count() > window.matches(')').count() {
            continue;
        }
        let before = super::window_before(text, m.start())
            .1
            .trim_end_matches(' ');
        let explained =
            EXPLAINED_AFTER.is_match(&text[m.end()..]) || EXPLAINED_BEFORE.is_match(before);
        out.push(Term {
            range: m.range(),
            explained,
        });
    }
    out
}

/// The unexplained terms among [`terms`].
pub fn unexplained(text: &str, seen: &mut Vec<String>) -> Vec<Range<usize>> {
    terms(text, seen)
        .into_iter()
        .filter(|t| !t.explained)
        .map(|t| t.range)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<&str> {
        unexplained(text, &mut Vec::new())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn flags_unexplained_terms_once() {
        assert_eq!(
            flagged(
                "A schema migration deployed on Friday hit the batch job and the batch job failed."
            ),
            vec!["schema migration", "batch job"]
        );
        assert_eq!(flagged("Our DNS records expired."), vec!["DNS"]);
    }

    #[test]
    fn explained_terms_pass() {
        assert!(flagged(
            "We deployed a database schema migration (adding an index to support a new feature)."
        )
        .is_empty());
        assert!(flagged("Our DNS — the internet's address book — stopped answering.").is_empty());
        assert!(
            flagged("The two jobs created a race condition that corrupted the data.").is_empty()
        );
        assert!(flagged("Checkout was slow for everyone.").is_empty());
    }
}
