//! `newsls export`: the citation tags as JSON Lines, or every annotation in a stand-off
//! format (spans, brat, w3c), refusing invalid tags unless asked.

mod files;

use super::inputs::{InputFile, Inputs};
use super::out_dir::OutDir;
use crate::analysis::citation::{CiteTag, TagError};
use crate::export::spans;
use crate::export::standoff::StandOff;
use crate::workspace::FileEntry;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `newsls export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// JSON Lines, one record per `<cite>`.
    Cites,
    /// JSON Lines, one article per line with code-point spans.
    Spans,
    /// `.ann` beside a `.txt` copy per article, and `annotation.conf`.
    Brat,
    /// A W3C Web Annotation collection (`.jsonld`) beside a `.txt` copy per article.
    W3c,
}

impl ExportFormat {
    fn name(self) -> &'static str {
        match self {
            ExportFormat::Cites => "cites",
            ExportFormat::Spans => "spans",
            ExportFormat::Brat => "brat",
            ExportFormat::W3c => "w3c",
        }
    }
}

/// An analysed file.
struct Article<'a> {
    path: &'a Path,
    /// Its place among the texts read.
    index: usize,
    entry: FileEntry,
}

/// Lists every tag error on stderr as FILE:LINE:COLUMN: message. With errors and without
/// `lenient` nothing is exported and the status is 1; with `lenient` the cites without an
/// error in their tag are exported. Files that are not valid UTF-8 are skipped (their
/// offsets would not match the file) and make the status 2.
pub fn export(
    inputs: &Inputs,
    format: ExportFormat,
    out: Option<&Path>,
    lenient: bool,
) -> ExitCode {
    if out.is_none() && matches!(format, ExportFormat::Brat | ExportFormat::W3c) {
        eprintln!(
            "newsls: --format {} writes files: give --out DIR",
            format.name()
        );
        return ExitCode::from(2);
    }
    let (out, files): (Option<OutDir>, Vec<InputFile>) = match out {
        Some(dir) => {
            let (out, files) = OutDir::new(dir, &inputs.files);
            (Some(out), files)
        }
        None => (None, inputs.files.clone()),
    };
    let (texts, mut failed) = inputs.read_files(&files);
    let (entries, copies) = match (&out, format) {
        (Some(out), ExportFormat::Brat | ExportFormat::W3c) => {
            // The outputs are planned (one path at a time) and the text copies of brat and
            // w3c written while the workspace vote keeps one core busy; beside the analyses
            // of the texts the copies took longer (both phases measured on 10,000 files).
            let each = Inputs::analyse_each(&texts);
            let (entries, (plan, copies)) = rayon::join(
                || inputs.as_workspace(each),
                || {
                    let targets = out.targets(&files);
                    let target = |path: &Path| targets.get(path).cloned().unwrap_or_default();
                    let plan = files::plan(out, format, &texts, target);
                    let copies = files::write_copies(out, format, &texts, &plan, lenient);
                    (plan, copies)
                },
            );
            (entries, Some((plan, copies)))
        }
        _ => (inputs.analyse_texts(&texts), None),
    };
    // The entries hold the texts too: each is freed with its entry, in parallel, not here.
    drop(texts);
    if report_tag_errors(inputs, &entries, lenient) > 0 && !lenient {
        return if failed > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::from(1)
        };
    }
    let known = known_speakers(&entries);
    let mut articles = Vec::new();
    for (index, (path, entry)) in entries.into_iter().enumerate() {
        if entry.lossy {
            eprintln!(
                "newsls: {}: skipped: not valid UTF-8, so offsets could not refer to the file",
                path.display()
            );
            failed += 1;
            continue;
        }
        articles.push(Article { path, index, entry });
    }
    let written = match (format, &out) {
        (ExportFormat::Cites, _) => {
            let lines = articles
                .par_iter()
                .map(|a| lines(cite_lines(inputs, a, &known)))
                .collect();
            write_lines(out.as_ref(), "cites.jsonl", lines)
        }
        (ExportFormat::Spans, _) => {
            // Each article's analysis is dropped where its line was made, in parallel.
            let lines = articles
                .into_par_iter()
                .map(|a| {
                    let path = a.path.display().to_string();
                    spans::spans_line(&path, &standoff(inputs, &a, &known))
                })
                .collect();
            write_lines(out.as_ref(), "spans.jsonl", lines)
        }
        _ => match &copies {
            Some((plan, copies)) => {
                let copies = copies.as_deref();
                files::write_annotations(inputs, format, articles, &known, plan, copies)
            }
            None => unreachable!("brat and w3c have an output directory, checked above"),
        },
    };
    failed += written;
    inputs.status(failed, false)
}

/// The entity ids of all files, which the speakers of `<cite>` tags link to; nothing else
/// reads them, so without cites they are not collected.
fn known_speakers(entries: &[(&Path, FileEntry)]) -> HashSet<String> {
    let cited = entries
        .iter()
        .any(|(_, e)| !e.analysis.layout.citations.cites.is_empty());
    match cited {
        true => crate::export::known_entities(entries.par_iter().map(|(_, e)| e)),
        false => HashSet::new(),
    }
}

/// Prints the tag errors; returns how many.
fn report_tag_errors(inputs: &Inputs, entries: &[(&Path, FileEntry)], lenient: bool) -> usize {
    let mut invalid = 0;
    for (path, entry) in entries {
        for error in &entry.analysis.layout.citations.errors {
            let at = entry.range(error.range.clone(), inputs.encoding).start;
            let (line, column) = (at.line + 1, at.character + 1);
            eprintln!("{}:{line}:{column}: {error}", path.display());
            invalid += 1;
        }
    }
    if invalid > 0 && !lenient {
        eprintln!(
            "newsls: {invalid} invalid citation tag{}: nothing exported \
             (fix them, or pass --lenient to export the valid cites)",
            if invalid == 1 { "" } else { "s" }
        );
    }
    invalid
}

/// The valid cites of a file.
fn valid_cites(entry: &FileEntry) -> Vec<&CiteTag> {
    let errors = &entry.analysis.layout.citations.errors;
    let cites = &entry.analysis.layout.citations.cites;
    cites.iter().filter(|c| is_valid(c, errors)).collect()
}

fn cite_lines(inputs: &Inputs, article: &Article, known: &HashSet<String>) -> Vec<Value> {
    let valid = valid_cites(&article.entry);
    let keep = |cite: &CiteTag| valid.iter().any(|v| std::ptr::eq(*v, cite));
    crate::export::citations(article.path, &article.entry, known, inputs.encoding, keep)
}

fn standoff(inputs: &Inputs, article: &Article, known: &HashSet<String>) -> StandOff {
    let keep = Some(&inputs.config.boilerplate);
    StandOff::new(&article.entry, keep, &valid_cites(&article.entry), known)
}

/// JSON Lines of the records, made where the records are (in parallel), so that only text
/// waits to be written.
fn lines(records: impl IntoIterator<Item = Value>) -> Vec<u8> {
    let mut out = Vec::new();
    for record in records {
        // Writing JSON into memory cannot fail.
        let _ = serde_json::to_writer(&mut out, &record);
        out.push(b'\n');
    }
    out
}

/// Writes JSON Lines to stdout, or to `name` in the output directory; returns the failures.
fn write_lines(out: Option<&OutDir>, name: &str, lines: Vec<Vec<u8>>) -> usize {
    let write = |sink: &mut dyn Write| -> std::io::Result<()> {
        for chunk in &lines {
            sink.write_all(chunk)?;
        }
        sink.flush()
    };
    let (result, shown) = match out {
        None => (
            write(&mut std::io::stdout().lock()),
            PathBuf::from("stdout"),
        ),
        Some(out) => {
            let path = out.dir.join(name);
            let result = out.create().and_then(|()| {
                let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
                write(&mut file)
            });
            (result, path)
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("newsls: {}: {e}", shown.display());
            1
        }
    }
}

/// Whether no error falls in the cite, from its opening `<` to the end of its closing tag.
fn is_valid(cite: &CiteTag, errors: &[TagError]) -> bool {
    let end = cite.close.as_ref().map_or(cite.content.end, |c| c.end);
    !errors
        .iter()
        .any(|e| e.range.start < end && e.range.end > cite.open.start)
}
