//! Settings: defaults, then `newsls.toml` at the workspace root, then the client's
//! `initializationOptions`, then its `workspace/configuration` section `newsls`.
//!
//! Every layer is a JSON object with the same camelCase keys; later layers override earlier
//! ones key by key, so a client that sets one key leaves the rest of the file's settings alone.

mod error;
mod keys;

pub use error::ConfigError;
pub use keys::{UnknownKey, unknown_keys};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::path::{Component, Path};

/// The name of the optional settings file at a workspace root.
pub const CONFIG_FILE: &str = "newsls.toml";

/// How loud a kind of diagnostics is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    #[default]
    Hint,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Config {
    /// Globs (relative to a workspace folder) of the files to index.
    pub include: Vec<String>,
    /// Globs of files to leave out, on top of .gitignore.
    pub exclude: Vec<String>,
    /// Files larger than this many bytes are skipped by the scan and not analysed when opened.
    pub max_file_size: u64,
    pub boilerplate: BoilerplateConfig,
    pub entities: EntitiesConfig,
    pub overview: OverviewConfig,
}

/// The workspace overview: the findings that need a decision (uncited quotes with a
/// confident speaker, tag errors, unknown speakers), listed for every file of the folder.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OverviewConfig {
    /// Their severity in the overview (and of uncited quotes in open files).
    pub severity: Severity,
}

impl Default for OverviewConfig {
    fn default() -> Self {
        OverviewConfig {
            severity: Severity::Information,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BoilerplateConfig {
    pub enabled: bool,
    pub severity: Severity,
    /// Blocks the user chose to keep although they look like boilerplate.
    pub keep: Vec<KeepRule>,
    /// The normalised texts of `keep`, for lookups.
    #[serde(skip)]
    kept: HashSet<String>,
}

/// One "keep this block" suppression: `[[boilerplate.keep]]` with the block's text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct KeepRule {
    pub text: String,
}

impl BoilerplateConfig {
    /// Whether the user chose to keep a block with this text (whitespace runs compare equal).
    pub fn is_kept(&self, block_text: &str) -> bool {
        !self.kept.is_empty() && self.kept.contains(&normalize(block_text))
    }

    /// Adds a suppression in memory, as the settings file will have it once saved.
    pub fn add_keep(&mut self, text: &str) {
        if self.kept.insert(normalize(text)) {
            self.keep.push(KeepRule { text: text.into() });
        }
    }
}

/// The user's corrections of entities (applied by `workspace::corrections`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct EntitiesConfig {
    /// `[[entities.override]]` tables, applied in order.
    #[serde(rename = "override")]
    pub overrides: Vec<EntityOverride>,
}

/// One correction: `name` (a mention's text or an entity id) is of another `kind` (`none`:
/// not an entity), the `same_as` another entity, `different_from` one, or is shown as
/// `display`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct EntityOverride {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<KindOverride>,
    #[serde(alias = "sameAs", skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
    #[serde(alias = "differentFrom", skip_serializing_if = "Option::is_none")]
    pub different_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// The kinds a correction can give, and `none` for "not an entity".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KindOverride {
    Person,
    Organization,
    Place,
    Other,
    None,
}

/// Collapses whitespace runs to one space, so re-wrapped or re-indented blocks still match.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Default for Config {
    fn default() -> Self {
        Config {
            include: vec!["**/*.txt".into()],
            exclude: Vec::new(),
            max_file_size: 16 * 1024 * 1024,
            boilerplate: BoilerplateConfig::default(),
            entities: EntitiesConfig::default(),
            overview: OverviewConfig::default(),
        }
    }
}

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            enabled: true,
            severity: Severity::Hint,
            keep: Vec::new(),
            kept: HashSet::new(),
        }
    }
}

impl Config {
    /// Builds the settings from layers of JSON objects, lowest priority first. Non-object
    /// layers (a client sending `null`) are ignored.
    pub fn from_layers(layers: &[Value]) -> Result<Config, ConfigError> {
        let mut merged = Value::Object(Map::new());
        for layer in layers.iter().filter(|l| l.is_object()) {
            merge(&mut merged, layer);
        }
        let mut config: Config = serde_json::from_value(merged).map_err(ConfigError::Invalid)?;
        config.file_filter()?;
        let boilerplate = &mut config.boilerplate;
        boilerplate.kept = boilerplate
            .keep
            .iter()
            .map(|k| normalize(&k.text))
            .collect();
        Ok(config)
    }

    /// Reads `newsls.toml` in `root` as a settings layer; a missing file is an empty layer.
    pub fn read_file_layer(root: &Path) -> Result<Value, ConfigError> {
        Config::read_layer(&root.join(CONFIG_FILE))
    }

    /// Reads a settings file as a layer; a missing file is an empty layer.
    pub fn read_layer(path: &Path) -> Result<Value, ConfigError> {
        Config::read_settings(path).map(|file| file.layer)
    }

    /// Reads a settings file as a layer, with the keys no setting reads; a missing file is
    /// an empty layer.
    pub fn read_settings(path: &Path) -> Result<SettingsFile, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(SettingsFile::default());
            }
            Err(source) => {
                let path = path.to_path_buf();
                return Err(ConfigError::Read { path, source });
            }
        };
        let table: toml::Table = toml::from_str(&text).map_err(|e| ConfigError::Toml {
            path: path.to_path_buf(),
            source: Box::new(e),
        })?;
        let layer = serde_json::to_value(table).map_err(ConfigError::Invalid)?;
        let unknown = unknown_keys(&text, &layer);
        Ok(SettingsFile {
            text,
            layer,
            unknown,
        })
    }

    /// The compiled include/exclude globs.
    pub fn file_filter(&self) -> Result<FileFilter, ConfigError> {
        Ok(FileFilter {
            include: compile("include", &self.include)?,
            exclude: compile("exclude", &self.exclude)?,
        })
    }
}

/// A settings file as read.
#[derive(Debug, Default)]
pub struct SettingsFile {
    pub text: String,
    /// The file as a settings layer (`Null` when there is no file).
    pub layer: Value,
    /// Its keys that no setting reads, to warn about.
    pub unknown: Vec<UnknownKey>,
}

/// Decides which files, by path relative to a workspace folder, are news files.
#[derive(Debug, Clone)]
pub struct FileFilter {
    include: GlobSet,
    exclude: GlobSet,
}

impl FileFilter {
    /// Whether a path relative to a workspace folder is a news file. A path that climbs out
    /// of the folder (`..`) or is absolute never is: the scan never yields one, and a client's
    /// `folder/../elsewhere` must not reach outside the workspace.
    pub fn matches(&self, relative: &Path) -> bool {
        let inside = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        inside && self.include.is_match(relative) && !self.exclude.is_match(relative)
    }
}

/// Limits on the globs of one list (include or exclude), against pathological settings: each
/// wildcard costs memory when the set is compiled (2,000 globs of 1,000 bytes full of `*`
/// took 2 s and 900 MB), and real settings have a handful of short globs.
const MAX_GLOB_LEN: usize = 1024;
const MAX_GLOBS: usize = 256;
const MAX_GLOB_BYTES: usize = 16 * 1024;

/// Compiles the globs of the setting `name`, within the limits above.
fn compile(name: &'static str, patterns: &[String]) -> Result<GlobSet, ConfigError> {
    let fail = |problem: String| ConfigError::Glob {
        setting: name,
        problem,
    };
    if patterns.len() > MAX_GLOBS {
        return Err(fail(format!(
            "{} globs, more than the {MAX_GLOBS} allowed",
            patterns.len()
        )));
    }
    let total: usize = patterns.iter().map(String::len).sum();
    if total > MAX_GLOB_BYTES {
        return Err(fail(format!(
            "globs of {total} bytes in all, more than the {MAX_GLOB_BYTES} allowed"
        )));
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        if pattern.len() > MAX_GLOB_LEN {
            return Err(fail(format!(
                "glob longer than {MAX_GLOB_LEN} bytes: {pattern:.40}…"
            )));
        }
        let glob =
            Glob::new(pattern).map_err(|e| fail(format!("invalid glob {pattern:?}: {e}")))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| fail(format!("invalid globs: {e}")))
}

fn merge(base: &mut Value, layer: &Value) {
    match (base, layer) {
        (Value::Object(base), Value::Object(layer)) => {
            for (key, value) in layer {
                match base.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        merge(existing, value)
                    }
                    _ => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, layer) => *base = layer.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn later_layers_override_key_by_key() {
        let file = json!({"exclude": ["drafts/**"], "boilerplate": {"severity": "warning"}});
        let client = json!({"boilerplate": {"enabled": false}});
        let config = Config::from_layers(&[file, Value::Null, client]).unwrap();
        assert_eq!(config.exclude, ["drafts/**"]);
        assert_eq!(config.boilerplate.severity, Severity::Warning);
        assert!(!config.boilerplate.enabled);
        assert_eq!(config.include, ["**/*.txt"]);
    }

    #[test]
    fn kept_blocks_match_whatever_their_spacing() {
        let file = json!({"boilerplate": {"keep": [{"text": "Dear  readers,"}]}});
        let mut config = Config::from_layers(&[file]).unwrap();
        assert!(config.boilerplate.is_kept("Dear readers,"));
        assert!(config.boilerplate.is_kept(" Dear\treaders, "));
        assert!(!config.boilerplate.is_kept("Dear reader"));
        config.boilerplate.add_keep("Remind me later.");
        config.boilerplate.add_keep("Remind  me later.");
        assert!(config.boilerplate.is_kept("Remind me later."));
        assert_eq!(config.boilerplate.keep.len(), 2);
    }

    #[test]
    fn entity_overrides_read_from_toml() {
        let text = "[[entities.override]]\nname = \"Kremlin\"\nkind = \"organization\"\n\
                    [[entities.override]]\nname = \"Mr Kim\"\nsame_as = \"Kim Jong Un\"\n";
        let table: toml::Table = toml::from_str(text).unwrap();
        let config = Config::from_layers(&[serde_json::to_value(table).unwrap()]).unwrap();
        let rules = &config.entities.overrides;
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].kind, Some(KindOverride::Organization));
        assert_eq!(rules[1].same_as.as_deref(), Some("Kim Jong Un"));
        let bad = json!({"entities": {"override": [{"name": "X", "kind": "animal"}]}});
        let err = Config::from_layers(&[bad]).unwrap_err().to_string();
        assert!(err.contains("unknown variant `animal`"), "{err}");
    }

    #[test]
    fn bad_settings_give_clear_errors() {
        let err = Config::from_layers(&[json!({"include": ["a/[b"]})]).unwrap_err();
        assert!(
            matches!(
                err,
                ConfigError::Glob {
                    setting: "include",
                    ..
                }
            ),
            "{err:?}"
        );
        let err = err.to_string();
        assert!(err.contains("invalid glob \"a/[b\""), "{err}");
        let err = Config::from_layers(&[json!({"maxFileSize": "big"})])
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid newsls settings"), "{err}");
        let err = Config::from_layers(&[json!({"exclude": ["x".repeat(1025)]})])
            .unwrap_err()
            .to_string();
        assert!(err.contains("glob longer than 1024 bytes"), "{err}");
        let many: Vec<String> = (0..257).map(|i| format!("{i}/**")).collect();
        let err = Config::from_layers(&[json!({"include": many})])
            .unwrap_err()
            .to_string();
        assert!(err.contains("include: 257 globs"), "{err}");
        let long: Vec<String> = (0..20)
            .map(|i| format!("{i}{}", "*a".repeat(500)))
            .collect();
        let err = Config::from_layers(&[json!({"exclude": long})])
            .unwrap_err()
            .to_string();
        assert!(err.contains("bytes in all"), "{err}");
    }

    #[test]
    fn filter_applies_include_then_exclude() {
        let config = Config::from_layers(&[json!({"exclude": ["drafts/**"]})]).unwrap();
        let filter = config.file_filter().unwrap();
        assert!(filter.matches(Path::new("a/b.txt")));
        assert!(filter.matches(Path::new("b.txt")));
        assert!(!filter.matches(Path::new("drafts/b.txt")));
        assert!(!filter.matches(Path::new("b.md")));
        assert!(!filter.matches(Path::new("../outside/b.txt")));
        assert!(!filter.matches(Path::new("a/../../b.txt")));
        assert!(!filter.matches(Path::new("/etc/b.txt")));
    }

    #[test]
    fn toml_file_is_a_layer() {
        let dir = std::env::temp_dir().join(format!("newsls-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(Config::read_file_layer(&dir).unwrap(), Value::Null);
        std::fs::write(
            dir.join(CONFIG_FILE),
            "maxFileSize = 10\n[boilerplate]\nseverity = \"error\"\n",
        )
        .unwrap();
        let layer = Config::read_file_layer(&dir).unwrap();
        let config = Config::from_layers(&[layer]).unwrap();
        assert_eq!(config.max_file_size, 10);
        assert_eq!(config.boilerplate.severity, Severity::Error);
        std::fs::write(dir.join(CONFIG_FILE), "maxFileSize = ").unwrap();
        let err = Config::read_file_layer(&dir).unwrap_err();
        assert!(matches!(err, ConfigError::Toml { .. }), "{err:?}");
        assert!(err.to_string().contains("newsls.toml"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
