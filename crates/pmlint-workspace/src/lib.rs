//! The file-system side of pmlint, shared by the CLI and the language server: finding
//! the Markdown files under a directory, the `.pmlint.toml` that governs a file, reading
//! files safely, and deciding which Markdown files are postmortems. The core stays free
//! of I/O.

use pmlint_core::{Config, ConfigError, Document, Kind, Settings};
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const CONFIG_FILE_NAME: &str = ".pmlint.toml";

/// Files larger than this are refused rather than linted: a postmortem is never this
/// big, and the editor or CI should not stall on a stray data file.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A loaded configuration and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// The config file, or `None` for built-in defaults.
    pub path: Option<PathBuf>,
    /// Directory include/exclude globs are relative to.
    pub root: PathBuf,
    pub config: Config,
    pub settings: Settings,
}

/// A configuration file that could not be used.
#[derive(Debug, Clone)]
pub struct ConfigFileError {
    pub path: PathBuf,
    pub error: ConfigError,
}

impl fmt::Display for ConfigFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.error.line, self.error.column) {
            (Some(l), Some(c)) => {
                write!(f, "{}:{l}:{c}: {}", self.path.display(), self.error.message)
            }
            (Some(l), None) => write!(f, "{}:{l}: {}", self.path.display(), self.error.message),
            _ => write!(f, "{}: {}", self.path.display(), self.error.message),
        }
    }
}

impl std::error::Error for ConfigFileError {}

/// Reads and resolves one config file.
pub fn load_config(path: &Path) -> Result<LoadedConfig, ConfigFileError> {
    let fail = |message: String| ConfigFileError {
        path: path.to_path_buf(),
        error: ConfigError {
            message,
            line: None,
            column: None,
        },
    };
    let source =
        std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read config: {e}")))?;
    let config = Config::parse(&source).map_err(|error| ConfigFileError {
        path: path.to_path_buf(),
        error,
    })?;
    let settings = Settings::resolve(&config, &source).map_err(|error| ConfigFileError {
        path: path.to_path_buf(),
        error,
    })?;
    let root = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok(LoadedConfig {
        path: Some(path.to_path_buf()),
        root,
        config,
        settings,
    })
}

/// The built-in configuration, with globs relative to `root`.
pub fn default_config(root: &Path) -> LoadedConfig {
    LoadedConfig {
        path: None,
        root: root.to_path_buf(),
        config: Config::default(),
        settings: Settings::default(),
    }
}

/// The nearest `.pmlint.toml` in `dir` or one of its ancestors.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE_NAME))
        .find(|p| p.is_file())
}

/// Config discovery with a cache per directory, safe to share between threads: each
/// directory's answer is computed once however many files it holds.
#[derive(Debug, Default)]
pub struct ConfigResolver {
    cache: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    loaded: Mutex<HashMap<PathBuf, Result<Arc<LoadedConfig>, ConfigFileError>>>,
    /// `--config`: one file for everything.
    forced: Option<Result<Arc<LoadedConfig>, ConfigFileError>>,
}

impl ConfigResolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every lookup answers with this file (the CLI's `--config`).
    pub fn with_forced(path: &Path) -> Self {
        ConfigResolver {
            forced: Some(load_config(path).map(Arc::new)),
            ..Self::default()
        }
    }

    /// The configuration governing files in `dir`: the nearest `.pmlint.toml` upward,
    /// else the defaults (globs relative to `fallback_root`).
    pub fn for_dir(
        &self,
        dir: &Path,
        fallback_root: &Path,
    ) -> Result<Arc<LoadedConfig>, ConfigFileError> {
        if let Some(forced) = &self.forced {
            return forced.clone();
        }
        let dir = absolute(dir);
        let found = {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            cache
                .entry(dir.clone())
                .or_insert_with(|| find_config_file(&dir))
                .clone()
        };
        let Some(path) = found else {
            return Ok(Arc::new(default_config(fallback_root)));
        };
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        loaded
            .entry(path.clone())
            .or_insert_with(|| load_config(&path).map(Arc::new))
            .clone()
    }

    /// Forgets cached answers (the language server calls this when config files change).
    pub fn clear(&self) {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.loaded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// `path` made absolute against the current directory (without touching the disk).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Why a file could not be linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    PermissionDenied,
    IsDirectory,
    /// A FIFO, socket or device: reading it could block forever or never end.
    NotRegularFile,
    TooLarge(u64),
    Binary,
    NotUtf8 {
        offset: usize,
    },
    Empty,
    Other(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file or directory"),
            ReadError::PermissionDenied => f.write_str("permission denied"),
            ReadError::IsDirectory => f.write_str("is a directory"),
            ReadError::NotRegularFile => f.write_str(
                "not a regular file (a FIFO, socket or device); pipe it to `pmlint check -` instead",
            ),
            ReadError::TooLarge(n) if *n > MAX_FILE_BYTES + 1 => write!(
                f,
                "file is too large ({} MiB; the limit is {} MiB)",
                n >> 20,
                MAX_FILE_BYTES >> 20
            ),
            // A stream stops being read one byte over the limit: its size is unknown.
            ReadError::TooLarge(_) => {
                write!(f, "input is larger than the {} MiB limit", MAX_FILE_BYTES >> 20)
            }
            ReadError::Binary => f.write_str("binary file (contains NUL bytes), not Markdown"),
            ReadError::NotUtf8 { offset } => {
                write!(f, "not valid UTF-8 (first bad byte at offset {offset})")
            }
            ReadError::Empty => f.write_str("file is empty"),
            ReadError::Other(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            std::io::ErrorKind::IsADirectory => ReadError::IsDirectory,
            _ => ReadError::Other(e.to_string()),
        }
    }
}

/// Reads a Markdown file, refusing what cannot be a postmortem with a clear reason.
pub fn read_markdown(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegularFile);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read at most one byte over the limit: the file may grow after the metadata call.
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    decode_markdown(bytes)
}

/// Reads a stream (standard input) to its end, but never more than one byte over the
/// size limit, so that an endless or huge stream is refused instead of exhausting memory.
pub fn read_markdown_from(reader: impl Read) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    decode_markdown(bytes)
}

/// Checks bytes read from a file or stdin and turns them into text.
pub fn decode_markdown(mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Whether a path has a Markdown extension.
pub fn is_markdown_path(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "mdown" | "mkd"
        )
    })
}

/// Directories never walked, whatever `.gitignore` says: build output and dependencies
/// hold Markdown that is not the team's postmortems. Hidden ones (`.git`) are skipped too.
const SKIPPED_DIRS: [&str; 2] = ["node_modules", "target"];

fn skipped_name(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') || SKIPPED_DIRS.contains(&n))
}

/// A directory entry the walk could not read.
#[derive(Debug, Clone)]
pub struct WalkError {
    /// The entry, when the error names one.
    pub path: Option<PathBuf>,
    pub message: String,
}

/// The Markdown files under `dir`, sorted: walked in parallel, honouring `.gitignore`
/// (also outside a Git repository), skipping hidden entries and [`SKIPPED_DIRS`], and
/// never following symbolic links (a link cannot lead the walk out of `dir`).
pub fn find_markdown_files(dir: &Path) -> (Vec<PathBuf>, Vec<WalkError>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    ignore::WalkBuilder::new(dir)
        .require_git(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir()) && skipped_name(e.file_name()))
        })
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e)
                        if e.file_type().is_some_and(|t| t.is_file())
                            && is_markdown_path(e.path()) =>
                    {
                        found
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push(e.into_path());
                    }
                    Ok(_) => {}
                    Err(err) => errors
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(WalkError {
                            path: error_path(&err),
                            message: err.to_string(),
                        }),
                }
                ignore::WalkState::Continue
            })
        });
    let mut found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    found.sort();
    (
        found,
        errors.into_inner().unwrap_or_else(|p| p.into_inner()),
    )
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// Whether [`find_markdown_files`] on `root` could find `path`, judged by its name alone
/// (for file events, without walking): a Markdown file under `root` with no hidden or
/// [`SKIPPED_DIRS`] component. `.gitignore` is not consulted.
pub fn is_discoverable(path: &Path, root: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    is_markdown_path(path)
        && relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(n) if !skipped_name(n)))
}

/// `path` relative to the config root, `/`-separated, for glob matching.
pub fn relative_for_globs(path: &Path, root: &Path) -> String {
    let path = absolute(path);
    let root = absolute(root);
    let relative = path.strip_prefix(&root).unwrap_or(&path);
    relative.to_string_lossy().replace('\\', "/")
}

/// DESIGN §3: a Markdown file is a postmortem when its path matches the include globs
/// or its content says so (front matter, title, or two canonical sections).
pub fn is_postmortem(path: &Path, text: &str, config: &LoadedConfig) -> bool {
    postmortem_by_path(path, &config.root, &config.settings).unwrap_or_else(|| {
        let doc = Document::parse_with(text, &config.settings.parse);
        doc.looks_like_postmortem()
            || Kind::from_front_matter(&doc).is_some_and(Kind::is_communication)
    })
}

/// The kind of the document at `path` by its path (see [`Settings::kind_for_path`]);
/// callers store it in `Settings::kind` before linting.
pub fn kind_of(path: &Path, root: &Path, settings: &Settings) -> Kind {
    settings.kind_for_path(&relative_for_globs(path, root))
}

/// DESIGN §3 by path alone (globs relative to `root`): `Some(false)` when excluded,
/// `Some(true)` when the include globs name it, `None` when only the content can tell.
/// The language server uses it with the document it has already parsed.
pub fn postmortem_by_path(path: &Path, root: &Path, settings: &Settings) -> Option<bool> {
    let relative = relative_for_globs(path, root);
    if settings.path_is_excluded(&relative) {
        Some(false)
    } else if settings.path_is_included(&relative)
        || settings
            .kind_by_path(&relative)
            .is_some_and(Kind::is_communication)
    {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_the_nearest_config_upward() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE_NAME),
            "profile = \"sre-book\"\n",
        )
        .unwrap();
        let resolver = ConfigResolver::new();
        let loaded = resolver.for_dir(&nested, dir.path()).unwrap();
        assert_eq!(loaded.settings.profile.name, "sre-book");
        assert_eq!(loaded.root, dir.path());

        std::fs::write(nested.join(CONFIG_FILE_NAME), "bogus = 1\n").unwrap();
        let resolver = ConfigResolver::new();
        let err = resolver.for_dir(&nested, dir.path()).unwrap_err();
        assert!(err.to_string().ends_with(".pmlint.toml:1:1: unknown field `bogus`, expected one of `profile`, `include`, `exclude`, `kind`, `kinds`, `rules`, `sections`, `blame`, `action-items`, `whys`"), "{err}");
    }

    #[test]
    fn refuses_files_that_are_not_text() {
        assert_eq!(decode_markdown(b"a\0b".to_vec()), Err(ReadError::Binary));
        assert_eq!(
            decode_markdown(b"ab\xff".to_vec()),
            Err(ReadError::NotUtf8 { offset: 2 })
        );
        assert_eq!(decode_markdown(b" \n".to_vec()), Err(ReadError::Empty));
        assert_eq!(
            decode_markdown(b"\xEF\xBB\xBF# T".to_vec()),
            Ok("# T".to_string())
        );
        assert_eq!(
            read_markdown(Path::new("/nonexistent/x.md")),
            Err(ReadError::NotFound)
        );
    }

    #[test]
    fn picks_postmortems_by_path_or_content() {
        let config = default_config(Path::new("/repo"));
        assert!(is_postmortem(
            Path::new("/repo/docs/postmortems/x.md"),
            "# Notes",
            &config
        ));
        assert!(!is_postmortem(
            Path::new("/repo/README.md"),
            "# Tool\n\n## Impact of the change on metrics\n",
            &config
        ));
        assert!(is_postmortem(
            Path::new("/repo/x.md"),
            "# DB outage\n\n## Timeline\n\n## Root cause\n",
            &config
        ));
    }

    #[test]
    fn finds_markdown_outside_hidden_ignored_and_build_directories() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "a.md",
            "pm/b.markdown",
            "pm/notes.txt",
            ".git/c.md",
            "node_modules/pkg/README.md",
            "target/doc/d.md",
            "generated/e.md",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "# x\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "generated/\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("a.md"), root.join("pm/link.md")).unwrap();
        let (found, errors) = find_markdown_files(root);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(found, [root.join("a.md"), root.join("pm/b.markdown")]);

        assert!(is_discoverable(&root.join("pm/new.md"), root));
        assert!(!is_discoverable(&root.join("pm/new.txt"), root));
        assert!(!is_discoverable(&root.join("node_modules/x/new.md"), root));
        assert!(!is_discoverable(&root.join(".git/new.md"), root));
        assert!(!is_discoverable(&root.join("pm/.draft.md"), root));
        assert!(!is_discoverable(Path::new("/elsewhere/new.md"), root));
    }
}
