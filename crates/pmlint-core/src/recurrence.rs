//! Causes across postmortems: the cause statements a document names, their category
//! (seed `003`'s root cause categories), and a [`CorpusIndex`] of many documents' causes
//! that finds alike ones — for `pmlint report`'s recurring causes, rule R001 in
//! `pmlint check` over a directory, and a language server's workspace index. Seed
//! `002`'s "Pattern Detection: this is the third database connection pool exhaustion
//! incident in 6 months" is what this finds.
//!
//! Alike means: the idf-weighted cosine of the statements' content words (stemmed, stop
//! words and synonyms folded, as cause analysis compares texts) is at least
//! [`SIMILARITY`], with at least two content words shared. Rare words weigh more, so
//! "connection pool exhausted" meets "pool exhaustion" but "the deploy failed" does not
//! meet "the deploy succeeded".

use crate::document::{BlockKind, Document, Slot};
use crate::rules::causes::{blames_person, content_words};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// The least idf-weighted cosine at which two cause statements are alike.
pub const SIMILARITY: f64 = 0.5;
/// The least number of content words two alike statements share.
const MIN_SHARED_WORDS: usize = 2;
/// Below this many indexed statements, word weights are computed as if there were
/// this many (see [`CorpusIndex::weight`]).
const SMALL_CORPUS: f64 = 50.0;
/// Root-cause paragraphs taken when no why-chain concludes: the first few state the
/// cause; later ones tell the story.
const MAX_ROOT_CAUSE_BLOCKS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CauseKind {
    RootCause,
    ContributingFactor,
}

/// A root cause or contributing factor as the document states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseStatement {
    pub kind: CauseKind,
    pub text: String,
    pub range: Range<usize>,
}

/// The causes `doc` names: each why-chain's conclusion (its `Root Cause:` line, else
/// its last answer), the items or rows under Contributing Factors, and — when no chain
/// concludes — the first paragraphs or items of the Root Cause section.
pub fn cause_statements(doc: &Document) -> Vec<CauseStatement> {
    let statement = |kind, text: &str, range: Range<usize>| CauseStatement {
        kind,
        text: text.trim().to_string(),
        range,
    };
    let mut causes: Vec<CauseStatement> = doc
        .why_chains
        .iter()
        .filter_map(|c| c.stated_root_cause().or_else(|| c.last_answer()))
        .map(|f| statement(CauseKind::RootCause, &f.text, f.range.clone()))
        .collect();
    let in_chain = |offset: usize| doc.why_chains.iter().any(|c| c.range.contains(&offset));
    if causes.is_empty() {
        let stated = doc.blocks.iter().filter(|b| {
            matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)
                && !b.quoted
                && doc.slot_at(b.range.start) == Some(Slot::RootCause)
                && !in_chain(b.range.start)
        });
        for block in stated.take(MAX_ROOT_CAUSE_BLOCKS) {
            let text = &doc.text[block.range.clone()];
            causes.push(statement(CauseKind::RootCause, text, block.range.clone()));
        }
    }
    let in_factors = |offset: usize| doc.slot_at(offset) == Some(Slot::ContributingFactors);
    for item in &doc.list_items {
        let top_level = item
            .parent
            .is_none_or(|p| !in_factors(doc.list_items[p].range.start));
        if top_level && in_factors(item.range.start) && !in_chain(item.range.start) {
            let text = &doc.text[item.text_range.clone()];
            causes.push(statement(
                CauseKind::ContributingFactor,
                text,
                item.text_range.clone(),
            ));
        }
    }
    for table in doc.tables.iter().filter(|t| in_factors(t.range.start)) {
        for row in &table.rows {
            let text: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
            causes.push(statement(
                CauseKind::ContributingFactor,
                &text.join(" "),
                row.range.clone(),
            ));
        }
    }
    causes.retain(|c| !c.text.is_empty());
    causes
}

/// Seed `003`'s common root cause categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CauseCategory {
    /// No checklist, review, or gate to catch the error.
    Process,
    /// No automation, alerting, or safeguard to prevent or detect.
    Tooling,
    /// The person did not know this could happen.
    Knowledge,
    /// The system was not scaled for the load it received.
    Capacity,
    /// Information did not reach the right people.
    Communication,
}

impl CauseCategory {
    pub const ALL: [CauseCategory; 5] = [
        CauseCategory::Process,
        CauseCategory::Tooling,
        CauseCategory::Knowledge,
        CauseCategory::Capacity,
        CauseCategory::Communication,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CauseCategory::Process => "process",
            CauseCategory::Tooling => "tooling",
            CauseCategory::Knowledge => "knowledge",
            CauseCategory::Capacity => "capacity",
            CauseCategory::Communication => "communication",
        }
    }

    /// Seed `003`'s one-line definition.
    pub fn definition(self) -> &'static str {
        match self {
            CauseCategory::Process => "No checklist, review, or gate to catch the error.",
            CauseCategory::Tooling => "No automation, alerting, or safeguard to prevent or detect.",
            CauseCategory::Knowledge => "The person did not know this could happen.",
            CauseCategory::Capacity => "The system was not scaled for the load it received.",
            CauseCategory::Communication => "Information did not reach the right people.",
        }
    }

    fn cue(self) -> &'static regex::Regex {
        &CATEGORY_CUES[self as usize]
    }
}

static CATEGORY_CUES: LazyLock<[regex::Regex; 5]> = LazyLock::new(|| {
    let cue = |words: &str| {
        regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{words})")).expect("category cue pattern")
    };
    [
        cue(
            r"process|procedure|checklist|review|gat(?:e|es|ing)(?-u:\b)|approv|sign-?off|polic(?:y|ies)|change\s+management|verification\s+step|step(?-u:\b)|require|mandatory|standard|ownership|owner|playbook|runbook\s+(?:step|process)|rollout\s+plan",
        ),
        cue(
            r"automat|alert|alarm|monitor|safeguard|guardrail|dashboard|tool|circuit\s+breaker|rate\s+limit|timeout|validat|verif|linter|canary|rollback|observab|metric|health\s*check|readiness|test|detect|pipeline|(?-u:\b)CI(?-u:\b)|script|threshold",
        ),
        cue(
            r"knowledge|unaware|did\s+not\s+know|didn't\s+know|unknown|undocumented|documentation|documented|tribal|unfamiliar|training|learn|understood|misunderst|assum|outdated|older\s+topology|runbook\s+described|expertise",
        ),
        cue(
            r"capacity|scal(?:e|ed|es|ing)(?-u:\b)|autoscal|load(?-u:\b)|traffic|saturat|exhaust|quota|headroom|disk\s+(?:was\s+)?full|out\s+of\s+(?:memory|disk|space|connections)|memory|cpu|throughput|sized|replica|thundering|stampede|overload|burst|spike|limit",
        ),
        cue(
            r"communicat|notif|inform|status\s+page|escalat|hand-?off|handover|announce|coordinat|stakeholder|e-?mail|slack|channel|told|heads-?up|did\s+not\s+reach|never\s+reached|message",
        ),
    ]
});

static ABSENCE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?-u:\b)(?:no|not|never|without|missing|lacks?|lacking|lack\s+of|absence\s+of|nothing)(?-u:\b)(?:\W+\w+){0,3}\W*$")
        .expect("absence pattern")
});

/// The category whose cues a cause statement matches most (earlier in seed `003`'s
/// list on a tie); `None` when it matches none. A cue right after a negation ("no
/// alert on pool saturation") names what was missing, so it counts double.
pub fn categorize(text: &str) -> Option<CauseCategory> {
    CauseCategory::ALL
        .iter()
        .map(|&c| {
            let weight: usize = c
                .cue()
                .find_iter(text)
                .map(|m| {
                    if ABSENCE.is_match(&text[..m.start()]) {
                        3
                    } else {
                        1
                    }
                })
                .sum();
            (c, weight)
        })
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
        .map(|(c, _)| c)
}

/// Words that every cause statement may use and that say nothing about which cause.
const CAUSE_NOISE: &[&str] = &[
    "caus", "cause", "factor", "incident", "issu", "problem", "root", "outag", "lack", "missing",
];

/// A cause statement's comparable words, or `None` when it blames a person (a recurring
/// "human error" is W003's finding everywhere, not a shared cause).
fn comparable_words(text: &str) -> Option<Vec<String>> {
    if blames_person(text) {
        return None;
    }
    let words: Vec<String> = content_words(text)
        .into_iter()
        .filter(|w| !CAUSE_NOISE.contains(&w.as_str()))
        .collect();
    (words.len() >= MIN_SHARED_WORDS).then_some(words)
}

/// One indexed cause statement of an indexed document.
#[derive(Debug, Clone)]
pub struct IndexedCause {
    pub kind: CauseKind,
    pub text: String,
    /// Byte range in that document's text as indexed.
    pub range: Range<usize>,
    /// Zero-based line of the range's start, for editors that do not hold the text.
    pub line: u32,
    entry: usize,
}

/// The comparable causes of one document, ready for [`CorpusIndex::add`].
#[derive(Debug, Clone)]
pub struct DocumentCauses {
    key: String,
    label: String,
    causes: Vec<(CauseStatement, u32, Vec<String>)>,
}

impl DocumentCauses {
    /// The causes of `doc`, to be indexed under `key` and named by `label`.
    pub fn of(key: &str, label: &str, doc: &Document) -> Self {
        let causes = cause_statements(doc)
            .into_iter()
            .filter_map(|statement| {
                let words = comparable_words(&statement.text)?;
                let line = doc.line_index.line_of(statement.range.start) as u32;
                Some((statement, line, words))
            })
            .collect();
        DocumentCauses {
            key: key.to_string(),
            label: label.to_string(),
            causes,
        }
    }

    /// Only the causes of one kind: contributing factors, say.
    pub fn only(mut self, kind: CauseKind) -> Self {
        self.causes.retain(|(c, _, _)| c.kind == kind);
        self
    }
}

/// A document in the index.
#[derive(Debug, Clone)]
pub struct IndexedDocument {
    /// The caller's key: a path for the CLI, a URI for a language server.
    pub key: String,
    /// How messages name it: "Checkout errors (2025-01-15)".
    pub label: String,
    pub causes: Vec<IndexedCause>,
}

/// A set of identical comparable words, shared by every statement that has it.
#[derive(Debug, Clone)]
struct Entry {
    words: Box<[u32]>,
    /// (document, cause) pairs; empty once every holder was removed.
    members: Vec<(u32, u32)>,
}

/// The causes of many documents, kept for finding alike ones. Documents are added and
/// replaced by key ([`CorpusIndex::insert`]) and removed ([`CorpusIndex::remove`]), so a
/// language server can keep one up to date as files change. Pure data: no I/O.
#[derive(Debug, Clone, Default)]
pub struct CorpusIndex {
    documents: Vec<Option<IndexedDocument>>,
    /// Slots of removed documents, reused so that a language server re-indexing a file on
    /// every save does not grow the index.
    free: Vec<usize>,
    by_key: HashMap<String, usize>,
    vocabulary: HashMap<String, u32>,
    /// Per word: how many indexed statements hold it (for its weight).
    frequency: Vec<u32>,
    /// Per word: the entries that hold it.
    postings: Vec<Vec<u32>>,
    entries: Vec<Entry>,
    by_words: HashMap<Box<[u32]>, usize>,
    statements: u32,
}

/// A statement of another document alike to the one asked about.
#[derive(Debug, Clone, Copy)]
pub struct Alike<'i> {
    pub document: &'i IndexedDocument,
    pub cause: &'i IndexedCause,
    pub similarity: f64,
}

/// What [`CorpusIndex::alike`] found: the most alike statement of up to `limit` other
/// documents, best first, and how many other documents have an alike statement.
#[derive(Debug, Clone)]
pub struct AlikeCauses<'i> {
    pub top: Vec<Alike<'i>>,
    pub documents: usize,
}

/// Alike cause statements from two or more documents: a recurring cause.
#[derive(Debug, Clone)]
pub struct RecurringCause<'i> {
    /// The statement the others are alike to.
    pub label: &'i str,
    /// Every statement of the group, in document order.
    pub members: Vec<(&'i IndexedDocument, &'i IndexedCause)>,
    /// How many documents the group spans.
    pub documents: usize,
}

impl CorpusIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Indexes the causes of `doc` under `key`, replacing what was indexed under it.
    pub fn insert(&mut self, key: &str, label: &str, doc: &Document) {
        self.add(DocumentCauses::of(key, label, doc));
    }

    /// Indexes causes gathered by [`DocumentCauses::of`] (which callers may run in
    /// parallel), replacing what was indexed under the same key.
    pub fn add(&mut self, document: DocumentCauses) {
        self.remove(&document.key);
        let index = self.free.pop().unwrap_or(self.documents.len());
        let mut causes = Vec::new();
        for (statement, line, words) in document.causes {
            let entry = self.entry_for(&words);
            self.entries[entry]
                .members
                .push((index as u32, causes.len() as u32));
            for &w in self.entries[entry].words.iter() {
                self.frequency[w as usize] += 1;
            }
            self.statements += 1;
            causes.push(IndexedCause {
                kind: statement.kind,
                line,
                text: statement.text,
                range: statement.range,
                entry,
            });
        }
        self.by_key.insert(document.key.clone(), index);
        let indexed = Some(IndexedDocument {
            key: document.key,
            label: document.label,
            causes,
        });
        match self.documents.get_mut(index) {
            Some(slot) => *slot = indexed,
            None => self.documents.push(indexed),
        }
    }

    /// Forgets the document indexed under `key`, if any.
    pub fn remove(&mut self, key: &str) {
        let Some(index) = self.by_key.remove(key) else {
            return;
        };
        let Some(doc) = self.documents[index].take() else {
            return;
        };
        self.free.push(index);
        for cause in &doc.causes {
            let entry = &mut self.entries[cause.entry];
            entry.members.retain(|&(d, _)| d as usize != index);
            for &w in entry.words.iter() {
                self.frequency[w as usize] -= 1;
            }
            self.statements -= 1;
        }
    }

    /// The indexed documents.
    pub fn documents(&self) -> impl Iterator<Item = &IndexedDocument> {
        self.documents.iter().flatten()
    }

    pub fn document(&self, key: &str) -> Option<&IndexedDocument> {
        self.by_key
            .get(key)
            .and_then(|&i| self.documents[i].as_ref())
    }

    fn entry_for(&mut self, words: &[String]) -> usize {
        let mut ids: Vec<u32> = words
            .iter()
            .map(|w| match self.vocabulary.get(w) {
                Some(&id) => id,
                None => {
                    let id = self.frequency.len() as u32;
                    self.vocabulary.insert(w.clone(), id);
                    self.frequency.push(0);
                    self.postings.push(Vec::new());
                    id
                }
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let ids: Box<[u32]> = ids.into();
        if let Some(&entry) = self.by_words.get(&ids) {
            return entry;
        }
        let entry = self.entries.len();
        for &w in ids.iter() {
            self.postings[w as usize].push(entry as u32);
        }
        self.by_words.insert(ids.clone(), entry);
        self.entries.push(Entry {
            words: ids,
            members: Vec::new(),
        });
        entry
    }

    /// A word's weight: rare words say more about which cause it is. A small corpus
    /// counts as [`SMALL_CORPUS`] statements: in a folder of five postmortems a word
    /// shared by three is the recurrence itself, not a sign that it is common.
    fn weight(&self, word: Option<u32>) -> f64 {
        let frequency = word.map_or(0, |w| self.frequency[w as usize]).max(1);
        let statements = f64::from(self.statements).max(SMALL_CORPUS);
        (1.0 + statements / f64::from(frequency)).ln()
    }

    /// The entries alike to a statement with these word ids (`None`: not in the
    /// vocabulary), with their similarity. Words held by a large share of all entries
    /// are not used to find candidates (they weigh little, and would make every query
    /// visit most of the index); they still count in the similarity.
    fn alike_entries(&self, words: &[Option<u32>]) -> Vec<(usize, f64)> {
        let crowded = (self.entries.len() / 32).max(64);
        let norm = |ws: &mut dyn Iterator<Item = Option<u32>>| -> f64 {
            ws.map(|w| self.weight(w).powi(2)).sum::<f64>().sqrt()
        };
        let query_norm = norm(&mut words.iter().copied());
        let mut candidates: Vec<u32> = words
            .iter()
            .flatten()
            .filter(|&&w| self.postings[w as usize].len() <= crowded)
            .flat_map(|&w| self.postings[w as usize].iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|e| {
                let entry = &self.entries[e as usize];
                if entry.members.is_empty() {
                    return None;
                }
                let shared: Vec<u32> = words
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|w| entry.words.binary_search(w).is_ok())
                    .collect();
                if shared.len() < MIN_SHARED_WORDS {
                    return None;
                }
                let dot: f64 = shared.iter().map(|&w| self.weight(Some(w)).powi(2)).sum();
                let entry_norm = norm(&mut entry.words.iter().map(|&w| Some(w)));
                let similarity = dot / (query_norm * entry_norm);
                (similarity >= SIMILARITY).then_some((e as usize, similarity))
            })
            .collect()
    }

    /// Statements of documents other than `exclude` alike to `text`: the best one of
    /// each of up to `limit` documents, and how many documents have one.
    pub fn alike(&self, text: &str, exclude: Option<&str>, limit: usize) -> AlikeCauses<'_> {
        let Some(words) = comparable_words(text) else {
            return AlikeCauses {
                top: Vec::new(),
                documents: 0,
            };
        };
        let ids: Vec<Option<u32>> = words
            .iter()
            .map(|w| self.vocabulary.get(w).copied())
            .collect();
        let excluded = exclude.and_then(|k| self.by_key.get(k)).copied();
        let mut entries = self.alike_entries(&ids);
        entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut seen = vec![false; self.documents.len()];
        let mut top = Vec::new();
        let mut documents = 0;
        for (entry, similarity) in entries {
            for &(d, c) in &self.entries[entry].members {
                let d = d as usize;
                if Some(d) == excluded || seen[d] {
                    continue;
                }
                seen[d] = true;
                documents += 1;
                if top.len() < limit {
                    if let Some(document) = &self.documents[d] {
                        top.push(Alike {
                            document,
                            cause: &document.causes[c as usize],
                            similarity,
                        });
                    }
                }
            }
        }
        top.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| a.document.key.cmp(&b.document.key))
        });
        AlikeCauses { top, documents }
    }

    /// Groups of alike statements that span two or more documents, most documents
    /// first. Each group gathers the statements alike to its first one (a leader), so
    /// every member is alike to the label, not merely to another member.
    pub fn recurring(&self) -> Vec<RecurringCause<'_>> {
        let live: Vec<usize> = (0..self.entries.len())
            .filter(|&e| !self.entries[e].members.is_empty())
            .collect();
        let neighbours: HashMap<usize, Vec<usize>> = live
            .iter()
            .map(|&e| {
                let words: Vec<Option<u32>> =
                    self.entries[e].words.iter().map(|&w| Some(w)).collect();
                let mut alike: Vec<usize> = self
                    .alike_entries(&words)
                    .into_iter()
                    .map(|(n, _)| n)
                    .filter(|&n| n != e)
                    .collect();
                alike.sort_unstable();
                (e, alike)
            })
            .collect();
        let mut stamp = vec![usize::MAX; self.documents.len()];
        let mut count_documents = |group: usize, entries: &mut dyn Iterator<Item = usize>| {
            let mut n = 0;
            for e in entries {
                for &(d, _) in &self.entries[e].members {
                    if stamp[d as usize] != group {
                        stamp[d as usize] = group;
                        n += 1;
                    }
                }
            }
            n
        };
        let mut order: Vec<(usize, usize)> = live
            .iter()
            .enumerate()
            .map(|(i, &e)| {
                let reach = count_documents(
                    i,
                    &mut std::iter::once(e).chain(neighbours[&e].iter().copied()),
                );
                (e, reach)
            })
            .collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut assigned = vec![false; self.entries.len()];
        let mut groups = Vec::new();
        for (leader, _) in order {
            if assigned[leader] {
                continue;
            }
            let members: Vec<usize> = std::iter::once(leader)
                .chain(neighbours[&leader].iter().copied())
                .filter(|&e| !assigned[e])
                .collect();
            let documents = count_documents(live.len() + leader, &mut members.iter().copied());
            if documents < 2 {
                continue;
            }
            for &e in &members {
                assigned[e] = true;
            }
            let mut statements: Vec<(u32, u32)> = members
                .iter()
                .flat_map(|&e| self.entries[e].members.iter().copied())
                .collect();
            statements.sort_unstable();
            let resolve = |&(d, c): &(u32, u32)| {
                let doc = self.documents[d as usize].as_ref()?;
                Some((doc, &doc.causes[c as usize]))
            };
            let Some(label) = self.entries[leader].members.first().and_then(resolve) else {
                continue;
            };
            groups.push(RecurringCause {
                label: &label.1.text,
                members: statements.iter().filter_map(resolve).collect(),
                documents,
            });
        }
        groups.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.label.cmp(b.label)));
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(docs: &[(&str, &str)]) -> CorpusIndex {
        let mut index = CorpusIndex::new();
        for (key, text) in docs {
            index.insert(key, key, &Document::parse(text));
        }
        index
    }

    const POOL_A: &str = "# Postmortem: checkout\n\n## Root Cause\n\nThe orders database connection pool was exhausted by slow report queries.\n";
    const POOL_B: &str = "# Postmortem: search\n\n## Contributing Factors\n\n- Slow queries exhausted the database connection pool.\n- The runbook was out of date.\n";
    const CERT: &str = "# Postmortem: login\n\n## Root Cause\n\nThe TLS certificate expired because renewal was manual.\n";
    const DEPLOY: &str = "# Postmortem: deploy\n\n## Root Cause\n\nThe database migration was never applied in production.\n";

    #[test]
    fn extracts_chain_conclusions_factors_and_root_cause_prose() {
        let doc = Document::parse(POOL_B);
        let causes = cause_statements(&doc);
        assert_eq!(causes.len(), 2);
        assert!(causes
            .iter()
            .all(|c| c.kind == CauseKind::ContributingFactor));
        assert_eq!(&doc.text[causes[0].range.clone()], causes[0].text);
        let doc = Document::parse(POOL_A);
        assert_eq!(cause_statements(&doc)[0].kind, CauseKind::RootCause);
        let chain = "# P\n\n## Root Cause\n\nSome story.\n\n### 5 Whys\n\n1. Why did it fail?\n   - Because the pool was exhausted.\n2. Why?\n   - Because queries were slow.\n3. Why?\n   - Because nothing reviews query plans.\n\n**Root Cause:** Nothing reviews query plans before release.\n";
        let causes = cause_statements(&Document::parse(chain));
        assert_eq!(
            causes.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["Nothing reviews query plans before release."],
            "a chain's conclusion replaces the section's story"
        );
    }

    #[test]
    fn finds_alike_causes_in_other_documents_only() {
        let index = index(&[
            ("a.md", POOL_A),
            ("b.md", POOL_B),
            ("c.md", CERT),
            ("d.md", DEPLOY),
        ]);
        let found = index.alike(
            "The database connection pool ran out because queries were slow.",
            Some("a.md"),
            5,
        );
        assert_eq!(found.documents, 1);
        assert_eq!(found.top[0].document.key, "b.md");
        assert_eq!(found.top[0].cause.line, 4);
        assert!(found.top[0].cause.text.starts_with("Slow queries"));
        let unrelated = index.alike("The TLS certificate expired.", Some("c.md"), 5);
        assert_eq!(
            unrelated.documents, 0,
            "sharing `database` alone is not alike"
        );
    }

    #[test]
    fn groups_recurring_causes_and_follows_edits() {
        let mut index = index(&[
            ("a.md", POOL_A),
            ("b.md", POOL_B),
            ("c.md", CERT),
            ("d.md", DEPLOY),
        ]);
        let groups = index.recurring();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].documents, 2);
        let keys: Vec<_> = groups[0]
            .members
            .iter()
            .map(|(d, _)| d.key.as_str())
            .collect();
        assert_eq!(keys, ["a.md", "b.md"]);
        index.insert("b.md", "b.md", &Document::parse(CERT));
        let groups = index.recurring();
        assert_eq!(groups.len(), 1);
        assert!(groups[0].label.contains("certificate"));
        index.remove("c.md");
        assert!(index.recurring().is_empty());
        assert_eq!(index.documents().count(), 3);
        for _ in 0..10 {
            index.insert("a.md", "a.md", &Document::parse(POOL_A));
        }
        assert_eq!(index.documents().count(), 3);
        assert_eq!(index.documents.len(), 4, "re-indexing reuses freed slots");
    }

    #[test]
    fn person_blame_and_one_word_causes_are_not_compared() {
        let index = index(&[
            (
                "a.md",
                "# P\n\n## Root Cause\n\nHuman error by the on-call engineer.\n",
            ),
            (
                "b.md",
                "# P\n\n## Root Cause\n\nHuman error by the on-call engineer.\n",
            ),
            ("c.md", "# P\n\n## Root Cause\n\nA typo.\n"),
            ("d.md", "# P\n\n## Root Cause\n\nA typo.\n"),
        ]);
        assert!(index.recurring().is_empty());
    }

    #[test]
    fn categorizes_by_seed_003() {
        let cases = [
            (
                "No code review checklist for schema changes.",
                Some(CauseCategory::Process),
            ),
            (
                "No alert fired on connection pool saturation.",
                Some(CauseCategory::Tooling),
            ),
            (
                "The on-call did not know the failover was manual; it was tribal knowledge.",
                Some(CauseCategory::Knowledge),
            ),
            (
                "The cluster was not scaled for the holiday traffic.",
                Some(CauseCategory::Capacity),
            ),
            (
                "The status page was not updated and support was never told.",
                Some(CauseCategory::Communication),
            ),
            ("A typo.", None),
        ];
        for (text, category) in cases {
            assert_eq!(categorize(text), category, "{text}");
        }
    }
}
