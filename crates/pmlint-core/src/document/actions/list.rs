//! Action items from list items: the action, then its details inline — "(@sre, due
//! 2025-02-01)", "— owner: @bob", "**Owner:** …", "[P1] …", a ticket.

use super::owner::{is_placeholder, names_team, owner_kind};
use super::reading::reads_as_done;
use super::{deadline_in_text, is_blank, subject_owner, ActionItem, ActionSource, OwnerKind};
use crate::date::{find_date, find_deadline};
use crate::document::{Document, Field};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A Markdown link to a web page: `[GitHub issue](https://…)`.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\]\n]*\]\(https?://[^)\s]*\)").expect("link pattern"));
/// A ticket or link that makes up a whole metadata piece.
static TICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Z0-9]{1,9}-\d{1,7}|#\d+|https?://\S+)$").expect("ticket pattern")
});
/// A ticket mentioned anywhere in an item (prefixes of standards are not trackers).
pub(super) static TICKET_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z][A-Z0-9]{1,9}-\d{1,7}(?-u:\b)|(?:^|\s)#\d+(?-u:\b)|https?://\S+")
        .expect("ticket")
});
pub(super) const NOT_TRACKERS: &[&str] = &[
    "UTF", "SHA", "AES", "ISO", "RSA", "TLS", "SSL", "HTTP", "IPV", "RFC", "CVE", "IEEE",
];
static PRIORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:P[0-4]|sev-?[0-4]|critical|urgent|highest|high|medium|med|normal|low|lowest)$",
    )
    .expect("priority pattern")
});
static KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:prevent(?:ion|ive|ative)?|detect(?:ion)?|mitigat(?:e|ion)|document(?:ation)?|repair|process)$")
        .expect("kind pattern")
});
static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:todo|to do|open|done|in progress|not started|started|completed?|blocked|closed|wip)$")
        .expect("status pattern")
});
static HANDLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^@[\w.-]*\w(?:\s*(?:&|/|\+|(?-u:\b)and(?-u:\b))\s*@[\w.-]*\w)*$")
        .expect("handles pattern")
});
/// A person's name: one to four capitalised words ("Björn Sandberg", "Mary-Jane O'Neil");
/// not acronyms ("UTC").
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’.-]*?\p{Ll}[\p{L}'’.-]*(?:\s+(?:(?:de|da|del|der|van|von|bin|al|la|le)\s+)?\p{Lu}[\p{L}'’.-]*?\p{Ll}[\p{L}'’.-]*){0,3}$")
        .expect("name pattern")
});
/// A label inside a metadata piece: "owner: @bob", "**Due:** 2025-02-01", "due 2025-02-01".
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?:(?P<owner>owners?|assignees?|assigned\s+to|who|dri|responsible)
          |(?P<due>due(?:\s+date)?|deadline|eta|target(?:\s+date)?|by|until|before)
          |(?P<priority>priority|prio|pri)
          |(?P<kind>type|kind|category)
          |(?P<status>status|state)
          |(?P<ticket>tickets?|bug|issue|jira|tracking|link))(?-u:\b)
        (?P<colon>\s*(?:\*\*|__)?\s*[:=])?(?:\s*(?:\*\*|__))?\s*",
    )
    .expect("label pattern")
});
/// Where a labelled field starts inside an item: " **Owner:** …", "owner: …".
static COLON_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\*\*|__)?(?-u:\b)(?:owners?|assignees?|assigned\s+to|dri|due(?:\s+date)?|deadline|eta|target\s+date|ticket|priority|status)\s*(?:\*\*|__)?\s*:")
        .expect("colon label pattern")
});
/// Separators between an item's action and its metadata.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:—|–|--?|·|\||→|->)\s+").expect("separator pattern"));
/// "[P1] Add …", "**P0** Add …", "P2: Add …".
static LEADING_PRIORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\[(P[0-4])\]|\((P[0-4])\)|\*\*(P[0-4])\*\*:?|(P[0-4])\s*[:—–-])\s*")
        .expect("leading priority pattern")
});

/// What one piece of an item's metadata is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PieceKind {
    Owner,
    Due,
    Priority,
    Kind,
    Status,
    Ticket,
    /// A label with nothing after it ("owner:").
    Empty,
    Unknown,
}

/// Splits metadata into pieces at `,` `;` `(` `)` `[` `]` `|` `·` `→` dashes and sentence
/// ends, keeping dates such as "Feb 28, 2025" whole. Ranges are trimmed.
fn pieces(text: &str) -> Vec<Range<usize>> {
    let mut dates = Vec::new();
    let mut offset = 0;
    while let Some((_, r)) = find_date(&text[offset..]) {
        dates.push(offset + r.start..offset + r.end);
        offset += r.end;
    }
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let piece = &text[from..to];
        let trim = |c: char| c.is_whitespace() || matches!(c, '*' | '_' | '.');
        let lead = piece.len() - piece.trim_start_matches(trim).len();
        let kept = piece.trim_matches(trim).len();
        if kept > 0 {
            out.push(from + lead..from + lead + kept);
        }
    };
    // A Markdown link "[GitHub issue](https://…)" is one piece: a ticket.
    let links: Vec<Range<usize>> = LINK.find_iter(text).map(|m| m.range()).collect();
    let mut skip_to = 0;
    for (i, ch) in text.char_indices() {
        if i < skip_to || dates.iter().any(|d| d.contains(&i)) {
            continue;
        }
        if let Some(link) = links.iter().find(|l| l.start == i) {
            push(start, i, &mut out);
            out.push(link.clone());
            start = link.end;
            skip_to = link.end;
            continue;
        }
        let separator = match ch {
            ',' | ';' | '(' | ')' | '[' | ']' | '|' | '·' | '—' | '–' | '→' => true,
            // " - " and a full stop that ends a sentence.
            '-' => i > 0 && bytes[i - 1] == b' ' && bytes.get(i + 1).is_none_or(|b| *b == b' '),
            '.' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            _ => false,
        };
        if separator {
            push(start, i, &mut out);
            start = i + ch.len_utf8();
        }
    }
    push(start, text.len(), &mut out);
    out
}

/// Classifies one metadata piece; returns the kind and the value's range in `piece`.
fn classify_piece(piece: &str) -> (PieceKind, Range<usize>) {
    let whole = 0..piece.len();
    if LINK.find(piece).is_some_and(|m| m.range() == whole) {
        // "[OPS-1](…)": the ticket is the link's text when it names one.
        let text = 1..piece.find("](").unwrap_or(1);
        let value = if TICKET.is_match(&piece[text.clone()]) {
            text
        } else {
            whole
        };
        return (PieceKind::Ticket, value);
    }
    if let Some(caps) = LABEL.captures(piece) {
        let value_start = caps.get(0).map_or(0, |m| m.end());
        let value = &piece[value_start..];
        let range = value_start..piece.len();
        let colon = caps.name("colon").is_some();
        let kind = if caps.name("owner").is_some() {
            Some(PieceKind::Owner).filter(|_| colon || is_owner_like(value))
        } else if caps.name("due").is_some() {
            Some(PieceKind::Due).filter(|_| colon || find_deadline(value).is_some())
        } else if caps.name("priority").is_some() {
            Some(PieceKind::Priority).filter(|_| colon || PRIORITY.is_match(value))
        } else if caps.name("kind").is_some() {
            Some(PieceKind::Kind).filter(|_| colon)
        } else if caps.name("status").is_some() {
            Some(PieceKind::Status).filter(|_| colon)
        } else {
            Some(PieceKind::Ticket).filter(|_| colon || TICKET.is_match(value))
        };
        if let Some(kind) = kind {
            return if value.trim().is_empty() || is_blank(value) {
                (PieceKind::Empty, range)
            } else {
                (kind, range)
            };
        }
    }
    let kind = if TICKET.is_match(piece) {
        PieceKind::Ticket
    } else if PRIORITY.is_match(piece) {
        PieceKind::Priority
    } else if KIND.is_match(piece) {
        PieceKind::Kind
    } else if STATUS.is_match(piece) {
        PieceKind::Status
    } else if find_deadline(piece).is_some_and(|(_, r)| r == whole) {
        PieceKind::Due
    } else if is_owner_like(piece) {
        PieceKind::Owner
    } else {
        PieceKind::Unknown
    };
    (kind, whole)
}

/// Whether a piece names someone: handles, a person's name, a team, or a placeholder.
fn is_owner_like(text: &str) -> bool {
    let t = text.trim();
    let one = |t: &str| {
        HANDLES.is_match(t)
            || NAME.is_match(t)
            || is_team_name(t)
            || is_placeholder(&t.to_lowercase())
    };
    // "Ana Lima and Tom Berg", "@a & @b".
    let mut parts = t.split(" and ").flat_map(|p| p.split(['&', '/']));
    one(t)
        || t.contains([' ', '&', '/'])
            && parts.all(|p| NAME.is_match(p.trim()) || HANDLES.is_match(p.trim()))
}

/// A short team name ("QA team", "the team", "On-call rotation", "SRE"), not a clause
/// that happens to contain "all" or "we".
fn is_team_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() <= 3
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            w.starts_with(char::is_uppercase)
                || ["the", "our", "all"].contains(&lower.as_str())
                || names_team(&[lower.as_str()], true)
        })
        && owner_kind(text, &[]) == OwnerKind::Team
}

/// Fields found in an item's metadata, as ranges into the item's text.
#[derive(Debug, Default)]
struct Metadata {
    owner: Option<Range<usize>>,
    due: Option<Range<usize>>,
    priority: Option<Range<usize>>,
    kind: Option<Range<usize>>,
    status: Option<Range<usize>>,
    ticket: Option<Range<usize>>,
    unparsed: Vec<Range<usize>>,
    known: usize,
}

/// "@carol by 2025-03-01": an owner and a deadline in one piece.
static OWNER_BY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.*?\S)\s+(?:by|due(?:\s+date)?|until)\s+").expect("owner-by pattern")
});

/// The pieces of `text[offset..]`, as ranges into `text`, with "owner by date" split.
fn metadata_pieces(text: &str, offset: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for piece in pieces(&text[offset..]) {
        let piece = offset + piece.start..offset + piece.end;
        let split = OWNER_BY_DATE
            .captures(&text[piece.clone()])
            .and_then(|caps| {
                let owner = caps.get(1)?;
                let rest = caps.get(0)?.end();
                let deadline = find_deadline(&text[piece.start + rest..piece.end])?;
                (is_owner_like(owner.as_str()) && deadline.1.start == 0)
                    .then_some((piece.start + owner.end(), piece.start + rest))
            });
        match split {
            Some((owner_end, due_start)) => {
                out.push(piece.start..owner_end);
                out.push(due_start..piece.end);
            }
            None => out.push(piece),
        }
    }
    out
}

fn parse_metadata(text: &str, offset: usize) -> Metadata {
    let mut meta = Metadata::default();
    let mut last_owner_piece = None;
    for (n, piece) in metadata_pieces(text, offset).into_iter().enumerate() {
        let (kind, value) = classify_piece(&text[piece.clone()]);
        let value = piece.start + value.start..piece.start + value.end;
        let slot = match kind {
            PieceKind::Owner => {
                // Consecutive owners are one field naming several people.
                match (&mut meta.owner, last_owner_piece) {
                    (Some(owner), Some(prev)) if prev + 1 == n => owner.end = value.end,
                    (None, _) => meta.owner = Some(value),
                    _ => meta.unparsed.push(piece),
                }
                last_owner_piece = Some(n);
                meta.known += 1;
                continue;
            }
            PieceKind::Due => &mut meta.due,
            PieceKind::Priority => &mut meta.priority,
            PieceKind::Kind => &mut meta.kind,
            PieceKind::Status => &mut meta.status,
            PieceKind::Ticket => &mut meta.ticket,
            PieceKind::Empty => {
                meta.known += 1;
                continue;
            }
            PieceKind::Unknown => {
                meta.unparsed.push(piece);
                continue;
            }
        };
        meta.known += 1;
        if slot.is_none() {
            *slot = Some(value);
        } else {
            meta.unparsed.push(piece);
        }
    }
    meta
}

/// Whether `text` reads as metadata rather than more of the action.
fn is_metadata(text: &str) -> bool {
    let meta = parse_metadata(text, 0);
    meta.known > 0 && meta.known >= meta.unparsed.len()
}

/// Where an item's metadata starts: a labelled field, a separator followed by
/// metadata, or trailing parenthesised / bracketed groups of metadata.
fn metadata_start(text: &str) -> usize {
    let mut start = COLON_LABEL
        .find_iter(text)
        .map(|m| m.start())
        .find(|&s| s > 0)
        .unwrap_or(text.len());
    if let Some(m) = SEPARATOR
        .find_iter(&text[..start])
        .find(|m| is_metadata(&text[m.end()..]))
    {
        start = m.start();
    }
    while let Some(open) = trailing_group(&text[..start]) {
        if !is_metadata(&text[open..start]) {
            break;
        }
        start = open;
    }
    start
}

/// The start of a `(…)`, `[…]` or `[…](…)` group that ends `text` (before spaces and
/// a full stop), if any and if something precedes it.
fn trailing_group(text: &str) -> Option<usize> {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
    let close = trimmed.chars().next_back()?;
    let open_char = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let mut depth = 0;
    let mut open = None;
    for (i, c) in trimmed.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open_char {
            depth -= 1;
            if depth == 0 {
                open = Some(i);
                break;
            }
        }
    }
    let mut open = open?;
    // A link `[text](url)` is one group.
    if open_char == '(' && trimmed[..open].ends_with(']') {
        open = trailing_group(&trimmed[..open])?;
    }
    (open > 0 && !trimmed[..open].trim().is_empty()).then_some(open)
}

pub(super) fn parse_item(doc: &Document, index: usize, section: usize) -> ActionItem {
    let item = &doc.list_items[index];
    let base = item.text_range.start;
    let text = &doc.text[item.text_range.clone()];
    let at = |r: Range<usize>| Field::new(doc.text, base + r.start..base + r.end);

    let (leading_priority, action_start) = match LEADING_PRIORITY.captures(text) {
        Some(caps) => (
            (1..=4).find_map(|g| caps.get(g)).map(|m| m.range()),
            caps.get(0).map_or(0, |m| m.end()),
        ),
        None => (None, 0),
    };
    let start = action_start + metadata_start(&text[action_start..]);
    let meta = parse_metadata(text, start);

    // The action: before the metadata, without trailing separators or wrapping emphasis.
    let mut action = action_start..start;
    let slice = &text[action.clone()];
    let trimmed = slice.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '—' | '–' | '·' | '.' | '|')
    });
    action.end = action.start + trimmed.len();
    for marker in ["**", "__"] {
        let slice = &text[action.clone()];
        if slice.len() > 4 && slice.starts_with(marker) && slice.ends_with(marker) {
            action = action.start + 2..action.end - 2;
        }
    }
    if action.is_empty() {
        action = 0..text.len();
    }
    let action_range = action.clone();
    let action = at(action);

    let ticket = meta.ticket.clone().map(at).or_else(|| {
        TICKET_IN_TEXT
            .find_iter(text)
            .find(|m| !NOT_TRACKERS.iter().any(|p| m.as_str().starts_with(p)))
            .map(|m| {
                let lead = m.as_str().len() - m.as_str().trim_start().len();
                at(m.start() + lead..m.end())
            })
    });
    ActionItem {
        range: item.range.clone(),
        owner: meta.owner.map(at).or_else(|| subject_owner(&action)),
        due: meta.due.map(at).or_else(|| {
            deadline_in_text(&action.text)
                .map(|r| at(action_range.start + r.start..action_range.start + r.end))
        }),
        priority: meta.priority.or(leading_priority).map(at),
        kind: meta.kind.map(at),
        status: meta.status.map(at).or_else(|| {
            // "Execution clients implemented a fix …": reported as already done.
            let done = item.task.or_else(|| reads_as_done(text).then_some(true))?;
            Some(Field {
                text: if done { "done".into() } else { "open".into() },
                range: item.range.start..item.range.start,
            })
        }),
        ticket,
        unparsed: meta.unparsed.into_iter().map(at).collect(),
        action,
        source: ActionSource::ListItem { item: index },
        section,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fields, items};
    use super::super::{owner_kind, OwnerKind};

    #[test]
    fn list_items_with_inline_metadata() {
        let cases: &[(&str, [Option<&str>; 4])] = &[
            (
                "- Add alert for connection pool > 80% (@sre, due 2025-02-01)",
                [Some("Add alert for connection pool > 80%"), Some("@sre"), Some("2025-02-01"), None],
            ),
            (
                "- [ ] Page on lag (@dev.patel, due Feb 28, 2025, MOB-9872)",
                [Some("Page on lag"), Some("@dev.patel"), Some("Feb 28, 2025"), Some("MOB-9872")],
            ),
            (
                "- Enable branch protection — owner: @alice, due: 2025/05/09",
                [Some("Enable branch protection"), Some("@alice"), Some("2025/05/09"), None],
            ),
            (
                "- Add monitoring · Owner: @t.nguyen · Due: 2025-02-21 · SEC-256",
                [Some("Add monitoring"), Some("@t.nguyen"), Some("2025-02-21"), Some("SEC-256")],
            ),
            (
                "* Add keys to the refund endpoint. **Owner:** Hana Sato. **Due:** 2025-03-28.",
                [Some("Add keys to the refund endpoint"), Some("Hana Sato"), Some("2025-03-28"), None],
            ),
            (
                "- [ ] **Alert when lag exceeds 10k messages** — Amara Obi — 2025-03-07 — NET-6079",
                [Some("Alert when lag exceeds 10k messages"), Some("Amara Obi"), Some("2025-03-07"), Some("NET-6079")],
            ),
            (
                "- [ ] Add a dead-letter topic → @ana.lopes by 2025-08-29",
                [Some("Add a dead-letter topic"), Some("@ana.lopes"), Some("2025-08-29"), None],
            ),
            (
                "1. Page when readings stop for 10 minutes [@jdiaz] (by Feb 28, 2025)",
                [Some("Page when readings stop for 10 minutes"), Some("@jdiaz"), Some("Feb 28, 2025"), None],
            ),
            (
                "3. Improve logging (owner @jdiaz; due date 15 Mar 2025)",
                [Some("Improve logging"), Some("@jdiaz"), Some("15 Mar 2025"), None],
            ),
            (
                "- Developers to agree on a response approach in the next engineering catchup",
                [Some("Developers to agree on a response approach in the next engineering catchup"), Some("Developers"), Some("the next engineering catchup"), None],
            ),
            (
                "- [ ] Enable SMTP for alerts [GitHub Issue](https://x.invalid/issues/365)",
                [Some("Enable SMTP for alerts"), None, None, Some("[GitHub Issue](https://x.invalid/issues/365)")],
            ),
            (
                "- Write the note — Rosa",
                [Some("Write the note"), Some("Rosa"), None, None],
            ),
            (
                "- Look into managing DNS with Terraform (team)",
                [Some("Look into managing DNS with Terraform"), Some("team"), None, None],
            ),
            (
                "- [ ] Add a rate limit of 100 req/s (TBD, PAY-3051)",
                [Some("Add a rate limit of 100 req/s"), Some("TBD"), None, Some("PAY-3051")],
            ),
            (
                "- Carol's fix — @carol by 2025-03-01 [JIRA-123]",
                [Some("Carol's fix"), Some("@carol"), Some("2025-03-01"), Some("JIRA-123")],
            ),
            (
                "- Fix the retry loop, see #123 (@bob)",
                [Some("Fix the retry loop, see #123"), Some("@bob"), None, Some("#123")],
            ),
            (
                "- Rotate keys ([OPS-1](https://jira.example/OPS-1), @ann, due Q2 2025)",
                [Some("Rotate keys"), Some("@ann"), Some("Q2 2025"), Some("OPS-1")],
            ),
            (
                "- We will coach the engineer involved on change management.",
                [Some("We will coach the engineer involved on change management"), Some("We"), None, None],
            ),
            (
                "- Add an SLO alert (2% of budget in 1h) for the search API",
                [Some("Add an SLO alert (2% of budget in 1h) for the search API"), None, None, None],
            ),
            (
                "- Set `concurrencyPolicy: Forbid` on the payouts CronJob (threshold: 80%, Slack notification)",
                [Some("Set `concurrencyPolicy: Forbid` on the payouts CronJob (threshold: 80%, Slack notification)"), None, None, None],
            ),
        ];
        for (body, expected) in cases {
            let parsed = items(body);
            assert_eq!(parsed.len(), 1, "{body}");
            assert_eq!(&fields(&parsed[0]), expected, "{body}");
        }
    }

    #[test]
    fn several_owners_in_a_list_item_are_one_field() {
        for (body, owner) in [
            ("- Add alert (@alice, @bob, due 2025-02-01)", "@alice, @bob"),
            (
                "- Add alert (Ana Lima and Tom Berg, due 2025-02-01)",
                "Ana Lima and Tom Berg",
            ),
            ("- Add alert — @ana / @tom — 2025-02-01", "@ana / @tom"),
        ] {
            let parsed = items(body);
            let found = parsed[0].owner.as_ref().map(|o| o.text.as_str());
            assert_eq!(found, Some(owner), "{body}");
            assert_eq!(owner_kind(owner, &[]), OwnerKind::Several, "{body}");
        }
    }
}
