//! What kind of document is being linted: a postmortem, or one of the communications
//! written after it (seed `000`: the executive update and the customer notice).
//!
//! The kind is never guessed from the prose (a `Subject:` line proves nothing). It is,
//! most specific first: the document's front matter (`type: exec-update`), then what the
//! caller resolved from the path ([`crate::Settings::kind_for_path`]: a `[kinds]` glob,
//! a file name starting `exec-update` / `customer-notice`, the config's `kind`), else a
//! postmortem.

use crate::document::Document;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[default]
    Postmortem,
    /// An update to executives after an incident.
    ExecUpdate,
    /// A notice to customers after an incident.
    CustomerNotice,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Postmortem, Kind::ExecUpdate, Kind::CustomerNotice];

    /// The name in front matter, config and JSON: `exec-update`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Postmortem => "postmortem",
            Kind::ExecUpdate => "exec-update",
            Kind::CustomerNotice => "customer-notice",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Kind::Postmortem => "Postmortem",
            Kind::ExecUpdate => "Executive update",
            Kind::CustomerNotice => "Customer notice",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        let key = key.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether this is one of the communications reviewed against seed `000`'s rubric.
    pub fn is_communication(self) -> bool {
        self != Kind::Postmortem
    }

    /// The kind a file name announces: `exec-update-2025-03-02.md`,
    /// `customer-notice_checkout.md` (case-insensitive, on the name alone).
    pub fn from_file_name(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        [Kind::ExecUpdate, Kind::CustomerNotice]
            .into_iter()
            .find(|k| lower.starts_with(k.key()))
    }

    /// The kind declared in the document's front matter (`type:` or `kind:`), if it
    /// names one of the kinds. `type: postmortem` is a postmortem.
    pub fn from_front_matter(doc: &Document) -> Option<Kind> {
        let range = doc.front_matter.clone()?;
        doc.text[range].lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            let key = key.trim().to_ascii_lowercase();
            if key != "type" && key != "kind" {
                return None;
            }
            let value = value.trim().to_ascii_lowercase();
            Kind::from_key(&value).or_else(|| {
                (value.contains("postmortem") || value.contains("post-mortem"))
                    .then_some(Kind::Postmortem)
            })
        })
    }

    /// The document's kind: its front matter, else what the caller resolved (`given`).
    pub fn of(doc: &Document, given: Kind) -> Kind {
        Kind::from_front_matter(doc).unwrap_or(given)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_wins_over_the_given_kind() {
        let doc = Document::parse("---\ntitle: x\ntype: exec-update\n---\n# We lost orders\n");
        assert_eq!(Kind::of(&doc, Kind::CustomerNotice), Kind::ExecUpdate);
        let doc = Document::parse("---\nkind: Customer-Notice\n---\n# x\n");
        assert_eq!(Kind::of(&doc, Kind::Postmortem), Kind::CustomerNotice);
        let doc = Document::parse("---\ntype: postmortem\n---\n# x\n");
        assert_eq!(Kind::of(&doc, Kind::ExecUpdate), Kind::Postmortem);
    }

    #[test]
    fn a_subject_line_is_never_a_kind() {
        let doc = Document::parse("Subject: Executive update on Saturday's outage\n\nHi all,\n");
        assert_eq!(Kind::of(&doc, Kind::Postmortem), Kind::Postmortem);
        let doc = Document::parse("# x\n\ntype: exec-update\n");
        assert_eq!(Kind::of(&doc, Kind::Postmortem), Kind::Postmortem);
    }

    #[test]
    fn file_names_announce_kinds() {
        assert_eq!(
            Kind::from_file_name("exec-update-2025-03-02.md"),
            Some(Kind::ExecUpdate)
        );
        assert_eq!(
            Kind::from_file_name("Customer-Notice.md"),
            Some(Kind::CustomerNotice)
        );
        assert_eq!(Kind::from_file_name("postmortem-exec-update.md"), None);
    }
}
