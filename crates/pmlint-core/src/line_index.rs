//! Byte offsets inside, line/column at the edges: one index, built once per text.

use std::ops::Range;

/// How a column is counted. LSP negotiates UTF-8 or UTF-16; JavaScript strings are UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A zero-based line and column (in the unit of an [`Encoding`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of a text plus, per line, its start in UTF-16 code units, so every
/// conversion is a binary search plus a scan of one line at most.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    utf16_line_starts: Vec<u32>,
    /// Lines made of ASCII only: their UTF-8 and UTF-16 columns coincide.
    ascii_lines: Vec<bool>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut utf16_line_starts = vec![0];
        let mut ascii_lines = Vec::new();
        let mut utf16 = 0u32;
        let mut end = 0u32;
        let mut last_line_ascii = true;
        // Line by line (a memchr search) rather than char by char: an ASCII line's
        // UTF-16 length is its byte length, and most lines are ASCII.
        for line in text.split_inclusive('\n') {
            let ascii = line.is_ascii();
            end += line.len() as u32;
            utf16 += if ascii {
                line.len() as u32
            } else {
                line.encode_utf16().count() as u32
            };
            if line.ends_with('\n') {
                line_starts.push(end);
                utf16_line_starts.push(utf16);
                ascii_lines.push(ascii);
            } else {
                last_line_ascii = ascii;
            }
        }
        ascii_lines.push(last_line_ascii);
        LineIndex {
            line_starts,
            utf16_line_starts,
            ascii_lines,
            len: text.len() as u32,
        }
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Zero-based line containing `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len as usize) as u32;
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte range of a line, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .map_or(text.len(), |&s| s as usize);
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |&s| s as usize);
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        start..end
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(self.len as usize, |&s| s as usize)
    }

    /// Byte offset to line/column. `offset` must be on a char boundary of `text`.
    pub fn line_col(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let col = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 if self.ascii_lines[line] => offset - start,
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Line/column back to a byte offset. Positions past the end of a line clamp to its
    /// end and positions past the last line clamp to the end of the text, as LSP asks;
    /// a column inside a surrogate pair or a multi-byte char rounds down to its start.
    pub fn offset(&self, text: &str, pos: LineCol, encoding: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let range = self.line_range(text, line);
        let line_text = &text[range.clone()];
        let col = pos.col as usize;
        match encoding {
            Encoding::Utf8 => {
                range.start + floor_char_boundary(line_text, col.min(line_text.len()))
            }
            Encoding::Utf16 if self.ascii_lines[line] => range.start + col.min(line_text.len()),
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, ch) in line_text.char_indices() {
                    units += ch.len_utf16();
                    if units > col {
                        return range.start + i;
                    }
                }
                range.end
            }
        }
    }

    /// Byte offset to an absolute UTF-16 offset (a JavaScript string index).
    pub fn utf16_offset(&self, text: &str, offset: usize) -> usize {
        let pos = self.line_col(text, offset, Encoding::Utf16);
        (self.utf16_line_starts[pos.line as usize] + pos.col) as usize
    }

    /// Absolute UTF-16 offset back to a byte offset (clamped; rounds down inside a char).
    pub fn offset_from_utf16(&self, text: &str, utf16: usize) -> usize {
        let utf16 = utf16 as u32;
        let line = self.utf16_line_starts.partition_point(|&s| s <= utf16) - 1;
        let col = utf16 - self.utf16_line_starts[line];
        self.offset(
            text,
            LineCol {
                line: line as u32,
                col,
            },
            Encoding::Utf16,
        )
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_encodings_and_round_trips() {
        let text = "ab\n😀é x\r\n中文\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.line_col(text, x, Encoding::Utf8),
            LineCol { line: 1, col: 7 }
        );
        assert_eq!(
            index.line_col(text, x, Encoding::Utf16),
            LineCol { line: 1, col: 4 }
        );
        // Every char but line feeds, whose column clamps back to the end of their line.
        for (offset, _) in text.char_indices().filter(|(_, c)| *c != '\n') {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let pos = index.line_col(text, offset, enc);
                assert_eq!(index.offset(text, pos, enc), offset, "{offset} {enc:?}");
            }
            let u = index.utf16_offset(text, offset);
            assert_eq!(index.offset_from_utf16(text, u), offset);
        }
        let expected_utf16: usize = text.chars().map(char::len_utf16).sum();
        assert_eq!(index.utf16_offset(text, text.len()), expected_utf16);
    }

    #[test]
    fn clamps_out_of_range_positions() {
        let text = "abc\ndef";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            3
        );
        assert_eq!(
            index.offset(text, LineCol { line: 9, col: 0 }, Encoding::Utf8),
            7
        );
        assert_eq!(index.line_range(text, 0), 0..3);
        // Inside the surrogate pair of an emoji rounds down to the emoji's start.
        let text = "😀x";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 1 }, Encoding::Utf16),
            0
        );
    }
}
