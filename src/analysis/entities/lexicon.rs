//! The embedded lexicons (generated into `data/` by `scripts/gen_lexicons.py`), merged into
//! one case-insensitive table from a name to the set of lists it is on.
//!
//! One table means one hash lookup per word (or per candidate span) however many lists
//! there are, which keeps recognition linear and fast.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Bit flags: which lexicons a (lower-cased) word or phrase is on.
pub type Flags = u16;

pub const PLACE: Flags = 1;
pub const NATIONALITY: Flags = 1 << 1;
pub const ORGANIZATION: Flags = 1 << 2;
pub const PERSON: Flags = 1 << 3;
pub const OTHER: Flags = 1 << 4;
pub const GIVEN_NAME: Flags = 1 << 5;
pub const SURNAME: Flags = 1 << 6;
/// A common noun that heads organization names ("ministry", "party", "bank").
pub const ORG_WORD: Flags = 1 << 7;
/// A common noun for a person, usable as a title before a name ("president", "coach").
pub const PERSON_WORD: Flags = 1 << 8;
/// An ordinary lower-case English word.
pub const COMMON: Flags = 1 << 9;
/// A country (also a place): in sports results it names a national team.
pub const COUNTRY: Flags = 1 << 10;
/// The first word of a phrase of several words on some list (as a token's flags have it:
/// trailing dots dropped), so a run of capitals is looked up as a phrase only where one
/// may start: each phrase probe misses the cache.
pub const PHRASE_START: Flags = 1 << 11;

/// Any list of proper names.
pub const NAME: Flags = PLACE | NATIONALITY | ORGANIZATION | PERSON | OTHER | GIVEN_NAME | SURNAME;

const SOURCES: [(&str, Flags); 12] = [
    (include_str!("../../../data/countries.txt"), COUNTRY | PLACE),
    (include_str!("../../../data/places.txt"), PLACE),
    (include_str!("../../../data/nationalities.txt"), NATIONALITY),
    // Members of a group ("Arab", "Serb") are typed like demonyms.
    (include_str!("../../../data/groups.txt"), NATIONALITY),
    (
        include_str!("../../../data/organizations.txt"),
        ORGANIZATION,
    ),
    (include_str!("../../../data/people.txt"), PERSON),
    (include_str!("../../../data/other_names.txt"), OTHER),
    (include_str!("../../../data/given_names.txt"), GIVEN_NAME),
    (include_str!("../../../data/surnames.txt"), SURNAME),
    (include_str!("../../../data/org_words.txt"), ORG_WORD),
    (include_str!("../../../data/person_words.txt"), PERSON_WORD),
    (include_str!("../../../data/common_words.txt"), COMMON),
];

/// The merged lexicon, keyed by lower-cased text with single spaces between words.
pub struct Lexicon {
    /// Keys of up to 16 bytes (nearly all), kept in the table itself: a probe of this
    /// 90,000-entry table misses the cache, and a key behind a pointer missed it twice.
    short: HashMap<u128, Flags, BuildHasherDefault<WordHasher>>,
    /// The longer keys.
    long: HashMap<Box<str>, Flags, BuildHasherDefault<WordHasher>>,
}

/// `key` packed into the bytes of a `u128`, zero-padded, when it fits and has no NUL (which
/// would make two keys pack alike).
pub fn short_key(key: &str) -> Option<u128> {
    let bytes = key.as_bytes();
    let mut packed = [0u8; 16];
    packed.get_mut(..bytes.len())?.copy_from_slice(bytes);
    (!bytes.contains(&0)).then(|| u128::from_le_bytes(packed))
}

/// A fast multiplicative hash (the FxHash scheme) for the lexicon's lookups, one per word
/// of every document. Only the embedded lexicon is ever inserted, so text cannot crowd the
/// table: SipHash's protection against chosen keys buys nothing here.
#[derive(Default)]
pub struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Lexicon {
    /// The process-wide lexicon, parsed on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut lexicon = Lexicon {
            short: HashMap::with_capacity_and_hasher(90_000, BuildHasherDefault::default()),
            long: HashMap::default(),
        };
        for (text, flag) in SOURCES {
            for line in text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
            {
                let key = line.to_lowercase();
                if let Some((first, _)) = key.split_once(' ') {
                    lexicon.mark_phrase_start(first);
                }
                let flags = match short_key(&key) {
                    Some(short) => lexicon.short.entry(short).or_default(),
                    None => lexicon.long.entry(key.into()).or_default(),
                };
                *flags |= flag;
            }
        }
        lexicon
    }

    fn mark_phrase_start(&mut self, word: &str) {
        let word = word.trim_end_matches('.');
        if word.is_empty() {
            return;
        }
        let flags = match short_key(word) {
            Some(short) => self.short.entry(short).or_default(),
            None => self.long.entry(word.into()).or_default(),
        };
        *flags |= PHRASE_START;
    }

    /// The flags of `key`, which must already be lower-cased.
    pub fn flags(&self, key: &str) -> Flags {
        match short_key(key) {
            Some(short) => self.short.get(&short),
            None => self.long.get(key),
        }
        .copied()
        .unwrap_or(0)
    }
}

/// Lower-cases `word` into `buf` (reused to avoid an allocation per word).
pub fn lower_into<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    push_lower(word, buf);
    buf
}

/// Appends `word` lower-cased to `out`, curly apostrophes made straight (as the lexicons
/// store them).
pub fn push_lower(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        for c in word.chars() {
            if c == '\u{2019}' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_keys_are_both_found() {
        let lexicon = Lexicon::get();
        assert_ne!(lexicon.flags("moscow") & PLACE, 0);
        assert!(lexicon.long.keys().any(|k| k.len() > 16));
        for key in lexicon.long.keys().take(50) {
            assert_ne!(lexicon.flags(key), 0, "{key}");
        }
        assert_eq!(lexicon.flags(""), 0);
        assert_eq!(lexicon.flags("moscow\0"), 0);
        assert_eq!(short_key("ab"), short_key("ab"));
        assert_ne!(short_key("ab"), short_key("ba"));
        assert_eq!(short_key("ab\0"), None);
        assert_eq!(short_key("seventeen letters"), None);
    }

    #[test]
    fn first_words_of_phrases_are_marked() {
        let lexicon = Lexicon::get();
        assert_ne!(lexicon.flags("new") & PHRASE_START, 0); // "new york"
        let phrases = lexicon.long.keys().filter(|k| k.contains(' ')).take(200);
        for phrase in phrases {
            let first = phrase.split(' ').next().unwrap_or_default();
            let first = first.trim_end_matches('.');
            if !first.is_empty() {
                assert_ne!(lexicon.flags(first) & PHRASE_START, 0, "{phrase}");
            }
        }
    }
}
