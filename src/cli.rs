//! The command-line tool: the same engine as the server, over files on disk.

use crate::config::{CONFIG_FILE, Config};
use crate::lsp::diagnostics::{DiagnosticInput, diagnostics};
use crate::text::Encoding;
use crate::workspace::templates::Templates;
use crate::workspace::{FileEntry, ReadError, entity_id, find_files};
use rayon::prelude::*;
use ropey::Rope;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, Uri};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// The files a command works on, with the settings and output encoding.
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub encoding: Encoding,
    pub config: Config,
    /// Paths that did not exist or could not be listed; reported already.
    pub missing: usize,
}

impl Inputs {
    /// Expands directories into their news files; reports paths that do not exist.
    pub fn new(
        paths: Vec<PathBuf>,
        encoding: Encoding,
        config_file: Option<&Path>,
    ) -> Result<Inputs, String> {
        let config = load_config(config_file)?;
        let filter = config.file_filter()?;
        let mut files = Vec::new();
        let mut missing = 0;
        for path in paths {
            if path.is_dir() {
                files.extend(find_files(&path, &filter));
            } else if path.exists() {
                files.push(path);
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

    /// Reads and analyses every file in parallel; unreadable ones are reported and left out.
    fn analyse(&self) -> (Vec<(&Path, FileEntry)>, usize) {
        let results: Vec<_> = self
            .files
            .par_iter()
            .map(|path| {
                (
                    path.as_path(),
                    FileEntry::read(path, self.config.max_file_size),
                )
            })
            .collect();
        let mut failed = self.missing;
        let mut entries: Vec<(&Path, FileEntry)> = Vec::new();
        for (path, result) in results {
            match result {
                Ok(entry) => entries.push((path, entry)),
                Err(e @ (ReadError::Binary | ReadError::TooLarge { .. })) => {
                    eprintln!("newsls: {}: {e}", path.display());
                }
                Err(e) => {
                    eprintln!("newsls: {}: {e}", path.display());
                    failed += 1;
                }
            }
        }
        let mut entries = with_templates(entries);
        crate::workspace::kinds::vote_entries(entries.iter_mut().map(|(_, e)| e));
        (entries, failed)
    }

    fn status(&self, failed: usize, findings: bool) -> ExitCode {
        if failed > 0 {
            ExitCode::from(2)
        } else if findings {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// The files analysed again with the blocks they share with others (publisher templates),
/// as the server does once it has seen the whole workspace.
fn with_templates(entries: Vec<(&Path, FileEntry)>) -> Vec<(&Path, FileEntry)> {
    let mut templates = Templates::default();
    for (path, entry) in &entries {
        templates.update(path, entry.fingerprints.to_vec());
    }
    entries
        .into_par_iter()
        .map(
            |(path, entry)| match templates.context_for(&entry.fingerprints) {
                Some(context) => (path, entry.reanalysed(&context)),
                None => (path, entry),
            },
        )
        .collect()
}

/// Settings from `--config`, or `newsls.toml` in the current directory or a parent.
fn load_config(explicit: Option<&Path>) -> Result<Config, String> {
    let file = match explicit {
        Some(file) if !file.is_file() => {
            return Err(format!("{}: no such settings file", file.display()));
        }
        Some(file) => Some(file.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|dir| {
            dir.ancestors()
                .map(|d| d.join(CONFIG_FILE))
                .find(|f| f.is_file())
        }),
    };
    match file {
        Some(file) => Config::from_layers(&[Config::read_layer(&file)?]),
        None => Ok(Config::default()),
    }
}

/// `newsls check`: the diagnostics of every file; status 1 when one is at least `fail_on`
/// severe (1 = error … 4 = hint).
pub fn check(inputs: &Inputs, format: Format, fail_on: Option<i32>) -> ExitCode {
    let (entries, failed) = inputs.analyse();
    let known = crate::export::known_entities(entries.iter().map(|(_, e)| e));
    let reports: Vec<(&Path, Vec<Diagnostic>)> = entries
        .par_iter()
        .map(|(path, entry)| (*path, file_diagnostics(path, entry, inputs, &known)))
        .collect();
    let findings = fail_on.is_some_and(|limit| {
        reports
            .iter()
            .flat_map(|(_, diags)| diags)
            .any(|d| d.severity.is_some_and(|s| severity_rank(s) <= limit))
    });
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Json => {
            let json: Vec<Value> = reports
                .iter()
                .map(|(path, diags)| json!({"path": path.display().to_string(), "diagnostics": diags}))
                .collect();
            writeln!(out, "{}", Value::Array(json))
        }
        Format::Text => write_check_text(&mut out, &reports),
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    inputs.status(failed, findings)
}

fn write_check_text(
    out: &mut impl Write,
    reports: &[(&Path, Vec<Diagnostic>)],
) -> std::io::Result<()> {
    let mut total = 0;
    for (path, diags) in reports {
        for d in diags {
            let code = match &d.code {
                Some(tower_lsp_server::ls_types::NumberOrString::String(code)) => code.clone(),
                Some(tower_lsp_server::ls_types::NumberOrString::Number(n)) => n.to_string(),
                None => String::new(),
            };
            writeln!(
                out,
                "{}:{}:{}: {} [{code}] {}",
                path.display(),
                d.range.start.line + 1,
                d.range.start.character + 1,
                severity_name(d.severity),
                d.message
            )?;
            total += 1;
        }
    }
    writeln!(out, "{total} findings in {} files", reports.len())
}

fn file_diagnostics(
    path: &Path,
    entry: &FileEntry,
    inputs: &Inputs,
    known: &HashSet<String>,
) -> Vec<Diagnostic> {
    let known_speaker = |name: &str| {
        crate::export::speaker_id(name, known).is_some()
            || crate::export::named_in(&entry.analysis, name)
    };
    let uri = file_uri(path);
    let rope = Rope::from_str(&entry.text);
    let input = DiagnosticInput::new(&uri, &rope, entry, &known_speaker);
    diagnostics(&input, &inputs.config, inputs.encoding)
}

fn file_uri(path: &Path) -> Uri {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Uri::from_file_path(&absolute)
        .or_else(|| Uri::from_file_path("/"))
        .expect("the root path is a valid file URI")
}

fn severity_rank(severity: DiagnosticSeverity) -> i32 {
    match severity {
        DiagnosticSeverity::ERROR => 1,
        DiagnosticSeverity::WARNING => 2,
        DiagnosticSeverity::INFORMATION => 3,
        _ => 4,
    }
}

fn severity_name(severity: Option<DiagnosticSeverity>) -> &'static str {
    match severity.map(severity_rank) {
        Some(1) => "error",
        Some(2) => "warning",
        Some(3) => "info",
        _ => "hint",
    }
}

/// Prints one JSON array with an object per file, or lines of text per file; the status
/// says whether every file could be read.
fn report(
    inputs: &Inputs,
    format: Format,
    json: impl Fn(&FileEntry) -> (&'static str, Vec<Value>),
    text: impl Fn(&mut dyn Write, &Path, &FileEntry) -> std::io::Result<()>,
) -> ExitCode {
    let (entries, failed) = inputs.analyse();
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Json => {
            let files: Vec<Value> = entries
                .iter()
                .map(|(path, entry)| {
                    let (key, items) = json(entry);
                    json!({"path": path.display().to_string(), key: items})
                })
                .collect();
            writeln!(out, "{}", Value::Array(files))
        }
        Format::Text => entries
            .iter()
            .try_for_each(|(path, entry)| text(&mut out, path, entry)),
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    inputs.status(failed, false)
}

/// `newsls entities`: every entity of every file, with ids shared across the files.
pub fn entities(inputs: &Inputs, format: Format) -> ExitCode {
    let json = |entry: &FileEntry| ("entities", entities_json(entry, inputs.encoding));
    report(inputs, format, json, |out, path, entry| {
        writeln!(out, "{}", path.display())?;
        for entity in &entry.analysis.entities {
            let kind = entity.kind.as_str();
            let n = entity.mentions.len();
            writeln!(out, "  {kind:<12} {} ({n} mentions)", entity.name)?;
        }
        Ok(())
    })
}

fn entities_json(entry: &FileEntry, encoding: Encoding) -> Vec<Value> {
    entry
        .analysis
        .entities
        .iter()
        .map(|entity| {
            let mentions: Vec<Value> = entity
                .mentions
                .iter()
                .map(|m| json!({"text": &entry.text[m.clone()], "range": entry.range(m.clone(), encoding)}))
                .collect();
            json!({"id": entity_id(entity.kind, &entity.name), "name": entity.name, "kind": entity.kind.as_str(), "mentions": mentions})
        })
        .collect()
}

/// `newsls quotes`: the quotations of every file with their speakers.
pub fn quotes(inputs: &Inputs, format: Format) -> ExitCode {
    let json = |entry: &FileEntry| {
        let quotes = entry.analysis.quotes.iter();
        (
            "quotes",
            quotes
                .map(|q| crate::export::quote_json(entry, q, inputs.encoding))
                .collect(),
        )
    };
    report(inputs, format, json, |out, path, entry| {
        for q in &entry.analysis.quotes {
            let line = entry.lines.line(q.range.start) + 1;
            let speaker = q.speaker.as_ref().map_or("(unknown)", |s| s.name.as_str());
            let text: String = entry.text[q.range.clone()].chars().take(70).collect();
            writeln!(out, "{}:{line}: {speaker}: {text}", path.display())?;
        }
        Ok(())
    })
}

/// `newsls export`: the citation tags of every file as JSON Lines.
pub fn export(inputs: &Inputs) -> ExitCode {
    let (entries, failed) = inputs.analyse();
    let known = crate::export::known_entities(entries.iter().map(|(_, e)| e));
    let mut out = std::io::stdout().lock();
    for (path, entry) in &entries {
        for record in crate::export::citations(path, entry, &known, inputs.encoding) {
            if writeln!(out, "{record}").is_err() {
                return ExitCode::from(2);
            }
        }
    }
    inputs.status(failed, false)
}

/// `newsls strip`: one file to stdout, or every file into `out`. Blocks the settings keep
/// stay.
pub fn strip(files: &[PathBuf], out: Option<&Path>, config_file: Option<&Path>) -> ExitCode {
    let config = match load_config(config_file) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("newsls: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = out
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("newsls: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    if out.is_none() && files.len() > 1 {
        eprintln!("newsls: strip prints one file; use --out DIR for several");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for path in files {
        let result = strip_one(path, out, &config);
        if let Err(e) = result {
            eprintln!("newsls: {}: {e}", path.display());
            failed = true;
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn strip_one(path: &Path, out: Option<&Path>, config: &Config) -> Result<(), String> {
    let file = crate::workspace::read_news_file(path, u64::MAX).map_err(|e| e.to_string())?;
    let analysis = crate::analysis::analyze(&file.text);
    let stripped = crate::analysis::strip_except(&file.text, &analysis, |block| {
        config.boilerplate.is_kept(block)
    });
    match out {
        Some(dir) => {
            let name = path.file_name().ok_or("not a file name")?;
            std::fs::write(dir.join(name), stripped).map_err(|e| e.to_string())
        }
        None => std::io::stdout()
            .lock()
            .write_all(stripped.as_bytes())
            .map_err(|e| e.to_string()),
    }
}
