//! Properties of the core over generated Markdown-ish postmortems (headings, metadata,
//! lists, tables, quotes, code fences, emoji and CJK, CRLF, suppression comments):
//! ranges are well formed, offsets convert and round-trip, fixes apply cleanly, lint is
//! deterministic, and suppressions act exactly within their scope.

use pmlint_core::date::Date;
use pmlint_core::{
    apply_edits, lint, Diagnostic, Document, Encoding, LineCol, LineIndex, Settings, RULES,
};
use proptest::prelude::*;
use std::ops::Range;

fn settings() -> Settings {
    let mut settings = Settings::default();
    settings.today = Date::new(2025, 6, 1);
    settings
}

/// Words of postmortem prose, with the non-ASCII and rule-triggering ones mixed in.
const WORDS: &[&str] = &[
    "the",
    "database",
    "failed",
    "at",
    "10:42",
    "UTC",
    "on",
    "2025-01-15",
    "users",
    "saw",
    "errors",
    "for",
    "40",
    "minutes",
    "because",
    "the",
    "pool",
    "was",
    "exhausted",
    "TODO",
    "TBD",
    "YYYY-MM-DD",
    "human",
    "error",
    "should",
    "have",
    "Bob",
    "forgot",
    "Why?",
    "Because",
    "😀",
    "中文",
    "déploiement",
    "👩‍💻",
    "Ω",
    "`rm -rf`",
    "**bold**",
    "_it_",
    "[link](https://x.invalid/a)",
    "https://example.invalid/x",
    "e.g.",
    "etc.",
    "!",
    "?",
    "\u{200b}",
    "\t",
];

const SECTION_TITLES: &[&str] = &[
    "Summary",
    "Impact",
    "Timeline",
    "Root Cause",
    "5 Whys",
    "Action Items",
    "Lessons Learned",
    "Detection",
    "Resolution",
    "Contributing Factors",
    "What went well",
    "Appendix",
    "Notes",
    "Métriques 😀",
    "根本原因",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..max).prop_map(|w| w.join(" "))
}

/// A rule reference as an author writes it: a code (any case) or a name.
fn rule_ref() -> impl Strategy<Value = String> {
    (0..RULES.len(), 0..3u8).prop_map(|(i, form)| match form {
        0 => RULES[i].code.to_string(),
        1 => RULES[i].code.to_ascii_lowercase(),
        _ => RULES[i].name.to_string(),
    })
}

/// One block of Markdown, or a suppression comment, without its trailing newline.
fn block() -> impl Strategy<Value = String> {
    let directive = prop_oneof![
        rule_ref().prop_map(|r| format!("<!-- pmlint-disable {r} -->")),
        Just("<!-- pmlint-enable -->".to_string()),
        Just("<!-- pmlint-disable-file S004 -->".to_string()),
        rule_ref().prop_map(|r| format!("<!-- pmlint-disable-next-line {r} -- why -->")),
    ];
    prop_oneof![4 => plain_block(), 1 => directive]
}

/// One block of Markdown without suppression comments.
fn plain_block() -> impl Strategy<Value = String> {
    let heading = (1..=6usize, prop::sample::select(SECTION_TITLES))
        .prop_map(|(level, title)| format!("{} {title}", "#".repeat(level)));
    let setext = (prop::sample::select(SECTION_TITLES), any::<bool>()).prop_map(|(t, one)| {
        let underline = if one { "===" } else { "---" };
        format!("{t}\n{underline}")
    });
    let bold_label =
        (prop::sample::select(SECTION_TITLES), words(6)).prop_map(|(t, w)| format!("**{t}:** {w}"));
    let metadata = prop::sample::select(
        &[
            "**Date:** 2025-01-15",
            "**Severity:** SEV2",
            "**Status:** Draft",
            "**Owner:** @ana",
            "- **Duration**: X hours Y minutes",
        ][..],
    )
    .prop_map(str::to_string);
    let paragraph = prop::collection::vec(words(12), 1..4).prop_map(|lines| lines.join("\n"));
    let list = prop::collection::vec((0..3usize, 0..3u8, words(8)), 1..6).prop_map(|items| {
        items
            .iter()
            .map(|(depth, marker, text)| {
                let marker = ["-", "1.", "- [ ]"][*marker as usize];
                format!("{}{marker} {text}", "  ".repeat(*depth))
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    let table = (
        1..4usize,
        prop::collection::vec(prop::collection::vec(words(3), 1..4), 0..4),
    )
        .prop_map(|(columns, rows)| {
            let mut out = format!("| {} |\n", vec!["Time"; columns].join(" | "));
            out.push_str(&format!("|{}\n", "---|".repeat(columns)));
            for row in rows {
                out.push_str(&format!("| {} |\n", row.join(" | ")));
            }
            out.trim_end().to_string()
        });
    let code = (words(6), any::<bool>()).prop_map(|(w, tilde)| {
        let fence = if tilde { "~~~" } else { "```" };
        format!("{fence}text\n{w}\n## Timeline\n{fence}")
    });
    let quote = prop::collection::vec(words(8), 1..3).prop_map(|lines| {
        lines
            .iter()
            .map(|l| format!("> {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let whys = prop::collection::vec(words(6), 1..6).prop_map(|answers| {
        answers
            .iter()
            .enumerate()
            .map(|(i, a)| format!("{}. Why? {a}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let comment = prop_oneof![
        words(5).prop_map(|w| format!("<!-- {w} -->")),
        Just("<!-- unterminated".to_string()),
    ];
    prop_oneof![
        heading,
        setext,
        bold_label,
        metadata,
        paragraph,
        list,
        table,
        code,
        quote,
        whys,
        comment,
        Just("---".to_string()),
    ]
}

/// A postmortem-ish document: optional front matter, a title, then blocks; LF or CRLF.
fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(block(), 0..14),
        any::<bool>(),
    )
        .prop_map(|(front_matter, blocks, crlf)| {
            let mut text = String::new();
            if front_matter {
                text.push_str("---\ntitle: Outage 😀\ntype: postmortem\n---\n\n");
            }
            text.push_str("# Postmortem: checkout outage\n\n");
            text.push_str(&blocks.join("\n\n"));
            text.push('\n');
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        })
}

fn assert_well_formed(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let r = &d.range;
        assert!(r.start <= r.end && r.end <= text.len(), "{} {r:?}", d.code);
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{} {r:?} splits a character",
            d.code
        );
        for fix in &d.fixes {
            for e in &fix.edits {
                assert!(
                    e.range.start <= e.range.end
                        && e.range.end <= text.len()
                        && text.is_char_boundary(e.range.start)
                        && text.is_char_boundary(e.range.end),
                    "{} fix `{}` edit {:?}",
                    d.code,
                    fix.title,
                    e.range
                );
            }
        }
    }
}

/// Lookups by offset binary-search these lists: they must be sorted and disjoint.
fn assert_ordered_and_disjoint<'a>(ranges: impl Iterator<Item = &'a Range<usize>>, what: &str) {
    let mut end = 0;
    for r in ranges {
        assert!(
            r.start >= end,
            "{what}: {r:?} starts before the previous one ends ({end})"
        );
        end = r.end;
    }
}

/// The line a feed that ends a CRLF pair maps back to: its `\r`.
fn expected_round_trip(text: &str, offset: usize) -> usize {
    let b = text.as_bytes();
    if offset > 0 && b.get(offset) == Some(&b'\n') && b[offset - 1] == b'\r' {
        offset - 1
    } else {
        offset
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn diagnostic_ranges_are_in_bounds_and_on_char_boundaries(text in document()) {
        let report = lint(&text, &settings());
        assert_well_formed(&text, &report.diagnostics);
    }

    #[test]
    fn model_lookups_are_ordered_and_disjoint(text in document()) {
        let doc = Document::parse(&text);
        assert_ordered_and_disjoint(doc.blocks.iter().map(|b| &b.range), "blocks");
        assert_ordered_and_disjoint(doc.tables.iter().map(|t| &t.range), "tables");
        assert_ordered_and_disjoint(doc.code_blocks.iter().map(|c| &c.range), "code blocks");
        for (i, block) in doc.blocks.iter().enumerate() {
            prop_assert!(std::ptr::eq(doc.block_at(block.range.start).unwrap(), &doc.blocks[i]) || block.range.is_empty());
        }
    }

    #[test]
    fn lint_is_deterministic(text in document()) {
        let first = lint(&text, &settings());
        let second = lint(&text, &settings());
        prop_assert_eq!(first.diagnostics, second.diagnostics);
        prop_assert_eq!(first.score.total, second.score.total);
    }

    #[test]
    fn every_fix_applies_whole_and_the_result_lints_again(text in document()) {
        let settings = settings();
        let report = lint(&text, &settings);
        for d in &report.diagnostics {
            for fix in &d.fixes {
                let (fixed, applied) = apply_edits(&text, &fix.edits);
                prop_assert_eq!(applied, fix.edits.len(), "{} `{}` has overlapping edits", d.code, &fix.title);
                prop_assert!(String::from_utf8(fixed.clone().into_bytes()).is_ok());
                let doc = Document::parse(&fixed);
                prop_assert_eq!(doc.line_index.len(), fixed.len());
                assert_well_formed(&fixed, &lint(&fixed, &settings).diagnostics);
            }
        }
    }

    #[test]
    fn utf16_and_byte_offsets_round_trip(text in "(\\PC|\n|\r\n|\r|😀|中|é){0,80}") {
        let index = LineIndex::new(&text);
        let mut utf16 = 0;
        let mut line = 0;
        let boundaries = text.char_indices().map(|(i, c)| (i, Some(c))).chain([(text.len(), None)]);
        for (offset, ch) in boundaries {
            prop_assert_eq!(index.utf16_offset(&text, offset), utf16);
            prop_assert_eq!(index.offset_from_utf16(&text, utf16), expected_round_trip(&text, offset));
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let pos = index.line_col(&text, offset, encoding);
                prop_assert_eq!(pos.line as usize, line);
                prop_assert_eq!(index.offset(&text, pos, encoding), expected_round_trip(&text, offset));
            }
            if let Some(ch) = ch {
                utf16 += ch.len_utf16();
                line += usize::from(ch == '\n');
            }
        }
    }

    #[test]
    fn hostile_positions_clamp_onto_char_boundaries(
        text in "(\\PC|\n|😀|中){0,40}",
        line in 0u32..8,
        col in any::<u32>(),
        utf16 in any::<u32>(),
    ) {
        let index = LineIndex::new(&text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let offset = index.offset(&text, LineCol { line, col }, encoding);
            prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
        }
        let offset = index.offset_from_utf16(&text, utf16 as usize);
        prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
    }

    /// Lints a document with suppression comments and the same document with the
    /// comments' text blanked (same structure, same offsets): exactly the findings in
    /// each comment's scope, and of the rules it names, disappear.
    #[test]
    fn suppressions_act_exactly_within_their_scope(
        blocks in prop::collection::vec((plain_block(), prop::option::of((0..4u8, prop::option::of(rule_ref())))), 1..12),
    ) {
        let mut text = String::from("# Postmortem: checkout outage\n\n");
        let mut scopes: Vec<(Range<usize>, Option<String>)> = Vec::new();
        let mut open: Option<(usize, Option<String>)> = None;
        for (block, directive) in &blocks {
            let line = text.matches('\n').count();
            if let Some((kind, rule)) = directive {
                let names = rule.clone().unwrap_or_default();
                let (comment, scope) = match kind {
                    0 => (format!("<!-- pmlint-disable-next-line {names} -->"), Some(line + 1..line + 2)),
                    1 => (format!("<!-- pmlint-disable {names} -->"), None),
                    2 => (format!("<!-- pmlint-enable {names} -->"), None),
                    _ => (format!("<!-- pmlint-disable-line {names} -->"), Some(line..line + 1)),
                };
                // Regions: one open at a time, closed by an enable naming the same rules;
                // other region comments are left out.
                let emit = match kind {
                    1 | 2 if open.as_ref().is_some_and(|(_, r)| r != rule) => false,
                    1 => {
                        open.get_or_insert((line, rule.clone()));
                        true
                    }
                    2 => {
                        if let Some((start, r)) = open.take() {
                            scopes.push((start..line, r));
                        }
                        true
                    }
                    _ => true,
                };
                if emit {
                    if let Some(scope) = scope {
                        scopes.push((scope, rule.clone()));
                    }
                    text.push_str(&comment);
                    text.push('\n');
                }
            }
            text.push_str(block);
            text.push_str("\n\n");
        }
        if let Some((start, r)) = open {
            scopes.push((start..usize::MAX, r));
        }
        let blank = blank_directives(&text);
        let settings = settings();
        let with = lint(&text, &settings).diagnostics;
        let without = lint(&blank, &settings).diagnostics;
        let index = LineIndex::new(&text);
        let covers = |d: &Diagnostic| {
            let line = index.line_of(d.range.start);
            scopes.iter().any(|(lines, rule)| {
                lines.contains(&line)
                    && rule.as_deref().is_none_or(|r| r.eq_ignore_ascii_case(d.code) || r == d.name)
            })
        };
        let expected: Vec<_> = without.iter().filter(|d| !covers(d)).collect();
        let actual: Vec<_> = with.iter().collect();
        prop_assert_eq!(expected, actual, "in:\n{}", text);
    }
}

/// `text` with the body of every `pmlint-` comment replaced by `x`s of the same length.
fn blank_directives(text: &str) -> String {
    let mut out = text.to_string();
    let mut from = 0;
    while let Some(start) = out[from..].find("<!-- pmlint-").map(|i| from + i + 5) {
        let end = out[start..].find(" -->").map_or(out.len(), |i| start + i);
        let blank = "x".repeat(end - start);
        out.replace_range(start..end, &blank);
        from = end;
    }
    out
}
