//! Sentences of the authors' prose, split from the masked text of each block.

use super::{BlockKind, Document};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    pub block: usize,
    pub section: Option<usize>,
    /// Inside a block quote (a pasted chat log or email).
    pub quoted: bool,
    pub kind: BlockKind,
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "approx", "dr", "mr", "mrs", "ms", "st", "no", "fig", "cf", "al",
    "inc", "ltd", "jr", "sr", "min", "sec", "max", "est",
];

pub(super) fn split_sentences(doc: &Document) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        let text = &doc.prose[block.range.clone()];
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?') {
                // Absorb repeated terminators and closing quotes/brackets: "!!!", '?"'.
                let mut end = i + 1;
                while end < bytes.len()
                    && matches!(
                        bytes[end],
                        b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b'*' | b'_'
                    )
                {
                    end += 1;
                }
                let followed_by_space = end >= bytes.len() || bytes[end].is_ascii_whitespace();
                if followed_by_space && !(b == b'.' && is_abbreviation(&text[start..i])) {
                    push(
                        &mut sentences,
                        doc,
                        index,
                        block.range.start,
                        text,
                        start..end,
                    );
                    start = end;
                }
                i = end;
            } else {
                i += 1;
            }
        }
        push(
            &mut sentences,
            doc,
            index,
            block.range.start,
            text,
            start..bytes.len(),
        );
    }
    sentences
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    // A single letter ("J. Smith") or a known abbreviation.
    (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
        || ABBREVIATIONS.contains(&lower.as_str())
}

fn push(
    out: &mut Vec<Sentence>,
    doc: &Document,
    block: usize,
    base: usize,
    text: &str,
    range: Range<usize>,
) {
    let piece = &text[range.clone()];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    let start = base + range.start + lead;
    let b = &doc.blocks[block];
    out.push(Sentence {
        range: start..start + trimmed.len(),
        block,
        section: b.section,
        quoted: b.quoted,
        kind: b.kind,
    });
}
