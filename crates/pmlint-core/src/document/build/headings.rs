//! Headings that Markdown does not mark as headings: bold, italic and plain-line
//! pseudo-headings and the part headings under a slot, their levels, field headings
//! (`## Date: 12 March 2023`) and which heading is the title.

use super::*;

impl Builder<'_, '_> {
    pub(super) fn end_paragraph(&mut self, info: ParagraphInfo, range: Range<usize>) {
        let standalone = !self.stack.iter().any(|c| {
            matches!(
                c,
                Container::Item(_) | Container::Quote | Container::TableCell { .. }
            )
        });
        if !standalone {
            return;
        }
        let text = info.text.trim();
        let enclosing_slot = self.current_section().and_then(|i| {
            let mut s = Some(i);
            while let Some(j) = s {
                if let Some(slot) = self.doc.sections[j].slot {
                    return Some(slot);
                }
                s = self.doc.sections[j].parent;
            }
            None
        });
        // "**Root Cause:**" alone, or "**Impact:** text" outside any classified section.
        if let Some((strong, label)) = &info.leading_strong {
            let label = label.trim();
            let whole = text.trim_end_matches(':') == label.trim_end_matches(':');
            if label.len() <= 60
                && (whole || enclosing_slot.is_none())
                && slots::classify(label, &self.options.synonyms).is_some()
            {
                let mut end = strong.end;
                if self.text[end..].starts_with(':') {
                    end += 1;
                }
                if whole {
                    end = trim_end_newline(self.text, range.end);
                    self.mark_last_block_heading(info.start, true);
                }
                let title = label.trim_end_matches(':').trim().to_string();
                let title_range =
                    strong.start + 2..strong.end.saturating_sub(2).max(strong.start + 2);
                self.push_section(
                    title,
                    title_range,
                    info.start..end,
                    PSEUDO_LEVEL,
                    HeadingForm::Bold,
                );
                self.reassign_blocks_from(info.start);
                return;
            }
        }
        if info.line_breaks > 0 || text.len() > 60 || text.ends_with(['.', ',', ';']) {
            return;
        }
        let raw = self.text[info.start..trim_end_newline(self.text, range.end)].trim();
        let (form, name) = match whole_emphasis(raw) {
            Some(inner) => (HeadingForm::Italic, inner.trim()),
            None if info.leading_strong.is_none() => (HeadingForm::Bare, text),
            None => return,
        };
        let name = name.trim_end_matches(':').trim();
        let words = slots::normalize_heading(name).split(' ').count();
        let names_slot = slots::classify(name, &self.options.synonyms).is_some();
        let end = trim_end_newline(self.text, range.end);
        // A line that is only a section name: "Timeline", "*Impact*".
        if names_slot && words <= 5 {
            self.mark_last_block_heading(info.start, true);
            self.push_section(
                name.to_string(),
                info.start..end,
                info.start..end,
                PSEUDO_LEVEL,
                form,
            );
            self.reassign_blocks_from(info.start);
            return;
        }
        // A short plain line heading a part of a classified section ("*Users*",
        // "Customer data"), decided by what follows (see `settle_part_heading`).
        let part_heading = enclosing_slot.is_some_and(|slot| slot != Slot::Timeline)
            && words <= 5
            && !text.ends_with(['?', '!', ':', ','])
            && name.starts_with(char::is_uppercase)
            && !name.chars().any(|c| c.is_ascii_digit())
            && !name.split_whitespace().next().is_some_and(|w| {
                // "*Describe the systemic cause*" is the template's prompt (S003).
                words > 1 && PROMPT_VERBS.contains(&w.to_lowercase().as_str())
            })
            && info.inline_events <= 3;
        if part_heading {
            self.pending_part = Some((name.to_string(), info.start..end, form));
        }
    }

    /// A candidate part heading is one when content follows it (a paragraph, list,
    /// table, code or quote), not when a heading, HTML ("Joe" before `</blockquote>`)
    /// or the end of the document does.
    pub(super) fn settle_part_heading(&mut self, content_follows: bool) {
        let Some((name, range, form)) = self.pending_part.take() else {
            return;
        };
        if !content_follows {
            return;
        }
        // It stays content: if it was a short line of prose after all ("No impact"),
        // its section is still not empty.
        self.mark_last_block_heading(range.start, false);
        self.push_section(name, range.clone(), range.clone(), PSEUDO_LEVEL, form);
        self.reassign_blocks_from(range.start);
    }

    /// A paragraph that turned out to be a heading is not content.
    fn mark_last_block_heading(&mut self, start: usize, remove_content: bool) {
        if let Some(b) = self
            .doc
            .blocks
            .last_mut()
            .filter(|b| b.range.start >= start)
        {
            b.kind = BlockKind::Heading;
            let r = b.range.clone();
            if !remove_content {
                return;
            }
            if let Some(pos) = self.doc.content.iter().rposition(|c| *c == r) {
                self.doc.content.remove(pos);
            }
        }
    }

    /// Blocks of a paragraph that turned out to open a section belong to that section.
    fn reassign_blocks_from(&mut self, start: usize) {
        let section = self.current_section();
        for b in self
            .doc
            .blocks
            .iter_mut()
            .rev()
            .take_while(|b| b.range.start >= start)
        {
            b.section = section;
        }
    }

    /// The level of a pseudo-heading (bold, italic or plain line), which has none of its
    /// own: a part heading ("Queries") goes under the classified section it is in, beside
    /// the other parts; a slot goes under an open section it is a part of ("What went
    /// wrong" in "Lessons learned"), else at the top of the pseudo-headings.
    pub(super) fn pseudo_level(&self, slot: Option<Slot>) -> u8 {
        let Some(open) = self.current_section() else {
            return PSEUDO_LEVEL;
        };
        let parent = &self.doc.sections[open];
        if parent.level < PSEUDO_LEVEL {
            return PSEUDO_LEVEL;
        }
        let Some(slot) = slot else {
            return if parent.slot.is_some() {
                parent.level.saturating_add(1)
            } else {
                parent.level
            };
        };
        // "*Impact*" straight followed by "*Customer impact*": a heading of the same
        // part with nothing between is its sub-heading.
        let nothing_between = self
            .doc
            .content
            .last()
            .is_none_or(|c| c.end <= parent.heading_range.end);
        std::iter::successors(Some(open), |&i| self.doc.sections[i].parent)
            .map(|i| &self.doc.sections[i])
            .take_while(|s| s.level >= PSEUDO_LEVEL)
            .find(|s| {
                s.slot.is_some_and(|p| {
                    let part = slot != p && slot.group() == p && p.group() == p;
                    let same_right_under =
                        slot == p && nothing_between && s.heading_range == parent.heading_range;
                    part || same_right_under
                })
            })
            .map_or(PSEUDO_LEVEL, |s| s.level.saturating_add(1))
    }

    /// The section whose heading is the document's title: the first level-1 heading
    /// that names no section, if it comes before every classified section (a Jekyll
    /// post's `# TL;DR` … `# Play by Play` are its sections); else the first heading,
    /// when it opens the document and names no section (`## INCIDENT REPORT: …`).
    pub(super) fn title_section(&self) -> Option<usize> {
        let sections = &self.doc.sections;
        let first_classified = sections.iter().position(|s| s.slot.is_some());
        let before_slots = |i: usize| first_classified.is_none_or(|f| i < f);
        if let Some(i) = sections
            .iter()
            .position(|s| s.level == 1 && s.slot.is_none())
        {
            if before_slots(i) {
                return Some(i);
            }
        }
        let first = sections.first()?;
        let opens = !self.doc.content.iter().any(|c| {
            c.start < first.heading_range.start && !self.text[c.clone()].trim().is_empty()
        });
        (first.slot.is_none() && first.level <= 6 && opens).then_some(0)
    }
}

/// "Date: 12th March 2023", "Time: 00:50:10 UTC": a heading that is a field and its
/// value (a short label, a value with a number), not the name of a section.
pub(super) fn is_field_heading(title: &str, synonyms: &[(Slot, String)]) -> bool {
    let Some((label, value)) = title.split_once(':') else {
        return false;
    };
    let field = MetaKey::from_label(label).is_some()
        || matches!(
            normalize_heading(label).as_str(),
            "time" | "start time" | "end time"
        );
    // A short value: "# Incident: Fraud model blocked … (PAY-219)" is a title.
    field
        && value.split_whitespace().count() <= 4
        && value.chars().any(|c| c.is_ascii_digit())
        && slots::classify(label, synonyms).is_none()
}
