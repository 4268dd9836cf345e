//! The language server's incremental edits on its rope, against the same edits made on
//! a plain string through the core's `LineIndex`: hostile positions (past the end,
//! inside a character or surrogate pair, end before start) clamp the same way on both
//! sides, and the rope always holds exactly the text the core then lints.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmlint_core::{Encoding, LineCol, LineIndex};
use pmlint_lsp::TextBuffer;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

const INSERTS: [&str; 8] = [
    "",
    "x",
    "\n",
    "\r\n",
    "😀",
    "中文\n",
    "é",
    "## Timeline\n- 10:00 ",
];

fuzz_target!(|data: &[u8]| {
    let (seed, edits) = data.split_at(data.len().min(256));
    let mut text = String::from_utf8_lossy(seed).into_owned();
    let mut buffer = TextBuffer::new(&text, 0);
    for (version, edit) in edits.chunks_exact(6).enumerate() {
        let encoding = if edit[0] & 1 == 0 {
            Encoding::Utf16
        } else {
            Encoding::Utf8
        };
        let position = |line: u8, col: u8| Position::new(u32::from(line % 16), u32::from(col));
        let (start, end) = (position(edit[1], edit[2]), position(edit[3], edit[4]));
        let insert = INSERTS[usize::from(edit[5]) % INSERTS.len()];
        let whole = edit[0] & 0b110 == 0b110;
        let change = TextDocumentContentChangeEvent {
            range: (!whole).then_some(Range::new(start, end)),
            range_length: None,
            text: insert.to_string(),
        };
        let version = version as i32 + 1;
        buffer
            .apply(version, vec![change], encoding)
            .expect("versions increase");
        if whole {
            text = insert.to_string();
        } else {
            let index = LineIndex::new(&text);
            let offset = |p: Position| {
                let pos = LineCol {
                    line: p.line,
                    col: p.character,
                };
                index.offset(&text, pos, encoding)
            };
            let (a, b) = (offset(start), offset(end));
            text.replace_range(a.min(b)..a.max(b), insert);
        }
        assert_eq!(buffer.rope.to_string(), text, "after edit {version}");
        assert_eq!(buffer.rope.len_lines(), LineIndex::new(&text).line_count());
    }
    assert!(
        buffer.apply(0, Vec::new(), Encoding::Utf16).is_err(),
        "a stale version applies"
    );
});
