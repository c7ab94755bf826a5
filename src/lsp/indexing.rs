//! Indexing the workspace folders in the background, with `$/progress`, and keeping the index
//! current as files change on disk.

use super::diagnostics::{DiagnosticInput, diagnostics};
use super::server::Backend;
use crate::ide::{FindingInput, INVALID_UTF8};
use crate::workspace::{FileEntry, ReadError, find_files, index::read_each};
use rayon::prelude::*;
use ropey::Rope;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;
use tower_lsp_server::ls_types::{NumberOrString, Uri};

/// How often indexing progress is reported.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Finds, reads and analyses every news file of the workspace folders, reporting progress.
pub async fn index_workspace(backend: &Backend) {
    let (roots, max_size, progress_supported) = {
        let state = backend.lock();
        let mut roots = Vec::new();
        for folder in &state.folders {
            match folder.config.file_filter() {
                Ok(filter) => roots.push((folder.root.clone(), filter)),
                Err(e) => tracing::error!("{}: {e}", folder.root.display()),
            }
        }
        (
            roots,
            state.config.max_file_size,
            state.caps.work_done_progress,
        )
    };
    let token = NumberOrString::String("newsls/index".into());
    let progress = if progress_supported
        && backend
            .client
            .create_work_done_progress(token.clone())
            .await
            .is_ok()
    {
        Some(
            backend
                .client
                .progress(token, "Indexing articles")
                .with_percentage(0)
                .begin()
                .await,
        )
    } else {
        None
    };
    let started = std::time::Instant::now();
    let paths = tokio::task::spawn_blocking(move || {
        roots
            .iter()
            .flat_map(|(root, filter)| find_files(root, filter))
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    let total = paths.len();
    let found = started.elapsed();
    let (sender, mut received) = tokio::sync::mpsc::unbounded_channel();
    let reading = tokio::task::spawn_blocking(move || {
        in_scan_pool(|| {
            read_each(&paths, max_size, |path, result| {
                let _ = sender.send((path.to_path_buf(), result));
            })
        })
    });
    let mut ticker = tokio::time::interval(PROGRESS_INTERVAL);
    let (mut done, mut indexed) = (0, 0);
    let mut lossy = Vec::new();
    loop {
        tokio::select! {
            batch = next_batch(&mut received) => {
                if batch.is_empty() {
                    break;
                }
                done += batch.len();
                indexed += insert_batch(backend, batch, &mut lossy);
            }
            _ = ticker.tick() => {
                if let Some(progress) = &progress {
                    let percent = (done * 100).checked_div(total).unwrap_or(100) as u32;
                    progress
                        .report_with_message(format!("{done}/{total}"), percent)
                        .await;
                }
            }
        }
    }
    if let Err(e) = reading.await {
        tracing::error!("workspace scan failed: {e}");
    }
    let read = started.elapsed();
    apply_templates(backend).await;
    for (path, entry) in lossy {
        publish_file_diagnostics(backend, &path, &entry).await;
    }
    tracing::info!(
        "indexed {indexed} of {total} files in {:?} (found in {found:?}, read by {read:?})",
        started.elapsed()
    );
    if let Some(progress) = progress {
        progress
            .finish_with_message(format!(
                "{} indexed",
                crate::text::count(indexed, "article")
            ))
            .await;
    }
}

/// Runs `work` in a rayon pool of its own, one thread a core.
///
/// The analysis of an open document runs its stages with `rayon::join` on the global pool,
/// and a job handed to a busy pool from outside waits until its workers run out of work of
/// their own: behind a scan of ten thousand files, hover and diagnostics of the document the
/// user just opened waited for the whole scan (4 to 7 s). In a pool of its own the scan
/// shares the processors with the editor's documents instead.
fn in_scan_pool<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("newsls-scan-{i}"))
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(e) => {
            tracing::warn!("no thread pool for the scan ({e}); sharing the global one");
            work()
        }
    }
}

/// Most files inserted under one hold of the state lock, so requests wait little meanwhile.
const INSERT_BATCH: usize = 16;

type ReadResult = (PathBuf, Result<FileEntry, ReadError>);

/// The files read since the last batch, waiting for at least one; empty when all are done.
async fn next_batch(received: &mut UnboundedReceiver<ReadResult>) -> Vec<ReadResult> {
    let mut batch = Vec::new();
    received.recv_many(&mut batch, INSERT_BATCH).await;
    batch
}

/// Puts a batch of read files into the index (open documents keep their editor text);
/// returns how many were read, and keeps the lossily decoded ones aside for a warning.
fn insert_batch(
    backend: &Backend,
    batch: Vec<ReadResult>,
    lossy: &mut Vec<(PathBuf, FileEntry)>,
) -> usize {
    let mut indexed = 0;
    let mut state = backend.lock();
    for (path, result) in batch {
        match result {
            Ok(entry) => {
                indexed += 1;
                if state.is_open(&path) {
                    continue;
                }
                if entry.lossy {
                    lossy.push((path.clone(), entry.clone()));
                }
                state.index.insert(path, entry);
            }
            Err(e) => tracing::warn!("{}: {e}", path.display()),
        }
    }
    indexed
}

/// Analyses again, in parallel, the files that share template blocks with others, now that
/// the whole workspace has been seen.
async fn apply_templates(backend: &Backend) {
    let work = backend.lock().index.template_work();
    if work.is_empty() {
        return;
    }
    let count = work.len();
    let redone = tokio::task::spawn_blocking(move || {
        in_scan_pool(|| {
            work.into_par_iter()
                .map(|(path, entry, context)| (path, entry.reanalysed(&context)))
                .collect::<Vec<_>>()
        })
    })
    .await
    .unwrap_or_default();
    let mut redone = redone.into_iter().peekable();
    while redone.peek().is_some() {
        {
            let mut state = backend.lock();
            for (path, entry) in redone.by_ref().take(INSERT_BATCH) {
                if !state.is_open(&path) {
                    state.index.insert(path, entry);
                }
            }
        }
        // Between batches, requests waiting for the lock go first.
        tokio::task::yield_now().await;
    }
    tracing::info!("{count} files use workspace templates");
}

/// Re-reads a file that changed on disk or was closed, unless it is open (the editor's text
/// wins) or is not a news file of the workspace.
pub async fn refresh_file(backend: &Backend, path: PathBuf) {
    let max_size = {
        let state = backend.lock();
        if state.is_open(&path) || !state.is_news_file(&path) {
            return;
        }
        state.config_for(&path).max_file_size
    };
    let read = {
        let path = path.clone();
        let templates_of = backend.clone();
        tokio::task::spawn_blocking(move || {
            let entry = FileEntry::read(&path, max_size)?;
            let context = templates_of
                .lock()
                .index
                .templates()
                .context_for(&entry.fingerprints);
            Ok::<_, crate::workspace::ReadError>(match context {
                Some(context) => entry.reanalysed(&context),
                None => entry,
            })
        })
        .await
    };
    match read {
        Ok(Ok(entry)) => {
            if backend.lock().is_open(&path) {
                return;
            }
            if entry.lossy {
                publish_file_diagnostics(backend, &path, &entry).await;
            }
            backend.lock().index.insert(path, entry);
            backend.refresh_workspace_diagnostics();
        }
        Ok(Err(e)) => {
            tracing::warn!("{}: {e}", path.display());
            forget_file(backend, &path);
        }
        Err(e) => tracing::error!("{}: {e}", path.display()),
    }
}

/// Drops a deleted file from the index, unless the editor still has it open.
pub fn forget_file(backend: &Backend, path: &Path) {
    let removed = {
        let mut state = backend.lock();
        !state.is_open(path) && state.index.remove(path).is_some()
    };
    if removed {
        backend.refresh_workspace_diagnostics();
    }
}

/// Publishes the invalid-UTF-8 warning of a file that is not open.
async fn publish_file_diagnostics(backend: &Backend, path: &Path, entry: &FileEntry) {
    let Some(uri) = Uri::from_file_path(path) else {
        return;
    };
    let (config, encoding) = {
        let state = backend.lock();
        (state.config_for(path).clone(), state.encoding)
    };
    let diags = {
        let rope = Rope::from_str(&entry.text);
        let input = DiagnosticInput {
            uri: &uri,
            rope: &rope,
            findings: FindingInput::new(entry, &|_| true),
        };
        let mut diags = diagnostics(&input, &config, encoding);
        // Findings inside closed files would flood the problems list; only encoding trouble,
        // which the editor hides once it decodes the file, is worth a look before opening.
        diags.retain(|d| d.code == Some(NumberOrString::String(INVALID_UTF8.into())));
        diags
    };
    backend.client.publish_diagnostics(uri, diags, None).await;
}
