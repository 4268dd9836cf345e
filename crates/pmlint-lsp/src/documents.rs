//! Open documents as plain strings, edited incrementally with positions in the
//! negotiated encoding, converted through the core's `LineIndex` (so only `\n` ends a
//! line, on both sides).

use pmlint_core::{Encoding, LineCol, LineIndex};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

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
    /// Shared with the analysis of this version, so that an open document's text is
    /// held once (a rope plus the string linted held it twice); the first edit after a
    /// lint copies it.
    pub text: Arc<String>,
    pub version: i32,
}

impl TextBuffer {
    pub fn new(text: &str, version: i32) -> Self {
        TextBuffer {
            text: Arc::new(text.to_string()),
            version,
        }
    }

    /// Applies one `didChange` batch in order. Ranges out of the document clamp to it
    /// (as [`LineIndex::offset`] does), and a range given end-first is read start-first:
    /// no edit can panic.
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
                None => self.text = Arc::new(change.text),
                Some(range) => {
                    let text = Arc::make_mut(&mut self.text);
                    // A scan of the line breaks: microseconds, next to the lint it triggers.
                    let index = LineIndex::new(text);
                    let offset = |pos: Position| {
                        let pos = LineCol {
                            line: pos.line,
                            col: pos.character,
                        };
                        index.offset(text, pos, encoding)
                    };
                    let (a, b) = (offset(range.start), offset(range.end));
                    text.replace_range(a.min(b)..a.max(b), &change.text);
                }
            }
        }
        self.version = version;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Range;

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
        assert_eq!(buf.text.as_str(), "a😀Xb\r\nsecond\n");
        buf.apply(3, vec![change(0, 5, 0, 6, "")], Encoding::Utf8)
            .unwrap();
        assert_eq!(buf.text.as_str(), "a😀b\r\nsecond\n");
        // Two changes in one batch apply in order.
        buf.apply(
            4,
            vec![change(1, 0, 1, 6, "2nd"), change(1, 3, 1, 3, "!")],
            Encoding::Utf16,
        )
        .unwrap();
        assert_eq!(buf.text.as_str(), "a😀b\r\n2nd!\n");
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
        assert_eq!(buf.text.as_str(), "ab!\nx😀?");
        assert_eq!(
            buf.apply(5, vec![change(0, 0, 0, 0, "late")], Encoding::Utf16),
            Err(ChangeError::Stale { have: 5, got: 5 })
        );
        assert_eq!(buf.text.as_str(), "ab!\nx😀?");
    }
}
