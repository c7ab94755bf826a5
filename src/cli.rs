//! The command-line tool: the same engine as the server, over files on disk.

mod cite;
mod diff;
mod export;
mod inputs;
mod out_dir;
mod strip;

pub use cite::cite;
pub use export::{ExportFormat, export};
pub use inputs::{InputFile, Inputs, load_config};
pub use strip::strip;

use crate::lsp::diagnostics::{DiagnosticInput, diagnostics};
use crate::text::{Encoding, count};
use crate::workspace::{FileEntry, entity_id};
use rayon::prelude::*;
use ropey::Rope;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, Uri};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
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
    let files = reports.len();
    writeln!(
        out,
        "{} in {}",
        count(total, "finding"),
        count(files, "file")
    )
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
            let mentions = count(entity.mentions.len(), "mention");
            writeln!(out, "  {kind:<12} {} ({mentions})", entity.name)?;
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
            let speaker = match (&q.speaker, q.how) {
                (Some(s), Some(how)) => format!("{} ({:.2})", s.name, how.confidence()),
                (Some(s), None) => s.name.clone(),
                (None, _) => "(unknown)".into(),
            };
            let text: String = entry.text[q.range.clone()].chars().take(70).collect();
            writeln!(out, "{}:{line}: {speaker}: {text}", path.display())?;
        }
        Ok(())
    })
}
