//! Benchmarks of the workspace index and of the work one keystroke causes.
//!
//! - `index-update`: replacing one file's entry in an index of the whole 10,000-file
//!   workspace after a one-character edit (what the server does after re-analysing an open
//!   document). Its cost follows the file's entities, not the workspace.
//! - `edit`: one typed character in the middle of a 5 KiB, 1 MiB and 10 MiB document, then
//!   everything the server recomputes for it today (analysis of the whole text, the file
//!   entry, the index update). The growth with size is what incremental re-analysis removes.
//! - `workspace-read`: reading and analysing 1,000 workspace files in parallel (rayon), as
//!   on `initialized`.
//! - `index-build`: inserting the entries of the whole workspace into an empty index, the
//!   part of the scan that runs on one thread (beside the parallel reads) under the lock.
//!
//! Inputs come from `../shared/bench/corpus/make_corpus.py` (in `$NEWSLS_CORPUS`, default
//! `/tmp/newsls-corpus`); when it is missing, the bundled seed articles stand in. Run:
//! `cargo bench --bench index`.

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use newsls::text::Encoding;
use newsls::workspace::index::read_each;
use newsls::workspace::{FileEntry, WorkspaceIndex};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

mod inputs;
use inputs::{corpus, read_entries, seeds, single};

const TYPED: &str = "x";

/// The workspace files of the corpus, or the seeds when there is no corpus.
fn workspace_files() -> Vec<PathBuf> {
    let dir = corpus().join("workspace");
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect(),
        Err(_) => return seeds(),
    };
    paths.sort();
    paths
}

/// `text` with one character typed at the end of the line nearest the middle.
fn typed(text: &str) -> String {
    let mid = text.len() / 2;
    let at = text[mid..].find('\n').map_or(text.len(), |i| mid + i);
    let mut out = String::with_capacity(text.len() + TYPED.len());
    out.push_str(&text[..at]);
    out.push_str(TYPED);
    out.push_str(&text[at..]);
    out
}

fn build_index(paths: &[PathBuf]) -> WorkspaceIndex {
    let mut index = WorkspaceIndex::default();
    for (path, entry) in read_entries(paths) {
        index.insert(path, entry);
    }
    index
}

fn index_update(c: &mut Criterion) {
    let paths = workspace_files();
    let mut index = build_index(&paths);
    let path = paths[paths.len() / 2].clone();
    let text = std::fs::read_to_string(&path).expect("workspace file");
    let before = FileEntry::new(text.as_str(), false);
    let after = FileEntry::new(typed(&text).as_str(), false);
    let mut group = c.benchmark_group("index-update");
    group.bench_function(BenchmarkId::new("insert", paths.len()), |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            let entry = if flip { &after } else { &before };
            index.insert(path.clone(), black_box(entry.clone()));
        })
    });
    group.finish();
}

fn edit(c: &mut Criterion) {
    let mut index = build_index(&workspace_files()[..100.min(workspace_files().len())]);
    let mut group = c.benchmark_group("edit");
    group.sample_size(10);
    for (name, file, size) in [
        ("5k", "news_5k.txt", 5 * 1024),
        ("1m", "news_1m.txt", 1024 * 1024),
        ("10m", "news_10m.txt", 10 * 1024 * 1024),
    ] {
        let text = typed(&single(file, size));
        let path = PathBuf::from(format!("/bench/{file}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| {
                let entry = FileEntry::new(black_box(text.as_str()), false);
                index.insert(path.clone(), entry);
            })
        });
    }
    group.finish();
}

fn workspace_read(c: &mut Criterion) {
    let paths = workspace_files();
    let paths = &paths[..1000.min(paths.len())];
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let mut group = c.benchmark_group("workspace-read");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function(BenchmarkId::from_parameter(paths.len()), |b| {
        b.iter(|| {
            let done = AtomicUsize::new(0);
            read_each(black_box(paths), u64::MAX, |_, entry| {
                black_box(entry).ok();
                done.fetch_add(1, Ordering::Relaxed);
            });
            done.into_inner()
        })
    });
    group.finish();
}

fn index_build(c: &mut Criterion) {
    let entries = read_entries(&workspace_files());
    let mut group = c.benchmark_group("index-build");
    group.sample_size(10);
    group.bench_function(BenchmarkId::from_parameter(entries.len()), |b| {
        b.iter_batched(
            || entries.clone(),
            |entries| {
                let mut index = WorkspaceIndex::default();
                for (path, entry) in entries {
                    index.insert(path, entry);
                }
                index
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// What hover, definition and references walk today for the entity named in the most
/// files: every file's entry and article mentions (`other_files` in src/lsp/entities.rs),
/// then every mention's LSP range (references), against the O(1) totals of the record.
fn entity_lookup(c: &mut Criterion) {
    let paths = workspace_files();
    let index = build_index(&paths);
    let Some(record) = index.entities().iter().max_by_key(|r| r.files.len()) else {
        return;
    };
    let mut group = c.benchmark_group("entity-lookup");
    group.sample_size(20);
    let label = format!(
        "{}-files-{}-mentions",
        record.files.len(),
        record.files.mention_count()
    );
    group.bench_function(BenchmarkId::new("walk-files", &label), |b| {
        b.iter(|| {
            let mut n = 0;
            for (path, indices) in &record.files {
                let entry = index.get(path).expect("indexed").clone();
                for &i in indices {
                    n += entry
                        .article_mentions(&entry.analysis.entities[i as usize])
                        .count();
                }
            }
            black_box(n)
        })
    });
    group.bench_function(BenchmarkId::new("all-ranges", &label), |b| {
        b.iter(|| {
            let mut ranges = Vec::new();
            for (path, indices) in &record.files {
                let entry = index.get(path).expect("indexed");
                for &i in indices {
                    for m in entry.article_mentions(&entry.analysis.entities[i as usize]) {
                        ranges.push(entry.range(m, Encoding::Utf16));
                    }
                }
            }
            black_box(ranges)
        })
    });
    group.bench_function(BenchmarkId::new("counts", &label), |b| {
        b.iter(|| black_box((record.files.len(), record.files.mention_count())))
    });
    group.finish();
}

criterion_group!(
    benches,
    index_update,
    edit,
    workspace_read,
    index_build,
    entity_lookup
);
criterion_main!(benches);
