//! `newsls export`: the citation tags as JSON Lines, refusing invalid tags unless asked.

use super::inputs::Inputs;
use crate::analysis::citation::{CiteTag, TagError};
use std::io::Write;
use std::process::ExitCode;

/// Lists every tag error on stderr as FILE:LINE:COLUMN: message. With errors and without
/// `lenient` nothing is exported and the status is 1; with `lenient` the cites without an
/// error in their tag are exported.
pub fn export(inputs: &Inputs, lenient: bool) -> ExitCode {
    let (entries, failed) = inputs.analyse();
    let mut invalid = 0;
    for (path, entry) in &entries {
        for error in &entry.analysis.citations.errors {
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
        return if failed > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::from(1)
        };
    }
    let known = crate::export::known_entities(entries.iter().map(|(_, e)| e));
    let mut out = std::io::stdout().lock();
    for (path, entry) in &entries {
        let errors = &entry.analysis.citations.errors;
        let valid = |cite: &CiteTag| is_valid(cite, errors);
        for record in crate::export::citations(path, entry, &known, inputs.encoding, valid) {
            if writeln!(out, "{record}").is_err() {
                return ExitCode::from(2);
            }
        }
    }
    inputs.status(failed, false)
}

/// Whether no error falls in the cite, from its opening `<` to the end of its closing tag.
fn is_valid(cite: &CiteTag, errors: &[TagError]) -> bool {
    let end = cite.close.as_ref().map_or(cite.content.end, |c| c.end);
    !errors
        .iter()
        .any(|e| e.range.start < end && e.range.end > cite.open.start)
}
