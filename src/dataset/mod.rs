//! newsls for dataset pipelines: many texts in, one [`Record`] per text out, in order.
//!
//! The one place the article record is made: `newsls batch` and the Python package both call
//! [`annotate`]. Pure: no I/O, no settings read here.

mod record;

pub use record::{
    BoilerplateSpan, EntityEntry, MetadataEntry, QuoteEntry, Record, Span, SpeakerEntry,
    confidence, listed_boilerplate, speaker_entity_id,
};

use crate::config::BoilerplateConfig;
use crate::workspace::templates::with_shared_templates;
use crate::workspace::{Corrections, FileEntry};
use rayon::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// How a set of texts is annotated.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Blocks shared by at least three texts of the set are publisher templates (boilerplate),
    /// as in a workspace. Off for texts of unrelated sites.
    pub site_templates: bool,
    /// Boilerplate blocks the user chose to keep (`[boilerplate] keep` of `newsls.toml`).
    pub keep: Option<&'a BoilerplateConfig>,
    /// The user's corrections of entities (`[[entities.override]]` of `newsls.toml`), applied
    /// as in every other command.
    pub corrections: Option<&'a Corrections>,
    /// Texts longer than this many bytes are refused, not analysed.
    pub max_bytes: usize,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            site_templates: false,
            keep: None,
            corrections: None,
            max_bytes: usize::try_from(crate::config::Config::default().max_file_size)
                .unwrap_or(usize::MAX),
        }
    }
}

/// Why a text has no record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// The analysis failed (a bug in newsls); the other texts are not affected.
    Internal(String),
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::TooLarge { bytes, limit } => {
                write!(f, "text is {bytes} bytes, over the limit of {limit}")
            }
            RecordError::Internal(message) => write!(f, "internal error: {message}"),
        }
    }
}

impl std::error::Error for RecordError {}

/// The record of each text, in order, analysed in parallel (on the current rayon pool).
pub fn annotate<T: AsRef<str> + Sync>(
    texts: &[T],
    options: &Options,
) -> Vec<Result<Record, RecordError>> {
    let analysed: Vec<Result<FileEntry, RecordError>> = texts
        .par_iter()
        .map(|text| analyse(text.as_ref(), options.max_bytes))
        .collect();
    let mut results: Vec<(usize, Result<Record, RecordError>)> = Vec::new();
    let mut entries: Vec<(usize, FileEntry)> = Vec::new();
    for (i, analysed) in analysed.into_iter().enumerate() {
        match analysed {
            Ok(entry) => entries.push((i, entry)),
            Err(e) => results.push((i, Err(e))),
        }
    }
    if options.site_templates {
        // Entries are shared pointers: the copy kept in case templating fails is cheap.
        entries = guarded(|| with_shared_templates(entries.clone())).unwrap_or(entries);
    }
    results.par_extend(
        entries
            .into_par_iter()
            .map(|(i, entry)| (i, guarded(|| record_of(entry, options)))),
    );
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The record of an analysed text, with the corrections applied.
fn record_of(entry: FileEntry, options: &Options) -> Record {
    let entry = match options.corrections {
        Some(corrections) => entry.corrected(corrections),
        None => entry,
    };
    Record::new(&entry, options.keep)
}

/// The record of one text on its own (no templates).
pub fn record(text: &str) -> Result<Record, RecordError> {
    annotate(&[text], &Options::default())
        .pop()
        .expect("one record per text")
}

fn analyse(text: &str, max_bytes: usize) -> Result<FileEntry, RecordError> {
    if text.len() > max_bytes {
        return Err(RecordError::TooLarge {
            bytes: text.len(),
            limit: max_bytes,
        });
    }
    guarded(|| FileEntry::new(text, false))
}

/// Runs `work`, turning a panic into an error for this text alone.
fn guarded<R>(work: impl FnOnce() -> R) -> Result<R, RecordError> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the analysis panicked".into());
        RecordError::Internal(message)
    })
}

#[cfg(test)]
mod tests;
