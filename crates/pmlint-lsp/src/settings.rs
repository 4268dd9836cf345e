//! Which settings govern a document: the nearest `.pmlint.toml` (found as the CLI finds
//! it), with the editor's settings layered on top through `Config::merge`. A config
//! file that breaks keeps its last good version in force.

use pmlint_core::date::Date;
use pmlint_core::{Config, Settings};
use pmlint_workspace::{
    find_config_file, load_config, postmortem_by_path, ConfigFileError, LoadedConfig,
};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// The resolved settings of the documents under one config file (or of those under none).
#[derive(Debug)]
pub struct DocSettings {
    pub settings: Settings,
    /// Directory the include/exclude globs are relative to.
    pub root: Option<PathBuf>,
}

impl DocSettings {
    /// DESIGN §3 by path alone: `Some(false)` when excluded, `Some(true)` when the include
    /// globs name it, `None` when only the content can tell.
    pub fn path_verdict(&self, path: &Path) -> Option<bool> {
        let root = self.root.as_deref().or_else(|| path.parent())?;
        postmortem_by_path(path, root, &self.settings)
    }
}

/// A change in a config file's health, for the server to tell the user about.
#[derive(Debug, Clone)]
pub enum ConfigEvent {
    Broken(ConfigFileError),
    Fixed(PathBuf),
    /// The editor's settings were refused; the previous ones stay in force.
    BadEditorSettings(String),
}

#[derive(Debug, Default)]
pub struct ConfigStore {
    /// The editor's settings (`initializationOptions`, `didChangeConfiguration`).
    overrides: Config,
    /// Directory → the config file that governs it.
    discovered: HashMap<PathBuf, Option<PathBuf>>,
    /// Config file → its last good contents (`None`: never loaded successfully).
    last_good: HashMap<PathBuf, Option<Arc<LoadedConfig>>>,
    broken: HashSet<PathBuf>,
    resolved: HashMap<Option<PathBuf>, Arc<DocSettings>>,
    events: Vec<ConfigEvent>,
    /// Where globs are relative to for documents under no config file.
    pub workspace_root: Option<PathBuf>,
    /// Bumped whenever any document's settings may have changed.
    pub generation: u64,
    /// Today's date for the rules that need one; the system clock when unset (the
    /// WebAssembly server has none: its host sets this).
    pub today: Option<Date>,
}

impl ConfigStore {
    /// Settings for a document at `path` (`None` for unsaved buffers).
    pub fn settings_for(&mut self, path: Option<&Path>) -> Arc<DocSettings> {
        let config_path = path.and_then(Path::parent).and_then(|dir| {
            self.discovered
                .entry(dir.to_path_buf())
                .or_insert_with(|| find_config_file(dir))
                .clone()
        });
        if let Some(resolved) = self.resolved.get(&config_path) {
            return resolved.clone();
        }
        let loaded = config_path.as_deref().and_then(|p| self.load(p));
        let resolved = Arc::new(self.resolve(loaded.as_deref()));
        self.resolved.insert(config_path, resolved.clone());
        resolved
    }

    /// The last good contents of a config file, loading it on first use.
    fn load(&mut self, path: &Path) -> Option<Arc<LoadedConfig>> {
        if let Some(loaded) = self.last_good.get(path) {
            return loaded.clone();
        }
        let loaded = self.read(path);
        self.last_good.insert(path.to_path_buf(), loaded.clone());
        loaded
    }

    /// Reads a config file, recording whether it became broken or healthy.
    fn read(&mut self, path: &Path) -> Option<Arc<LoadedConfig>> {
        match load_config(path) {
            Ok(loaded) => {
                if self.broken.remove(path) {
                    self.events.push(ConfigEvent::Fixed(path.to_path_buf()));
                }
                Some(Arc::new(loaded))
            }
            Err(error) => {
                self.broken.insert(path.to_path_buf());
                self.events.push(ConfigEvent::Broken(error));
                None
            }
        }
    }

    fn resolve(&mut self, loaded: Option<&LoadedConfig>) -> DocSettings {
        let mut config = loaded.map(|l| l.config.clone()).unwrap_or_default();
        config.merge(self.overrides.clone());
        // Overrides were validated on their own; a clash with the file (a depth below the
        // file's minimum) falls back to the file alone rather than to nothing.
        let mut settings = Settings::resolve(&config, "")
            .ok()
            .or_else(|| loaded.map(|l| l.settings.clone()))
            .unwrap_or_default();
        settings.today = Some(self.today.unwrap_or_else(today));
        DocSettings {
            settings,
            root: loaded
                .map(|l| l.root.clone())
                .or_else(|| self.workspace_root.clone()),
        }
    }

    /// Replaces the editor's settings (`.pmlint.toml` keys as JSON). On error the previous
    /// settings stay in force.
    pub fn set_overrides(&mut self, value: &serde_json::Value) -> Result<(), String> {
        let overrides = parse_overrides(value)?;
        self.overrides = overrides;
        self.invalidate();
        Ok(())
    }

    /// A config file was created, changed or deleted.
    #[cfg_attr(not(feature = "server"), allow(dead_code))] // No files to watch in a worker.
    pub fn file_changed(&mut self, path: &Path, deleted: bool) {
        self.discovered.clear();
        if deleted {
            self.last_good.remove(path);
            if self.broken.remove(path) {
                self.events.push(ConfigEvent::Fixed(path.to_path_buf()));
            }
        } else if let Some(loaded) = self.read(path) {
            self.last_good.insert(path.to_path_buf(), Some(loaded));
        } else {
            // Keep the last good version, if there ever was one.
            self.last_good.entry(path.to_path_buf()).or_insert(None);
        }
        self.invalidate();
    }

    fn invalidate(&mut self) {
        self.resolved.clear();
        self.generation += 1;
    }

    pub fn push_event(&mut self, event: ConfigEvent) {
        self.events.push(event);
    }

    pub fn take_events(&mut self) -> Vec<ConfigEvent> {
        std::mem::take(&mut self.events)
    }
}

/// Editor settings are `.pmlint.toml` keys in JSON form (`{"profile": "sre-book",
/// "rules": {"B002": "off"}}`), checked as strictly as the file. `null`s mean "unset".
fn parse_overrides(value: &serde_json::Value) -> Result<Config, String> {
    let value = without_nulls(value);
    if value.as_object().is_some_and(|o| o.is_empty()) || value.is_null() {
        return Ok(Config::default());
    }
    let table = toml::Value::try_from(&value)
        .ok()
        .filter(toml::Value::is_table)
        .ok_or("pmlint settings must be an object of .pmlint.toml keys")?;
    let source = toml::to_string(&table).map_err(|e| e.to_string())?;
    let config = Config::parse(&source).map_err(|e| e.message)?;
    Settings::resolve(&config, &source).map_err(|e| e.message)?;
    Ok(config)
}

fn without_nulls(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch((seconds / 86_400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pmlint_core::Severity;
    use serde_json::json;

    #[test]
    fn editor_settings_layer_over_the_file_and_bad_ones_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let config = dir.join(".pmlint.toml");
        std::fs::write(&config, "profile = \"sre-book\"\n[rules]\nS002 = \"off\"\n").unwrap();
        let doc = dir.join("sub/notes.md");

        let mut store = ConfigStore::default();
        store
            .set_overrides(&json!({"rules": {"S001": "info"}, "profile": null}))
            .unwrap();
        let s = store.settings_for(Some(&doc));
        assert_eq!(s.settings.profile.name, "sre-book");
        assert_eq!(s.settings.severity_of("S001"), Some(Severity::Info));
        assert_eq!(s.settings.severity_of("S002"), None);
        assert_eq!(s.path_verdict(&dir.join("postmortems/x.md")), Some(true));
        assert_eq!(s.path_verdict(&doc), None);

        let err = store
            .set_overrides(&json!({"rules": {"S001": "loud"}}))
            .unwrap_err();
        assert!(err.contains("loud"), "{err}");
        let s = store.settings_for(Some(&doc));
        assert_eq!(s.settings.severity_of("S001"), Some(Severity::Info));

        // A broken file is reported once and its last good version stays in force.
        std::fs::write(&config, "profile = \"nope\"\n").unwrap();
        store.file_changed(&config, false);
        let events = store.take_events();
        assert!(matches!(&events[..], [ConfigEvent::Broken(e)] if e.error.line == Some(1)));
        assert_eq!(
            store.settings_for(Some(&doc)).settings.profile.name,
            "sre-book"
        );
        std::fs::write(&config, "profile = \"pagerduty\"\n").unwrap();
        store.file_changed(&config, false);
        assert!(matches!(&store.take_events()[..], [ConfigEvent::Fixed(_)]));
        assert_eq!(
            store.settings_for(Some(&doc)).settings.profile.name,
            "pagerduty"
        );
    }
}
