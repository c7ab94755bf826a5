//! Named-entity recognition and in-document coreference.

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

/// Finds the entities of `text`.
pub fn recognize(_text: &str, _blocks: &[Block]) -> Vec<Entity> {
    Vec::new()
}
