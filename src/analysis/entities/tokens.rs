//! Splits block text into word and punctuation tokens and records what capitalization can
//! tell about each word: its shape, whether it starts a sentence, and whether its line is
//! set in capitals or title case (where capitals say nothing).

use super::lexicon::{Flags, Lexicon, push_lower};
use super::vocab::{Vocabulary, WordId};
use super::words::{is_function_word, is_honorific};
use crate::analysis::blocks::Block;
use std::ops::Range;

/// The letter case of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Starts with a lower-case letter.
    Lower,
    /// Starts with a capital and has a lower-case letter or is a single capital.
    Capitalized,
    /// Two or more letters, all capitals.
    AllCaps,
    /// Starts with a digit.
    Number,
    /// Punctuation or a symbol: one character.
    Punct,
}

/// One token with its byte range in the whole text.
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// Lexicon flags of the lower-cased word (0 for punctuation).
    pub flags: Flags,
    /// The word's number in the document's vocabulary ([`NO_WORD`] for punctuation and
    /// numbers).
    pub word: WordId,
    /// Index of the block (line) the token is on.
    pub block: usize,
    /// The first word of a sentence, where a capital says nothing.
    pub sentence_start: bool,
    /// On a line set in capitals or title case, where a capital says nothing either.
    pub headline: bool,
    /// Followed by a possessive 's (which is not part of the token).
    pub possessive: bool,
    /// A single capital with its dot, as in "John M. Glionna".
    pub initial: bool,
    /// Has an inner hyphen ("ex-England"), noted while scanning so that later passes need
    /// not search each word for one.
    pub hyphenated: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        !matches!(self.shape, Shape::Punct | Shape::Number)
    }

    /// Starts with a capital letter.
    pub fn is_upper(&self) -> bool {
        matches!(self.shape, Shape::Capitalized | Shape::AllCaps)
    }

    /// A capital that says something: neither sentence-initial nor on a headline.
    pub fn is_informative_capital(&self) -> bool {
        self.is_upper() && !self.sentence_start && !self.headline
    }
}

/// The `word` of a token that is not a word.
pub const NO_WORD: WordId = WordId::MAX;

/// Tokenizes every block of `text`, appending each token's lower-cased text to `lower`
/// and its range there to `lower_ranges` (one lower-casing per token for every later use),
/// and each word to `vocab`.
pub fn tokenize(
    text: &str,
    blocks: &[Block],
    lower: &mut String,
    lower_ranges: &mut Vec<Range<usize>>,
    vocab: &mut Vocabulary,
) -> Vec<Token> {
    let lexicon = Lexicon::get();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for (index, block) in blocks.iter().enumerate() {
        let first = tokens.len();
        scan_block(text, block, index, &mut tokens);
        for token in &mut tokens[first..] {
            let start = lower.len();
            push_lower(&text[token.start..token.end], lower);
            lower_ranges.push(start..lower.len());
            if token.is_word() {
                token.word = vocab.intern(&lower[start..], lexicon);
                token.flags = vocab.flags(token.word);
            }
        }
        mark_sentences(text, &mut tokens[first..]);
        if is_headline(text, &tokens[first..]) {
            tokens[first..].iter_mut().for_each(|t| t.headline = true);
        }
    }
    tokens
}

fn scan_block(text: &str, block: &Block, index: usize, out: &mut Vec<Token>) {
    let line = &text[block.range.clone()];
    let base = block.range.start;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // An ASCII byte is its own character: no decoding for spaces and punctuation.
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => match line[i..].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut token = Token {
            start: base + i,
            end: base + i + c.len_utf8(),
            shape: Shape::Punct,
            flags: 0,
            word: NO_WORD,
            block: index,
            sentence_start: false,
            headline: false,
            possessive: false,
            initial: false,
            hyphenated: false,
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            let start = token.start - base;
            let (end, hyphenated) = word_end(line, start);
            token.end = base + end;
            token.hyphenated = hyphenated;
            token.shape = shape(&line[start..end]);
            token.initial = end - start == 2 && bytes[end - 1] == b'.';
            let possessive = possessive_len(&line[end..]);
            token.possessive = possessive > 0;
            // The next token starts after the word and its possessive.
            i = end + possessive;
        }
        out.push(token);
    }
}

/// The end of the word starting at `start`: letters and digits, joined by inner hyphens
/// and apostrophes, plus the dots of initials and abbreviations ("M.", "U.S."); and
/// whether an inner hyphen joined it.
fn word_end(line: &str, start: usize) -> (usize, bool) {
    let bytes = line.as_bytes();
    let mut end = start;
    let mut segment = 0; // letters since the last dot
    let mut at = start;
    let mut hyphenated = false;
    while let Some(c) = line[at..].chars().next() {
        if c.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits in one step: most words are nothing else.
            let run = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            segment += run;
            end = at + run;
            at = end;
            continue;
        }
        let next = at + c.len_utf8();
        // Asked only of the joiners, which are rare: most words end at a space.
        let next_alnum = || {
            line[next..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        };
        if c.is_alphanumeric() {
            segment += 1;
            end = next;
        } else if c == '-' && next_alnum() {
            segment = 0;
            hyphenated = true;
        } else if (c == '\'' || c == '\u{2019}') && next_alnum() {
            if possessive_len(&line[at..]) > 0 {
                break;
            }
        } else if c == '.' && segment == 1 && is_letter_at(line, start) {
            end = at + 1;
            segment = 0;
            let more = bytes.get(at + 2) == Some(&b'.') && next_alnum();
            if !more {
                break;
            }
        } else {
            break;
        }
        at = next;
    }
    if bytes.get(end) == Some(&b'.') && is_honorific_any_case(&line[start..end]) {
        end += 1;
    }
    (end, hyphenated)
}

/// Whether `word` is an honorific in any letter case. Asked of every word before a full
/// stop, so it lower-cases on the stack: no honorific is longer than eight bytes.
fn is_honorific_any_case(word: &str) -> bool {
    let mut buf = [0u8; 8];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(is_honorific)
}

fn is_letter_at(line: &str, i: usize) -> bool {
    line[i..].chars().next().is_some_and(char::is_alphabetic)
}

/// The length of a possessive "'s" / "’s" at the start of `rest` (0 when there is none).
fn possessive_len(rest: &str) -> usize {
    // Asked after every word: most are followed by a space, not an apostrophe.
    if !matches!(rest.as_bytes().first(), Some(b'\'' | 0xE2)) {
        return 0;
    }
    for apostrophe in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(after) = rest.strip_prefix(apostrophe) {
            if !after.chars().next().is_some_and(char::is_alphanumeric) {
                return apostrophe.len();
            }
        }
    }
    0
}

fn shape(word: &str) -> Shape {
    let first = word.chars().next().unwrap_or(' ');
    if first.is_numeric() {
        return Shape::Number;
    }
    if first.is_lowercase() {
        return Shape::Lower;
    }
    // One pass that stops at the first lower-case letter ("Putin" at its second).
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return Shape::Capitalized;
        }
        letters += usize::from(c.is_alphabetic());
    }
    if letters >= 2 {
        Shape::AllCaps
    } else {
        Shape::Capitalized
    }
}

/// Marks the first word of each sentence: the first word of the line, and a word after
/// sentence-final punctuation, or after a dateline dash near the start of the line.
fn mark_sentences(text: &str, tokens: &mut [Token]) {
    let mut starts = true;
    for (i, token) in tokens.iter_mut().enumerate() {
        if token.shape == Shape::Punct {
            let p = &text[token.start..token.end];
            // After a dash a capital says nothing either: a dateline, or a clause that
            // starts as a sentence would ("Reporting from Seoul — Reclusive North Korean").
            if matches!(p, "." | "!" | "?" | ":" | ";" | "\u{2014}" | "\u{2013}")
                || (i < 4 && matches!(p, "-" | "\u{2022}"))
            {
                starts = true;
            }
            continue;
        }
        token.sentence_start = starts;
        starts = false;
    }
}

/// A line where capitals carry no information: mostly all-caps words, or title case with
/// only short function words in lower case.
fn is_headline(text: &str, tokens: &[Token]) -> bool {
    let words = tokens.iter().filter(|t| {
        t.is_word()
            && text[t.start..t.end]
                .chars()
                .filter(|c| c.is_alphabetic())
                .nth(1)
                .is_some()
    });
    let (mut n, mut caps, mut upper, mut lower) = (0, 0, 0, 0);
    for t in words {
        n += 1;
        match t.shape {
            Shape::AllCaps => caps += 1,
            Shape::Capitalized => upper += 1,
            // Only whether some word is in lower case matters: one is enough to know.
            _ if lower > 0 || is_function_word(&text[t.start..t.end]) => {}
            _ => lower += 1,
        }
    }
    (caps > 0 && caps * 3 >= n * 2) || (lower == 0 && upper + caps >= 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics_in_any_case_without_allocating() {
        for word in ["Mr", "MRS", "dr", "Messrs", "St"] {
            assert!(is_honorific_any_case(word), "{word}");
        }
        for word in ["Mister", "Messrsx", "Ms\u{e9}", "", "Lavrov", "Doctorate"] {
            assert!(!is_honorific_any_case(word), "{word}");
        }
    }

    #[test]
    fn words_resume_after_possessives_and_initials() {
        let text = "John M. Glionna's U.S. trip, Mr. Putin's ex-aide";
        let blocks = crate::analysis::split_blocks(text);
        let (mut lower, mut ranges) = (String::new(), Vec::new());
        let mut vocab = Vocabulary::with_capacity(8);
        let tokens = tokenize(text, &blocks, &mut lower, &mut ranges, &mut vocab);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            [
                "John", "M.", "Glionna", "U.S.", "trip", ",", "Mr.", "Putin", "ex-aide"
            ]
        );
        assert!(tokens[1].initial && tokens[2].possessive && tokens[7].possessive);
        let hyphenated: Vec<bool> = tokens.iter().map(|t| t.hyphenated).collect();
        assert_eq!(
            hyphenated,
            [false, false, false, false, false, false, false, false, true]
        );
    }
}
