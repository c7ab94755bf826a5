//! Why settings could not be used. The server keeps its previous settings and tells the
//! user; the CLI prints the message and exits with status 2.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum ConfigError {
    /// A settings file exists but could not be read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A settings file is not valid TOML.
    Toml {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    /// `--config` names a file that does not exist.
    Missing(PathBuf),
    /// The merged settings do not fit their schema (a wrong type or value).
    Invalid(serde_json::Error),
    /// An `include` or `exclude` list with a bad glob or over the limits.
    Glob {
        setting: &'static str,
        problem: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Read { path, source } => write!(f, "{}: {source}", path.display()),
            ConfigError::Toml { path, source } => write!(f, "{}: {source}", path.display()),
            ConfigError::Missing(path) => write!(f, "{}: no such settings file", path.display()),
            ConfigError::Invalid(e) => write!(f, "invalid newsls settings: {e}"),
            ConfigError::Glob { setting, problem } => write!(f, "{setting}: {problem}"),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Read { source, .. } => Some(source),
            ConfigError::Toml { source, .. } => Some(source.as_ref()),
            ConfigError::Invalid(e) => Some(e),
            ConfigError::Missing(_) | ConfigError::Glob { .. } => None,
        }
    }
}
