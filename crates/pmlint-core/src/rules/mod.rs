//! The rule registry. Each rule is one file: a [`Rule`] constant with its code, name,
//! default severity and documentation, and a pure `check` function over the
//! [`Document`]. To add a rule, write the file and list it in [`RULES`].

pub mod actions;
pub mod blame;
pub mod causes;
pub mod comms;
pub mod impact;
pub mod recurrence;
pub mod structure;
pub mod timeline;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Fix, Related, Severity};
use crate::document::Document;
use crate::kind::Kind;
use crate::recurrence::CorpusIndex;
use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Blame,
    Structure,
    ActionItems,
    Causes,
    Timeline,
    Impact,
    /// Across documents: needs a [`crate::recurrence::CorpusIndex`]; not scored.
    Recurrence,
    /// Executive updates and customer notices (seed `000`).
    Communication,
}

impl Family {
    pub const ALL: [Family; 8] = [
        Family::Blame,
        Family::Structure,
        Family::ActionItems,
        Family::Causes,
        Family::Timeline,
        Family::Impact,
        Family::Recurrence,
        Family::Communication,
    ];

    /// The rule-code prefix of the family.
    pub fn prefix(self) -> char {
        match self {
            Family::Blame => 'B',
            Family::Structure => 'S',
            Family::ActionItems => 'A',
            Family::Causes => 'W',
            Family::Timeline => 'T',
            Family::Impact => 'I',
            Family::Recurrence => 'R',
            Family::Communication => 'C',
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Family::Blame => "Blameless language",
            Family::Structure => "Structure",
            Family::ActionItems => "Action items",
            Family::Causes => "Cause analysis",
            Family::Timeline => "Timeline",
            Family::Impact => "Impact",
            Family::Recurrence => "Recurring causes",
            Family::Communication => "Incident communication",
        }
    }

    /// Whether the family's rules run on documents of `kind`: blameless language
    /// everywhere, the communication rules on communications only, the rest on
    /// postmortems only (an executive update has no Five Whys or action-item table).
    pub fn applies_to(self, kind: Kind) -> bool {
        match self {
            Family::Blame => true,
            Family::Communication => kind.is_communication(),
            _ => kind == Kind::Postmortem,
        }
    }
}

/// The documentation of a rule, in three parts, from which `pmlint explain`, LSP hover
/// and the rules reference are generated.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleDocs {
    /// What it checks.
    pub what: &'static str,
    /// Why it matters, citing the guidance it comes from.
    pub why: &'static str,
    /// An example that is flagged.
    pub example: &'static str,
    /// A better version of the example.
    pub better: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// One line, shown in `pmlint rules`.
    pub summary: &'static str,
    pub docs: RuleDocs,
    #[serde(skip)]
    pub check: fn(&mut Context),
}

impl Rule {
    /// The rule's explanation as Markdown.
    pub fn explanation(&self) -> String {
        format!(
            "# {} {}\n\n{}\n\n## What it checks\n\n{}\n\n## Why it matters\n\n{}\n\n## Example\n\n{}\n\n## Better\n\n{}\n",
            self.code, self.name, self.summary, self.docs.what, self.docs.why, self.docs.example, self.docs.better
        )
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &blame::b001_human_error::RULE,
    &blame::b002_person_failure::RULE,
    &blame::b003_counterfactual::RULE,
    &blame::b004_judgment::RULE,
    &blame::b005_animated::RULE,
    &blame::b006_noncompliance::RULE,
    &blame::b007_hindsight::RULE,
    &blame::b008_who_question::RULE,
    &structure::s001_missing_section::RULE,
    &structure::s002_empty_section::RULE,
    &structure::s003_placeholder::RULE,
    &structure::s004_missing_metadata::RULE,
    &structure::s005_duplicate_section::RULE,
    &structure::s006_summary_too_long::RULE,
    &structure::s007_stale_draft::RULE,
    &actions::a001_missing_owner::RULE,
    &actions::a002_team_owner::RULE,
    &actions::a003_multiple_owners::RULE,
    &actions::a004_missing_due_date::RULE,
    &actions::a005_vague_action::RULE,
    &actions::a006_human_directed::RULE,
    &actions::a007_missing_tracking_link::RULE,
    &actions::a008_too_many_actions::RULE,
    &actions::a009_no_prevent_action::RULE,
    &actions::a010_uniform_priority::RULE,
    &causes::w001_shallow_chain::RULE,
    &causes::w002_broken_chain::RULE,
    &causes::w003_person_terminal::RULE,
    &causes::w004_proximate_terminal::RULE,
    &causes::w005_unanswered_why::RULE,
    &causes::w006_cause_without_action::RULE,
    &timeline::t001_no_timezone::RULE,
    &timeline::t002_out_of_order::RULE,
    &timeline::t003_missing_milestones::RULE,
    &timeline::t004_duration_mismatch::RULE,
    &timeline::t005_untimed_entry::RULE,
    &impact::i001_unquantified_impact::RULE,
    &impact::i002_vague_quantifier::RULE,
    &recurrence::r001_recurring_cause::RULE,
    &comms::c001_label_headline::RULE,
    &comms::c002_hidden_agent::RULE,
    &comms::c003_no_ownership::RULE,
    &comms::c004_vague_amount::RULE,
    &comms::c005_unexplained_jargon::RULE,
    &comms::c006_no_timestamps::RULE,
    &comms::c007_vague_prevention::RULE,
    &comms::c008_undated_commitment::RULE,
    &comms::c009_untiered_actions::RULE,
    &comms::c010_no_transparency::RULE,
    &comms::c011_no_ask::RULE,
    &comms::c012_no_apology::RULE,
    &comms::c013_no_customer_steps::RULE,
    &comms::c014_minimising_tone::RULE,
];

/// A rule by code ("B002", any case) or name ("person-failure").
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// The other documents a lint can compare with: an index and this document's key in it
/// (its own entry, if indexed, is never compared with itself).
#[derive(Debug, Clone, Copy)]
pub struct Corpus<'c> {
    pub index: &'c CorpusIndex,
    pub key: &'c str,
}

/// What a rule's `check` sees: the document, the settings, other documents when the
/// caller has them, and where to report.
pub struct Context<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub settings: &'d Settings,
    pub corpus: Option<Corpus<'d>>,
    rule: &'static Rule,
    severity: Severity,
    out: &'d mut Vec<Diagnostic>,
}

impl<'d, 'a> Context<'d, 'a> {
    pub(crate) fn new(
        doc: &'d Document<'a>,
        settings: &'d Settings,
        corpus: Option<Corpus<'d>>,
        rule: &'static Rule,
        severity: Severity,
        out: &'d mut Vec<Diagnostic>,
    ) -> Self {
        Context {
            doc,
            settings,
            corpus,
            rule,
            severity,
            out,
        }
    }

    /// The severity this rule runs at (from config or its default).
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Reports a finding over `range` at the rule's severity; returns it for a note or fixes.
    pub fn report(&mut self, range: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.severity,
            range,
            message: message.into(),
            note: None,
            fixes: Vec::new(),
            related: Vec::new(),
        });
        self.out.last_mut().expect("just pushed")
    }
}

impl Diagnostic {
    pub fn with_note(&mut self, note: impl Into<String>) -> &mut Self {
        self.note = Some(note.into());
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fixes.push(fix);
        self
    }

    pub fn with_related(&mut self, related: Related) -> &mut Self {
        self.related.push(related);
        self
    }

    pub fn with_severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(seen.insert(rule.name), "duplicate name {}", rule.name);
            assert!(
                rule.code.starts_with(rule.family.prefix()),
                "{} is not in its family",
                rule.code
            );
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.name
            );
            for part in [
                rule.summary,
                rule.docs.what,
                rule.docs.why,
                rule.docs.example,
                rule.docs.better,
            ] {
                assert!(
                    !part.trim().is_empty(),
                    "{} has an empty doc part",
                    rule.code
                );
            }
        }
        let codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_by_key(|c| {
            (
                Family::ALL.iter().position(|f| c.starts_with(f.prefix())),
                *c,
            )
        });
        assert_eq!(
            codes, sorted,
            "RULES must be listed in family and code order"
        );
    }
}
