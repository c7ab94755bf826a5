//! What a command works on: the files named or found under the directories named, the
//! settings, and how reading them went.

use crate::config::{CONFIG_FILE, Config, ConfigError};
use crate::text::Encoding;
use crate::workspace::templates::with_shared_templates;
use crate::workspace::{Corrections, FileEntry, FileText, ReadError, find_files, read_news_file};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// The files a command works on, with the settings and output encoding.
pub struct Inputs {
    pub files: Vec<InputFile>,
    pub encoding: Encoding,
    pub config: Config,
    /// Paths that did not exist, could not be listed or held no news files; reported already.
    pub missing: usize,
}

/// A file's text as read, shared by its analysis and whatever else uses the text.
pub struct ReadText<'a> {
    pub path: &'a Path,
    pub text: Arc<str>,
    /// Not valid UTF-8: invalid sequences became U+FFFD.
    pub lossy: bool,
}

/// One file to work on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// Where its output goes under an output directory: the path relative to the directory
    /// it was found in, or the file name of a file named on the command line.
    pub relative: PathBuf,
    /// Named on the command line, not found by walking a directory: a skip is then an error.
    pub named: bool,
}

impl Inputs {
    /// Expands directories into their news files; reports paths that do not exist and
    /// directories without news files.
    pub fn new(
        paths: Vec<PathBuf>,
        encoding: Encoding,
        config_file: Option<&Path>,
    ) -> Result<Inputs, ConfigError> {
        let config = load_config(config_file)?;
        let filter = config.file_filter()?;
        let mut files = Vec::new();
        let mut missing = 0;
        for path in paths {
            if path.is_dir() {
                let found = find_files(&path, &filter);
                if found.is_empty() {
                    eprintln!(
                        "newsls: {}: no news files (include = {:?}, less exclude and .gitignore)",
                        path.display(),
                        config.include
                    );
                    missing += 1;
                }
                files.extend(found.into_iter().map(|file| InputFile {
                    relative: file.strip_prefix(&path).unwrap_or(&file).to_path_buf(),
                    path: file,
                    named: false,
                }));
            } else if path.exists() {
                let name = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
                files.push(InputFile {
                    relative: name,
                    path,
                    named: true,
                });
            } else {
                eprintln!("newsls: {}: no such file or directory", path.display());
                missing += 1;
            }
        }
        Ok(Inputs {
            files,
            encoding,
            config,
            missing,
        })
    }

    /// Reads a file as the settings say; `None` when it was skipped or unreadable, which is
    /// reported here, and is a failure (`true`) unless a directory walk met a skipped file.
    pub fn read(&self, file: &InputFile) -> Result<FileText, bool> {
        match read_news_file(&file.path, self.config.max_file_size) {
            Ok(text) => {
                if text.lossy {
                    eprintln!(
                        "newsls: {}: warning: not valid UTF-8; invalid bytes were replaced with U+FFFD",
                        file.path.display()
                    );
                }
                Ok(text)
            }
            Err(e) => {
                eprintln!("newsls: {}: {e}", file.path.display());
                let skipped = matches!(e, ReadError::Binary | ReadError::TooLarge { .. });
                Err(file.named || !skipped)
            }
        }
    }

    /// Reads and analyses every file in parallel; unreadable ones are reported and left out.
    /// The count is of the failures (see [`Inputs::read`]) and missing paths.
    pub fn analyse(&self) -> (Vec<(&Path, FileEntry)>, usize) {
        self.analyse_files(&self.files)
    }

    /// [`Inputs::analyse`] for some of the files only (together, as one workspace).
    pub fn analyse_files<'a>(&self, files: &'a [InputFile]) -> (Vec<(&'a Path, FileEntry)>, usize) {
        let (texts, failed) = self.read_files(files);
        (self.analyse_texts(&texts), failed)
    }

    /// The texts of some files, read in parallel; unreadable ones are reported and left out.
    /// The count is of the failures (see [`Inputs::read`]) and missing paths.
    pub fn read_files<'a>(&self, files: &'a [InputFile]) -> (Vec<ReadText<'a>>, usize) {
        let results: Vec<_> = files
            .par_iter()
            .map(|file| {
                self.read(file).map(|f| ReadText {
                    path: &file.path,
                    text: f.text.into(),
                    lossy: f.lossy,
                })
            })
            .collect();
        let mut failed = self.missing;
        let mut texts = Vec::new();
        for result in results {
            match result {
                Ok(text) => texts.push(text),
                Err(failure) => failed += usize::from(failure),
            }
        }
        (texts, failed)
    }

    /// Analyses texts read together as one workspace, in their order.
    pub fn analyse_texts<'a>(&self, texts: &[ReadText<'a>]) -> Vec<(&'a Path, FileEntry)> {
        self.as_workspace(Self::analyse_each(texts))
    }

    /// Each text analysed on its own, in parallel.
    pub fn analyse_each<'a>(texts: &[ReadText<'a>]) -> Vec<(&'a Path, FileEntry)> {
        // In parallel: an analysis runs its stages two by two, which leaves a core idle
        // while the longer one finishes and while the entry indexes its lines.
        texts
            .par_iter()
            .map(|t| (t.path, FileEntry::new(Arc::clone(&t.text), t.lossy)))
            .collect()
    }

    /// Texts analysed each on its own ([`Inputs::analyse_each`]) as one workspace: blocks
    /// recurring across files, the entity kinds voted across files, the user's corrections.
    pub fn as_workspace<'a>(
        &self,
        entries: Vec<(&'a Path, FileEntry)>,
    ) -> Vec<(&'a Path, FileEntry)> {
        let corrections = Corrections::new(&self.config.entities.overrides);
        let mut entries = with_shared_templates(entries);
        // The workspace vote first: the user's corrections override it.
        crate::workspace::kinds::vote_entries(entries.iter_mut().map(|(_, e)| e));
        entries
            .into_iter()
            .map(|(path, entry)| (path, entry.corrected(&corrections)))
            .collect()
    }

    /// 2 when something failed, else 1 when there are findings the user asked to fail on.
    pub fn status(&self, failed: usize, findings: bool) -> ExitCode {
        if failed > 0 {
            ExitCode::from(2)
        } else if findings {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Settings from `--config`, or `newsls.toml` in the current directory or a parent. Keys no
/// setting reads are warned about as FILE:LINE:COLUMN.
pub fn load_config(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let file = match explicit {
        Some(file) if !file.is_file() => {
            return Err(ConfigError::Missing(file.to_path_buf()));
        }
        Some(file) => Some(file.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|dir| {
            dir.ancestors()
                .map(|d| d.join(CONFIG_FILE))
                .find(|f| f.is_file())
        }),
    };
    let Some(file) = file else {
        return Ok(Config::default());
    };
    let settings = Config::read_settings(&file)?;
    for key in &settings.unknown {
        let (line, column) = key.line_column(&settings.text);
        eprintln!(
            "{}:{line}:{column}: warning: {}",
            file.display(),
            key.message()
        );
    }
    Config::from_layers(&[settings.layer])
}
