//! Document statistics: how each word is written where its case is informative.
//!
//! A word seen in lower case mid-sentence elsewhere in the article is rarely a name when
//! it starts a sentence or sits in a headline; a word seen capitalized mid-sentence is.

use super::lexicon::lower_into;
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
    pub fn collect(text: &str, tokens: &[Token]) -> Stats {
        let mut words: HashMap<String, Usage> = HashMap::new();
        let mut buf = String::new();
        for token in tokens {
            let counts_lower = token.shape == Shape::Lower;
            let counts_upper = token.is_informative_capital();
            if !counts_lower && !counts_upper {
                continue;
            }
            let key = lower_into(&text[token.start..token.end], &mut buf);
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
