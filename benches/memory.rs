//! Live heap of the workspace index, phase by phase, with a counting allocator.
//!
//! Not a timing benchmark: it builds the index of the corpus workspace (10,000 files from
//! `../shared/bench/corpus/make_corpus.py`, in `$NEWSLS_CORPUS`, default
//! `/tmp/newsls-corpus`) the way the server does on `initialized` (parallel read, insert,
//! template pass) and prints the bytes live after each phase and the process RSS, so the
//! server's RSS can be told apart into what the index keeps and what the allocator holds.
//! Run: `cargo bench --bench memory`.

use newsls::workspace::{FileEntry, WorkspaceIndex};
use rayon::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicIsize, Ordering};

mod inputs;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now =
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed) + layout.size() as isize;
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let now = LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        ) + new_size as isize
            - layout.size() as isize;
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mib(bytes: isize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn report(phase: &str, since: &mut std::time::Instant) {
    let elapsed = since.elapsed();
    *since = std::time::Instant::now();
    println!(
        "{phase:<44} {:>8.0} ms   live {:>7.1} MiB   peak {:>7.1} MiB   RSS {:>7.1} MiB",
        elapsed.as_secs_f64() * 1000.0,
        mib(LIVE.load(Ordering::Relaxed)),
        mib(PEAK.load(Ordering::Relaxed)),
        rss_mib()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that matches nothing here skips the run.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with("--") && a != "memory")
    {
        return;
    }
    let dir = inputs::corpus().join("workspace");
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("memory: {}: {e} (generate the corpus first)", dir.display());
            return;
        }
    };
    paths.sort();
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "{} files, {:.1} MiB of text",
        paths.len(),
        mib(bytes as isize)
    );
    let mut clock = std::time::Instant::now();
    report("start", &mut clock);
    let entries = inputs::read_entries(&paths);
    report("read (entries, before the index)", &mut clock);
    let mut index = WorkspaceIndex::default();
    for (path, entry) in entries {
        index.insert(path, entry);
    }
    report("inserted (entities and templates indexed)", &mut clock);
    let work = index.template_work();
    let count = work.len();
    let redone: Vec<(PathBuf, FileEntry)> = work
        .into_par_iter()
        .map(|(path, entry, context)| (path, entry.reanalysed(&context)))
        .collect();
    report(
        &format!("template pass computed ({count} files)"),
        &mut clock,
    );
    for (path, entry) in redone {
        index.insert(path, entry);
    }
    report("template pass inserted (final index)", &mut clock);
    let text: usize = index
        .snapshot()
        .files()
        .iter()
        .map(|(_, e)| e.text.len())
        .sum();
    println!(
        "index: {} files, {} entities, {:.1} MiB of text",
        index.len(),
        index.entities().len(),
        mib(text as isize)
    );
    breakdown(&index);
    drop(index);
    report("index dropped", &mut clock);
}

/// Heap bytes of the parts of the entries, from their public fields (capacities).
fn breakdown(index: &WorkspaceIndex) {
    use newsls::analysis::{Block, Entity, Verdict};
    use std::mem::size_of;
    let (mut blocks, mut verdicts, mut reasons, mut entities, mut names, mut mentions) =
        (0, 0, 0, 0, 0, 0);
    let mut fingerprints = 0;
    for (_, e) in index.snapshot().files() {
        let a = &e.analysis;
        blocks += a.layout.blocks.capacity() * size_of::<Block>();
        verdicts += a.layout.boilerplate.capacity() * size_of::<Verdict>();
        for v in &a.layout.boilerplate {
            if let std::borrow::Cow::Owned(reason) = &v.reason {
                reasons += reason.capacity();
            }
        }
        entities += a.entities.capacity() * size_of::<Entity>();
        for en in &a.entities {
            names += en.name.capacity();
            mentions += en.mentions.capacity() * 16;
        }
        fingerprints += e.fingerprints.len() * 8;
    }
    for (what, bytes) in [
        ("blocks", blocks),
        ("boilerplate verdicts", verdicts),
        ("verdict reasons (owned strings)", reasons),
        ("entities", entities),
        ("entity names", names),
        ("entity mentions", mentions),
        ("block fingerprints", fingerprints),
    ] {
        println!("  {what:<28} {:>7.1} MiB", mib(bytes as isize));
    }
}
