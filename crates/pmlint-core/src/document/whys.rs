//! "5 Whys" chains in any common formatting: numbered bold questions with answers
//! below, `Why 1:` / `Because:` pairs, `Q1.` / `A1.`, `- Why? …` bullets, a question
//! followed by a paragraph, `Why 1: <answer>` labels, and Why/Because tables.

use super::{normalize_heading, Document, Field, Slot, Table};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone)]
pub struct WhyStep {
    pub question: Field,
    /// The answer's text (prefixes like "Because:" or "A2." removed) and range.
    pub answer: Option<Field>,
}

impl WhyStep {
    /// Whether the why has a real answer: not missing, not "?", "TBD", "(open)" or
    /// "[Answer]", and not an admission that the cause is unknown.
    pub fn is_answered(&self) -> bool {
        self.answer
            .as_ref()
            .is_some_and(|a| !is_placeholder(&a.text) && !ADMITS_UNKNOWN.is_match(a.text.trim()))
    }
}

#[derive(Debug, Clone)]
pub struct WhyChain {
    pub section: usize,
    pub range: Range<usize>,
    pub steps: Vec<WhyStep>,
    /// A closing `**Root Cause:** …` statement.
    pub root_cause: Option<Field>,
}

impl WhyChain {
    /// The last why's answer, when it is answered: where the chain stopped digging.
    pub fn last_answer(&self) -> Option<&Field> {
        self.steps
            .last()
            .filter(|s| s.is_answered())
            .and_then(|s| s.answer.as_ref())
    }

    /// The closing root-cause statement, unless it is a placeholder.
    pub fn stated_root_cause(&self) -> Option<&Field> {
        self.root_cause
            .as_ref()
            .filter(|r| !is_placeholder(&r.text))
    }
}

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
        | \?+ | \.{2,} | …
        | tbd | tbc | tba | todo | fixme | xxx+ | n/?a | none | unknown | open | pending | answer
        | to\s+be\s+(?:determined|decided|confirmed|filled(?:\s+in)?|added|completed|written|investigated)
        | (?:fill|filled)\s+in(?:\s+later)?
        | because\.{0,3}
        # A non-answer with a remark: 'TBD — waiting on the ML team', 'Unknown at this stage'.
        | (?:tbd|tbc|todo|unknown|pending|unclear)(?:\s*[—–,;:(]|\s+-\s|\s+at\s+this\s+(?:stage|time|point)|\s+yet)(?s:.*)
        )$",
    )
    .expect("placeholder answer pattern")
});

/// An answer that says, as its first sentence, that the cause is not known: "The root
/// cause of why Django does this is unclear, …", "We don't know yet."
static ADMITS_UNKNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
        (?:the\s+)?(?:root\s+)?(?:cause|reason)(?-u:\b)[^.?!]{0,80}?(?-u:\b)(?:is|remains)\s+(?:still\s+)?(?:unclear|unknown|not\s+(?:yet\s+)?(?:known|clear|understood))
        | (?:we|i)\s+(?:do\s+not|don't|don’t|did\s+not|didn't|didn’t)\s+(?:yet\s+)?know(?-u:\b)
        | (?:we(?:'re|’re|\s+are)|i'm|i’m|i\s+am)\s+not\s+sure(?-u:\b)
        )",
    )
    .expect("admits unknown pattern")
});

/// Whether an answer or root-cause text is a template placeholder or a non-answer:
/// "?", "(open)", "_To be determined._", "[Answer]", "TBD".
pub fn is_placeholder(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.starts_with('[') && trimmed.ends_with(']') {
        return true;
    }
    let core = trimmed
        .trim_matches(|c: char| {
            matches!(c, '(' | ')' | '[' | ']' | '_' | '*' | ' ' | '-' | '—' | ':')
        })
        .trim_end_matches(['.', '!'])
        .trim();
    PLACEHOLDER.is_match(core)
}

static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:q\d+\s*[.:)]\s*|why\s*(?:#\s*)?\d+\s*[.:)]\s*)?(.*(?-u:\b)why(?-u:\b)[^?]*\?)(.*)$")
        .expect("question pattern")
});
/// `Why 1: The database was unreachable.`: a numbered why label followed directly by
/// the answer, without the question written out.
static LABELLED_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^why\s*(?:#\s*)?\d+\s*[.:)]\s*([^?]*)$").expect("labelled answer pattern")
});
static ROOT_CAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:systemic\s+|underlying\s+)?root[\s-]+causes?\s*:\s*(.*)$")
        .expect("root cause pattern")
});
static ANSWER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:a\d+\s*[.:)]\s*|answer\s*\d*\s*[.:)]\s*|because\s*\d*\s*:\s*)")
        .expect("answer prefix pattern")
});

/// Strips list markers, numbering and emphasis from the start of a line and returns
/// the offset where the content begins.
fn content_start(line: &str) -> usize {
    let mut s = line;
    loop {
        let before = s.len();
        s = s.trim_start();
        s = s.trim_start_matches(['-', '*', '+', '>', '#']).trim_start();
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && s[digits..].starts_with(['.', ')']) {
            s = &s[digits + 1..];
        }
        s = s.trim_start_matches(['*', '_']);
        if s.len() == before {
            break;
        }
    }
    line.len() - s.len()
}

fn clean(text: &str) -> &str {
    text.trim().trim_matches(|c| c == '*' || c == '_').trim()
}

/// A field over `range` whose text has emphasis markers removed ("**Why** did …").
fn plain_field(source: &str, range: Range<usize>) -> Field {
    let text = source[range.clone()].replace("**", "").replace("__", "");
    Field { text, range }
}

pub(super) fn extract(doc: &Document) -> Vec<WhyChain> {
    let mut chains = Vec::new();
    for (index, section) in doc.sections.iter().enumerate() {
        let Some(slot) = section.slot else { continue };
        if !matches!(
            slot,
            Slot::FiveWhys | Slot::RootCause | Slot::ContributingFactors
        ) {
            continue;
        }
        // Only the section's own text, up to its first subsection with its own slot;
        // a sub-heading that is a why question ("### Why?") is a step of the chain.
        let end = doc.sections[index + 1..]
            .iter()
            .find(|s| {
                s.heading_range.start >= section.body.start
                    && s.slot.is_some()
                    && !QUESTION.is_match(s.title.trim())
            })
            .map_or(section.body.end, |s| {
                s.heading_range.start.min(section.body.end)
            });
        if let Some(chain) = parse_chain(doc, index, section.body.start..end) {
            if slot == Slot::FiveWhys || chain.steps.len() >= 2 {
                chains.push(chain);
            }
        }
    }
    chains
}

fn parse_chain(doc: &Document, section: usize, body: Range<usize>) -> Option<WhyChain> {
    let tables: Vec<_> = doc
        .tables
        .iter()
        .filter(|t| body.contains(&t.range.start))
        .collect();
    let mut steps: Vec<WhyStep> = tables.iter().flat_map(|t| table_steps(t)).collect();
    let mut root_cause = None;
    let mut offset = body.start;
    let mut in_root_cause = false;
    for line in doc.text[body.clone()].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed_line = line.trim_end_matches(['\n', '\r']);
        if doc.in_code_block(line_start)
            || doc.table_at(line_start).is_some()
            || doc.prose[line_start..line_start + trimmed_line.len()]
                .trim()
                .is_empty()
        {
            continue;
        }
        let start = content_start(trimmed_line);
        let content = &trimmed_line[start..];
        let abs = |r: Range<usize>| line_start + start + r.start..line_start + start + r.end;
        if let Some(c) = ROOT_CAUSE.captures(&content.replace("**", "  ").replace("__", "  ")) {
            let m = c.get(1).expect("group 1 participates");
            let value = clean(&content[m.range()]);
            let s = m.start() + content[m.range()].find(value).unwrap_or(0);
            root_cause = Some(plain_field(doc.text, abs(s..s + value.len())));
            in_root_cause = true;
            continue;
        }
        if let Some(c) = QUESTION.captures(content) {
            let q = c.get(1).expect("group 1 participates");
            let qtext = clean(q.as_str());
            let qs = q.start() + q.as_str().find(qtext).unwrap_or(0);
            let rest = c.get(2).expect("group 2 participates");
            let answer = answer_field(doc, content, rest.range(), &abs);
            steps.push(WhyStep {
                question: plain_field(doc.text, abs(qs..qs + qtext.len())),
                answer,
            });
            in_root_cause = false;
            continue;
        }
        if let Some(c) = LABELLED_ANSWER.captures(content) {
            let label = c.get(0).expect("whole match").start()..c.get(1).expect("group 1").start();
            let label_text =
                content[label.clone()].trim_end_matches([' ', '*', '_', ':', '.', ')']);
            steps.push(WhyStep {
                question: plain_field(doc.text, abs(label.start..label.start + label_text.len())),
                answer: answer_field(doc, content, c.get(1).expect("group 1").range(), &abs),
            });
            in_root_cause = false;
            continue;
        }
        if in_root_cause {
            if let Some(rc) = &mut root_cause {
                let end = line_start + trimmed_line.trim_end().len();
                rc.range.end = end;
                *rc = plain_field(doc.text, rc.range.clone());
            }
            continue;
        }
        if let Some(step) = steps.last_mut() {
            let field = answer_field(doc, content, 0..content.len(), &abs);
            match (&mut step.answer, field) {
                (Some(a), Some(f)) => {
                    a.range.end = f.range.end;
                    a.text = format!("{} {}", a.text, f.text);
                }
                (a @ None, f) => *a = f,
                _ => {}
            }
        }
    }
    if steps.is_empty() {
        return None;
    }
    steps.sort_by_key(|s| s.question.range.start);
    let first = steps[0].question.range.start;
    let last = root_cause
        .as_ref()
        .map(|r| r.range.end)
        .or_else(|| {
            steps
                .last()
                .and_then(|s| s.answer.as_ref().map(|a| a.range.end))
        })
        .unwrap_or(steps.last().map_or(first, |s| s.question.range.end));
    Some(WhyChain {
        section,
        range: first..last,
        steps,
        root_cause,
    })
}

/// Steps from a table with a why/question column and an answer/because column.
fn table_steps(table: &Table) -> Vec<WhyStep> {
    let column = |words: &[&str]| {
        table.header.cells.iter().position(|c| {
            let name = normalize_heading(&c.text);
            words.iter().any(|w| name.split(' ').any(|part| part == *w))
        })
    };
    let (Some(question), Some(answer)) = (
        column(&["why", "question"]),
        column(&["because", "answer", "reason", "cause"]),
    ) else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter_map(|row| {
            let q = row.cells.get(question)?;
            let a = row.cells.get(answer)?;
            Some(WhyStep {
                question: Field {
                    text: q.text.clone(),
                    range: q.range.clone(),
                },
                answer: (!a.text.trim().is_empty()).then(|| Field {
                    text: a.text.clone(),
                    range: a.range.clone(),
                }),
            })
        })
        .collect()
}

fn answer_field(
    doc: &Document,
    content: &str,
    range: Range<usize>,
    abs: &dyn Fn(Range<usize>) -> Range<usize>,
) -> Option<Field> {
    let piece = &content[range.clone()];
    let mut start = range.start + (piece.len() - piece.trim_start().len());
    let rest = &content[start..range.end];
    let stripped = rest.trim_start_matches(['*', '_', ' ', '-', '—', '–', ':']);
    start += rest.len() - stripped.len();
    if let Some(m) = ANSWER_PREFIX.find(&content[start..range.end].replace("**", "  ")) {
        start += m.end();
    }
    let rest = &content[start..range.end];
    let value = clean(rest.trim_start_matches(['*', '_', ' ', ':']));
    if value.is_empty() {
        return None;
    }
    let s = start + rest.find(value).unwrap_or(0);
    Some(plain_field(doc.text, abs(s..s + value.len())))
}
