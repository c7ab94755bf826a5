//! Document statistics: how each word is written where its case is informative.
//!
//! A word seen in lower case mid-sentence elsewhere in the article is rarely a name when
//! it starts a sentence or sits in a headline; a word seen capitalized mid-sentence is.

use super::tokens::{Shape, Token};
use super::vocab::WordId;

#[derive(Debug, Default, Clone, Copy)]
pub struct Usage {
    /// Times written in lower case.
    pub lower: u32,
    /// Times capitalized mid-sentence on an ordinary line.
    pub capitalized: u32,
}

/// Case usage of every word of one document, by its number in the document's vocabulary.
#[derive(Debug, Default)]
pub struct Stats {
    words: Vec<Usage>,
}

impl Stats {
    /// Counts the usage of `tokens`, whose words are numbered below `words`.
    pub fn collect(tokens: &[Token], words: usize) -> Stats {
        let mut usage = vec![Usage::default(); words];
        for token in tokens {
            let counts_lower = token.shape == Shape::Lower;
            if !counts_lower && !token.is_informative_capital() {
                continue;
            }
            let usage = &mut usage[token.word as usize];
            if counts_lower {
                usage.lower += 1;
            } else {
                usage.capitalized += 1;
            }
        }
        Stats { words: usage }
    }

    /// Usage of a word (none for a word the document does not have).
    pub fn usage(&self, word: Option<WordId>) -> Usage {
        word.and_then(|id| self.words.get(id as usize))
            .copied()
            .unwrap_or_default()
    }
}
