//! Open documents as ropes, edited incrementally with positions in the negotiated encoding.
//!
//! The rope counts only `\n` as a line break (ropey without `unicode_lines`/`cr_lines`),
//! exactly as the core's `LineIndex` does, so line numbers agree on both sides.

use ls_types::{Position, TextDocumentContentChangeEvent};
use pmlint_core::Encoding;
use ropey::Rope;

/// Why a change was not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// The change's version is not newer than the document's: edits arrived out of order.
    Stale { have: i32, got: i32 },
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::Stale { have, got } => write!(
                f,
                "ignored a change to version {got}: the document is already at version {have}"
            ),
        }
    }
}

#[derive(Debug)]
pub struct TextBuffer {
    pub rope: Rope,
    pub version: i32,
}

impl TextBuffer {
    pub fn new(text: &str, version: i32) -> Self {
        TextBuffer {
            rope: Rope::from_str(text),
            version,
        }
    }

    /// Applies one `didChange` batch in order. Ranges out of the document clamp to it,
    /// and a range given end-first is read start-first: no edit can panic.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<(), ChangeError> {
        if version <= self.version {
            return Err(ChangeError::Stale {
                have: self.version,
                got: version,
            });
        }
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let a = char_index(&self.rope, range.start, encoding);
                    let b = char_index(&self.rope, range.end, encoding);
                    let (start, end) = (a.min(b), a.max(b));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        Ok(())
    }
}

/// The rope char index of an LSP position. Past the last line clamps to the end of the
/// text; past the end of a line clamps to the line's end (before its line break); a
/// column inside a character rounds down to its start.
pub fn char_index(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let text = rope.line(line);
    let mut len = text.len_chars();
    if len > 0 && text.char(len - 1) == '\n' {
        len -= 1;
        if len > 0 && text.char(len - 1) == '\r' {
            len -= 1;
        }
    }
    let text = text.slice(..len);
    let col = pos.character as usize;
    let within = match encoding {
        Encoding::Utf8 => text.byte_to_char(col.min(text.len_bytes())),
        Encoding::Utf16 => text.utf16_cu_to_char(col.min(text.len_utf16_cu())),
    };
    start + within
}

#[cfg(test)]
mod tests {
    use super::*;
    use ls_types::Range;

    fn change(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn applies_incremental_edits_in_both_encodings() {
        let mut buf = TextBuffer::new("a😀b\r\nsecond\n", 1);
        // After the emoji: UTF-16 column 3, UTF-8 column 5.
        buf.apply(2, vec![change(0, 3, 0, 3, "X")], Encoding::Utf16)
            .unwrap();
        assert_eq!(buf.rope.to_string(), "a😀Xb\r\nsecond\n");
        buf.apply(3, vec![change(0, 5, 0, 6, "")], Encoding::Utf8)
            .unwrap();
        assert_eq!(buf.rope.to_string(), "a😀b\r\nsecond\n");
        // Two changes in one batch apply in order.
        buf.apply(
            4,
            vec![change(1, 0, 1, 6, "2nd"), change(1, 3, 1, 3, "!")],
            Encoding::Utf16,
        )
        .unwrap();
        assert_eq!(buf.rope.to_string(), "a😀b\r\n2nd!\n");
    }

    #[test]
    fn clamps_bad_ranges_and_rejects_stale_versions() {
        let mut buf = TextBuffer::new("ab\ncd", 1);
        // Past the line's end stops before "\r\n"/"\n"; past the last line is the end.
        buf.apply(2, vec![change(0, 99, 0, 99, "!")], Encoding::Utf16)
            .unwrap();
        buf.apply(3, vec![change(9, 0, 9, 9, "?")], Encoding::Utf16)
            .unwrap();
        // End before start, and a column inside the emoji's surrogate pair.
        buf.apply(4, vec![change(1, 2, 1, 0, "😀")], Encoding::Utf16)
            .unwrap();
        buf.apply(5, vec![change(1, 1, 1, 1, "x")], Encoding::Utf16)
            .unwrap();
        assert_eq!(buf.rope.to_string(), "ab!\nx😀?");
        assert_eq!(
            buf.apply(5, vec![change(0, 0, 0, 0, "late")], Encoding::Utf16),
            Err(ChangeError::Stale { have: 5, got: 5 })
        );
        assert_eq!(buf.rope.to_string(), "ab!\nx😀?");
    }
}
