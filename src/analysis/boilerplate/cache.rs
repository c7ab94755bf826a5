//! What boilerplate detection learns from one block alone, kept between versions of a document.
//!
//! The per-block pass (features, fingerprints, word hashes, shape rules) is most of the work of
//! classifying a page, and it depends on nothing but the block's text. An editor changes one
//! paragraph per keystroke, so every other block's pass can be reused: the page-level
//! decisions then run on the cached results, and the verdicts are exactly those of a fresh run.

use super::features::{self, Features};
use super::rules::{self, Finding};
use std::collections::HashMap;
use std::sync::Arc;

/// The results of the per-block pass over one block's text.
#[derive(Debug)]
pub struct Scanned {
    pub features: Features,
    pub fingerprint: u64,
    pub skeleton: Option<u64>,
    /// Hashes of the block's lower-cased words, in order.
    pub words: Box<[u64]>,
    /// What the block's own shape gives away ([`rules::find`]).
    pub finding: Option<Finding>,
}

impl Scanned {
    /// Runs the per-block pass (`scratch` is reused working memory).
    pub fn new(text: &str, scratch: &mut String) -> Scanned {
        let mut words = Vec::new();
        let scan = features::scan(text, scratch, &mut words);
        Scanned {
            finding: rules::find(text, &scan.features),
            features: scan.features,
            fingerprint: scan.fingerprint,
            skeleton: scan.skeleton,
            words: words.into_boxed_slice(),
        }
    }
}

/// Per-block results by block text, for the versions of one document.
///
/// Entries unused by the latest page are dropped once they outnumber the used ones, so the
/// cache stays within twice the size of the document.
#[derive(Debug, Default)]
pub struct ScanCache {
    entries: HashMap<Box<str>, (Arc<Scanned>, u64)>,
    /// The page being classified; entries it used carry this stamp.
    generation: u64,
    used: usize,
}

impl ScanCache {
    /// Starts classifying a new version of the page.
    pub(super) fn begin(&mut self) {
        self.generation += 1;
        self.used = 0;
    }

    /// The per-block results for `text`, computed only if no earlier version had the block.
    pub(super) fn get(&mut self, text: &str, scratch: &mut String) -> Arc<Scanned> {
        let generation = self.generation;
        if let Some((scanned, stamp)) = self.entries.get_mut(text) {
            if *stamp != generation {
                *stamp = generation;
                self.used += 1;
            }
            return scanned.clone();
        }
        let scanned = Arc::new(Scanned::new(text, scratch));
        self.entries
            .insert(text.into(), (scanned.clone(), generation));
        self.used += 1;
        scanned
    }

    /// Ends the page: forgets blocks no longer in it when they have piled up.
    pub(super) fn end(&mut self) {
        if self.entries.len() > 2 * self.used + 64 {
            let generation = self.generation;
            self.entries.retain(|_, (_, stamp)| *stamp == generation);
        }
    }

    /// How many blocks are cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::boilerplate::{Context, classify_cached, classify_with};
    use crate::analysis::split_blocks;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../../../tests/fixtures/seeds/000_a66d8d7f1149ab9a.txt");

    /// Applies an edit at the char boundaries nearest to the given fractions of the text.
    fn edit(text: &str, at: f64, len: f64, insert: &str) -> String {
        let floor = |x: usize| {
            (0..=x)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0)
        };
        let start = floor((text.len() as f64 * at) as usize);
        let end = floor((start + (text.len() as f64 * len) as usize).min(text.len())).max(start);
        format!("{}{insert}{}", &text[..start], &text[end..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// However a document is edited, classifying each version with the cache of the
        /// versions before gives the verdicts of a fresh run.
        #[test]
        fn cached_verdicts_equal_fresh_ones(
            edits in prop::collection::vec(
                (0.0..1.0f64, 0.0..0.05f64, "[a-z .\n\u{201c}\u{201d}]{0,12}"),
                1..12,
            )
        ) {
            let mut cache = ScanCache::default();
            let mut text = SEED.to_string();
            let context = Context::default();
            for (at, len, insert) in edits {
                text = edit(&text, at, len, &insert);
                let blocks = split_blocks(&text);
                let cached = classify_cached(&text, &blocks, &context, &mut cache);
                prop_assert_eq!(cached.verdicts, classify_with(&text, &blocks, &context));
            }
        }
    }

    #[test]
    fn blocks_seen_before_are_not_scanned_again() {
        let mut cache = ScanCache::default();
        let mut scratch = String::new();
        cache.begin();
        let first = cache.get("Donate now to keep us going.", &mut scratch);
        let again = cache.get("Donate now to keep us going.", &mut scratch);
        assert!(Arc::ptr_eq(&first, &again));
        cache.end();
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn blocks_gone_from_the_page_are_forgotten() {
        let mut cache = ScanCache::default();
        let mut scratch = String::new();
        cache.begin();
        for i in 0..200 {
            cache.get(&format!("line {i}"), &mut scratch);
        }
        cache.end();
        cache.begin();
        cache.get("line 0", &mut scratch);
        cache.end();
        assert_eq!(cache.len(), 1);
    }
}
