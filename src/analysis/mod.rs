//! Pure analysis of one article: no LSP types, no I/O. Everything is byte ranges into the text.

pub mod blocks;
pub mod boilerplate;
pub mod citation;
pub mod entities;
pub mod metadata;
pub mod quotes;
pub mod removal;
pub mod sentences;
pub mod tokens;

pub use blocks::{Block, split_blocks};
pub use boilerplate::{Category, Verdict};
pub use entities::{Entity, EntityKind};
use std::ops::Range;

/// Everything newsls knows about one text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub blocks: Vec<Block>,
    /// Sentences of all blocks, as byte ranges in text order.
    pub sentences: Vec<Range<usize>>,
    /// Boilerplate verdicts, in block order.
    pub boilerplate: Vec<Verdict>,
    pub entities: Vec<Entity>,
}

/// Analyzes one article.
pub fn analyze(text: &str) -> Analysis {
    let blocks = split_blocks(text);
    let sentences = sentences::split_sentences(text, &blocks);
    let boilerplate = boilerplate::classify(text, &blocks);
    let entities = entities::recognize(text, &blocks);
    Analysis {
        blocks,
        sentences,
        boilerplate,
        entities,
    }
}

/// The article text with its boilerplate blocks removed (see [`removal`]).
pub fn strip(text: &str) -> String {
    strip_except(text, &analyze(text), |_| false)
}

/// The text without the boilerplate blocks of `analysis`, except those `keep` accepts.
pub fn strip_except(text: &str, analysis: &Analysis, keep: impl Fn(&str) -> bool) -> String {
    let junk = analysis
        .boilerplate
        .iter()
        .map(|v| v.block)
        .filter(|&b| !keep(analysis.blocks[b].text(text)));
    removal::remove_ranges(text, &removal::removal_ranges(text, &analysis.blocks, junk))
}
