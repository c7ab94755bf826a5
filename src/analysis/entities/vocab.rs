//! The distinct words of one document, each with its lexicon flags, numbered in order of
//! first appearance.
//!
//! An article repeats its words ("the", "said", the names it is about): looking each
//! occurrence up in the 90,000-entry lexicon cost a cache miss per token, and counting its
//! case usage cost a second hash and, for a new word, a `String`. Here a token costs one
//! probe of a small table that stays in cache; the lexicon is asked once per distinct word,
//! and the case statistics are counted by word number.

use super::lexicon::{Flags, Lexicon, short_key};
use hashbrown::{DefaultHashBuilder, HashTable};
use std::hash::BuildHasher;

/// The number of a word of a [`Vocabulary`].
pub type WordId = u32;

/// The distinct lower-cased words of one document.
pub struct Vocabulary {
    /// Word numbers, found by the hash of their text.
    table: HashTable<WordId>,
    /// Randomly seeded: the keys are article text, so a crafted file must not be able to
    /// pick colliding words and make every probe a long scan.
    hasher: DefaultHashBuilder,
    /// The words' texts, concatenated; `words[id].end` is where word `id` ends.
    keys: String,
    words: Vec<Word>,
}

struct Word {
    /// The text packed into an integer when it has 1 to 16 bytes (nearly every word), so
    /// that a probe compares two integers rather than two strings; else [`LONG`].
    short: u128,
    start: u32,
    end: u32,
    flags: Flags,
}

/// The `short` of a word too long to pack (no packed word is 0: that is the empty text).
const LONG: u128 = 0;

/// A word's `short`, and the hash of the word.
fn key_of(key: &str, hasher: &DefaultHashBuilder) -> (u128, u64) {
    match short_key(key) {
        Some(short) if short != LONG => (short, hasher.hash_one(short)),
        _ => (LONG, hasher.hash_one(key)),
    }
}

impl Vocabulary {
    /// An empty vocabulary with room for about `words` distinct words.
    pub fn with_capacity(words: usize) -> Vocabulary {
        Vocabulary {
            table: HashTable::with_capacity(words),
            hasher: DefaultHashBuilder::default(),
            keys: String::with_capacity(words * 8),
            words: Vec::with_capacity(words),
        }
    }

    /// The number of `key` (lower-cased), adding it with its lexicon flags when it is new.
    pub fn intern(&mut self, key: &str, lexicon: &Lexicon) -> WordId {
        let (short, hash) = key_of(key, &self.hasher);
        if let Some(id) = self.find(short, hash, key) {
            return id;
        }
        let id = WordId::try_from(self.words.len()).expect("under 2^32 words");
        let start = self.keys.len();
        self.keys.push_str(key);
        self.words.push(Word {
            short,
            start: offset(start),
            end: offset(self.keys.len()),
            flags: word_flags(key, lexicon),
        });
        let (hasher, keys, words) = (&self.hasher, &self.keys, &self.words);
        self.table.insert_unique(hash, id, |&id| {
            let word = &words[id as usize];
            if word.short == LONG {
                hasher.hash_one(text(keys, words, id))
            } else {
                hasher.hash_one(word.short)
            }
        });
        id
    }

    /// The number of `key`, if the document has that word.
    pub fn get(&self, key: &str) -> Option<WordId> {
        let (short, hash) = key_of(key, &self.hasher);
        self.find(short, hash, key)
    }

    fn find(&self, short: u128, hash: u64, key: &str) -> Option<WordId> {
        let (keys, words) = (&self.keys, &self.words);
        let found = if short == LONG {
            self.table.find(hash, |&id| {
                words[id as usize].short == LONG && text(keys, words, id) == key
            })
        } else {
            self.table
                .find(hash, |&id| words[id as usize].short == short)
        };
        found.copied()
    }

    /// The lexicon flags of word `id`.
    pub fn flags(&self, id: WordId) -> Flags {
        self.words[id as usize].flags
    }

    /// How many distinct words there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }
}

fn text<'k>(keys: &'k str, words: &[Word], id: WordId) -> &'k str {
    let word = &words[id as usize];
    &keys[word.start as usize..word.end as usize]
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a document's words fit in 4 GiB")
}

/// The flags of a lower-cased word: those of the word without its trailing dots when it
/// has some ("u.s." is looked up as "u.s"), else its own.
fn word_flags(key: &str, lexicon: &Lexicon) -> Flags {
    let trimmed = key.trim_end_matches('.');
    if trimmed.len() != key.len() {
        lexicon.flags(trimmed)
    } else {
        lexicon.flags(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_number_per_distinct_word_with_its_flags() {
        let lexicon = Lexicon::get();
        let mut vocab = Vocabulary::with_capacity(1);
        let words = ["the", "moscow", "u.s.", "the", "zzqx", "moscow"];
        let ids: Vec<WordId> = words.iter().map(|w| vocab.intern(w, lexicon)).collect();
        assert_eq!(ids, [0, 1, 2, 0, 3, 1]);
        assert_eq!(vocab.len(), 4);
        for word in words {
            let id = vocab.get(word).expect("interned");
            assert_eq!(vocab.flags(id), word_flags(word, lexicon));
        }
        assert_eq!(vocab.flags(1), lexicon.flags("moscow"));
        assert_eq!(vocab.flags(2), lexicon.flags("u.s"));
        assert_eq!(vocab.get("kremlin"), None);
    }
}
