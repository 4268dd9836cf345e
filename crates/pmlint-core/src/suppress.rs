//! Inline suppressions in HTML comments, as markdownlint does:
//! `<!-- pmlint-disable B002 -->` … `<!-- pmlint-enable B002 -->`,
//! `<!-- pmlint-disable-next-line A001 -->`, `<!-- pmlint-disable-line -->`,
//! `<!-- pmlint-disable-file -->`. Codes may be rule codes or names; none means all.

use crate::line_index::LineIndex;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableLine,
    DisableNextLine,
    DisableFile,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule codes or names as written; empty means every rule.
    pub rules: Vec<String>,
    /// Zero-based line of the comment's start.
    pub line: usize,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    pub directives: Vec<Directive>,
}

impl Suppressions {
    pub(crate) fn parse(text: &str, index: &LineIndex, comments: &[Range<usize>]) -> Suppressions {
        let mut directives = Vec::new();
        for range in comments {
            let raw = &text[range.clone()];
            // An HTML block may hold several comments; take each one.
            let mut rest = raw;
            let mut base = range.start;
            while let Some(open) = rest.find("<!--") {
                let after = &rest[open + 4..];
                let Some(close) = after.find("-->") else {
                    break;
                };
                let body = after[..close].trim();
                let start = base + open;
                let end = start + 4 + close + 3;
                if let Some(d) = parse_directive(body) {
                    directives.push(Directive {
                        kind: d.0,
                        rules: d.1,
                        line: index.line_of(start),
                        range: start..end,
                    });
                }
                base = end;
                rest = &text[base..range.end];
            }
        }
        // Regions are read in document order.
        directives.sort_by_key(|d| d.range.start);
        Suppressions { directives }
    }

    /// Whether a diagnostic of rule (`code`, `name`) starting on `line` is suppressed.
    pub fn is_suppressed(&self, code: &str, name: &str, line: usize) -> bool {
        self.for_rule(code, name).covers(line)
    }

    /// Where the directives silence one rule: built once per rule, then each line is a
    /// binary search, so a document with thousands of directives and findings stays fast.
    pub fn for_rule(&self, code: &str, name: &str) -> RuleSuppressions {
        let mut scope = RuleSuppressions::default();
        let mut disabled_since = None;
        for d in self.directives.iter().filter(|d| d.names(code, name)) {
            match d.kind {
                DirectiveKind::DisableFile => scope.whole_file = true,
                DirectiveKind::DisableLine => scope.lines.push(d.line),
                DirectiveKind::DisableNextLine => scope.lines.push(d.line + 1),
                DirectiveKind::Disable => {
                    disabled_since.get_or_insert(d.line);
                }
                DirectiveKind::Enable => {
                    if let Some(start) = disabled_since.take() {
                        scope.regions.push(start..d.line);
                    }
                }
            }
        }
        if let Some(start) = disabled_since {
            scope.regions.push(start..usize::MAX);
        }
        scope.lines.sort_unstable();
        scope
    }
}

impl Directive {
    /// Whether the directive applies to rule (`code`, `name`).
    fn names(&self, code: &str, name: &str) -> bool {
        self.rules.is_empty()
            || self
                .rules
                .iter()
                .any(|r| r.eq_ignore_ascii_case(code) || r == name)
    }
}

/// The lines on which one rule is suppressed.
#[derive(Debug, Clone, Default)]
pub struct RuleSuppressions {
    whole_file: bool,
    /// Lines silenced one by one (`disable-line`, `disable-next-line`), sorted.
    lines: Vec<usize>,
    /// `disable` … `enable` regions as line ranges, sorted and disjoint.
    regions: Vec<Range<usize>>,
}

impl RuleSuppressions {
    pub fn covers(&self, line: usize) -> bool {
        let region = self.regions.partition_point(|r| r.start <= line);
        self.whole_file
            || self.lines.binary_search(&line).is_ok()
            || (region > 0 && self.regions[region - 1].contains(&line))
    }
}

fn parse_directive(body: &str) -> Option<(DirectiveKind, Vec<String>)> {
    let mut words = body.split_whitespace();
    let kind = match words.next()? {
        "pmlint-disable" => DirectiveKind::Disable,
        "pmlint-enable" => DirectiveKind::Enable,
        "pmlint-disable-line" => DirectiveKind::DisableLine,
        "pmlint-disable-next-line" => DirectiveKind::DisableNextLine,
        "pmlint-disable-file" => DirectiveKind::DisableFile,
        _ => return None,
    };
    // Anything after "--" is a reason, as in `pmlint-disable B002 -- quoting the customer`.
    let rules = words
        .take_while(|w| *w != "--")
        .flat_map(|w| w.split(','))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suppressions(text: &str) -> Suppressions {
        let index = LineIndex::new(text);
        let comments: Vec<_> = text
            .match_indices("<!--")
            .map(|(i, _)| i..i + text[i..].find("-->").unwrap() + 3)
            .collect();
        Suppressions::parse(text, &index, &comments)
    }

    #[test]
    fn scopes_regions_lines_and_files() {
        let s = suppressions("a\n<!-- pmlint-disable B002 -->\nb\n<!-- pmlint-enable B002 -->\nc\n<!-- pmlint-disable-next-line A001,A004 -- tracked elsewhere -->\nd\n");
        assert!(!s.is_suppressed("B002", "person-failure", 0));
        assert!(s.is_suppressed("B002", "person-failure", 2));
        assert!(!s.is_suppressed("B003", "counterfactual", 2));
        assert!(!s.is_suppressed("B002", "person-failure", 4));
        assert!(s.is_suppressed("A004", "missing-due-date", 6));
        assert!(!s.is_suppressed("A004", "missing-due-date", 7));
        let file = suppressions("x\n<!-- pmlint-disable-file person-failure -->\n");
        assert!(file.is_suppressed("B002", "person-failure", 0));
        assert!(!file.is_suppressed("B001", "human-error", 0));
    }
}
