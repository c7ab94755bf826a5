//! Boilerplate detection: which blocks of a scraped article are not the story.

use super::blocks::Block;

/// What kind of junk a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Appeal,
    Navigation,
    TeaserList,
    Caption,
    Notice,
    Duplicate,
}

impl Category {
    /// The diagnostic code and CLI name of the category.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Appeal => "appeal",
            Category::Navigation => "navigation",
            Category::TeaserList => "teaser-list",
            Category::Caption => "caption",
            Category::Notice => "notice",
            Category::Duplicate => "duplicate",
        }
    }
}

/// The verdict on one boilerplate block.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Index into the analysis' blocks.
    pub block: usize,
    pub category: Category,
    /// Human-readable reasons, most important first.
    pub reasons: Vec<String>,
    /// For a duplicate, the index of the block it repeats.
    pub twin: Option<usize>,
}

/// Classifies the blocks of `text`; returns verdicts for boilerplate blocks only, in block order.
pub fn classify(_text: &str, _blocks: &[Block]) -> Vec<Verdict> {
    Vec::new()
}
