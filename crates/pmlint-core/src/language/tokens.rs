//! Words and punctuation of a text, with byte ranges, and which of them are quoted.

use std::ops::Range;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '@' | '\'' | '\u{2019}' | '-' | '_' | '.' | '/')
}

/// Splits `text` into `(range, is_word)`: runs of word characters (letters, digits,
/// inner apostrophes, hyphens, dots, slashes, `@`) and single other characters.
pub(super) fn split(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push((i..i + c.len_utf8(), false));
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !is_word_char(d) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        // Trailing and leading punctuation belongs to the sentence, not the word.
        let word = &text[i..end];
        let edges = ['.', '\'', '\u{2019}', '-', '_', '/'];
        let trimmed_end = word.trim_end_matches(edges);
        let trimmed = trimmed_end.trim_start_matches(edges);
        if trimmed.is_empty() {
            continue;
        }
        let start = i + (trimmed_end.len() - trimmed.len());
        let stop = start + trimmed.len();
        // "didn't" stays one word; a possessive "engineer's" too. A pronoun's auxiliary
        // is its own word: "we've" is "we" + "'ve", so the verb group sees the "have".
        match pronoun_contraction(&text[start..stop]) {
            Some(at) => {
                tokens.push((start..start + at, true));
                tokens.push((start + at..stop, true));
            }
            None => tokens.push((start..stop, true)),
        }
        if stop < end && text[stop..end].starts_with('.') {
            tokens.push((stop..stop + 1, false));
        }
    }
    tokens
}

/// Where a pronoun's contracted auxiliary begins: "we've" at 2, "they'll" at 4; `None`
/// for other words ("didn't", "should've" and possessives stay whole).
fn pronoun_contraction(word: &str) -> Option<usize> {
    let at = word.rfind(['\'', '\u{2019}'])?;
    let suffix = lower(&word[at..]);
    let pronoun = lower(&word[..at]);
    let is_pronoun = matches!(
        pronoun.as_str(),
        "i" | "you" | "we" | "they" | "he" | "she" | "it" | "who" | "that" | "there"
    );
    (is_pronoun && matches!(suffix.as_str(), "'ve" | "'ll" | "'re" | "'m")).then_some(at)
}

/// Lower case with curly apostrophes straightened.
pub(super) fn lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.replace('\u{2019}', "'").to_lowercase()
    }
}

/// Marks the tokens inside double quotes (“…”, "…"): quoted speech, a chat line or a
/// term, not the author's own words. A quote the sentence opens and does not close runs
/// to its end ('a customer wrote: “We didn't realize…'); a curly one it closes without
/// opening began before it.
pub(super) fn quoted(text: &str, tokens: &[(Range<usize>, bool)]) -> Vec<bool> {
    let mut marks = vec![false; tokens.len()];
    let mut open: Option<usize> = None;
    for (i, (range, word)) in tokens.iter().enumerate() {
        if *word {
            continue;
        }
        match &text[range.clone()] {
            "\u{201c}" => open = Some(i),
            "\"" | "\u{201d}" => match open.take() {
                Some(start) => marks[start..=i].iter_mut().for_each(|m| *m = true),
                None if &text[range.clone()] == "\"" => open = Some(i),
                None => marks[..=i].iter_mut().for_each(|m| *m = true),
            },
            _ => {}
        }
    }
    if let Some(start) = open {
        marks[start..].iter_mut().for_each(|m| *m = true);
    }
    marks
}
