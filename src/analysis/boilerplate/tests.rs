//! End-to-end tests of the classifier on small hand-written pages.

use super::*;
use crate::analysis::split_blocks;

fn flagged(text: &str) -> Vec<(String, Category)> {
    let blocks = split_blocks(text);
    classify(text, &blocks)
        .into_iter()
        .map(|v| (blocks[v.block].text(text).to_string(), v.category))
        .collect()
}

#[test]
fn empty_text_has_no_verdicts() {
    assert!(flagged("").is_empty());
}
