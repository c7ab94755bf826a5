//! `newsls strip`: the article text with boilerplate removed, to stdout or into a directory.

use super::inputs::{InputFile, Inputs};
use super::targets::{Resolver, check_target};
use crate::config::Config;
use crate::text::Encoding;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One file to stdout, or every file (directories walked) into `out` under its relative
/// path. Blocks the settings keep stay. Never writes over an input file.
pub fn strip(paths: Vec<PathBuf>, out: Option<&Path>, config_file: Option<&Path>) -> ExitCode {
    if out.is_none() && (paths.len() > 1 || paths.iter().any(|p| p.is_dir())) {
        eprintln!("newsls: strip prints one file; use --out DIR for several or a directory");
        return ExitCode::from(2);
    }
    let inputs = match Inputs::new(paths, Encoding::Utf8, config_file) {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("newsls: {e}");
            return ExitCode::from(2);
        }
    };
    if inputs.files.is_empty() {
        // Each path was reported as missing or without news files; no empty DIR is made.
        return ExitCode::from(2);
    }
    let mut failed = inputs.missing;
    let Some(dir) = out else {
        for file in &inputs.files {
            if let Err(failure) = strip_to_stdout(&inputs, file) {
                failed += usize::from(failure);
            }
        }
        return inputs.status(failed, false);
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("newsls: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let sources: HashSet<PathBuf> = inputs
        .files
        .iter()
        .filter_map(|f| f.path.canonicalize().ok())
        .collect();
    let mut written = HashSet::new();
    let mut resolver = Resolver::default();
    for file in &inputs.files {
        let target = dir.join(&file.relative);
        if let Err(e) = check_target(&target, &sources, &mut written, &mut resolver) {
            eprintln!("newsls: {}: not stripped: {e}", file.path.display());
            failed += 1;
        } else if let Err(failure) = strip_to_file(&inputs, file, &target) {
            failed += usize::from(failure);
        }
    }
    inputs.status(failed, false)
}

/// The stripped text of a file; `Err(true)` when it failed (reported already), `Err(false)`
/// when a directory walk skipped it.
fn stripped(inputs: &Inputs, file: &InputFile) -> Result<String, bool> {
    let text = inputs.read(file)?.text;
    let layout = crate::analysis::analyze(&text).layout;
    let config: &Config = &inputs.config;
    Ok(crate::analysis::strip_except(&text, &layout, |block| {
        config.boilerplate.is_kept(block)
    }))
}

/// Prints the stripped text. An empty result is printed too (it is the answer), with a
/// word on stderr so that a pipeline's empty line is not a mystery.
fn strip_to_stdout(inputs: &Inputs, file: &InputFile) -> Result<(), bool> {
    let text = stripped(inputs, file)?;
    if text.trim().is_empty() {
        eprintln!(
            "newsls: {}: no article text left once boilerplate is removed",
            file.path.display()
        );
    }
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| {
            eprintln!("newsls: {}: {e}", file.path.display());
            true
        })
}

/// Writes the stripped text to `target`. A file with no article text left (all boilerplate,
/// as a `requirements.txt` or a note walked by mistake is) is skipped, not written empty.
fn strip_to_file(inputs: &Inputs, file: &InputFile, target: &Path) -> Result<(), bool> {
    let text = stripped(inputs, file)?;
    if text.trim().is_empty() {
        eprintln!(
            "newsls: {}: skipped: no article text left once boilerplate is removed",
            file.path.display()
        );
        return Err(file.named);
    }
    let written = match target.parent() {
        Some(parent) => std::fs::create_dir_all(parent).and_then(|()| std::fs::write(target, text)),
        None => std::fs::write(target, text),
    };
    written.map_err(|e| {
        eprintln!("newsls: {}: {e}", target.display());
        true
    })
}
