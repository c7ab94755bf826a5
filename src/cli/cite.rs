//! `newsls cite`: the editor's "Cite all quotes" for files on disk, written safely (a
//! temporary file renamed over the article, never a truncated one), or shown as a diff.

use super::inputs::Inputs;
use crate::workspace::FileEntry;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Wraps every uncited quote whose speaker is known with at least `min_confidence` in a
/// `<cite>`. With `dry_run` prints a unified diff and writes nothing.
pub fn cite(inputs: &Inputs, dry_run: bool, min_confidence: f32) -> ExitCode {
    let (entries, mut failed) = inputs.analyse();
    let (mut quotes, mut files) = (0, 0);
    for (path, entry) in &entries {
        if entry.lossy {
            eprintln!(
                "newsls: {}: not cited: not valid UTF-8 (writing would replace its bytes)",
                path.display()
            );
            failed += 1;
            continue;
        }
        let edits = crate::cite::cite_all(&entry.analysis, min_confidence);
        if edits.is_empty() {
            continue;
        }
        let cited = crate::cite::apply(&entry.text, &edits);
        let done = if dry_run {
            let diff = super::diff::unified(&path.display().to_string(), &entry.text, &cited);
            std::io::stdout()
                .lock()
                .write_all(diff.as_bytes())
                .map_err(WriteError::Stdout)
        } else {
            write_safely(path, entry, &cited)
        };
        match done {
            Ok(()) => {
                quotes += edits.len() / 2;
                files += 1;
            }
            Err(e) => {
                eprintln!("newsls: {}: not cited: {e}", path.display());
                failed += 1;
            }
        }
    }
    let verb = if dry_run { "would cite" } else { "cited" };
    eprintln!(
        "newsls: {verb} {} in {}",
        crate::text::count(quotes, "quote"),
        crate::text::count(files, "file")
    );
    inputs.status(failed, false)
}

/// Replaces the file with `cited` through a temporary file in the same folder, renamed over
/// it once fully written: an error leaves the article as it was. Refuses when the file
/// changed since it was read. A byte-order mark and the permissions are kept.
fn write_safely(path: &Path, entry: &FileEntry, cited: &str) -> Result<(), WriteError> {
    let real = path.canonicalize().map_err(WriteError::Read)?;
    let bytes = std::fs::read(&real).map_err(WriteError::Read)?;
    let bom = bytes.starts_with(BOM);
    let body = if bom { &bytes[BOM.len()..] } else { &bytes[..] };
    if body != entry.text.as_bytes() {
        return Err(WriteError::Changed);
    }
    let permissions = std::fs::metadata(&real)
        .map_err(WriteError::Read)?
        .permissions();
    let name = real.file_name().unwrap_or_default().to_string_lossy();
    let temp = real.with_file_name(format!(".{name}.newsls-{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        if bom {
            file.write_all(BOM)?;
        }
        file.write_all(cited.as_bytes())?;
        file.set_permissions(permissions)?;
        file.sync_all()?;
        std::fs::rename(&temp, &real)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        WriteError::Write(e)
    })
}

/// Why a file was not cited; in every case the article on disk is as it was.
#[derive(Debug)]
enum WriteError {
    /// The diff of `--dry-run` could not be printed.
    Stdout(std::io::Error),
    Read(std::io::Error),
    Changed,
    Write(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Stdout(e) | WriteError::Read(e) => e.fmt(f),
            WriteError::Changed => {
                write!(f, "the file changed while newsls read it; nothing written")
            }
            WriteError::Write(e) => write!(f, "{e}; the article is unchanged"),
        }
    }
}
