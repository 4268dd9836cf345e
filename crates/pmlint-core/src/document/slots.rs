//! Canonical section slots and the heading synonyms that name them.

use serde::Serialize;

/// A canonical part of a postmortem. Several fine-grained slots satisfy one required
/// slot (see [`Slot::group`]): "Contributing factors" or a "5 Whys" section satisfies
/// "Root cause", "What went well" satisfies "Lessons learned".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Slot {
    Metadata,
    Summary,
    Impact,
    Detection,
    Timeline,
    RootCause,
    ContributingFactors,
    FiveWhys,
    Resolution,
    LessonsLearned,
    WhatWentWell,
    WhatWentWrong,
    WhereWeGotLucky,
    ActionItems,
    Appendix,
}

impl Slot {
    pub const ALL: [Slot; 15] = [
        Slot::Metadata,
        Slot::Summary,
        Slot::Impact,
        Slot::Detection,
        Slot::Timeline,
        Slot::RootCause,
        Slot::ContributingFactors,
        Slot::FiveWhys,
        Slot::Resolution,
        Slot::LessonsLearned,
        Slot::WhatWentWell,
        Slot::WhatWentWrong,
        Slot::WhereWeGotLucky,
        Slot::ActionItems,
        Slot::Appendix,
    ];

    /// The required slot this one satisfies.
    pub fn group(self) -> Slot {
        match self {
            Slot::ContributingFactors | Slot::FiveWhys => Slot::RootCause,
            Slot::WhatWentWell | Slot::WhatWentWrong | Slot::WhereWeGotLucky => {
                Slot::LessonsLearned
            }
            other => other,
        }
    }

    /// Display name, also the heading text of an inserted skeleton.
    pub fn title(self) -> &'static str {
        match self {
            Slot::Metadata => "Metadata",
            Slot::Summary => "Summary",
            Slot::Impact => "Impact",
            Slot::Detection => "Detection",
            Slot::Timeline => "Timeline",
            Slot::RootCause => "Root Cause",
            Slot::ContributingFactors => "Contributing Factors",
            Slot::FiveWhys => "5 Whys",
            Slot::Resolution => "Resolution",
            Slot::LessonsLearned => "Lessons Learned",
            Slot::WhatWentWell => "What Went Well",
            Slot::WhatWentWrong => "What Went Wrong",
            Slot::WhereWeGotLucky => "Where We Got Lucky",
            Slot::ActionItems => "Action Items",
            Slot::Appendix => "Appendix",
        }
    }

    /// Stable identifier used in configuration (`[sections] required = ["root-cause"]`).
    pub fn key(self) -> &'static str {
        match self {
            Slot::Metadata => "metadata",
            Slot::Summary => "summary",
            Slot::Impact => "impact",
            Slot::Detection => "detection",
            Slot::Timeline => "timeline",
            Slot::RootCause => "root-cause",
            Slot::ContributingFactors => "contributing-factors",
            Slot::FiveWhys => "five-whys",
            Slot::Resolution => "resolution",
            Slot::LessonsLearned => "lessons-learned",
            Slot::WhatWentWell => "what-went-well",
            Slot::WhatWentWrong => "what-went-wrong",
            Slot::WhereWeGotLucky => "where-we-got-lucky",
            Slot::ActionItems => "action-items",
            Slot::Appendix => "appendix",
        }
    }

    pub fn from_key(key: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Position in a canonical postmortem, used to place inserted sections.
    pub fn order(self) -> usize {
        Slot::ALL
            .iter()
            .position(|&s| s == self)
            .unwrap_or(usize::MAX)
    }

    /// What the skeleton of this section asks the author for.
    pub fn prompt(self) -> &'static str {
        match self {
            Slot::Metadata => "Date, severity, status and the single owner of this postmortem.",
            Slot::Summary => "One paragraph: what happened, how long it lasted, the impact, and what we are doing to prevent recurrence.",
            Slot::Impact => "Who and what was affected, quantified: users, requests, revenue, duration, SLO budget.",
            Slot::Detection => "How the incident was detected, and how long that took.",
            Slot::Timeline => "All times in UTC. Detection, acknowledgement, mitigation and resolution, with timestamps.",
            Slot::RootCause => "The systemic cause: the process, tooling or design condition that allowed this, not a person.",
            Slot::ContributingFactors => "Conditions that made the incident possible or worse.",
            Slot::FiveWhys => "Ask why until you reach a process, tooling, design or policy condition.",
            Slot::Resolution => "What stopped the impact and how recovery was verified.",
            Slot::LessonsLearned => "What went well, what went poorly, where we got lucky.",
            Slot::WhatWentWell => "What helped the response.",
            Slot::WhatWentWrong => "What made the response harder.",
            Slot::WhereWeGotLucky => "What could have made this worse but didn't.",
            Slot::ActionItems => "Specific actions, each with a single owner, a due date, a priority and a ticket.",
            Slot::Appendix => "Logs, graphs and references.",
        }
    }
}

/// Verbs a template addresses its writer with ("*Describe how users were impacted*").
pub const PROMPT_VERBS: &[&str] = &[
    "list",
    "describe",
    "report",
    "note",
    "run",
    "explain",
    "summarize",
    "summarise",
    "include",
    "add",
    "provide",
    "give",
    "outline",
    "document",
    "write",
    "state",
    "insert",
    "enter",
    "mention",
    "detail",
    "identify",
    "record",
    "link",
    "attach",
    "capture",
    "specify",
    "paste",
    "fill",
    "replace",
    "use",
];

/// Built-in synonyms, already normalized (see [`normalize_heading`]).
const SYNONYMS: &[(Slot, &[&str])] = &[
    (
        Slot::Metadata,
        &[
            "metadata",
            "incident metadata",
            "incident details",
            "document details",
            "details",
        ],
    ),
    (
        Slot::Summary,
        &[
            "summary",
            "executive summary",
            "incident summary",
            "issue summary",
            "overview",
            "tl dr",
            "tldr",
            "abstract",
            "summary of the incident",
            "incident overview",
            "introduction",
        ],
    ),
    (
        Slot::Impact,
        &[
            "impact",
            "customer impact",
            "user impact",
            "business impact",
            "severity and impact",
            "what was impacted",
            "impact assessment",
            "impact and severity",
            "blast radius",
            "customer and business impact",
        ],
    ),
    (
        Slot::Detection,
        &[
            "detection",
            "how it was detected",
            "how we found out",
            "how was it detected",
            "detection and response",
        ],
    ),
    (
        Slot::Timeline,
        &[
            "timeline",
            "incident timeline",
            "timeline of events",
            "chain of events",
            "sequence of events",
            "detailed timeline",
            "event timeline",
        ],
    ),
    (
        Slot::RootCause,
        &[
            "root cause",
            "root causes",
            "root cause analysis",
            "why it happened",
            "what caused the incident",
            "cause",
            "why",
            "why did it happen",
            "causes",
            "causal analysis",
            "rca",
            "root cause and trigger",
            "primary root cause",
            "underlying cause",
            "root causes and trigger",
            "trigger and root cause",
        ],
    ),
    (
        Slot::ContributingFactors,
        &[
            "contributing factors",
            "contributing conditions",
            "contributing causes",
            "contributing factor",
        ],
    ),
    (
        Slot::FiveWhys,
        &[
            "5 whys",
            "five whys",
            "5 why s",
            "five why s",
            "the five whys",
            "5 whys analysis",
            "five whys analysis",
            "5 why",
        ],
    ),
    (
        Slot::Resolution,
        &[
            "resolution",
            "recovery",
            "mitigation",
            "response",
            "resolution and recovery",
            "mitigation and resolution",
            "response and recovery",
            "resolution and mitigation",
            "remediation taken",
            "how it was resolved",
        ],
    ),
    (
        Slot::LessonsLearned,
        &[
            "lessons learned",
            "lessons learnt",
            "lessons",
            "learnings",
            "key takeaways",
            "takeaways",
            "how d we do",
            "how did we do",
        ],
    ),
    (
        Slot::WhatWentWell,
        &["what went well", "things that went well", "what worked"],
    ),
    (
        Slot::WhatWentWrong,
        &[
            "what went wrong",
            "what went poorly",
            "what went badly",
            "things that went wrong",
            "what could be improved",
            "what didn t go so well",
            "what didn t go well",
            "what did not go well",
        ],
    ),
    (
        Slot::WhereWeGotLucky,
        &[
            "where we got lucky",
            "where we were lucky",
            "what we got lucky with",
        ],
    ),
    (
        Slot::ActionItems,
        &[
            "action items",
            "corrective and preventative measures",
            "corrective and preventive measures",
            "corrective and preventive actions",
            "corrective and preventative actions",
            "corrective actions",
            "corrective action items",
            "preventive actions",
            "preventative actions",
            "follow ups",
            "follow up",
            "followups",
            "follow up actions",
            "follow up items",
            "remediation",
            "remediation items",
            "next steps",
            "prevention",
            "what we re doing about it",
            "what we are doing about it",
            "action plan",
            "actions",
            "action items and follow ups",
            "prevention measures",
            "follow up plan",
            "follow up tasks",
            "follow up improvements",
            "looking forward",
            "going forward",
            "future work",
            "future works",
            "future plan",
            "future plans",
            "recommendations",
            "remedial measures",
            "improvements",
            "tasks",
            "remediations",
            "preventive measures",
            "preventative measures",
        ],
    ),
    (
        Slot::Appendix,
        &[
            "appendix",
            "supporting information",
            "supporting data",
            "references",
            "appendices",
        ],
    ),
];

/// Lower-cases a heading and strips what varies between templates: emoji and
/// punctuation, a trailing colon or parenthetical.
pub fn normalize_heading(title: &str) -> String {
    let mut text = title.trim();
    // A trailing parenthetical: "Timeline (UTC)".
    if let Some(open) = text.rfind('(') {
        if text.ends_with(')') && open > 0 {
            text = &text[..open];
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        let ch = if ch == '&' { '+' } else { ch };
        if ch.is_alphanumeric() || ch == '+' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            if ch == '+' {
                out.push_str("and");
            } else {
                out.extend(ch.to_lowercase());
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// The heading without leading numbering: "2 timeline", "iv timeline", "a timeline"
/// (from "A. Timeline"), if it has any.
fn strip_numbering(normalized: &str) -> Option<&str> {
    let (first, rest) = normalized.split_once(' ')?;
    is_numbering(first).then_some(rest)
}

/// The heading after one and after two qualifying words: "root cause remediations" →
/// "cause remediations", "remediations".
fn without_qualifiers(normalized: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(normalized), |rest| {
        rest.split_once(' ').map(|(_, r)| r)
    })
    .skip(1)
    .take(2)
}

fn is_numbering(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || matches!(
            word,
            "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x" | "xi" | "xii"
        )
        || (word.len() == 1 && word != "a" && word.chars().all(|c| c.is_ascii_lowercase()))
}

/// Classifies a heading by the built-in synonyms plus `extra` (slot, normalized name).
/// A heading like "Root Cause: pool exhaustion" is classified by its part before the colon.
pub fn classify(title: &str, extra: &[(Slot, String)]) -> Option<Slot> {
    let lookup = |name: &str| -> Option<Slot> {
        extra
            .iter()
            .find(|(_, n)| n == name)
            .map(|(s, _)| *s)
            .or_else(|| {
                SYNONYMS
                    .iter()
                    .find(|(_, names)| names.contains(&name))
                    .map(|(s, _)| *s)
            })
    };
    let normalized = normalize_heading(title);
    if normalized.is_empty() {
        return None;
    }
    // "5 Whys" is a name; "5. Timeline" is numbering.
    lookup(&normalized)
        .or_else(|| strip_numbering(&normalized).and_then(lookup))
        .or_else(|| without_qualifiers(&normalized).find_map(lookup))
        .or_else(|| {
            let head = title.split([':', '—', '–']).next().unwrap_or("");
            let head = head.split(" - ").next().unwrap_or("");
            if head.len() < title.trim().len() {
                let head = normalize_heading(head);
                lookup(&head).or_else(|| strip_numbering(&head).and_then(lookup))
            } else {
                None
            }
        })
        .or_else(|| names_what_was_affected(&normalized).then_some(Slot::Impact))
}

/// "Impacted Slots", "Affected services", "Affected customers": a heading that lists
/// what the incident reached is the impact, whatever it is that was reached.
fn names_what_was_affected(normalized: &str) -> bool {
    let head = strip_numbering(normalized).unwrap_or(normalized);
    matches!(
        head.split_once(' '),
        Some(("impacted" | "affected", rest)) if !rest.is_empty()
    )
}

/// The slots a heading covers: its own, and a second one when it joins two section
/// names ("Detection and Response", "Impact & Timeline", "Cause/Trigger").
pub fn classify_combined(title: &str, extra: &[(Slot, String)]) -> (Option<Slot>, Option<Slot>) {
    let whole = classify(title, extra);
    let parts: Vec<&str> = title
        .split(['/', '&', '+'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" And "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 2 {
        return (whole, None);
    }
    let (first, second) = (classify(parts[0], extra), classify(parts[1], extra));
    let slot = first.or(whole).or(second);
    let also = [first, second]
        .into_iter()
        .flatten()
        .find(|s| Some(s.group()) != slot.map(Slot::group));
    (slot, also)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_synonyms_and_variants() {
        let cases = [
            ("Executive Summary", Some(Slot::Summary)),
            ("7. Five whys", Some(Slot::FiveWhys)),
            ("5 Whys", Some(Slot::FiveWhys)),
            ("3. Timeline", Some(Slot::Timeline)),
            ("Timeline (all times UTC)", Some(Slot::Timeline)),
            ("Severity & Impact", Some(Slot::Impact)),
            ("TL;DR", Some(Slot::Summary)),
            ("Root Cause:", Some(Slot::RootCause)),
            ("Root cause: pool exhaustion", Some(Slot::RootCause)),
            ("What we're doing about it", Some(Slot::ActionItems)),
            (
                "Corrective and Preventative Measures",
                Some(Slot::ActionItems),
            ),
            ("Where We Got Lucky", Some(Slot::WhereWeGotLucky)),
            ("Impact of the change on metrics", None),
            ("Installation", None),
            ("Root Cause Remediations", Some(Slot::ActionItems)),
            ("☑️ Follow-up tasks", Some(Slot::ActionItems)),
            ("Five Why's", Some(Slot::FiveWhys)),
            ("Impacted Slots", Some(Slot::Impact)),
            ("2. Affected services", Some(Slot::Impact)),
            ("Affected", None),
        ];
        for (title, expected) in cases {
            assert_eq!(classify(title, &[]), expected, "{title}");
        }
        let combined = [
            (
                "Detection and Response",
                Some(Slot::Detection),
                Some(Slot::Resolution),
            ),
            (
                "Impact & Timeline",
                Some(Slot::Impact),
                Some(Slot::Timeline),
            ),
            ("Cause/Trigger", Some(Slot::RootCause), None),
            (
                "Root cause / Action items",
                Some(Slot::RootCause),
                Some(Slot::ActionItems),
            ),
            ("Resolution and Recovery", Some(Slot::Resolution), None),
            ("Rock and roll", None, None),
        ];
        for (title, slot, also) in combined {
            assert_eq!(classify_combined(title, &[]), (slot, also), "{title}");
        }
        let extra = vec![(Slot::Timeline, normalize_heading("Sequence"))];
        assert_eq!(classify("Sequence", &extra), Some(Slot::Timeline));
    }
}
