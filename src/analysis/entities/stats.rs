//! Document statistics: how each word is written where its case is informative.
//!
//! A word seen in lower case mid-sentence elsewhere in the article is rarely a name when
//! it starts a sentence or sits in a headline; a word seen capitalized mid-sentence is.

use super::tokens::{Shape, Token};
use std::collections::HashMap;

#[derive(Debug, Default, Clone, Copy)]
pub struct Usage {
    /// Times written in lower case.
    pub lower: u32,
    /// Times capitalized mid-sentence on an ordinary line.
    pub capitalized: u32,
}

/// Case usage of every word of one document, keyed by its lower-cased form.
#[derive(Debug, Default)]
pub struct Stats {
    words: HashMap<String, Usage>,
}

impl Stats {
    /// Counts the usage of `tokens`; `lower(i)` is token i lower-cased.
    pub fn collect<'l>(tokens: &[Token], lower: impl Fn(usize) -> &'l str) -> Stats {
        let mut words: HashMap<String, Usage> = HashMap::new();
        for (i, token) in tokens.iter().enumerate() {
            let counts_lower = token.shape == Shape::Lower;
            let counts_upper = token.is_informative_capital();
            if !counts_lower && !counts_upper {
                continue;
            }
            let key = lower(i);
            let usage = match words.get_mut(key) {
                Some(usage) => usage,
                None => words.entry(key.to_owned()).or_default(),
            };
            if counts_lower {
                usage.lower += 1;
            } else {
                usage.capitalized += 1;
            }
        }
        Stats { words }
    }

    /// Usage of a lower-cased word.
    pub fn usage(&self, lower: &str) -> Usage {
        self.words.get(lower).copied().unwrap_or_default()
    }
}
