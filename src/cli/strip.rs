//! `newsls strip`: the article text with boilerplate removed, to stdout or into a directory.

use super::inputs::{InputFile, Inputs};
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
    for file in &inputs.files {
        let target = dir.join(&file.relative);
        if let Err(e) = check_target(&target, &sources, &mut written) {
            eprintln!("newsls: {}: not stripped: {e}", file.path.display());
            failed += 1;
        } else if let Err(failure) = strip_to_file(&inputs, file, &target) {
            failed += usize::from(failure);
        }
    }
    inputs.status(failed, false)
}

/// Why an output file was refused: writing it would overwrite an article or an output.
#[derive(Debug)]
pub(super) enum TargetError {
    IsInput(PathBuf),
    Taken(PathBuf),
}

impl std::fmt::Display for TargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TargetError::IsInput(path) => {
                write!(f, "the output {} is an input file", path.display())
            }
            TargetError::Taken(path) => {
                write!(f, "another input already goes to {}", path.display())
            }
        }
    }
}

/// Refuses a target that is an input file or the target of an earlier file.
pub(super) fn check_target(
    target: &Path,
    sources: &HashSet<PathBuf>,
    written: &mut HashSet<PathBuf>,
) -> Result<(), TargetError> {
    let resolved = resolve(target);
    if sources.contains(&resolved) {
        return Err(TargetError::IsInput(target.to_path_buf()));
    }
    if !written.insert(resolved) {
        return Err(TargetError::Taken(target.to_path_buf()));
    }
    Ok(())
}

/// The path with its directory resolved (the file itself may not exist yet).
pub(super) fn resolve(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
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
