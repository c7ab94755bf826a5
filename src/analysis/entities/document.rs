//! One document prepared for recognition: its tokens, their lower-cased forms and the
//! document's case statistics, with the word-level questions the later passes ask.

use super::genre;
use super::lexicon::{self, Flags, Lexicon};
use super::stats::{Stats, Usage};
use super::tokens::{Shape, Token, tokenize};
use super::vocab::{Vocabulary, WordId};
use super::words::{is_function_word, is_honorific, is_never_name};
use crate::analysis::blocks::Block;
use std::ops::Range;

pub struct Document<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    /// Lower-cased token texts, concatenated; `lower_ranges[i]` is token i's slice.
    lower: String,
    lower_ranges: Vec<Range<usize>>,
    vocab: Vocabulary,
    stats: Stats,
    /// A sports report, where a city names its club (see `genre`).
    pub sports: bool,
}

impl<'t> Document<'t> {
    pub fn new(text: &'t str, blocks: &[Block]) -> Self {
        let mut lower = String::with_capacity(text.len());
        let mut lower_ranges = Vec::with_capacity(text.len() / 5);
        // A news article has about one distinct word in twelve bytes, a long one fewer.
        let mut vocab = Vocabulary::with_capacity((text.len() / 12).min(1 << 16));
        let tokens = tokenize(text, blocks, &mut lower, &mut lower_ranges, &mut vocab);
        let stats = Stats::collect(&tokens, vocab.len());
        let mut doc = Document {
            text,
            tokens,
            lower,
            lower_ranges,
            vocab,
            stats,
            sports: false,
        };
        doc.sports = genre::is_sports(&doc);
        doc
    }

    /// How the document writes `lower` (a lower-cased word) where its case is informative.
    pub fn usage(&self, lower: &str) -> Usage {
        self.stats.usage(self.vocab.get(lower))
    }

    /// The number of `lower` (a lower-cased word) in the document's vocabulary, if it has
    /// that word.
    pub fn word_id(&self, lower: &str) -> Option<WordId> {
        self.vocab.get(lower)
    }

    /// How many distinct words the document has (word numbers are below this).
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// Token i's text.
    pub fn word(&self, i: usize) -> &'t str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// Token i lower-cased, without a trailing dot ("mr." -> "mr").
    pub fn lower(&self, i: usize) -> &str {
        let w = &self.lower[self.lower_ranges[i].clone()];
        if w.len() > 1 {
            w.strip_suffix('.').unwrap_or(w)
        } else {
            w
        }
    }

    pub fn flags(&self, i: usize) -> Flags {
        self.tokens[i].flags
    }

    /// Whether tokens i and j are on the same line.
    pub fn same_block(&self, i: usize, j: usize) -> bool {
        j < self.tokens.len() && self.tokens[i].block == self.tokens[j].block
    }

    /// Lexicon flags of the phrase made of tokens `range` (lower-cased, single spaces).
    pub fn phrase_flags(&self, range: Range<usize>, buf: &mut String) -> Flags {
        buf.clear();
        for i in range {
            if !buf.is_empty() {
                buf.push(' ');
            }
            buf.push_str(&self.lower[self.lower_ranges[i].clone()]);
        }
        Lexicon::get().flags(buf)
    }

    /// A title or honorific that precedes a name and is not part of it.
    pub fn is_title(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let f = t.flags;
        // "St" is "Saint" in names ("St Louis", "St Mirren"), not a title.
        t.is_upper()
            && (is_honorific(self.lower(i)) && self.lower(i) != "st"
                || (f & lexicon::PERSON_WORD != 0
                    && f & (lexicon::PLACE | lexicon::NATIONALITY | lexicon::ORGANIZATION) == 0
                    && (f & lexicon::COMMON != 0
                        || f & (lexicon::GIVEN_NAME | lexicon::SURNAME) == 0)))
    }

    /// A lower-case prefix joined by a hyphen to a name ("ex-England", "al-Assad"): the
    /// prefix, if token i is such a word.
    pub fn hyphen_prefix(&self, i: usize) -> Option<&'t str> {
        let t = &self.tokens[i];
        if t.shape != Shape::Lower || !t.hyphenated {
            return None;
        }
        let w = self.word(i);
        // A byte search: a hyphen never occurs inside a longer UTF-8 sequence.
        let h = w.bytes().position(|b| b == b'-')?;
        w[h + 1..].starts_with(char::is_uppercase).then(|| &w[..h])
    }

    /// Whether token i looks like (part of) a name, judged from its case where that is
    /// informative, and otherwise from the document statistics and the lexicons.
    pub fn is_name_like(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if !t.is_word() {
            return false;
        }
        if t.shape == Shape::Lower {
            return self.hyphen_prefix(i).is_some();
        }
        if t.initial {
            return true;
        }
        let lower = self.lower(i);
        if is_never_name(lower) || is_fragment(self.word(i)) {
            return false;
        }
        if t.is_informative_capital() {
            return true;
        }
        if is_function_word(lower) {
            return false;
        }
        let usage = self.usage(lower);
        if usage.capitalized > usage.lower {
            return true;
        }
        if usage.lower > 0 {
            return false;
        }
        let f = t.flags;
        if f & (lexicon::PLACE | lexicon::NATIONALITY) != 0 {
            return true;
        }
        if f & lexicon::COMMON != 0 || is_common_plural(lower) {
            return false;
        }
        f & lexicon::NAME != 0
            || lower
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
    }
}

/// A single capital without a dot (a table's column, a list's letter) or a contraction
/// ("I've", "I'm"): never a name.
fn is_fragment(word: &str) -> bool {
    let mut chars = word.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    single || word.contains(['\'', '\u{2019}']) && word.len() <= 5
}

/// The plural of an ordinary word ("Scorers", "Automakers"): the word list has no plurals.
pub fn is_common_plural(lower: &str) -> bool {
    lower.strip_suffix('s').is_some_and(|stem| {
        let f = Lexicon::get().flags(stem);
        f & lexicon::COMMON != 0 && f & lexicon::NAME == 0
    })
}
