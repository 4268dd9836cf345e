//! What `check` and `report` share: the command line's paths expanded into targets
//! (directories walked in parallel, honouring `.gitignore`), each read with the
//! configuration that governs it and kept when it is a postmortem.

use pmlint_core::date::Date;
use pmlint_workspace::{
    find_markdown_files, is_postmortem, read_markdown, read_markdown_from, ConfigResolver,
    LoadedConfig,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file that could not be linted, and why.
pub struct Failure {
    pub path: PathBuf,
    pub message: String,
}

pub enum Target {
    Stdin,
    /// Named on the command line: always linted.
    Explicit(PathBuf),
    /// Found by walking a directory: linted when it is a postmortem.
    Found(PathBuf),
}

/// Expands the command line into targets; walk errors become failures.
pub fn gather(paths: &[PathBuf]) -> (Vec<Target>, Vec<Failure>) {
    let mut targets = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin);
        } else if path.is_dir() {
            let (found, errors) = find_markdown_files(path);
            targets.extend(found.into_iter().map(Target::Found));
            failures.extend(errors.into_iter().map(|e| Failure {
                path: e.path.unwrap_or_else(|| path.clone()),
                message: e.message,
            }));
        } else {
            targets.push(Target::Explicit(path.clone()));
        }
    }
    (targets, failures)
}

pub fn config_for(resolver: &ConfigResolver, path: &Path) -> Result<Arc<LoadedConfig>, Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    resolver.for_dir(&dir, Path::new(".")).map_err(|e| Failure {
        path: e.path.clone(),
        message: format!("invalid configuration: {}", e.error),
    })
}

pub fn read_stdin() -> Result<String, String> {
    read_markdown_from(std::io::stdin().lock()).map_err(|e| e.to_string())
}

pub fn today_from_clock() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch((secs / 86_400) as i64)
}

/// `--today` as a date, else the system clock's.
pub fn today(arg: Option<&str>) -> Result<Date, String> {
    match arg {
        None => Ok(today_from_clock()),
        Some(s) => Date::parse_iso(s)
            .ok_or_else(|| format!("--today `{s}` is not a valid YYYY-MM-DD date")),
    }
}

/// The configuration resolver: `--config` for every file, or discovery per directory.
pub fn resolver(config: Option<&Path>) -> Result<ConfigResolver, String> {
    match config {
        Some(path) => {
            let resolver = ConfigResolver::with_forced(path);
            // A broken --config is a usage error for the whole run.
            resolver
                .for_dir(Path::new("."), Path::new("."))
                .map_err(|e| e.to_string())?;
            Ok(resolver)
        }
        None => Ok(ConfigResolver::new()),
    }
}

/// The paths given, or `.`.
pub fn paths_or_current(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// A target read, with its configuration.
pub struct Loaded {
    /// The path as the user will recognise it (`--stdin-filename` for stdin).
    pub path: PathBuf,
    pub text: String,
    pub config: Arc<LoadedConfig>,
}

/// Reads a target; `Ok(None)` for a file found in a directory that is not a postmortem.
pub fn load(
    target: &Target,
    stdin_filename: Option<&Path>,
    resolver: &ConfigResolver,
) -> Result<Option<Loaded>, Failure> {
    let (path, text) = match target {
        Target::Stdin => {
            let path = stdin_filename.map_or_else(|| PathBuf::from("-"), Path::to_path_buf);
            let text = read_stdin().map_err(|message| Failure {
                path: path.clone(),
                message,
            })?;
            (path, text)
        }
        Target::Explicit(path) | Target::Found(path) => {
            let text = read_markdown(path).map_err(|e| Failure {
                path: path.clone(),
                message: e.to_string(),
            })?;
            (path.clone(), text)
        }
    };
    let config = config_for(resolver, &path)?;
    if matches!(target, Target::Found(_)) && !is_postmortem(&path, &text, &config) {
        return Ok(None);
    }
    Ok(Some(Loaded { path, text, config }))
}

/// Whether a target came from walking a directory.
pub fn is_found(target: &Target) -> bool {
    matches!(target, Target::Found(_))
}

/// The file name alone, for dates written in names (`2025-01-15-checkout.md`).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The path as shown in reports and used as a document's key: `/`-separated, without
/// a leading `./`.
pub fn shown(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    shown
        .strip_prefix("./")
        .map(str::to_string)
        .unwrap_or(shown)
}
