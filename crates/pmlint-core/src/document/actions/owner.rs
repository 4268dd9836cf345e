//! What an owner names (a person, a group, a placeholder, several people) and what a
//! priority text ranks.

use super::OwnerKind;
use crate::document::contains_word;

const PLACEHOLDERS: &[&str] = &[
    "tbd",
    "tba",
    "tbc",
    "tbd owner",
    "to be assigned",
    "to be determined",
    "to be decided",
    "to be confirmed",
    "unassigned",
    "unknown",
    "someone",
    "somebody",
    "anyone",
    "whoever",
    "todo",
    "name",
    "owner",
    "assignee",
    "xxx",
];

/// Whether a lower-cased owner is a placeholder ("TBD?", "[To be assigned]", "@[name]").
pub(super) fn is_placeholder(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    PLACEHOLDERS.contains(&joined.as_str()) || (words.is_empty() && lower.contains('?'))
}

/// Words that name a group of people.
const COLLECTIVES: &[&str] = &[
    "team",
    "teams",
    "squad",
    "squads",
    "group",
    "groups",
    "crew",
    "guild",
    "tribe",
    "everyone",
    "everybody",
    "all",
    "we",
    "us",
    "engineers",
    "developers",
    "devs",
    "folks",
    "people",
    "staff",
    "employees",
    "leadership",
    "management",
    "managers",
    "leads",
    "owners",
    "committee",
    "supervisors",
    "maintainers",
    "reviewers",
    "operators",
    "approvers",
    "admins",
    "administrators",
    "responders",
    "rotation",
    "oncall",
    "department",
    "dept",
    "org",
];
/// Functions that, alone, name a team ("SRE", "Data Eng", "ML Platform").
const FUNCTIONS: &[&str] = &[
    "sre",
    "sres",
    "ops",
    "devops",
    "devsecops",
    "secops",
    "sysops",
    "netops",
    "operations",
    "platform",
    "infra",
    "infrastructure",
    "networking",
    "network",
    "backend",
    "frontend",
    "eng",
    "engineering",
    "data",
    "ml",
    "security",
    "qa",
    "support",
    "dba",
    "dbas",
    "it",
    "product",
    "legal",
    "release",
    "releng",
    "database",
    "analytics",
    "compliance",
];
/// Roles held by one person: "Backend lead", "@infra-manager".
const ROLES: &[&str] = &[
    "lead",
    "manager",
    "owner",
    "head",
    "director",
    "captain",
    "dri",
    "engineer",
    "architect",
    "commander",
    "vp",
    "cto",
    "ciso",
];

/// What an owner names. `teams` are extra team names from configuration. A single-word
/// handle (`@sre`, `@devops`) is taken to be a person, as the seeds' templates use them;
/// a compound one names a team when a part does (`@db-team`, `@sre-core`).
pub fn owner_kind(owner: &str, teams: &[String]) -> OwnerKind {
    // "Łukasz Nowak (Platform)": a person, with the team they belong to.
    if let Some((name, _)) = owner.split_once('(') {
        if name.trim().chars().any(char::is_alphanumeric) {
            let kind = owner_kind(name, teams);
            if kind == OwnerKind::Person {
                return kind;
            }
        }
    }
    let lower = owner.to_lowercase();
    if is_placeholder(&lower) {
        return OwnerKind::Placeholder;
    }
    if teams
        .iter()
        .any(|t| contains_word(&lower, &t.to_lowercase()))
        || is_team(&lower)
    {
        return OwnerKind::Team;
    }
    let people = lower
        .split([',', ';', '/', '&', '+'])
        .flat_map(|p| p.split(" and "))
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .count();
    if people > 1 {
        OwnerKind::Several
    } else {
        OwnerKind::Person
    }
}

fn is_team(lower: &str) -> bool {
    let mut plain = Vec::new();
    for token in lower.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '/')) {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
        if let Some(handle) = token.strip_prefix('@') {
            let parts: Vec<&str> = handle.split(['-', '.', '_']).collect();
            if names_team(&parts, parts.len() > 1) {
                return true;
            }
        } else {
            plain.extend(token.split(|c: char| !c.is_alphanumeric()));
        }
    }
    plain.retain(|w| !w.is_empty());
    let on_call = plain.windows(2).any(|w| w == ["on", "call"]);
    on_call || names_team(&plain, true)
}

/// Whether these words name a group; functions count only when `functions` is set and
/// no single-person role goes with them.
pub(super) fn names_team(words: &[&str], functions: bool) -> bool {
    words.iter().any(|w| COLLECTIVES.contains(w))
        || functions
            && words.iter().any(|w| FUNCTIONS.contains(w))
            && !words.iter().any(|w| ROLES.contains(w))
}

/// A priority as a rank: P0/critical = 0 … P4/lowest = 4.
pub fn priority_rank(text: &str) -> Option<u8> {
    let lower = text.to_lowercase();
    if let Some(i) = lower.find('p') {
        let rest = &lower.as_bytes()[i + 1..];
        let boundary = i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric();
        if boundary
            && rest.first().is_some_and(|b| (b'0'..=b'4').contains(b))
            && rest.get(1).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            return Some(rest[0] - b'0');
        }
    }
    let ranks: [(&str, u8); 9] = [
        ("critical", 0),
        ("urgent", 0),
        ("highest", 0),
        ("high", 1),
        ("medium", 2),
        ("med", 2),
        ("normal", 2),
        ("lowest", 4),
        ("low", 3),
    ];
    ranks
        .iter()
        .find(|(word, _)| contains_word(&lower, word))
        .map(|(_, rank)| *rank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_kinds() {
        use OwnerKind::*;
        let cases = [
            ("@sre", Person),
            ("@dev.patel", Person),
            ("@backend-lead", Person),
            ("Björn Sandberg", Person),
            ("the engineer", Person),
            ("SRE", Team),
            ("Platform team", Team),
            ("@db-team", Team),
            ("@sre-core", Team),
            ("@eng-managers", Team),
            ("On-call rotation", Team),
            ("Eng leadership", Team),
            ("ML Platform", Team),
            ("everyone", Team),
            ("We", Team),
            ("TBD?", Placeholder),
            ("To be assigned", Placeholder),
            ("@[name]", Placeholder),
            ("@alice, @bob", Several),
            ("Alice and Bob", Several),
            ("@alice / @bob", Several),
            ("Łukasz Nowak (Platform)", Person),
            ("Platform (TBD)", Team),
            ("@dock-supervisors", Team),
        ];
        for (owner, kind) in cases {
            assert_eq!(owner_kind(owner, &[]), kind, "{owner}");
        }
        assert_eq!(owner_kind("Payments", &["payments".into()]), Team);
    }

    #[test]
    fn priority_ranks() {
        assert_eq!(priority_rank("P0"), Some(0));
        assert_eq!(priority_rank("🔴 P1"), Some(1));
        assert_eq!(priority_rank("High"), Some(1));
        assert_eq!(priority_rank("Low"), Some(3));
        assert_eq!(priority_rank("Medium"), Some(2));
        assert_eq!(priority_rank("—"), None);
    }
}
