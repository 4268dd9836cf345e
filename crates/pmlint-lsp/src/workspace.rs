//! The workspace index: one [`CorpusIndex`] of the postmortems under the workspace
//! folders, for R001 (recurring causes) on open documents. It is built in the background
//! from the files the CLI would find, and kept up to date file by file as they are saved,
//! created, changed or deleted. Documents are keyed by their `file:` URI, so R001's
//! related locations are links the editor can open.
//!
//! Blocking: every method here reads files or parses, so the server calls them off the
//! message loop. Lints hold the read lock only while they run; a build makes its index
//! aside and swaps it in.

use crate::server::lock;
use crate::settings::DocSettings;
use pmlint_core::digest::digest;
use pmlint_core::recurrence::DocumentCauses;
use pmlint_core::{CorpusIndex, Document};
use pmlint_workspace::{find_markdown_files, is_discoverable, read_markdown};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};
use tower_lsp_server::ls_types::Uri;

/// Markdown files read per build at most: a workspace with more (a monorepo's
/// documentation) gets the first ones by path, and a log line says so.
pub const MAX_FILES: usize = 20_000;

/// The settings that govern a file (its `.pmlint.toml` and the editor's settings).
pub type SettingsFor<'a> = dyn Fn(&Path) -> Arc<DocSettings> + 'a;

pub struct WorkspaceIndex {
    roots: Vec<PathBuf>,
    index: RwLock<CorpusIndex>,
    state: Mutex<BuildState>,
    /// Serialises refreshes, so that an older read of a file never replaces a newer one.
    refreshing: Mutex<()>,
    /// Bumped whenever the index changes: analyses made before it are stale.
    generation: AtomicU64,
}

#[derive(Debug, Default)]
struct BuildState {
    /// A build finished: the index may be used.
    ready: bool,
    building: bool,
    /// Settings changed during a build: it starts over before swapping in.
    again: bool,
    /// Files that changed during a build, refreshed once it is swapped in.
    pending: Vec<PathBuf>,
}

/// What a build found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildStats {
    pub markdown_files: usize,
    pub postmortems: usize,
    /// Markdown files beyond [`MAX_FILES`], not read.
    pub skipped: usize,
}

/// The key a file is indexed under: its `file:` URI as the server writes it, so that a
/// document's key does not depend on how a client happened to encode its URI.
pub fn key_of(path: &Path) -> Option<String> {
    Uri::from_file_path(path).map(|uri| uri.as_str().to_string())
}

impl WorkspaceIndex {
    pub fn new(roots: Vec<PathBuf>) -> Self {
        WorkspaceIndex {
            roots,
            index: RwLock::new(CorpusIndex::new()),
            state: Mutex::new(BuildState::default()),
            refreshing: Mutex::new(()),
            generation: AtomicU64::new(0),
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The index, once a build has finished; `None` before (lint without it).
    pub fn read(&self) -> Option<RwLockReadGuard<'_, CorpusIndex>> {
        if !lock(&self.state).ready {
            return None;
        }
        Some(self.index.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Claims a build: `true` when the caller is to run [`WorkspaceIndex::build`];
    /// `false` when one is running already (it starts over instead, as settings changed).
    pub fn start_build(&self) -> bool {
        let mut state = lock(&self.state);
        if state.building {
            state.again = true;
            return false;
        }
        state.building = true;
        true
    }

    /// Indexes every postmortem under the roots from scratch, swaps the result in, then
    /// refreshes the files that changed meanwhile. Run after [`Self::start_build`].
    pub fn build(&self, settings_for: &SettingsFor) -> BuildStats {
        loop {
            let (index, stats) = self.collect(settings_for);
            let pending = {
                let mut state = lock(&self.state);
                if std::mem::take(&mut state.again) {
                    continue;
                }
                *self.index.write().unwrap_or_else(|e| e.into_inner()) = index;
                state.ready = true;
                state.building = false;
                std::mem::take(&mut state.pending)
            };
            self.generation.fetch_add(1, Ordering::SeqCst);
            self.refresh(&pending, settings_for);
            return stats;
        }
    }

    fn collect(&self, settings_for: &SettingsFor) -> (CorpusIndex, BuildStats) {
        let mut files: Vec<PathBuf> = self
            .roots
            .iter()
            .flat_map(|root| find_markdown_files(root).0)
            .collect();
        files.sort();
        files.dedup();
        let skipped = files.len().saturating_sub(MAX_FILES);
        files.truncate(MAX_FILES);
        let mut index = CorpusIndex::new();
        for path in &files {
            if let Some(causes) = causes_of(path, settings_for) {
                index.add(causes);
            }
        }
        let stats = BuildStats {
            markdown_files: files.len(),
            postmortems: index.documents().count(),
            skipped,
        };
        (index, stats)
    }

    /// Re-reads files that were saved, created, changed or deleted: a postmortem the
    /// CLI would find is (re)indexed, anything else forgotten. During a build the paths
    /// wait for it. Returns whether the index changed.
    pub fn refresh(&self, paths: &[PathBuf], settings_for: &SettingsFor) -> bool {
        {
            let mut state = lock(&self.state);
            if state.building {
                state.pending.extend_from_slice(paths);
                return false;
            }
        }
        let _serial = lock(&self.refreshing);
        let mut changed = false;
        for path in paths {
            if !self.roots.iter().any(|root| is_discoverable(path, root)) {
                continue;
            }
            let Some(key) = key_of(path) else {
                continue;
            };
            let causes = causes_of(path, settings_for);
            let mut index = self.index.write().unwrap_or_else(|e| e.into_inner());
            match causes {
                Some(causes) => index.add(causes),
                None if index.document(&key).is_some() => index.remove(&key),
                None => continue,
            }
            changed = true;
        }
        if changed {
            self.generation.fetch_add(1, Ordering::SeqCst);
        }
        changed
    }
}

/// The causes of the file at `path` when it is a postmortem; `None` for anything that
/// cannot be indexed: not a postmortem, unreadable, too large, binary, a symbolic link
/// (the walk never follows one), or a file the core panics on.
fn causes_of(path: &Path, settings_for: &SettingsFor) -> Option<DocumentCauses> {
    let is_link = std::fs::symlink_metadata(path).map_or(true, |m| m.file_type().is_symlink());
    if is_link {
        return None;
    }
    let key = key_of(path)?;
    let text = read_markdown(path).ok()?;
    let settings = settings_for(path);
    catch_unwind(AssertUnwindSafe(|| {
        let doc = Document::parse_with(&text, &settings.settings.parse);
        let postmortem = settings
            .path_verdict(path)
            .unwrap_or_else(|| doc.looks_like_postmortem());
        postmortem.then(|| {
            let file_name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let label = digest(&doc, &file_name, &settings.settings).label();
            DocumentCauses::of(&key, &label, &doc)
        })
    }))
    .ok()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::ConfigStore;

    pub const CHECKOUT: &str = "# Postmortem: checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Root Cause\n\nThe orders database connection pool was exhausted by slow report queries.\n";
    pub const SEARCH: &str = "# Postmortem: search outage\n\n## Summary\n\nSearch failed.\n\n## Contributing Factors\n\n- Slow queries exhausted the database connection pool.\n";

    fn settings() -> impl Fn(&Path) -> Arc<DocSettings> {
        let store = Mutex::new(ConfigStore::default());
        move |path| lock(&store).settings_for(Some(path))
    }

    fn keys(index: &WorkspaceIndex) -> Vec<String> {
        let index = index.read().expect("built");
        let mut keys: Vec<String> = index.documents().map(|d| d.key.clone()).collect();
        keys.sort();
        keys
    }

    #[test]
    fn builds_then_follows_saves_creations_and_deletions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let pm = root.join("postmortems");
        std::fs::create_dir_all(&pm).unwrap();
        std::fs::create_dir_all(root.join("node_modules/x")).unwrap();
        std::fs::write(pm.join("2025-01-15-checkout.md"), CHECKOUT).unwrap();
        std::fs::write(root.join("node_modules/x/2024-11-02-search.md"), SEARCH).unwrap();
        std::fs::write(root.join("README.md"), "# Tool\n\nUsage.\n").unwrap();
        std::fs::write(pm.join("binary.md"), b"# a\0b").unwrap();
        let settings = settings();
        let workspace = WorkspaceIndex::new(vec![root.clone()]);
        assert!(workspace.read().is_none(), "usable before it is built");

        assert!(workspace.start_build());
        let stats = workspace.build(&settings);
        assert_eq!(
            stats,
            BuildStats {
                markdown_files: 3,
                postmortems: 1,
                skipped: 0
            }
        );
        let checkout = key_of(&pm.join("2025-01-15-checkout.md")).unwrap();
        assert_eq!(keys(&workspace), [checkout.as_str()]);
        assert!(checkout.starts_with("file:///"), "{checkout}");
        let label = workspace
            .read()
            .unwrap()
            .document(&checkout)
            .unwrap()
            .label
            .clone();
        assert_eq!(label, "Postmortem: checkout outage (2025-01-15)");

        // Created: indexed. Outside the discoverable tree or not a postmortem: ignored.
        let generation = workspace.generation();
        let search = pm.join("2024-11-02-search.md");
        std::fs::write(&search, SEARCH).unwrap();
        let ignored = [
            root.join("node_modules/x/2024-11-02-search.md"),
            root.join("README.md"),
        ];
        assert!(!workspace.refresh(&ignored, &settings));
        assert!(workspace.refresh(std::slice::from_ref(&search), &settings));
        assert!(workspace.generation() > generation);
        let index = workspace.read().unwrap();
        let alike = index.alike(
            "The database connection pool was exhausted.",
            Some(&checkout),
            10,
        );
        assert_eq!(alike.documents, 1);
        assert_eq!(alike.top[0].document.key, key_of(&search).unwrap());
        assert_eq!(alike.top[0].cause.line, 8);
        drop(index);

        // Saved as something else, then deleted: forgotten.
        std::fs::write(&search, "# Shopping list\n\nMilk.\n").unwrap();
        assert!(workspace.refresh(std::slice::from_ref(&search), &settings));
        assert_eq!(keys(&workspace), [checkout.as_str()]);
        std::fs::remove_file(pm.join("2025-01-15-checkout.md")).unwrap();
        assert!(workspace.refresh(&[pm.join("2025-01-15-checkout.md")], &settings));
        assert!(keys(&workspace).is_empty());
    }

    #[test]
    fn changes_during_a_build_wait_for_it_and_a_second_build_starts_over() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let settings = settings();
        let workspace = WorkspaceIndex::new(vec![root.clone()]);
        assert!(workspace.start_build());
        assert!(!workspace.start_build(), "two builds at once");
        // Written after the walk would have listed the folder: queued, then indexed.
        let search = root.join("2024-11-02-search.md");
        std::fs::write(&search, SEARCH).unwrap();
        assert!(!workspace.refresh(std::slice::from_ref(&search), &settings));
        workspace.build(&settings);
        assert_eq!(keys(&workspace), [key_of(&search).unwrap()]);
        assert!(workspace.start_build(), "the build finished");
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let target = outside.path().join("2025-01-15-checkout.md");
        std::fs::write(&target, CHECKOUT).unwrap();
        let link = root.join("linked.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let settings = settings();
        let workspace = WorkspaceIndex::new(vec![root]);
        assert!(workspace.start_build());
        assert_eq!(workspace.build(&settings).postmortems, 0);
        assert!(!workspace.refresh(&[link], &settings));
    }
}
