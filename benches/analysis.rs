//! Benchmarks of the pure analysis on news-like inputs of 5 KiB, 1 MiB and 10 MiB, and of
//! the layout an editor recomputes after one keystroke.
//!
//! Inputs come from `../shared/bench/corpus/make_corpus.py` (written to
//! `$NEWSLS_CORPUS`, default `/tmp/newsls-corpus`); when it is missing, the bundled seed
//! articles are repeated to the same sizes. Run: `cargo bench --bench analysis`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use newsls::analysis::relayout::{Edit, relayout};
use std::hint::black_box;

mod inputs;
use inputs::single;

const SIZES: [(&str, &str, usize); 3] = [
    ("5k", "news_5k.txt", 5 * 1024),
    ("1m", "news_1m.txt", 1024 * 1024),
    ("10m", "news_10m.txt", 10 * 1024 * 1024),
];

fn analyze(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    for (name, file, size) in SIZES {
        let text = single(file, size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| newsls::analyze(black_box(text)))
        });
    }
    group.finish();
}

/// Each stage alone on the 1 MiB input, to see where the time goes.
fn stages(c: &mut Criterion) {
    let text = single(SIZES[1].1, SIZES[1].2);
    let blocks = newsls::analysis::split_blocks(&text);
    let mut group = c.benchmark_group("stage-1m");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("blocks", |b| {
        b.iter(|| newsls::analysis::split_blocks(black_box(&text)))
    });
    group.bench_function("boilerplate", |b| {
        b.iter(|| newsls::analysis::boilerplate::classify(black_box(&text), &blocks))
    });
    group.bench_function("entities", |b| {
        b.iter(|| newsls::analysis::entities::recognize(black_box(&text), &blocks))
    });
    let entities = newsls::analysis::entities::recognize(&text, &blocks);
    group.bench_function("quotes", |b| {
        b.iter(|| newsls::analysis::quotes::find_quotes(black_box(&text), &blocks, &entities))
    });
    group.finish();
}

/// What one keystroke costs, after a one-character edit in the middle of the text:
/// - `layout`: the full layout (blocks, boilerplate, tags) with the per-block results of the
///   version before kept (alternating two versions keeps every iteration an edit of the one
///   before). The server runs it for short documents and once typing pauses;
/// - `relayout`: the layout made from the earlier one, splitting, scanning and deciding only
///   the edited lines. The server runs it on every keystroke in a long document.
fn edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(20);
    for (name, file, size) in SIZES {
        let text = single(file, size);
        let middle = (text.len() / 2..)
            .find(|&i| text.is_char_boundary(i))
            .unwrap();
        let edited = format!("{}x{}", &text[..middle], &text[middle..]);
        let context = newsls::analysis::boilerplate::Context::default();
        let mut cache = newsls::analysis::ScanCache::default();
        let base = newsls::analysis::layout(&text, &context, &mut cache);
        let versions = [edited.as_str(), text.as_str()];
        let mut i = 0;
        group.bench_function(BenchmarkId::new("layout", name), |b| {
            b.iter(|| {
                i += 1;
                newsls::analysis::layout(black_box(versions[i % 2]), &context, &mut cache)
            })
        });
        let edit = Edit {
            start: middle,
            old_end: middle,
            new_end: middle + 1,
        };
        let mut stretches = newsls::analysis::ScanCache::default();
        group.bench_function(BenchmarkId::new("relayout", name), |b| {
            b.iter(|| {
                relayout(
                    &text,
                    &base,
                    black_box(&edited),
                    edit,
                    &context,
                    &mut stretches,
                )
                .expect("the corpus has no citation tags")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, analyze, stages, edit);
criterion_main!(benches);
