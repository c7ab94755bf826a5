//! The command-line tool: the same engine as the server, over files on disk.

mod check;
mod cite;
mod diff;
mod export;
mod inputs;
mod out_dir;
mod strip;
mod targets;

pub use check::check;
pub use cite::cite;
pub use export::{ExportFormat, export};
pub use inputs::{InputFile, Inputs, load_config};
pub use strip::strip;

use crate::text::{Encoding, count};
use crate::workspace::{FileEntry, entity_id};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
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
    // Buffered: the JSON is written in pieces, a system call each without it.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
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
    if written.and_then(|()| out.flush()).is_err() {
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
            let line = entry.lines().line(q.range.start) + 1;
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
