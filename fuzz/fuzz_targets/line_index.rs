//! `LineIndex` against a naive reference: line and UTF-16 counts at every char
//! boundary, round trips through both encodings, and arbitrary (hostile) positions
//! that must clamp into the text on a char boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint_core::{Encoding, LineCol, LineIndex};
use pmlint_fuzz::text_of;

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let index = LineIndex::new(&text);
    assert_eq!(index.len(), text.len());
    let bytes = text.as_bytes();
    // A line feed after a carriage return shares its line's end with the `\r`.
    let expected_round_trip = |offset: usize| {
        if offset > 0 && bytes.get(offset) == Some(&b'\n') && bytes[offset - 1] == b'\r' {
            offset - 1
        } else {
            offset
        }
    };
    let (mut line, mut utf16) = (0usize, 0usize);
    let mut boundaries = text
        .char_indices()
        .map(|(i, c)| (i, Some(c)))
        .collect::<Vec<_>>();
    boundaries.push((text.len(), None));
    for (offset, ch) in boundaries {
        assert_eq!(index.line_of(offset), line, "line of {offset}");
        assert_eq!(
            index.utf16_offset(&text, offset),
            utf16,
            "UTF-16 offset of {offset}"
        );
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let pos = index.line_col(&text, offset, encoding);
            assert_eq!(pos.line as usize, line);
            assert_eq!(
                index.offset(&text, pos, encoding),
                expected_round_trip(offset),
                "{offset} via {pos:?} in {encoding:?}"
            );
        }
        assert_eq!(
            index.offset_from_utf16(&text, utf16),
            expected_round_trip(offset)
        );
        if let Some(ch) = ch {
            utf16 += ch.len_utf16();
            line += usize::from(ch == '\n');
        }
    }
    assert_eq!(index.line_count(), line + 1);
    // The raw bytes read as positions a confused or hostile client might send.
    for chunk in data.chunks_exact(8) {
        let a = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let b = u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
        let pos = LineCol {
            line: a % 64,
            col: b,
        };
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let offset = index.offset(&text, pos, encoding);
            assert!(offset <= text.len() && text.is_char_boundary(offset));
            let back = index.line_col(&text, a as usize, encoding);
            assert!(back.line as usize <= line);
        }
        let offset = index.offset_from_utf16(&text, b as usize);
        assert!(offset <= text.len() && text.is_char_boundary(offset));
        let range = index.line_range(&text, a as usize % (line + 2));
        assert!(range.start <= range.end && range.end <= text.len());
    }
});
