use super::template_text;
use crate::diagnostic::Severity;
use crate::document::{Document, Slot, PROMPT_VERBS};
use crate::rules::{Context, Family, Rule, RuleDocs};
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    code: "S003",
    name: "placeholder",
    family: Family::Structure,
    default_severity: Severity::Warning,
    summary: "Template placeholder text was left in.",
    docs: RuleDocs {
        what: "Finds template placeholders in the prose: `[Incident Title]`, `YYYY-MM-DD`, `HH:MM`, `@[name]`, `X hours Y minutes`, `'x' minutes`, `INC-XXXX`, `$X`, `{{ summary }}`, `(Ana to fill in …)`, `<Include a graph …>`, TBD, TODO, `[Answer]`, `??`, `?` as a field's value, Lorem ipsum; and the template's own prompts and instructions left under its headings: an italic imperative or question opening a section (\"*List the sequence of events…*\"), a sentence about the document's own sections or examples (\"These sections should be filled out…\", \"The example below demonstrates…\"), a verbless description of what the section holds (\"List of things that went well. For example,\"). Ticket and CVE ids in brackets, publication redactions (`[value redacted]`), vague times opening a timeline line, code, comments and owner or due-date cells of action items (the A rules report those) are not reported.",
        why: "The templates in seeds `001`, `002` and `004` are full of placeholders; one left in tells the reader the document was never finished, and hides a fact (a duration, a date) the reader needed.",
        example: "- **Duration**: X hours Y minutes",
        better: "- **Duration**: 4 hours 33 minutes (02:14–06:47 UTC)",
    },
    check,
};

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        @?\[(?:[A-Z@][^\[\]\n]{1,60}|(?:name|answer|link|date|time|owner|team|insert|add|your|enter|url|ticket)(?-u:\b)[^\[\]\n]{0,60})\]
        | [\[(][^\[\]()\n]{0,60}?(?-u:\b)(?i:fill(?:ed)?\s+(?:in|out)|to\s+be\s+(?:added|completed|confirmed|determined|written|provided))(?-u:\b)[^\[\]()\n]{0,80}[\])]
        | \{\{\s*[A-Za-z_][\w.]*(?:\s*\|\s*[\w.]+)?\s*\}\}
        | (?-u:\b)YYYY-MM-DD(?-u:\b) | (?-u:\b)YYYY/MM/DD(?-u:\b) | (?-u:\b)HH:MM(?::SS)?(?-u:\b)
        | (?:'[Xx]{1,3}'|(?-u:\b)X+|(?-u:\b)x{1,2})\s+(?:hours?|minutes?|mins?|days?|seconds?)(?:\s+Y+\s+(?:minutes?|mins?))?(?-u:\b)
        | (?-u:\b)[A-Z]{2,}-X{3,}(?-u:\b) | (?-u:\b)INC-YYYY[-\w\#]*
        | \$X+(?-u:\b) | (?-u:\b)X+%
        | (?-u:\b)TBD(?-u:\b) | (?-u:\b)TODO(?-u:\b) | (?-u:\b)TBA(?-u:\b) | (?-u:\b)FIXME(?-u:\b)
        | (?i:lorem\s+ipsum)
        | \?\?+
        | (?m:^[\ \t]*(?:[-*+][\ \t]+)?\p{L}[\p{L}\ /()-]{0,30}:[\ \t]*\?[\ \t]*$)
        ",
    )
    .expect("placeholder pattern compiles")
});

/// `<Include a graph of the error rate>`: an instruction in angle brackets, which
/// Markdown reads as an unknown HTML tag (so it is not in the prose).
static ANGLE_PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<([A-Za-z][A-Za-z0-9 ,.'’&-]{2,80})>").expect("angle prompt pattern compiles")
});

/// Words that open a fill-in slot in angle brackets besides the template's verbs.
const SLOT_WORDS: &[&str] = &[
    "your", "name", "date", "time", "owner", "team", "url", "number",
];

/// Bracketed text that is a value, not a slot to fill: a ticket or CVE id
/// ("[CVE-2019-15225]", "[JIRA-123]") or a publication redaction ("[value redacted]").
fn is_value_in_brackets(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    let id = inner.split_once('-').is_some_and(|(a, b)| {
        a.chars().all(|c| c.is_ascii_uppercase()) && b.starts_with(|c: char| c.is_ascii_digit())
    });
    id || ["redact", "elide", "omitted", "removed", "censor", "anonymi"]
        .iter()
        .any(|w| lower.contains(w))
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    // Owner and due cells, merged into sorted disjoint ranges: a binary search per match
    // rather than a scan of every action item.
    let mut fields: Vec<_> = doc
        .action_items
        .iter()
        .flat_map(|a| [&a.owner, &a.due])
        .flatten()
        .map(|f| f.range.clone())
        .collect();
    fields.sort_by_key(|r| r.start);
    let mut owned: Vec<Range<usize>> = Vec::with_capacity(fields.len());
    for range in fields {
        match owned.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => owned.push(range),
        }
    }
    let owned_by_action_rules = |start: usize| {
        let i = owned.partition_point(|r| r.start <= start);
        i > 0 && owned[i - 1].contains(&start)
    };
    let prompts = template_text::prompt_paragraphs(doc);
    let in_prompt = |start: usize| {
        let i = prompts.partition_point(|r| r.start <= start);
        i > 0 && prompts[i - 1].contains(&start)
    };
    let mut found: Vec<(Range<usize>, String)> = Vec::new();
    for range in &prompts {
        let text: String = doc.text[range.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        found.push((
            range.clone(),
            format!(
                "Template instruction left in the document: “{}”",
                excerpt(&text, 60)
            ),
        ));
    }
    for m in PLACEHOLDER.find_iter(&doc.prose) {
        let text = m.as_str().trim();
        if owned_by_action_rules(m.start()) || in_prompt(m.start()) {
            continue;
        }
        if text.starts_with(['[', '(']) && is_value_in_brackets(&text[1..text.len() - 1]) {
            continue;
        }
        if text.starts_with('[') && is_timeline_marker(doc, m.range()) {
            continue;
        }
        let lead = m.as_str().len() - m.as_str().trim_start().len();
        let start = m.start() + lead;
        // "Owner: ?": the field's value is the placeholder.
        let (range, shown) = match text.rsplit_once(':') {
            Some((_, value)) if value.trim() == "?" => {
                let at = start + text.rfind('?').expect("the match ends with `?`");
                (at..at + 1, "?")
            }
            _ => (start..start + text.len(), text),
        };
        found.push((range, format!("Placeholder `{shown}` left in the document")));
    }
    // "| Severity | ? |": a metadata table's value left as a question mark.
    let found_at: HashSet<usize> = found.iter().map(|(f, _)| f.start).collect();
    for entry in &doc.metadata.entries {
        let r = &entry.value.range;
        if entry.value.text == "?" && !found_at.contains(&r.start) {
            found.push((
                r.clone(),
                "Placeholder `?` left in the document".to_string(),
            ));
        }
    }
    let mut inline_code = InlineCode::new(doc.text);
    for m in ANGLE_PROMPT.captures_iter(doc.text) {
        let whole = m.get(0).expect("group 0 always participates");
        let inner = &m[1];
        let first = inner.split([' ', ',']).next().unwrap_or("");
        let lower = first.to_lowercase();
        // "<Include a graph…>" is a prompt; "<START OF OUTAGE>" an author's marker.
        let slot = PROMPT_VERBS.contains(&lower.as_str()) || SLOT_WORDS.contains(&lower.as_str());
        if !slot || !inner.contains(' ') || first.chars().all(|c| c.is_uppercase()) {
            continue;
        }
        if doc.in_code_block(whole.start()) || inline_code.contains(whole.start()) {
            continue;
        }
        found.push((
            whole.range(),
            format!("Placeholder `{}` left in the document", whole.as_str()),
        ));
    }
    found.sort_by_key(|(r, _)| r.start);
    for (range, message) in found {
        let note = if message.starts_with("Template instruction") {
            "Answer it in the section, then delete the template's words."
        } else {
            "Replace it with the real value, or remove the line if it does not apply."
        };
        ctx.report(range, message).with_note(note);
    }
}

/// "[The morning] Edward fixes it": a bracket opening a timeline line holds the entry's
/// time, however vague, not a slot to fill.
fn is_timeline_marker(doc: &Document, range: Range<usize>) -> bool {
    // Only the blanks next to the bracket are read, not the whole line: a long line of
    // placeholders would otherwise be scanned once per match.
    let inline_blank = |c: char| c.is_whitespace() && c != '\n';
    let before = doc.text[..range.start].trim_end_matches(inline_blank);
    let after = doc.text[range.end..].trim_start_matches(inline_blank);
    (before.is_empty() || before.ends_with('\n'))
        && !(after.is_empty() || after.starts_with('\n'))
        && doc.slot_at(range.start) == Some(Slot::Timeline)
}

/// Whether offsets, asked in increasing order, fall inside a `code span` on their line
/// (an odd number of backticks before them). Counts as it goes, so that many matches on
/// one long line cost the line once.
struct InlineCode<'t> {
    text: &'t str,
    counted_to: usize,
    backticks: usize,
}

impl<'t> InlineCode<'t> {
    fn new(text: &'t str) -> Self {
        InlineCode {
            text,
            counted_to: 0,
            backticks: 0,
        }
    }

    fn contains(&mut self, offset: usize) -> bool {
        let unread = &self.text[self.counted_to..offset];
        let (line, carried) = match unread.rfind('\n') {
            Some(i) => (&unread[i + 1..], 0),
            None => (unread, self.backticks),
        };
        self.backticks = carried + line.matches('`').count();
        self.counted_to = offset;
        self.backticks % 2 == 1
    }
}

fn excerpt(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Settings};

    fn found(text: &str) -> Vec<String> {
        let report = lint(text, &Settings::default());
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "S003")
            .map(|d| text[d.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn finds_template_placeholders_outside_code_and_comments() {
        let text = "# Postmortem: [Incident Title]\n\n| **Date** | YYYY-MM-DD |\n| **Authors** | @[name] |\n\nDuration: X hours Y minutes. Cause: TBD ??\n\n`TODO` in code\n<!-- TODO in a comment -->\n";
        assert_eq!(
            found(text),
            vec![
                "[Incident Title]",
                "YYYY-MM-DD",
                "@[name]",
                "X hours Y minutes",
                "TBD",
                "??"
            ]
        );
    }

    #[test]
    fn finds_placeholders_as_they_are_really_left_in() {
        let text = "# T\n\n**Severity:** ?\n\n## Summary\n\nWe waited approximately 'x' minutes (Ana to fill in the details).\n\n## Action items\n\n1. {{ summary }} [link to the ticket]\n2. TODO(bo): add the graph\n\n<Include a graph of the error rate>\n";
        assert_eq!(
            found(text),
            vec![
                "?",
                "'x' minutes",
                "(Ana to fill in the details)",
                "{{ summary }}",
                "[link to the ticket]",
                "TODO",
                "<Include a graph of the error rate>"
            ]
        );
    }

    #[test]
    fn a_question_mark_as_a_table_value() {
        let text = "# T\n\n| Field | Value |\n|---|---|\n| Severity | ? |\n| Status | Final |\n\nWhat broke? Nobody knew at first.\n";
        assert_eq!(found(text), vec!["?"]);
    }

    #[test]
    fn redactions_ids_and_timeline_markers_are_values() {
        let text = "# T\n\n## Summary\n\nThe key [value redacted] leaked ([CVE-2019-1234], [details elided for publication]).\n\n## Timeline\n\n[18:27] An alarm\n[The morning] Ana fixes it **\\<END OF OUTAGE>**\n\n{{ 06:10 }} and {{ Hubs throwing errors }} wrap real values.\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }

    #[test]
    fn ignores_links_task_boxes_and_real_text() {
        let text = "# Outage\n\nSee [the runbook](https://x.invalid) and [INC-1234][1].\n\n- [ ] Add an alert\n- [x] Done\n\nWhat happened? Why? Nobody knows.\n\n[1]: https://x.invalid/1\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }
}
