//! Benchmark inputs shared by the benches: the corpus of `../shared/bench/corpus/make_corpus.py`
//! (in `$NEWSLS_CORPUS`, default `/tmp/newsls-corpus`), or the bundled seed articles when it
//! is missing.
#![allow(dead_code)]

use newsls::workspace::FileEntry;
use newsls::workspace::index::read_each;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub fn corpus() -> PathBuf {
    std::env::var_os("NEWSLS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("newsls-corpus"))
}

/// The seed articles, sorted.
pub fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("seed fixtures")
        .map(|e| e.expect("dir entry").path())
        .collect();
    paths.sort();
    paths
}

/// The single-file corpus input, or the seeds repeated up to `size` bytes.
pub fn single(file: &str, size: usize) -> String {
    if let Ok(text) = std::fs::read_to_string(corpus().join("single").join(file)) {
        return text;
    }
    let all: String = seeds()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed") + "\n\n")
        .collect();
    let mut text = String::with_capacity(size + all.len());
    while text.len() < size {
        text.push_str(&all);
    }
    text
}

/// Reads and analyses `paths` in parallel as the server's scan does; the entries read, in
/// path order.
pub fn read_entries(paths: &[PathBuf]) -> Vec<(PathBuf, FileEntry)> {
    let entries = Mutex::new(Vec::with_capacity(paths.len()));
    read_each(paths, u64::MAX, |path, result| {
        if let Ok(entry) = result {
            entries.lock().unwrap().push((path.to_path_buf(), entry));
        }
    });
    let mut entries = entries.into_inner().unwrap();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries
}
