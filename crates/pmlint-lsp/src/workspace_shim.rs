//! TEMPORARY: the same API as the lead's `pmlint-workspace` (config discovery), until it
//! lands on main; replaced by that crate on merge.

use pmlint_core::{Config, ConfigError, Settings};
use std::path::{Path, PathBuf};

pub const CONFIG_FILE_NAME: &str = ".pmlint.toml";

#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub root: PathBuf,
    pub config: Config,
    pub settings: Settings,
}

#[derive(Debug, Clone)]
pub struct ConfigFileError {
    pub path: PathBuf,
    pub error: ConfigError,
}

impl std::fmt::Display for ConfigFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

pub fn load_config(path: &Path) -> Result<LoadedConfig, ConfigFileError> {
    let fail = |error| ConfigFileError {
        path: path.to_path_buf(),
        error,
    };
    let source = std::fs::read_to_string(path).map_err(|e| {
        fail(ConfigError {
            message: format!("cannot read config: {e}"),
            line: None,
            column: None,
        })
    })?;
    let config = Config::parse(&source).map_err(fail)?;
    let settings = Settings::resolve(&config, &source).map_err(fail)?;
    let root = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok(LoadedConfig {
        root,
        config,
        settings,
    })
}

pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE_NAME))
        .find(|p| p.is_file())
}

pub fn relative_for_globs(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}
