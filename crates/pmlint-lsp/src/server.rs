//! The language server: document sync, the lint loop, configuration and the request
//! handlers, which delegate to [`crate::features`].

use crate::analysis::{Analysis, Generation};
use crate::capabilities::{negotiate_encoding, server_capabilities};
use crate::documents::TextBuffer;
use crate::features::{actions, comms, completion, diagnostics, hover, symbols, timeline};
use crate::settings::{ConfigEvent, ConfigStore, DocSettings};
use crate::workspace::{key_of, WorkspaceIndex};
use pmlint_core::{ConfigError, Corpus, Encoding, Kind, LineCol, LineIndex};
use pmlint_workspace::{is_markdown_path, CONFIG_FILE_NAME};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, Semaphore};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// Edits closer together than this are linted once, after the last one; the first
/// edit after a pause is linted at once.
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// [`DEBOUNCE`], unless `PMLINT_LSP_DEBOUNCE_MS` overrides it: `cargo xtask bench` sets 0
/// to time every keystroke's lint.
fn debounce() -> Duration {
    static DEBOUNCE_OVERRIDE: OnceLock<Duration> = OnceLock::new();
    *DEBOUNCE_OVERRIDE.get_or_init(|| {
        std::env::var("PMLINT_LSP_DEBOUNCE_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(DEBOUNCE, Duration::from_millis)
    })
}

/// How many lints may run at once: one per core.
pub(crate) fn lint_slots() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// The server. Cheap to clone: lint loops hold a clone.
#[derive(Clone)]
pub struct Backend(Arc<Inner>);

struct Inner {
    client: Client,
    encoding: OnceLock<Encoding>,
    client_facts: OnceLock<ClientFacts>,
    documents: Mutex<HashMap<Uri, Arc<OpenDocument>>>,
    config: Mutex<ConfigStore>,
    /// The postmortems of the workspace folders, for R001; none without a folder.
    workspace: OnceLock<Arc<WorkspaceIndex>>,
    /// Lints running at once: one per core. Opening 100 documents at once otherwise ran
    /// 100 lints on 100 blocking threads, each with its own regex caches, which doubled
    /// the peak memory for no gain on CPU-bound work.
    lint_slots: Semaphore,
}

#[derive(Debug, Default)]
struct ClientFacts {
    snippets: bool,
    watches_files: bool,
    pulls_configuration: bool,
    /// Declared `textDocument.publishDiagnostics.relatedInformation`.
    related_information: bool,
}

struct OpenDocument {
    uri: Uri,
    path: Option<PathBuf>,
    /// Its key in the workspace index: R001 never compares it with its saved self.
    key: String,
    state: Mutex<DocumentState>,
    /// Wakes the document's lint loop.
    wake: Notify,
    closed: AtomicBool,
}

struct DocumentState {
    buffer: TextBuffer,
    changed_at: Instant,
    /// The last change came after a pause: lint without waiting.
    lint_now: bool,
    /// The latest analysis, of whichever version it was made for.
    analysis: Option<Arc<Analysis>>,
}

/// A poisoned lock (a panic elsewhere) still guards valid data: every update under
/// these locks is a single assignment or a completed edit.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// `pmlint/score`: the document's score, sent after each published lint and answered on
/// request, for status bars.
pub enum ScoreNotification {}

impl Notification for ScoreNotification {
    type Params = ScoreReport;
    const METHOD: &'static str = "pmlint/score";
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreReport {
    pub uri: Uri,
    pub version: i32,
    /// `postmortem`, `exec-update` or `customer-notice`.
    #[serde(default)]
    pub kind: Kind,
    /// The core's `Score` (total and per family), with seed 000's rubric (`rubric`,
    /// `average`) for a communication, as the CLI's JSON; `None` when the document is
    /// not linted.
    pub score: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreParams {
    pub text_document: TextDocumentIdentifier,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend(Arc::new(Inner {
            client,
            encoding: OnceLock::new(),
            client_facts: OnceLock::new(),
            documents: Mutex::new(HashMap::new()),
            config: Mutex::new(ConfigStore::default()),
            workspace: OnceLock::new(),
            lint_slots: Semaphore::new(lint_slots()),
        }))
    }

    fn encoding(&self) -> Encoding {
        *self.0.encoding.get().unwrap_or(&Encoding::Utf16)
    }

    fn facts(&self) -> &ClientFacts {
        self.0.client_facts.get_or_init(ClientFacts::default)
    }

    fn document(&self, uri: &Uri) -> Option<Arc<OpenDocument>> {
        lock(&self.0.documents).get(uri).cloned()
    }

    async fn log(&self, kind: MessageType, message: impl std::fmt::Display) {
        self.0.client.log_message(kind, message).await;
    }

    /// The analysis of the document's current version with the current settings,
    /// made off the async thread (a 10 MB document takes a while) and cached.
    async fn analysis(&self, doc: &OpenDocument) -> Option<Arc<Analysis>> {
        let workspace = self.0.workspace.get().cloned();
        let corpus_generation = workspace.as_ref().map_or(0, |w| w.generation());
        let cached = || {
            let state = lock(&doc.state);
            let generation = Generation {
                settings: lock(&self.0.config).generation,
                corpus: corpus_generation,
            };
            state
                .analysis
                .as_ref()
                .filter(|a| a.version == state.buffer.version && a.generation == generation)
                .cloned()
        };
        if let Some(analysis) = cached() {
            return Some(analysis);
        }
        // The text is taken once a lint slot is free, so a waiting lint reads the latest
        // version; another request may have linted it meanwhile.
        let _slot = self.0.lint_slots.acquire().await.ok()?;
        if let Some(analysis) = cached() {
            return Some(analysis);
        }
        let (text, version) = {
            let state = lock(&doc.state);
            (state.buffer.rope.to_string(), state.buffer.version)
        };
        let (settings, generation) = {
            let mut config = lock(&self.0.config);
            let generation = Generation {
                settings: config.generation,
                corpus: corpus_generation,
            };
            (config.settings_for(doc.path.as_deref()), generation)
        };
        self.report_config_events().await;
        let path = doc.path.clone();
        let key = doc.key.clone();
        let made = tokio::task::spawn_blocking(move || {
            // Without a finished index, the document is linted without R001 meanwhile.
            let index = workspace.as_ref().and_then(|w| w.read());
            let corpus = index.as_deref().map(|index| Corpus { index, key: &key });
            Analysis::new(text, version, path.as_deref(), settings, generation, corpus)
        })
        .await;
        match made {
            Ok(analysis) => {
                let analysis = Arc::new(analysis);
                let mut state = lock(&doc.state);
                if state.buffer.version == version {
                    state.analysis = Some(analysis.clone());
                }
                Some(analysis)
            }
            Err(e) => {
                self.log(
                    MessageType::ERROR,
                    format!("pmlint: linting {} failed: {e}", doc.uri.as_str()),
                )
                .await;
                None
            }
        }
    }

    /// One loop per open document: wait for a change, let a burst of edits settle, lint
    /// the latest version, publish unless the document moved on or closed meanwhile.
    async fn lint_loop(self, doc: Arc<OpenDocument>) {
        loop {
            doc.wake.notified().await;
            loop {
                let deadline = {
                    let state = lock(&doc.state);
                    (!state.lint_now).then_some(state.changed_at + debounce())
                };
                match deadline {
                    Some(deadline) if Instant::now() < deadline => {
                        tokio::time::sleep_until(deadline.into()).await;
                    }
                    _ => break,
                }
            }
            if doc.closed.load(Ordering::SeqCst) {
                return;
            }
            let Some(analysis) = self.analysis(&doc).await else {
                continue;
            };
            self.publish(&doc, &analysis).await;
        }
    }

    async fn publish(&self, doc: &OpenDocument, analysis: &Analysis) {
        let current = lock(&doc.state).buffer.version;
        if doc.closed.load(Ordering::SeqCst) || current != analysis.version {
            return;
        }
        let diagnostics =
            diagnostics::to_lsp(analysis, self.encoding(), self.facts().related_information);
        let report = ScoreReport {
            uri: doc.uri.clone(),
            version: analysis.version,
            kind: comms::kind(analysis),
            score: comms::score_json(analysis),
        };
        self.0
            .client
            .publish_diagnostics(doc.uri.clone(), diagnostics, Some(analysis.version))
            .await;
        self.0
            .client
            .send_notification::<ScoreNotification>(report)
            .await;
    }

    /// Settings changed: every open document is linted again.
    fn relint_all(&self) {
        for doc in lock(&self.0.documents).values() {
            lock(&doc.state).lint_now = true;
            doc.wake.notify_one();
        }
    }

    /// The settings that govern a file on disk, for the workspace index.
    fn file_settings(&self) -> impl Fn(&Path) -> Arc<DocSettings> + Send + 'static {
        let backend = self.clone();
        move |path| lock(&backend.0.config).settings_for(Some(path))
    }

    /// (Re)builds the workspace index in the background: at start, and when settings
    /// change which files are postmortems. Open documents are linted without it until
    /// the first build is in, and again once it is.
    fn rebuild_index(&self) {
        let Some(workspace) = self.0.workspace.get().cloned() else {
            return;
        };
        if !workspace.start_build() {
            return;
        }
        let backend = self.clone();
        let settings = self.file_settings();
        tokio::spawn(async move {
            let started = Instant::now();
            let built = tokio::task::spawn_blocking(move || workspace.build(&settings)).await;
            match built {
                Ok(stats) => {
                    let mut message = format!(
                        "pmlint: indexed {} postmortems among {} Markdown files in {} ms",
                        stats.postmortems,
                        stats.markdown_files,
                        started.elapsed().as_millis()
                    );
                    if stats.skipped > 0 {
                        message += &format!("; {} more files were not read", stats.skipped);
                    }
                    backend.log(MessageType::INFO, message).await;
                }
                Err(e) => {
                    let message = format!("pmlint: building the workspace index failed: {e}");
                    backend.log(MessageType::ERROR, message).await;
                }
            }
            backend.report_config_events().await;
            backend.relint_all();
        });
    }

    /// Re-reads saved, created, changed or deleted Markdown files into the workspace
    /// index in the background; open documents are linted again when it changed.
    fn refresh_index(&self, paths: Vec<PathBuf>) {
        let Some(workspace) = self.0.workspace.get().cloned() else {
            return;
        };
        if paths.is_empty() {
            return;
        }
        let backend = self.clone();
        let settings = self.file_settings();
        tokio::spawn(async move {
            let refreshed =
                tokio::task::spawn_blocking(move || workspace.refresh(&paths, &settings)).await;
            backend.report_config_events().await;
            match refreshed {
                Ok(true) => backend.relint_all(),
                Ok(false) => {}
                Err(e) => {
                    let message = format!("pmlint: updating the workspace index failed: {e}");
                    backend.log(MessageType::ERROR, message).await;
                }
            }
        });
    }

    /// Tells the user about config files that broke (a diagnostic on the file and a
    /// message) or were fixed (the diagnostic cleared).
    async fn report_config_events(&self) {
        let events = lock(&self.0.config).take_events();
        for event in events {
            match event {
                ConfigEvent::Broken(error) => {
                    let message =
                        format!("pmlint: {error}; the last good configuration stays in force");
                    self.0
                        .client
                        .show_message(MessageType::ERROR, &message)
                        .await;
                    self.log(MessageType::ERROR, &message).await;
                    let Some(uri) = Uri::from_file_path(&error.path) else {
                        continue;
                    };
                    let source = std::fs::read_to_string(&error.path).unwrap_or_default();
                    let diagnostic = Diagnostic {
                        range: config_error_range(&source, &error.error, self.encoding()),
                        severity: Some(DiagnosticSeverity::ERROR),
                        source: Some("pmlint".into()),
                        message: error.error.message.clone(),
                        ..Diagnostic::default()
                    };
                    self.0
                        .client
                        .publish_diagnostics(uri, vec![diagnostic], None)
                        .await;
                }
                ConfigEvent::Fixed(path) => {
                    if let Some(uri) = Uri::from_file_path(&path) {
                        self.0
                            .client
                            .publish_diagnostics(uri, Vec::new(), None)
                            .await;
                    }
                }
                ConfigEvent::BadEditorSettings(message) => {
                    let message = format!("pmlint: invalid editor settings: {message}; the previous settings stay in force");
                    self.0
                        .client
                        .show_message(MessageType::ERROR, &message)
                        .await;
                    self.log(MessageType::ERROR, message).await;
                }
            }
        }
    }

    /// Runs a feature over the document's analysis. Unknown documents and documents
    /// that are not postmortems get nothing; a panic becomes an error response.
    async fn with_analysis<T>(
        &self,
        uri: &Uri,
        feature: &str,
        f: impl FnOnce(&Analysis, Encoding) -> T,
    ) -> Result<Option<T>> {
        let Some(doc) = self.document(uri) else {
            self.log(
                MessageType::WARNING,
                format!(
                    "pmlint: {feature} for a document that is not open: {}",
                    uri.as_str()
                ),
            )
            .await;
            return Ok(None);
        };
        let Some(analysis) = self.analysis(&doc).await else {
            return Err(Error::internal_error());
        };
        if !analysis.postmortem {
            return Ok(None);
        }
        let encoding = self.encoding();
        match catch_unwind(AssertUnwindSafe(|| f(&analysis, encoding))) {
            Ok(value) => Ok(Some(value)),
            Err(panic) => {
                let what = panic_message(&panic);
                self.log(
                    MessageType::ERROR,
                    format!("pmlint: {feature} panicked: {what}"),
                )
                .await;
                Err(Error::internal_error())
            }
        }
    }

    /// `pmlint/score` request.
    pub async fn score(&self, params: ScoreParams) -> Result<ScoreReport> {
        let uri = params.text_document.uri;
        let doc = self.document(&uri).ok_or_else(|| {
            Error::invalid_params(format!("not an open document: {}", uri.as_str()))
        })?;
        let analysis = self
            .analysis(&doc)
            .await
            .ok_or_else(Error::internal_error)?;
        Ok(ScoreReport {
            uri,
            version: analysis.version,
            kind: comms::kind(&analysis),
            score: comms::score_json(&analysis),
        })
    }

    async fn set_editor_settings(&self, value: &serde_json::Value) -> bool {
        let value = value.get("pmlint").unwrap_or(value);
        let result = lock(&self.0.config).set_overrides(value);
        if let Err(message) = result {
            lock(&self.0.config).push_event(ConfigEvent::BadEditorSettings(message));
            self.report_config_events().await;
            return false;
        }
        true
    }

    /// Asks the client to watch config files and, with a workspace index, Markdown files.
    async fn register_file_watchers(&self) {
        let mut globs = vec![format!("**/{CONFIG_FILE_NAME}")];
        if self.0.workspace.get().is_some() {
            globs.extend(MARKDOWN_GLOBS.map(String::from));
        }
        let watchers = globs
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "pmlint-file-watcher".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.0.client.register_capability(vec![registration]).await {
            self.log(
                MessageType::WARNING,
                format!("pmlint: cannot watch files: {e}"),
            )
            .await;
        }
    }
}

/// The Markdown extensions `is_markdown_path` accepts, as watcher globs.
const MARKDOWN_GLOBS: [&str; 4] = ["**/*.md", "**/*.markdown", "**/*.mdown", "**/*.mkd"];

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// The range of a config error: from its column (1-based, in chars) to the end of its line.
fn config_error_range(source: &str, error: &ConfigError, encoding: Encoding) -> Range {
    let index = LineIndex::new(source);
    let line = error.line.unwrap_or(1).saturating_sub(1);
    let line_range = index.line_range(source, line);
    let column = error.column.unwrap_or(1).saturating_sub(1);
    let start = source[line_range.clone()]
        .char_indices()
        .nth(column)
        .map_or(line_range.end, |(i, _)| line_range.start + i);
    let position = |offset| {
        let LineCol { line, col } = index.line_col(source, offset, encoding);
        Position::new(line, col)
    };
    Range::new(position(start), position(line_range.end.max(start)))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params.capabilities);
        let _ = self.0.encoding.set(encoding);
        let text = params.capabilities.text_document.as_ref();
        let workspace = params.capabilities.workspace.as_ref();
        let _ = self.0.client_facts.set(ClientFacts {
            snippets: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            watches_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            pulls_configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            related_information: text
                .and_then(|t| t.publish_diagnostics.as_ref())
                .and_then(|p| p.related_information)
                .unwrap_or(false),
        });
        #[allow(deprecated)] // `root_uri` is the fallback for clients without folders.
        let folder_uris: Vec<&Uri> = match &params.workspace_folders {
            Some(folders) if !folders.is_empty() => folders.iter().map(|f| &f.uri).collect(),
            _ => params.root_uri.iter().collect(),
        };
        let folders: Vec<PathBuf> = folder_uris
            .into_iter()
            .filter_map(|uri| uri.to_file_path())
            .map(|p| p.into_owned())
            .collect();
        lock(&self.0.config).workspace_root = folders.first().cloned();
        if !folders.is_empty() {
            let _ = self.0.workspace.set(Arc::new(WorkspaceIndex::new(folders)));
        }
        if let Some(options) = &params.initialization_options {
            // Reported once the client is ready for messages (`initialized`).
            if let Err(message) =
                lock(&self.0.config).set_overrides(options.get("pmlint").unwrap_or(options))
            {
                lock(&self.0.config).push_event(ConfigEvent::BadEditorSettings(message));
            }
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "pmlint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: server_capabilities(encoding),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.facts().watches_files {
            self.register_file_watchers().await;
        }
        self.report_config_events().await;
        self.rebuild_index();
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = item.uri.to_file_path().map(|p| p.into_owned());
        let doc = Arc::new(OpenDocument {
            key: path
                .as_deref()
                .and_then(key_of)
                .unwrap_or_else(|| item.uri.as_str().to_string()),
            path,
            uri: item.uri.clone(),
            state: Mutex::new(DocumentState {
                buffer: TextBuffer::new(&item.text, item.version),
                changed_at: Instant::now(),
                lint_now: true,
                analysis: None,
            }),
            wake: Notify::new(),
            closed: AtomicBool::new(false),
        });
        if let Some(previous) = lock(&self.0.documents).insert(item.uri, doc.clone()) {
            previous.closed.store(true, Ordering::SeqCst);
            previous.wake.notify_one();
        }
        doc.wake.notify_one();
        tokio::spawn(self.clone().lint_loop(doc));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.document(&uri) else {
            self.log(
                MessageType::WARNING,
                format!(
                    "pmlint: change to a document that is not open: {}",
                    uri.as_str()
                ),
            )
            .await;
            return;
        };
        let encoding = self.encoding();
        let applied = catch_unwind(AssertUnwindSafe(|| {
            let mut state = lock(&doc.state);
            let result = state.buffer.apply(
                params.text_document.version,
                params.content_changes,
                encoding,
            );
            if result.is_ok() {
                let now = Instant::now();
                state.lint_now = now.duration_since(state.changed_at) >= debounce();
                state.changed_at = now;
            }
            result
        }));
        match applied {
            Ok(Ok(())) => doc.wake.notify_one(),
            Ok(Err(e)) => {
                self.log(
                    MessageType::WARNING,
                    format!("pmlint: {}: {e}", uri.as_str()),
                )
                .await
            }
            Err(panic) => {
                let what = panic_message(&panic);
                self.log(
                    MessageType::ERROR,
                    format!("pmlint: applying a change panicked: {what}"),
                )
                .await;
            }
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(path) = params.text_document.uri.to_file_path() {
            self.refresh_index(vec![path.into_owned()]);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some(doc) = lock(&self.0.documents).remove(&uri) {
            doc.closed.store(true, Ordering::SeqCst);
            doc.wake.notify_one();
        }
        self.0
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let mut settings = params.settings;
        if settings.is_null() && self.facts().pulls_configuration {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("pmlint".into()),
            };
            match self.0.client.configuration(vec![item]).await {
                Ok(mut values) if !values.is_empty() => settings = values.swap_remove(0),
                Ok(_) => {}
                Err(e) => {
                    self.log(
                        MessageType::WARNING,
                        format!("pmlint: cannot read settings: {e}"),
                    )
                    .await
                }
            }
        }
        if self.set_editor_settings(&settings).await {
            self.relint_all();
            self.rebuild_index();
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut any = false;
        let mut markdown = Vec::new();
        for change in params.changes {
            let Some(path) = change.uri.to_file_path() else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == CONFIG_FILE_NAME) {
                lock(&self.0.config).file_changed(&path, change.typ == FileChangeType::DELETED);
                any = true;
            } else if is_markdown_path(&path) {
                markdown.push(path.into_owned());
            }
        }
        if any {
            self.report_config_events().await;
            self.relint_all();
            // Which files are postmortems may have changed.
            self.rebuild_index();
        }
        self.refresh_index(markdown);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let hover = self
            .with_analysis(&p.text_document.uri, "hover", |a, enc| {
                hover::hover(a, enc, p.position)
            })
            .await?;
        Ok(hover.flatten())
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let related = self.facts().related_information;
        self.with_analysis(&uri, "code actions", |a, enc| {
            actions::code_actions(a, enc, &uri, params.range, &params.context, related)
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let symbols = self
            .with_analysis(
                &params.text_document.uri,
                "document symbols",
                symbols::document_symbols,
            )
            .await?;
        Ok(symbols.map(DocumentSymbolResponse::Nested))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let snippets = self.facts().snippets;
        let items = self
            .with_analysis(&p.text_document.uri, "completion", |a, enc| {
                completion::completion(a, enc, p.position, snippets)
            })
            .await?;
        Ok(items.map(CompletionResponse::Array))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.with_analysis(&params.text_document.uri, "inlay hints", |a, enc| {
            timeline::inlay_hints(a, enc, params.range)
        })
        .await
    }
}
