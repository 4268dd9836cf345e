//! The section outline as hierarchical document symbols.

use crate::analysis::Analysis;
use ls_types::{DocumentSymbol, SymbolKind};
use pmlint_core::Encoding;

pub fn document_symbols(a: &Analysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    let at = a.at(encoding);
    // Sections come in document order and parents before children: build bottom-up.
    let mut children: Vec<Vec<DocumentSymbol>> = vec![Vec::new(); a.sections.len()];
    let mut roots = Vec::new();
    for (i, section) in a.sections.iter().enumerate().rev() {
        let end = section.body.end.max(section.heading_range.end);
        #[allow(deprecated)] // `deprecated` is a required field of the struct.
        let symbol = DocumentSymbol {
            name: if section.title.trim().is_empty() {
                "(untitled)".to_string()
            } else {
                section.title.clone()
            },
            detail: section
                .slot
                .filter(|slot| !slot.title().eq_ignore_ascii_case(section.title.trim()))
                .map(|slot| slot.title().to_string()),
            kind: SymbolKind::STRING,
            tags: None,
            deprecated: None,
            range: at.range(&(section.heading_range.start..end)),
            selection_range: at.range(&section.title_range),
            children: Some(std::mem::take(&mut children[i]))
                .filter(|c: &Vec<DocumentSymbol>| !c.is_empty())
                .map(|mut c| {
                    c.reverse();
                    c
                }),
        };
        match section.parent {
            Some(parent) if parent < i => children[parent].push(symbol),
            _ => roots.push(symbol),
        }
    }
    roots.reverse();
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::analyze;

    #[test]
    fn nests_sections_under_their_parents() {
        let a = analyze("# Postmortem: outage\n\n## Summary\n\nx\n\n## Chain of events\n\n### Detection\n\ny\n\n### Recovery\n\nz\n\n## Action Items\n");
        let outline = document_symbols(&a, Encoding::Utf16);
        assert_eq!(outline.len(), 1);
        let top = &outline[0];
        assert_eq!(top.name, "Postmortem: outage");
        let names: Vec<_> = top
            .children
            .as_ref()
            .unwrap()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Summary", "Chain of events", "Action Items"]);
        let events = &top.children.as_ref().unwrap()[1];
        assert_eq!(events.detail.as_deref(), Some("Timeline"));
        let nested: Vec<_> = events
            .children
            .as_ref()
            .unwrap()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(nested, ["Detection", "Recovery"]);
        assert_eq!(events.selection_range.start.line, 6);
        assert!(events.range.end.line >= 14);
    }
}
