//! Pure analysis of one article: no LSP types, no I/O. Everything is byte ranges into the text.

pub mod blocks;
pub mod boilerplate;
pub mod citation;
pub mod entities;
pub mod metadata;
pub mod quotes;
pub mod relayout;
pub mod removal;
pub mod tokens;

pub use blocks::{Block, split_blocks};
pub use boilerplate::{Category, ScanCache, Verdict};
pub use citation::Citations;
pub use entities::{Entity, EntityKind};
pub use metadata::Metadata;
pub use quotes::Quote;

/// What the keystroke path computes of one text ([`layout`], [`relayout::relayout`]): its
/// blocks, their boilerplate verdicts, which of them are the article, and the citation tags.
/// Diagnostics of boilerplate and tags, folds and boilerplate actions need no more.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// Boilerplate verdicts, in block order.
    pub boilerplate: Vec<Verdict>,
    /// For each block, whether it is part of the article (body, headline, byline). Only an
    /// open document's layouts and analyses keep it: an edit's blocks are decided against it.
    pub body: Vec<bool>,
    /// The citation tags the annotator wrote, and their errors.
    pub citations: Citations,
}

/// Everything newsls knows about one text (the full analysis): its [`Layout`] and what the
/// slower stages find in it.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub layout: Layout,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub metadata: Metadata,
}

/// Analyzes one article on its own.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, &boilerplate::Context::default())
}

/// Analyzes one article with what the workspace knows (blocks recurring across files).
///
/// Citation tags are masked to spaces first, so every byte range stays valid in `text` and
/// no tag markup is ever read as article text.
pub fn analyze_with(text: &str, context: &boilerplate::Context) -> Analysis {
    analyze_in(text, context, None)
}

/// Like [`analyze_with`], for one version of a document whose earlier versions were analysed
/// with the same `cache`: blocks seen before are not scanned again (same result).
pub fn analyze_cached(
    text: &str,
    context: &boilerplate::Context,
    cache: &mut ScanCache,
) -> Analysis {
    analyze_in(text, context, Some(cache))
}

fn analyze_in(
    text: &str,
    context: &boilerplate::Context,
    cache: Option<&mut ScanCache>,
) -> Analysis {
    let masked = citation::mask(text);
    let blocks = split_blocks(&masked);
    // Quotes need the entities; the other stages are independent, so they run beside them.
    let ((entities, quotes), (classified, metadata, citations)) = rayon::join(
        || {
            let entities = entities::recognize(&masked, &blocks);
            let quotes = quotes::find_quotes(text, &blocks, &entities);
            (entities, quotes)
        },
        || {
            let classified = match cache {
                Some(cache) => boilerplate::classify_cached(&masked, &blocks, context, cache),
                None => boilerplate::Classified {
                    verdicts: boilerplate::classify_with(&masked, &blocks, context),
                    body: Vec::new(),
                },
            };
            (
                classified,
                metadata::extract(text, &blocks),
                citation::parse(text),
            )
        },
    );
    Analysis {
        layout: Layout {
            blocks,
            boilerplate: classified.verdicts,
            body: classified.body,
            citations,
        },
        entities,
        quotes,
        metadata,
    }
}

/// The [`Layout`] of a text: the part of its analysis that most diagnostics are made of.
/// With the [`ScanCache`] of the document's earlier versions it costs little more than
/// splitting the text, so an editor gets it on every keystroke while entities and quotes,
/// the slow stages, catch up in the background.
pub fn layout(text: &str, context: &boilerplate::Context, cache: &mut ScanCache) -> Layout {
    let masked = citation::mask(text);
    let blocks = split_blocks(&masked);
    let classified = boilerplate::classify_cached(&masked, &blocks, context, cache);
    Layout {
        boilerplate: classified.verdicts,
        body: classified.body,
        citations: citation::parse(text),
        blocks,
    }
}

/// The article text with its boilerplate blocks removed (see [`removal`]).
pub fn strip(text: &str) -> String {
    strip_except(text, &analyze(text).layout, |_| false)
}

/// The text without the boilerplate blocks of `layout`, except those `keep` accepts.
pub fn strip_except(text: &str, layout: &Layout, keep: impl Fn(&str) -> bool) -> String {
    let junk = layout
        .boilerplate
        .iter()
        .map(|v| v.block)
        .filter(|&b| !keep(layout.blocks[b].text(text)));
    removal::remove_ranges(text, &removal::removal_ranges(text, &layout.blocks, junk))
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any text analyses without panicking, and every range stays on char boundaries.
        #[test]
        fn analysis_never_panics(text in "(?s).{0,400}|[ \\n\\r\"“”'<>a-zA-Z.,—…&=/]{0,400}") {
            let analysis = analyze(&text);
            for entity in &analysis.entities {
                for m in &entity.mentions {
                    prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                }
            }
            for quote in &analysis.quotes {
                prop_assert!(text.get(quote.range.clone()).is_some());
            }
            let _ = strip(&text);
        }
    }
}
