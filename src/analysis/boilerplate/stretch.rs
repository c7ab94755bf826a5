//! Classifying a whole page with the cache of its earlier versions, and deciding a few blocks
//! of a long page after an edit, against the article extent the page had before it.
//!
//! Whether a block is furniture depends mostly on itself and its neighbours; where the
//! article starts and ends depends on the whole page, and one keystroke rarely moves it. So
//! after an edit, a [`Stretch`] of the page around the edited blocks is classified with the
//! article extent of the last whole-page classification, and only the edited blocks' verdicts
//! are taken. A whole-page classification of the same text settles what that assumes.

use super::cache::Scanned;
use super::{Block, Context, Page, ScanCache, Verdict};
use std::ops::Range;

/// The decisions of one classification.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Classified {
    /// Verdicts on the boilerplate blocks, in block order.
    pub verdicts: Vec<Verdict>,
    /// For each block, whether it is part of the article (its body, headline and byline).
    pub body: Vec<bool>,
}

/// Like [`super::classify_with`], reusing the per-block results of earlier versions of the
/// same document kept in `cache` (the decisions are the same as without it).
pub fn classify_cached(
    text: &str,
    blocks: &[Block],
    context: &Context,
    cache: &mut ScanCache,
) -> Classified {
    cache.begin();
    let page = Page::new(text, blocks, context, Some(&mut *cache));
    cache.end();
    page.decide()
}

/// A run of blocks from a page, with what the whole page decided about them.
#[derive(Debug, Clone)]
pub struct Stretch<'a> {
    /// For each block of the stretch, whether it is part of the article.
    pub body: &'a [bool],
    /// The blocks to decide, as indices into the stretch.
    pub decide: Range<usize>,
    /// The stretch's index of the page's first article block (0 when it is above the
    /// stretch, the stretch's length when below).
    pub top: usize,
    /// The stretch starts the page, so its first block may be the page title.
    pub page_start: bool,
}

/// The verdicts on the blocks `stretch.decide` of `blocks` (a stretch of a page), with block
/// and twin indices into the stretch. Copies and repeated shapes are looked for within the
/// stretch; `cache` keeps the per-block results of the stretches decided before.
pub fn classify_stretch(
    text: &str,
    blocks: &[Block],
    stretch: &Stretch,
    context: &Context,
    cache: &mut ScanCache,
) -> Vec<Verdict> {
    cache.begin();
    let mut page = Page::new(text, blocks, context, Some(&mut *cache));
    cache.end();
    page.title &= stretch.page_start;
    let keepers = page.keepers(stretch.body);
    stretch
        .decide
        .clone()
        .filter_map(|i| page.verdict(i, stretch.body, stretch.top, &keepers))
        .collect()
}

/// Whether the blocks with these texts are copies of each other (exactly or nearly), as the
/// whole-page classification would group them.
pub fn are_copies(a: &str, b: &str) -> bool {
    let mut scratch = String::new();
    let (a, b) = (Scanned::new(a, &mut scratch), Scanned::new(b, &mut scratch));
    super::duplicates::copies((a.fingerprint, &a.words), (b.fingerprint, &b.words))
}

impl Page<'_> {
    /// The page's verdicts and article.
    pub(super) fn decide(&self) -> Classified {
        let body = self.body();
        let keepers = self.keepers(&body);
        let top = body.iter().position(|&b| b).unwrap_or(self.texts.len());
        let verdicts = (0..self.texts.len())
            .filter_map(|i| self.verdict(i, &body, top, &keepers))
            .collect();
        Classified { verdicts, body }
    }
}
