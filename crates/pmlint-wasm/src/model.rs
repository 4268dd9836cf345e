//! What JavaScript receives: the core's report with every byte range converted to
//! UTF-16 string indices (and one-based line/column) through the document's
//! `LineIndex`. Plain serde types, so they are tested natively.

use pmlint_core::document::{Document, Slot};
use pmlint_core::metrics::{self, IncidentMetrics, MilestoneKind};
use pmlint_core::profile::{TemplateFields, PROFILES};
use pmlint_core::{
    comms, lint_document, score, Applicability, Encoding, Kind, LineIndex, Rubric, Rule, Settings,
    RULES,
};
use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LintResult {
    pub diagnostics: Vec<JsDiagnostic>,
    pub score: score::Score,
    /// `postmortem`, `exec-update` or `customer-notice`.
    pub kind: Kind,
    /// The kind the front matter declares (`type: exec-update`), which no choice of the
    /// editor's overrides; `None` when the text does not say.
    pub declared_kind: Option<Kind>,
    /// Seed 000's rubric (`rubric`, `average`), for the communication kinds.
    pub rubric: Option<Rubric>,
    pub checklist: Vec<ChecklistEntry>,
    pub metrics: JsMetrics,
    pub profile: &'static str,
}

/// Incident durations from the timeline, in seconds; `None` when a milestone is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsMetrics {
    pub time_to_detect: Option<i64>,
    pub time_to_acknowledge: Option<i64>,
    pub time_to_mitigate: Option<i64>,
    pub time_to_resolve: Option<i64>,
    pub total: Option<i64>,
    pub milestones: Vec<JsMilestone>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsMilestone {
    pub kind: MilestoneKind,
    /// Seconds since the first timeline entry.
    pub elapsed: i64,
    /// UTF-16 range of the entry's time.
    pub from: usize,
    pub to: usize,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsDiagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    /// UTF-16 index of the start (a JavaScript string index).
    pub from: usize,
    /// UTF-16 index of the end, exclusive.
    pub to: usize,
    /// One-based line of `from`.
    pub line: u32,
    /// One-based column of `from`, in UTF-16 code units.
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
    pub note: Option<String>,
    pub fixes: Vec<JsFix>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsFix {
    pub title: String,
    /// Safe fixes preserve meaning; unsafe ones (rewordings) are only offered.
    pub safe: bool,
    pub edits: Vec<JsEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsEdit {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionStatus {
    Present,
    Empty,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistEntry {
    pub slot: &'static str,
    pub title: &'static str,
    pub required: bool,
    pub status: SectionStatus,
    /// UTF-16 index of the first heading of the slot, when there is one.
    pub at: Option<usize>,
}

/// Lints `text` under `settings` as `pmlint_core::lint` does, keeping the parsed
/// document for the checklist rather than parsing twice.
pub fn lint(text: &str, settings: &Settings) -> LintResult {
    let doc = Document::parse_with(text, &settings.parse);
    let diagnostics = lint_document(&doc, settings);
    let score = score::score(&doc, &diagnostics);
    let metrics = metrics::compute(&doc);
    let kind = Kind::of(&doc, settings.kind);
    let utf16 = Utf16::new(text, &doc.line_index);
    LintResult {
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let (from, to) = utf16.range(&d.range);
                let start = utf16.line_col(d.range.start);
                let end = utf16.line_col(d.range.end);
                JsDiagnostic {
                    code: d.code,
                    name: d.name,
                    severity: d.severity.as_str(),
                    from,
                    to,
                    line: start.0,
                    column: start.1,
                    end_line: end.0,
                    end_column: end.1,
                    message: d.message.clone(),
                    note: d.note.clone(),
                    fixes: d
                        .fixes
                        .iter()
                        .map(|fix| JsFix {
                            title: fix.title.clone(),
                            safe: fix.applicability == Applicability::Safe,
                            edits: fix
                                .edits
                                .iter()
                                .map(|e| {
                                    let (from, to) = utf16.range(&e.range);
                                    JsEdit {
                                        from,
                                        to,
                                        insert: e.replacement.clone(),
                                    }
                                })
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect(),
        score,
        kind,
        declared_kind: Kind::from_front_matter(&doc),
        rubric: kind
            .is_communication()
            .then(|| comms::rubric(&doc, kind, &diagnostics)),
        checklist: checklist(&doc, settings, &utf16),
        metrics: js_metrics(&metrics, &utf16),
        profile: settings.profile.name,
    }
}

fn js_metrics(metrics: &IncidentMetrics, utf16: &Utf16) -> JsMetrics {
    JsMetrics {
        time_to_detect: metrics.time_to_detect,
        time_to_acknowledge: metrics.time_to_acknowledge,
        time_to_mitigate: metrics.time_to_mitigate,
        time_to_resolve: metrics.time_to_resolve,
        total: metrics.total,
        milestones: metrics
            .milestones
            .iter()
            .map(|m| {
                let (from, to) = utf16.range(&m.range);
                JsMilestone {
                    kind: m.kind,
                    elapsed: m.elapsed,
                    from,
                    to,
                    line: utf16.line_col(m.range.start).0,
                }
            })
            .collect(),
    }
}

/// Required then recommended slots, each with whether the document has it written,
/// only as a heading, or not at all. A slot is satisfied by any slot of its group.
fn checklist(doc: &Document, settings: &Settings, utf16: &Utf16) -> Vec<ChecklistEntry> {
    let required = settings.required.iter().map(|&s| (s, true));
    let recommended = settings
        .recommended
        .iter()
        .filter(|s| !settings.required.contains(s))
        .map(|&s| (s, false));
    required
        .chain(recommended)
        .map(|(slot, required)| {
            let sections: Vec<usize> = doc
                .sections
                .iter()
                .enumerate()
                .filter(|(_, s)| s.slot.is_some_and(|own| own == slot || own.group() == slot))
                .map(|(i, _)| i)
                .collect();
            let status = if sections.is_empty() {
                SectionStatus::Missing
            } else if sections.iter().any(|&i| doc.section_has_content(i)) {
                SectionStatus::Present
            } else {
                SectionStatus::Empty
            };
            ChecklistEntry {
                slot: slot.key(),
                title: slot.title(),
                required,
                status,
                at: sections
                    .first()
                    .map(|&i| utf16.offset(doc.sections[i].heading_range.start)),
            }
        })
        .collect()
}

/// Byte offsets of one text to UTF-16 indices and one-based UTF-16 line/column.
struct Utf16<'a> {
    text: &'a str,
    index: &'a LineIndex,
}

impl<'a> Utf16<'a> {
    fn new(text: &'a str, index: &'a LineIndex) -> Self {
        Utf16 { text, index }
    }

    fn offset(&self, byte: usize) -> usize {
        self.index.utf16_offset(self.text, byte)
    }

    fn range(&self, range: &Range<usize>) -> (usize, usize) {
        (self.offset(range.start), self.offset(range.end))
    }

    fn line_col(&self, byte: usize) -> (u32, u32) {
        let pos = self.index.line_col(self.text, byte, Encoding::Utf16);
        (pos.line + 1, pos.col + 1)
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub family: pmlint_core::Family,
    pub family_title: &'static str,
    pub default_severity: &'static str,
    pub summary: &'static str,
    pub docs: pmlint_core::rules::RuleDocs,
    /// The whole explanation as Markdown, as `pmlint explain` prints it.
    pub explanation: String,
}

impl From<&Rule> for RuleInfo {
    fn from(rule: &Rule) -> Self {
        RuleInfo {
            code: rule.code,
            name: rule.name,
            family: rule.family,
            family_title: rule.family.title(),
            default_severity: rule.default_severity.as_str(),
            summary: rule.summary,
            docs: rule.docs,
            explanation: rule.explanation(),
        }
    }
}

pub fn rules() -> Vec<RuleInfo> {
    RULES.iter().map(|r| RuleInfo::from(*r)).collect()
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInfo {
    pub name: &'static str,
    pub description: &'static str,
    pub required: Vec<&'static str>,
    pub recommended: Vec<&'static str>,
    /// A new postmortem of this profile, placeholders left for the author.
    pub template: String,
}

/// A document kind the editor offers, with its new-document skeleton (`pmlint init
/// --kind`); a postmortem's templates are the profiles'.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindInfo {
    pub kind: Kind,
    pub title: &'static str,
    pub template: Option<String>,
}

/// A criterion of seed 000's rubric: its key, name, and what a 5 looks like.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionInfo {
    pub criterion: comms::Criterion,
    pub title: &'static str,
    pub description: &'static str,
}

pub fn criteria() -> Vec<CriterionInfo> {
    comms::Criterion::ALL
        .into_iter()
        .map(|criterion| CriterionInfo {
            criterion,
            title: criterion.title(),
            description: criterion.description(),
        })
        .collect()
}

pub fn kinds() -> Vec<KindInfo> {
    Kind::ALL
        .into_iter()
        .map(|kind| KindInfo {
            kind,
            title: kind.title(),
            template: comms::template(kind, None),
        })
        .collect()
}

pub fn profiles() -> Vec<ProfileInfo> {
    let keys = |slots: &[Slot]| slots.iter().map(|s| s.key()).collect();
    PROFILES
        .iter()
        .map(|p| ProfileInfo {
            name: p.name,
            description: p.description,
            required: keys(p.required),
            recommended: keys(p.recommended),
            template: p.template(&TemplateFields::default()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_len(s: &str) -> usize {
        s.encode_utf16().count()
    }

    #[test]
    fn converts_ranges_to_utf16_after_emoji_and_cjk() {
        let text = "# 事故 😀 Postmortem\n\n## Summary\n\n数据库 😀 TBD.\n\n## Impact\n";
        let result = lint(text, &Settings::default());
        let placeholder = result
            .diagnostics
            .iter()
            .find(|d| d.code == "S003")
            .expect("TBD is a placeholder");
        let byte = text.find("TBD").unwrap();
        assert_eq!(placeholder.from, utf16_len(&text[..byte]));
        assert_eq!(placeholder.to, placeholder.from + 3);
        // 数据库 is 3 code units, the emoji 2, plus two spaces: TBD starts at column 8.
        assert_eq!((placeholder.line, placeholder.column), (5, 8));
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[placeholder.from..placeholder.to]).unwrap(),
            "TBD"
        );
    }

    #[test]
    fn checklist_tells_present_empty_and_missing() {
        let text = "# Postmortem\n\n## Summary\n\nIt broke.\n\n## Timeline\n\n## 5 Whys\n\n1. Why? Because.\n";
        let result = lint(text, &Settings::default());
        let status = |slot: &str| {
            result
                .checklist
                .iter()
                .find(|e| e.slot == slot)
                .map(|e| e.status)
        };
        assert_eq!(status("summary"), Some(SectionStatus::Present));
        assert_eq!(status("timeline"), Some(SectionStatus::Empty));
        assert_eq!(status("impact"), Some(SectionStatus::Missing));
        // A "5 Whys" section satisfies the root-cause slot.
        assert_eq!(status("root-cause"), Some(SectionStatus::Present));
        let summary = result.checklist.iter().find(|e| e.slot == "summary");
        assert_eq!(
            summary.and_then(|e| e.at),
            Some(text.find("## Summary").unwrap())
        );
    }

    #[test]
    fn fix_edits_are_utf16() {
        let text = "# 😀 Postmortem\n\n## Summary\n\nAll good.\n";
        let result = lint(text, &Settings::default());
        let missing = result
            .diagnostics
            .iter()
            .find(|d| d.code == "S001")
            .expect("sections are missing");
        let edit = &missing.fixes[0].edits[0];
        assert!(edit.from <= utf16_len(text) && edit.to <= utf16_len(text));
        assert!(missing.fixes[0].safe);
    }

    #[test]
    fn metrics_come_from_the_timeline_with_utf16_ranges() {
        let text = "# Postmortem 😀\n\n## Timeline\n\nAll times in UTC.\n\n- 14:00 — Deploy starts.\n- 14:06 — The error-rate alert fires and pages on-call.\n- 14:10 — On-call acknowledges the page.\n- 14:20 — Rolled back the deploy.\n- 14:45 — Error rate back to normal; resolved.\n";
        let result = lint(text, &Settings::default());
        let m = &result.metrics;
        assert_eq!(m.time_to_detect, Some(6 * 60));
        assert_eq!(m.time_to_resolve, Some(45 * 60));
        let detection = m
            .milestones
            .iter()
            .find(|ms| ms.kind == MilestoneKind::Detection)
            .expect("a detection milestone");
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[detection.from..detection.to]).unwrap(),
            "14:06"
        );
        assert_eq!(detection.line, 8);
    }

    #[test]
    fn scores_as_the_core_does_with_every_criterion() {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
        for entry in std::fs::read_dir(examples).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let settings = Settings::default();
            let result = lint(&text, &settings);
            assert_eq!(result.score, pmlint_core::lint(&text, &settings).score);
            assert_eq!(result.score.criteria.len(), 7);
        }
    }

    #[test]
    fn lists_every_rule_and_profile() {
        assert_eq!(rules().len(), RULES.len());
        assert!(rules().iter().all(|r| r.explanation.contains(r.code)));
        let profiles = profiles();
        assert!(profiles.iter().any(|p| p.name == "default"));
        assert!(profiles
            .iter()
            .all(|p| p.template.starts_with("# Postmortem")));
    }

    #[test]
    fn each_communication_kind_offers_its_init_skeleton_which_lints_as_that_kind() {
        let kinds = kinds();
        assert_eq!(kinds.len(), 3);
        assert_eq!(kinds[0].template, None);
        for info in &kinds[1..] {
            let template = info.template.as_deref().unwrap();
            assert_eq!(Some(template.to_string()), comms::template(info.kind, None));
            let result = lint(template, &Settings::default());
            assert_eq!(result.kind, info.kind);
            assert_eq!(result.rubric.unwrap().criteria.len(), 10);
        }
    }
}
