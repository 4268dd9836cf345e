//! The template's own words left in a document: the prompts and instructions a template
//! puts under its headings ("*List the sequence of events…*", "These sections should be
//! filled out once…"). Recognised by their shape — an italic imperative or question
//! opening a section, a sentence about the document's own sections or examples, a
//! verbless description of what a section holds — never by a template's exact phrase.

use crate::document::{whole_emphasis, BlockKind, Document, PROMPT_VERBS};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A sentence about the document's own parts, or telling the writer how to fill them.
/// ASCII word boundaries: a Unicode one makes the regex engine give up its DFA on any
/// non-ASCII text, and a long paragraph then takes seconds.
static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?-u:\b)(?:this|these|the\ following|each|every)\s+(?:section|sections|sub-?headings?|headings?|template|fields?)(?-u:\b)
            [^.!?]{0,60}?(?-u:\b)(?:should|must|needs?\ to|are\ only|is\ only|can\ be)(?-u:\b)
        | (?-u:\b)sample\s+(?:sub-?headings?|sections?|text|entries|items)(?-u:\b)
        | (?-u:\b)(?:should|must|needs?\ to)\s+be\s+filled\s+(?:in|out)(?-u:\b)
        | (?-u:\b)(?:the\s+)?(?:example|template)\s+(?:below|above)\s+(?:demonstrates|shows|illustrates|is)(?-u:\b)
        | (?-u:\b)below\s+(?:demonstrates|illustrates)(?-u:\b)
        | (?-u:\b)ideally,?\s+(?:these|this|each|every\s+\w+)\s+should(?-u:\b)
        ",
    )
    .expect("instruction pattern compiles")
});

/// The opening of a verbless description of what a section holds: "List of things
/// that went well.", "Things that could have gone better.", "These are good things
/// that happened to us…".
static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
          (?:a\s+)?(?:list|summary|description|overview)\s+of\s
        | (?:things|anything|everything)\s+(?:that|which)\s
        | these\s+are\s+(?:\w+\s+){0,3}?things\s+(?:that|which)\s
        )",
    )
    .expect("description pattern compiles")
});

/// The paragraphs of `doc` that are its template's prompts or instructions, in order.
pub(crate) fn prompt_paragraphs(doc: &Document) -> Vec<Range<usize>> {
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && !b.quoted && b.list_item.is_none())
        .filter(|b| is_prompt(doc, b.range.clone(), b.section))
        .map(|b| b.range.clone())
        .collect()
}

fn is_prompt(doc: &Document, range: Range<usize>, section: Option<usize>) -> bool {
    let text = doc.text[range.clone()].trim();
    let opens_section = section.is_some_and(|s| opens_section(doc, s, range.start));
    if let Some(inner) = whole_emphasis(text) {
        let inner = inner.trim();
        let mut words = inner.split_whitespace();
        let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        // "Note the final root cause" is an instruction; "Note: alerts were muted" a
        // label and "Note that times are approximate" the authors' remark.
        let imperative = !first.ends_with(':')
            && !second.eq_ignore_ascii_case("that")
            && PROMPT_VERBS.contains(&first.to_lowercase().trim_end_matches(','));
        if opens_section && (imperative || inner.ends_with('?')) {
            return true;
        }
    }
    let prose = &doc.prose[range];
    if INSTRUCTION.is_match(prose) {
        return true;
    }
    if !opens_section {
        return false;
    }
    let flat: String = prose.split_whitespace().collect::<Vec<_>>().join(" ");
    DESCRIPTION.is_match(&flat) || ends_with_example_lead(&flat)
}

/// "…went well. For example," — a paragraph that only introduces the template's examples.
fn ends_with_example_lead(flat: &str) -> bool {
    let lower = flat.trim_end().to_lowercase();
    lower.ends_with("for example,") || lower.ends_with("for example:")
}

/// Whether nothing but blank lines and comments stands between the heading of section
/// `s` and `offset`.
fn opens_section(doc: &Document, s: usize, offset: usize) -> bool {
    let start = doc.sections[s].heading_range.end;
    if offset < start {
        return false;
    }
    let first = doc.content.partition_point(|r| r.end <= start);
    doc.content[first..]
        .iter()
        .take_while(|r| r.start < offset)
        .all(|r| doc.text[r.clone()].trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompts(text: &str) -> Vec<String> {
        let doc = Document::parse(text);
        prompt_paragraphs(&doc)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn finds_italic_prompts_that_open_a_section() {
        let text = "# T\n\n## Impact\n\n*Describe who was affected and for how long*\n\nForty stores.\n\n## Lessons\n\n_What did we take away from this?_\n\n- x\n\n## Notes\n\nText.\n\n*Describe nothing: this italic line does not open its section*\n\n## Detection\n\n*Note: alerts were muted.*\n";
        assert_eq!(
            prompts(text),
            vec![
                "*Describe who was affected and for how long*",
                "_What did we take away from this?_"
            ]
        );
    }

    #[test]
    fn finds_instructions_and_descriptions_of_the_section() {
        let text = "# T\n\n## What went well\n\nA list of what helped. For example,\n\n1. paging worked\n\n## What went wrong\n\nThings which should have gone better.\n\n1. x\n\n## Timeline\n\nEach entry should name its source.\nThe template below shows the format.\n\n- 10:00 x\n\nThings worth a ticket. Ideally these should link to it.\n\n## Action items\n\nThese are only sample sub-headings; replace them.\n\n## Summary\n\nSeveral things broke at once and were restored by noon.\n";
        let found = prompts(text);
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(found[0].starts_with("A list of"));
        assert!(found[1].starts_with("Things which"));
        assert!(found[2].starts_with("Each entry"));
        assert!(found[3].starts_with("Things worth"));
        assert!(found[4].starts_with("These are only"));
    }

    #[test]
    fn leaves_the_authors_prose_alone() {
        let text = "# T\n\n## Summary\n\nThe deploy at 10:00 broke checkout. We rolled back.\n\n## Timeline\n\nThis section lists every page we sent.\n\n*Times are approximate.*\n\n## Impact\n\n*Note that the counts are estimates.*\n\nAbout 40 stores.\n";
        assert!(prompts(text).is_empty(), "{:?}", prompts(text));
    }
}
