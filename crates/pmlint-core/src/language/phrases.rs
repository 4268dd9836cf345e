//! Phrase matching over text normalized for it: ASCII lower case, whitespace runs as
//! one space, curly apostrophes as straight ones. One Aho-Corasick automaton per phrase
//! set finds every word-bounded occurrence, mapped back to the original offsets.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::ops::Range;

/// A compiled set of phrases.
pub struct PhraseSet {
    automaton: AhoCorasick,
}

/// An occurrence of phrase `pattern` (its index in the set) at `range` of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    pub pattern: usize,
    pub range: Range<usize>,
}

impl PhraseSet {
    /// Patterns are matched case-insensitively (ASCII) with whitespace collapsed. A DFA:
    /// the overlapping search over every sentence was the costliest step of linting with
    /// the default NFA (callgrind, BENCHMARKS.md).
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> PhraseSet {
        let patterns: Vec<String> = patterns
            .iter()
            .map(|p| {
                let mut normalized = Normalized::default();
                normalized.fill(p.as_ref());
                normalized.text
            })
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("phrases compile");
        PhraseSet { automaton }
    }

    /// Every word-bounded occurrence in `text`, overlapping ones included, in order.
    pub fn find(&self, text: &str, norm: &mut Normalized, out: &mut Vec<PhraseMatch>) {
        norm.fill(text);
        let bytes = norm.text.as_bytes();
        for m in self.automaton.find_overlapping_iter(&norm.text) {
            // An empty configured phrase (`allow = [""]`) matches everywhere and nothing.
            if m.is_empty() {
                continue;
            }
            let bounded_before = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let bounded_after = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
            if !bounded_before || !bounded_after {
                continue;
            }
            let start = norm.origin(m.start());
            let last = norm.origin(m.end() - 1);
            let end = last + text[last..].chars().next().map_or(1, char::len_utf8);
            out.push(PhraseMatch {
                pattern: m.pattern().as_usize(),
                range: start..end,
            });
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'@' | b'/') || b >= 0x80
}

/// A text in the form phrases are matched against: ASCII lower case, whitespace runs
/// as one space, curly apostrophes as straight ones; with the way back to the offsets
/// of the original. Only a character that normalizing shortens (a whitespace run, a
/// multi-byte space or apostrophe) shifts the offsets after it, so the shifts are few
/// and plain ASCII text is copied as is. Reused across sentences: normalizing every
/// sentence into fresh buffers was the costliest step of linting (callgrind).
#[derive(Default)]
pub struct Normalized {
    text: String,
    /// `(offset, shift)`: from normalized `offset` on, the original is `shift` bytes
    /// further. In order of offset.
    shifts: Vec<(usize, usize)>,
}

fn is_ascii_space(b: u8) -> bool {
    // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, CR, space.
    matches!(b, b'\t'..=b'\r' | b' ')
}

impl Normalized {
    fn fill(&mut self, text: &str) {
        self.text.clear();
        self.shifts.clear();
        let bytes = text.as_bytes();
        let mut shift = 0;
        let mut copied = 0;
        let mut i = 0;
        // ASCII other than whitespace, and a space between two such bytes, stay as they
        // are; the rest (other whitespace, runs, non-ASCII) is rewritten.
        while let Some(skipped) = bytes[i..]
            .iter()
            .position(|&b| !b.is_ascii() || is_ascii_space(b))
        {
            i += skipped;
            let lone_space = bytes[i] == b' '
                && (i == 0 || (bytes[i - 1].is_ascii() && !is_ascii_space(bytes[i - 1])))
                && !bytes.get(i + 1).copied().is_some_and(is_ascii_space);
            if lone_space {
                i += 1;
                continue;
            }
            self.text.push_str(&text[copied..i]);
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let width = c.len_utf8();
            let shortened_by = if c.is_whitespace() {
                if self.text.ends_with(' ') {
                    width
                } else {
                    self.text.push(' ');
                    width - 1
                }
            } else if matches!(c, '\u{2019}' | '\u{2018}') {
                self.text.push('\'');
                width - 1
            } else {
                self.text.push(c);
                0
            };
            if shortened_by > 0 {
                shift += shortened_by;
                self.shifts.push((self.text.len(), shift));
            }
            i += width;
            copied = i;
        }
        self.text.push_str(&text[copied..]);
        self.text.make_ascii_lowercase();
    }

    /// The offset in the original of the byte at normalized `offset`.
    fn origin(&self, offset: usize) -> usize {
        let after = self.shifts.partition_point(|&(at, _)| at <= offset);
        offset + after.checked_sub(1).map_or(0, |k| self.shifts[k].1)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalizing_maps_every_byte_back_to_its_origin() {
        let text = "A\t \u{a0}B\u{2019}s  X\u{e9}\u{2003} y\nZ";
        let mut norm = super::Normalized::default();
        norm.fill(text);
        assert_eq!(norm.text, "a b's x\u{e9} y z");
        let origins: Vec<usize> = (0..norm.text.len()).map(|i| norm.origin(i)).collect();
        // a, space (the run), b, ', s, space, x, é (two bytes), space, y, space, z
        assert_eq!(origins, [0, 1, 5, 6, 9, 10, 12, 13, 14, 15, 19, 20, 21]);
        norm.fill("Plain text, reused.");
        assert_eq!(norm.text, "plain text, reused.");
        assert!((0..norm.text.len()).all(|i| norm.origin(i) == i));
    }

    #[test]
    fn matches_are_word_bounded_and_mapped_back() {
        let set = super::PhraseSet::new(&["human error", "if"]);
        let mut norm = super::Normalized::default();
        let mut out = Vec::new();
        set.find("Human\n  error, if iffy", &mut norm, &mut out);
        let ranges: Vec<_> = out.iter().map(|m| m.range.clone()).collect();
        assert_eq!(ranges, [0..13, 15..17]);
    }
}
