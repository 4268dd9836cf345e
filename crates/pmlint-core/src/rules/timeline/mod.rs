//! Timeline (T): times with a zone, in order, with the milestones a reader looks for,
//! agreeing with the durations the document states.

pub mod t001_no_timezone;
pub mod t002_out_of_order;
pub mod t003_missing_milestones;
pub mod t004_duration_mismatch;
pub mod t005_untimed_entry;

use crate::document::{Document, Section, Slot};
use std::ops::Range;

/// The first timeline section.
fn timeline_section<'d>(doc: &'d Document) -> Option<&'d Section> {
    doc.sections_in(Slot::Timeline).next().map(|(_, s)| s)
}

/// The heading of the first timeline section: where timeline-wide findings go.
fn timeline_heading(doc: &Document) -> Option<Range<usize>> {
    timeline_section(doc).map(|s| s.title_range.clone())
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::{lint, Settings};

    /// The messages of rule `code` on `text`.
    pub(crate) fn findings(code: &str, text: &str) -> Vec<String> {
        lint(text, &Settings::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| d.message)
            .collect()
    }

    /// Seed `000`'s timeline and the durations it states, outside its quote block.
    pub(crate) const SEED_000: &str = "# We Failed 80% of Our Customers on Saturday\n\n## Summary\n\nMajor database outage affected 80% of customers for 4 hours on a Saturday. On Saturday at 2am, our main database went down, affecting 80% of customers for 4.5 hours.\n\n## Timeline (PT)\n\n- **2:14am:** Automated monitoring alerted on-call engineer (Sarah) to 80% error rate\n- **2:20am:** Sarah paged database team, identified corrupted database indexes causing all queries to fail\n- **2:45am:** CTO (me) joined incident call after Sarah escalated\n- **5:30am:** Rolled back Friday's schema migration, partially restored service (50% → 80% success rate)\n- **6:47am:** Fully recovered after manually rebuilding indexes\n";
}
