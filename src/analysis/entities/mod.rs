//! Named-entity recognition and in-document coreference, offline and rule-based.
//!
//! The pipeline: tokenize the lines and note where capitals are informative (`tokens`),
//! gather the document's case statistics (`stats`), find candidate name spans with
//! titles and possessives split off (`spans`), type each from embedded lexicons and
//! context (`lexicon`, `classify`), and group the mentions of one entity (`coref`).

mod acronyms;
mod classify;
mod coref;
mod cues;
mod descriptor;
mod document;
mod genre;
mod lexicon;
mod spans;
mod stats;
mod surnames;
mod tokens;
mod vocab;
mod words;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod seed_tests;

pub use descriptor::descriptor;

use super::blocks::Block;
use std::ops::Range;

/// The type of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    /// The name used in JSON output and hover text.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// One entity of a document with all its mentions (coreference already resolved).
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The fullest form of the name found in the document, e.g. "Sergei Lavrov".
    pub name: String,
    pub kind: EntityKind,
    /// Byte ranges of the mentions, in text order; each covers the name only.
    pub mentions: Vec<Range<usize>>,
}

/// Whether `name` is on one of the lexicons of places, nationalities and organizations,
/// which type it whatever the article says.
pub fn is_on_name_lists(name: &str) -> bool {
    let mut buf = String::new();
    let f = lexicon::Lexicon::get().flags(lexicon::lower_into(name, &mut buf));
    f & (lexicon::PLACE | lexicon::NATIONALITY | lexicon::ORGANIZATION) != 0
}

/// Finds the entities of `text`, in order of their first mention.
pub fn recognize(text: &str, blocks: &[Block]) -> Vec<Entity> {
    let doc = document::Document::new(text, blocks);
    let mut buf = String::new();
    let mut candidates = spans::candidates(&doc);
    let surnames = surnames::Surnames::of(&doc, &candidates);
    surnames.add_lone(&doc, &mut candidates);
    let mut mentions: Vec<coref::Mention> = candidates
        .iter()
        .filter(|c| !is_capitalized_common_word(&doc, c, &surnames))
        .map(|c| {
            let (kind, evidence) = classify::classify(&doc, c, &mut buf);
            coref::Mention {
                range: c.range.clone(),
                words: c.tokens.clone().map(|i| doc.lower(i)).collect(),
                kind,
                evidence,
            }
        })
        .collect();
    acronyms::expand(text, &mut mentions);
    let mut entities = coref::resolve(text, &mentions);
    entities.sort_by_key(|e| e.mentions.first().map_or(0, |r| r.start));
    entities
}

/// A lone ordinary word capitalized as part of a title or heading rather than as a name:
/// one on no list of names ("Women", "Stadium"), one that is a name only as a given name
/// or surname ("Read", "Trump") where the article names no such person in full, or a
/// title with no name after it ("President", "General").
fn is_capitalized_common_word(
    doc: &document::Document,
    c: &spans::Candidate,
    surnames: &surnames::Surnames,
) -> bool {
    use lexicon::*;
    let i = c.tokens.start;
    let f = doc.flags(i);
    if c.tokens.len() != 1 || c.titled || f & COMMON == 0 || surnames.contains(doc.lower(i)) {
        return false;
    }
    let names_a_thing = f & (PLACE | NATIONALITY | ORGANIZATION) != 0;
    let title = f & PERSON_WORD != 0;
    !names_a_thing && (title || f & (PERSON | OTHER) == 0)
}
