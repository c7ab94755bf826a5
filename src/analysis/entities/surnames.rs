//! The surnames of the people an article names in full. A surname that is also a word
//! ("Trump", "May", "Bush", "Read") is a name only where the article has the full name;
//! then every mention of it is kept, and found even where the first pass took it for a
//! word.

use super::document::Document;
use super::lexicon;
use super::spans::Candidate;
use super::tokens::Shape;
use hashbrown::{DefaultHashBuilder, HashSet};

/// The lower-cased last words of the article's full personal names.
pub struct Surnames<'d> {
    words: HashSet<&'d str, DefaultHashBuilder>,
}

impl<'d> Surnames<'d> {
    /// Collects the last word of every candidate of two words or more that starts with a
    /// given name or an initial, or follows a title or honorific.
    pub fn of(doc: &'d Document, candidates: &[Candidate]) -> Self {
        let words = candidates
            .iter()
            .filter(|c| c.tokens.len() >= 2 && is_full_name(doc, c))
            .map(|c| doc.lower(c.tokens.end - 1))
            .collect();
        Surnames { words }
    }

    pub fn contains(&self, lower: &str) -> bool {
        self.words.contains(lower)
    }

    /// Adds to `candidates` (in text order) the lone surnames the first pass left out:
    /// words such as "May" it never takes for names, written with a capital and outside
    /// any candidate, and not used as a word ("May I", "may be").
    pub fn add_lone(&self, doc: &Document, candidates: &mut Vec<Candidate>) {
        if self.words.is_empty() {
            return;
        }
        let mut extra = Vec::new();
        let mut next = candidates.iter().peekable();
        for (i, t) in doc.tokens.iter().enumerate() {
            while next.peek().is_some_and(|c| c.tokens.end <= i) {
                next.next();
            }
            let covered = next.peek().is_some_and(|c| c.tokens.start <= i);
            if covered || !t.is_upper() || !self.contains(doc.lower(i)) {
                continue;
            }
            let followed_by_word = doc.same_block(i, i + 1) && {
                let n = &doc.tokens[i + 1];
                n.shape == Shape::Lower || n.shape == Shape::Punct
            };
            if t.is_informative_capital() || followed_by_word {
                extra.push(Candidate::single(doc, i));
            }
        }
        if !extra.is_empty() {
            candidates.extend(extra);
            candidates.sort_by_key(|c| c.tokens.start);
        }
    }
}

fn is_full_name(doc: &Document, c: &Candidate) -> bool {
    let first = c.tokens.start;
    let last = doc.flags(c.tokens.end - 1);
    let named = c.titled
        || doc.tokens[first].initial
        || doc.flags(first) & lexicon::GIVEN_NAME != 0
            && doc.flags(first) & (lexicon::PLACE | lexicon::NATIONALITY) == 0;
    named && last & (lexicon::ORG_WORD | lexicon::PLACE | lexicon::NATIONALITY) == 0
}
