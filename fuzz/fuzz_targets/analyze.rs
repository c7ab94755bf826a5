//! The whole analysis on arbitrary text: no panic, and every range it returns slices the text
//! (in bounds, on character boundaries), so positions built from it are always valid.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::ops::Range;

fuzz_target!(|text: &str| {
    let analysis = newsls::analyze(text);
    let ranges = analysis
        .layout
        .blocks
        .iter()
        .map(|b| &b.range)
        .chain(analysis.entities.iter().flat_map(|e| &e.mentions))
        .chain(analysis.quotes.iter().map(|q| &q.range))
        .chain(analysis.quotes.iter().flat_map(|q| &q.inner));
    for range in ranges {
        check(text, range);
    }
    for verdict in &analysis.layout.boilerplate {
        assert!(verdict.block < analysis.layout.blocks.len());
    }
    assert!(newsls::strip(text).len() <= text.len());
});

fn check(text: &str, range: &Range<usize>) {
    assert!(
        text.get(range.clone()).is_some(),
        "range {range:?} does not slice the text"
    );
}
