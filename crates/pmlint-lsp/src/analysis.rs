//! One lint of one version of a document, kept for every request about that version:
//! the text is parsed once, and hover, code actions, symbols, completion and inlay hints
//! read what the parse produced.

use crate::features::comms::Communication;
use crate::settings::DocSettings;
use ls_types::{self as lsp, Position};
use pmlint_core::document::{Section, TimelineEntry};
use pmlint_core::{
    lint_document_with, Corpus, Diagnostic, Document, Encoding, Kind, LineCol, LineIndex, Score,
};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    /// What this was linted with besides the text.
    pub generation: Generation,
    pub text: String,
    pub line_index: LineIndex,
    /// Only postmortems (DESIGN §3) get diagnostics and editor features.
    pub postmortem: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub score: Score,
    /// Seed `000`'s rubric, when the document is an executive update or customer notice.
    pub communication: Option<Communication>,
    /// The title (first-level heading or front matter `title`): hovering it shows the score.
    pub title: Option<Range<usize>>,
    pub sections: Vec<Section>,
    pub timeline: Vec<TimelineEntry>,
    pub front_matter: Option<Range<usize>>,
    pub settings: Arc<DocSettings>,
}

/// The generations of the settings and of the workspace index an analysis was made
/// with: when either moves on, the analysis is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Generation {
    pub settings: u64,
    pub corpus: u64,
}

impl Analysis {
    /// `corpus`: the workspace's other postmortems (R001), once the index is built.
    pub fn new(
        text: String,
        version: i32,
        path: Option<&Path>,
        settings: Arc<DocSettings>,
        generation: Generation,
        corpus: Option<Corpus>,
    ) -> Analysis {
        let file_name = path.and_then(Path::file_name).map(|n| n.to_string_lossy());
        let parse = match &file_name {
            Some(name) => settings.settings.parse.for_file(name),
            None => settings.settings.parse.clone(),
        };
        let doc = Document::parse_with(&text, &parse);
        // The kind by path (a `[kinds]` glob, an `exec-update-…` file name) is per file.
        let by_path = match (path, &settings.root) {
            (Some(p), Some(root)) => pmlint_workspace::kind_of(p, root, &settings.settings),
            // Outside a workspace the file name still tells (`exec-update-….md`).
            (Some(_), None) => file_name
                .as_deref()
                .and_then(Kind::from_file_name)
                .unwrap_or(settings.settings.kind),
            (None, _) => settings.settings.kind,
        };
        let postmortem = path
            .and_then(|p| settings.path_verdict(p))
            .unwrap_or_else(|| {
                doc.looks_like_postmortem() || Kind::of(&doc, by_path).is_communication()
            });
        let diagnostics = if !postmortem {
            Vec::new()
        } else if by_path != settings.settings.kind {
            let mut own = settings.settings.clone();
            own.kind = by_path;
            lint_document_with(&doc, &own, corpus)
        } else {
            lint_document_with(&doc, &settings.settings, corpus)
        };
        let score = pmlint_core::score::score(&doc, &diagnostics);
        let communication = postmortem
            .then(|| Communication::of(&doc, Kind::of(&doc, by_path), &diagnostics))
            .flatten();
        let Document {
            line_index,
            title,
            sections,
            timeline,
            front_matter,
            ..
        } = doc;
        Analysis {
            version,
            generation,
            line_index,
            postmortem,
            diagnostics,
            score,
            communication,
            title: title.map(|t| t.range),
            sections,
            timeline: timeline.entries,
            front_matter,
            settings,
            text,
        }
    }

    /// Converts between byte offsets and LSP positions in the negotiated encoding.
    pub fn at(&self, encoding: Encoding) -> Positions<'_> {
        Positions {
            text: &self.text,
            index: &self.line_index,
            encoding,
        }
    }
}

pub struct Positions<'a> {
    text: &'a str,
    index: &'a LineIndex,
    encoding: Encoding,
}

impl Positions<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let LineCol { line, col } = self.index.line_col(self.text, offset, self.encoding);
        Position::new(line, col)
    }

    pub fn range(&self, range: &Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(range.start), self.position(range.end))
    }

    /// Clamps positions outside the text onto it.
    pub fn offset(&self, pos: Position) -> usize {
        let pos = LineCol {
            line: pos.line,
            col: pos.character,
        };
        self.index.offset(self.text, pos, self.encoding)
    }

    pub fn byte_range(&self, range: lsp::Range) -> Range<usize> {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        a.min(b)..a.max(b)
    }

    pub fn line_of(&self, offset: usize) -> usize {
        self.index.line_of(offset)
    }

    /// Byte range of a line without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        self.index.line_range(self.text, line)
    }
}
