//! Pure analysis of one article: no LSP types, no I/O. Everything is byte ranges into the text.

pub mod blocks;
pub mod boilerplate;
pub mod citation;
pub mod entities;
pub mod metadata;
pub mod quotes;
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

/// The article text with boilerplate blocks removed, one kept block per line, paragraphs
/// separated by a blank line as in the input.
pub fn strip(text: &str) -> String {
    let analysis = analyze(text);
    let mut junk = analysis.boilerplate.iter().map(|v| v.block).peekable();
    let mut out = String::with_capacity(text.len());
    let mut last_paragraph = None;
    for (i, block) in analysis.blocks.iter().enumerate() {
        if junk.peek() == Some(&i) {
            junk.next();
            continue;
        }
        match last_paragraph {
            Some(p) if p != block.paragraph => out.push_str("\n\n"),
            Some(_) => out.push('\n'),
            None => {}
        }
        out.push_str(block.text(text));
        last_paragraph = Some(block.paragraph);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}
