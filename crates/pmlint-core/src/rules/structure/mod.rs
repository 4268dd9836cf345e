//! Structure (S): the postmortem has its sections, they are filled in, and it is
//! identified, owned and published.

pub mod s001_missing_section;
pub mod s002_empty_section;
pub mod s003_placeholder;
pub mod s004_missing_metadata;
pub mod s005_duplicate_section;
pub mod s006_summary_too_long;
pub mod s007_stale_draft;
mod template_text;

use crate::document::Document;
use std::ops::Range;

/// Where a finding about the whole document is shown: the title, else the first line.
pub(crate) fn document_anchor(doc: &Document) -> Range<usize> {
    if let Some(title) = &doc.title {
        return title.range.clone();
    }
    let first_line = (0..doc.line_index.line_count())
        .map(|l| doc.line_index.line_range(doc.text, l))
        .find(|r| !doc.text[r.clone()].trim().is_empty());
    first_line.unwrap_or(0..0)
}

#[cfg(test)]
mod tests {
    use crate::{lint, Settings};

    /// A complete postmortem in the style of a large SRE organisation's published
    /// example: italic pseudo-headings, plain-line sub-headings, `*Status:* Final`.
    const ITALIC_STYLE: &str = "# Search outage postmortem (incident #465)\n\n*Date:* 2015-10-21\n*Authors:* ana, bo\n*Status:* Final, action items in progress\n*Severity:* SEV-1\n\n*Summary*\n\nSearch was down for 66 minutes during a load spike after a launch.\n\n*Impact*\n\nQueries\n\nAbout 1.2 billion queries were lost; no revenue impact.\n\nUsers\n\nEvery user of the search page saw errors.\n\n*Root Causes*\n\nA cascading failure due to a resource leak under load.\n\n*Trigger*\n\nA traffic spike after the launch.\n\n*Resolution*\n\nTraffic was shed and capacity added at 15:47.\n\n*Detection*\n\nAlerts paged on-call at 14:53.\n\n*Action Items*\n\n| Action | Owner | Due |\n|---|---|---|\n| Fix the leak | @bo | 2015-11-01 |\n\n*Lessons Learned*\n\n*What went well*\n\n- Monitoring paged quickly.\n\n*What went wrong*\n\n- No runbook for the spike.\n\n*Where we got lucky*\n\n- A spare cluster was idle.\n\n*Timeline*\n\n2015-10-21 (all times UTC)\n\n- 14:51 Launch announced.\n- 14:53 Alerts fire.\n- 15:47 Traffic shed, search back.\n";

    #[test]
    fn italic_pseudo_headings_and_plain_sub_headings_are_read() {
        let report = lint(ITALIC_STYLE, &Settings::default());
        let structure: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('S'))
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(structure.is_empty(), "{structure:#?}");
    }

    #[test]
    fn combined_headings_and_heading_fields() {
        let text = "---\ndate: 2024-03-01\nauthor: ana\n---\n## INCIDENT REPORT: DNS failure\n\n## Date: 1st March 2024\n\n## Severity: SEV 2\n\n**Status:** Final\n\n### Summary\n\nDNS failed for an hour for every customer after a bad zone push.\n\n### Impact & Timeline\n\n- 10:00 push; 11:00 revert. 4,000 customers saw errors.\n\n### Cause/Trigger\n\nThe push skipped validation.\n\n### Follow-up tasks\n\n- [ ] Validate zones before push (@ana, 2024-04-01)\n";
        let report = lint(text, &Settings::default());
        let structure: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('S'))
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(structure.is_empty(), "{structure:#?}");
    }
}
