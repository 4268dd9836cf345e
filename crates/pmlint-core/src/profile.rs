//! Profiles: which sections a postmortem needs, and the skeleton `pmlint init` writes.

use crate::date::Date;
use crate::document::Slot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    pub name: &'static str,
    pub description: &'static str,
    /// Slots that must be present (each is satisfied by any slot of its group).
    pub required: &'static [Slot],
    /// Slots inserted by `init` but not required.
    pub recommended: &'static [Slot],
}

pub static PROFILES: &[Profile] = &[
    Profile {
        name: "default",
        description: "A blameless postmortem (seed guidance: summary, impact, timeline, root cause, action items).",
        required: &[Slot::Summary, Slot::Impact, Slot::Timeline, Slot::RootCause, Slot::ActionItems],
        recommended: &[Slot::Detection, Slot::FiveWhys, Slot::Resolution, Slot::LessonsLearned],
    },
    Profile {
        name: "sre-book",
        description: "Google SRE book example postmortem: adds detection, resolution and lessons learned.",
        required: &[
            Slot::Summary,
            Slot::Impact,
            Slot::RootCause,
            Slot::Detection,
            Slot::Resolution,
            Slot::ActionItems,
            Slot::LessonsLearned,
            Slot::Timeline,
        ],
        recommended: &[Slot::WhereWeGotLucky, Slot::Appendix],
    },
    Profile {
        name: "pagerduty",
        description: "PagerDuty postmortem template: summary, what happened, resolution, root cause, impact, timeline, how'd we do, action items.",
        required: &[
            Slot::Summary,
            Slot::Resolution,
            Slot::RootCause,
            Slot::Impact,
            Slot::Timeline,
            Slot::ActionItems,
        ],
        recommended: &[Slot::LessonsLearned],
    },
];

pub fn find_profile(name: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.name == name)
}

/// The Markdown a new section starts with: heading plus a prompt in a comment, which
/// keeps the section flagged as empty until the author writes it.
pub fn section_skeleton(slot: Slot, level: u8) -> String {
    let hashes = "#".repeat(usize::from(level.clamp(1, 6)));
    let body = match slot {
        Slot::Timeline => "All times in UTC.\n\n| Time | Event |\n|------|-------|\n".to_string(),
        Slot::ActionItems => {
            "| Action | Owner | Due date | Priority | Type | Ticket |\n|--------|-------|----------|----------|------|--------|\n".to_string()
        }
        _ => String::new(),
    };
    format!(
        "{hashes} {}\n\n<!-- {} -->\n{}{}",
        slot.title(),
        slot.prompt(),
        if body.is_empty() { "" } else { "\n" },
        body
    )
}

/// Fields of a new postmortem.
#[derive(Debug, Clone, Default)]
pub struct TemplateFields {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub severity: Option<String>,
}

impl Profile {
    /// Every slot the template holds, in canonical order.
    pub fn template_slots(&self) -> Vec<Slot> {
        let mut slots: Vec<Slot> = self
            .required
            .iter()
            .chain(self.recommended)
            .copied()
            .collect();
        slots.sort_by_key(|s| s.order());
        slots.dedup();
        slots
    }

    /// A new postmortem: title, metadata, and a skeleton of each section.
    pub fn template(&self, fields: &TemplateFields) -> String {
        let title = fields.title.as_deref().unwrap_or("[Incident Title]");
        let date = fields
            .date
            .map_or_else(|| "YYYY-MM-DD".to_string(), |d| d.to_string());
        let severity = fields.severity.as_deref().unwrap_or("SEV1 / SEV2 / SEV3");
        let mut out = format!(
            "# Postmortem: {title}\n\n| Field | Value |\n|-------|-------|\n| **Date** | {date} |\n| **Severity** | {severity} |\n| **Status** | Draft |\n| **Owner** | @[name] |\n\n"
        );
        for slot in self.template_slots() {
            out.push_str(&section_skeleton(slot, 2));
            out.push('\n');
        }
        out
    }
}
