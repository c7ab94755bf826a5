//! Named-entity recognition and in-document coreference, offline and rule-based.
//!
//! The pipeline: tokenize the lines and note where capitals are informative (`tokens`),
//! gather the document's case statistics (`stats`), find candidate name spans with
//! titles and possessives split off (`spans`), type each from embedded lexicons and
//! context (`lexicon`, `classify`), and group the mentions of one entity (`coref`).

mod classify;
mod coref;
mod descriptor;
mod document;
mod lexicon;
mod spans;
mod stats;
mod tokens;
mod vocab;
mod words;

#[cfg(test)]
mod tests;

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

/// Finds the entities of `text`, in order of their first mention.
pub fn recognize(text: &str, blocks: &[Block]) -> Vec<Entity> {
    let doc = document::Document::new(text, blocks);
    let mut buf = String::new();
    let mentions: Vec<coref::Mention> = spans::candidates(&doc)
        .iter()
        .filter(|c| !is_capitalized_common_word(&doc, c))
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
    let mut entities = coref::resolve(text, &mentions);
    entities.sort_by_key(|e| e.mentions.first().map_or(0, |r| r.start));
    entities
}

/// A lone ordinary word that is on no list of names ("Women", "Stadium"): capitalized as
/// part of a title or heading rather than as a name.
fn is_capitalized_common_word(doc: &document::Document, c: &spans::Candidate) -> bool {
    let f = doc.flags(c.tokens.start);
    c.tokens.len() == 1 && !c.titled && f & lexicon::COMMON != 0 && f & lexicon::NAME == 0
}
