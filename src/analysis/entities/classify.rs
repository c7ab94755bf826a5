//! Types a candidate from its lexicon entries, its own words (heads such as "Ministry",
//! "Cup", "River"), its title, and the words around it. Each rule returns an answer only
//! when its evidence holds; the first answer wins, strongest evidence first.

use super::EntityKind;
use super::document::Document;
use super::lexicon::{self, Flags};
use super::spans::Candidate;
use super::tokens::Shape;
use super::words::{is_org_suffix, is_other_suffix, is_particle, is_place_suffix};

/// How sure a type is: lexicon and head-word evidence beats context and defaults, which
/// coreference may then overrule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    Default,
    Context,
    Strong,
}

pub fn classify(doc: &Document, c: &Candidate, buf: &mut String) -> (EntityKind, Evidence) {
    if is_score_line_team(doc, c) {
        return (team_kind(doc, c, buf), Evidence::Strong);
    }
    let strong = c
        .honorific
        .then_some(EntityKind::Person)
        .or_else(|| from_lexicon(doc.phrase_flags(c.tokens.clone(), buf)))
        .or_else(|| from_head(doc, c))
        .or_else(|| from_name_shape(doc, c));
    if let Some(kind) = strong {
        return (kind, Evidence::Strong);
    }
    if let Some(kind) = from_context(doc, c) {
        return (kind, Evidence::Context);
    }
    (default_kind(doc, c), Evidence::Default)
}

/// The type of a phrase on the lexicons (places win over people named after them).
fn from_lexicon(f: Flags) -> Option<EntityKind> {
    use lexicon::*;
    [
        (PLACE, EntityKind::Place),
        (NATIONALITY, EntityKind::Other),
        (ORGANIZATION, EntityKind::Organization),
        (PERSON, EntityKind::Person),
        (OTHER, EntityKind::Other),
    ]
    .into_iter()
    .find(|&(flag, _)| f & flag != 0)
    .map(|(_, kind)| kind)
}

/// The type given by the last word: "Ministry", "Corp", "Times" (organizations), "River"
/// (places), "Cup", "Open" (events).
fn from_head(doc: &Document, c: &Candidate) -> Option<EntityKind> {
    if c.tokens.len() < 2 {
        return None;
    }
    let last = c.tokens.end - 1;
    let head = doc.lower(last);
    if is_org_suffix(head) || doc.flags(last) & lexicon::ORG_WORD != 0 {
        Some(EntityKind::Organization)
    } else if is_place_suffix(head) {
        Some(EntityKind::Place)
    } else if is_other_suffix(head) {
        Some(EntityKind::Other)
    } else {
        None
    }
}

/// A person by the shape of the name: a title, a given name or an initial first; or
/// something else: a nationality in the plural, or a name inside a word ("ex-England").
fn from_name_shape(doc: &Document, c: &Candidate) -> Option<EntityKind> {
    let first = c.tokens.start;
    let f = doc.flags(first);
    if doc.hyphen_prefix(first).is_some_and(|p| !is_particle(p)) {
        return Some(EntityKind::Other);
    }
    if c.titled {
        return Some(EntityKind::Person);
    }
    let last = doc.flags(c.tokens.end - 1);
    if last & lexicon::NATIONALITY != 0 && last & lexicon::GIVEN_NAME == 0 {
        return Some(EntityKind::Other); // "N. Korean", "West Indian"
    }
    if c.tokens.len() >= 2 && (f & lexicon::GIVEN_NAME != 0 || doc.tokens[first].initial) {
        return Some(EntityKind::Person);
    }
    let plural = doc.lower(first).strip_suffix('s');
    if c.tokens.len() == 1 && plural.is_some_and(nationality) {
        return Some(EntityKind::Other);
    }
    None
}

fn nationality(lower: &str) -> bool {
    lexicon::Lexicon::get().flags(lower) & lexicon::NATIONALITY != 0
}

/// The type suggested by the neighbouring words.
fn from_context(doc: &Document, c: &Candidate) -> Option<EntityKind> {
    let before = c
        .tokens
        .start
        .checked_sub(1)
        .filter(|&b| doc.same_block(b, c.tokens.start));
    if let Some(b) = before {
        if matches!(doc.lower(b), "in" | "at" | "near" | "from" | "to")
            && doc.tokens[b].shape == Shape::Lower
        {
            return Some(EntityKind::Place);
        }
    }
    let f = doc.flags(c.tokens.end - 1);
    if f & (lexicon::SURNAME | lexicon::GIVEN_NAME | lexicon::PERSON) != 0 {
        return Some(EntityKind::Person);
    }
    None
}

/// A name followed by a score on a results line ("Pohang 3 Ulsan 2") names a team, unless
/// it is a person's name ("P. Simmons 4-38").
fn is_score_line_team(doc: &Document, c: &Candidate) -> bool {
    let next = c.tokens.end;
    let first = c.tokens.start;
    doc.same_block(first, next)
        && doc.tokens[next].shape == Shape::Number
        && !is_date(doc.word(next))
        && !c.titled
        && !doc.tokens[first].initial
        && (c.tokens.len() < 2 || doc.flags(first) & lexicon::GIVEN_NAME == 0)
}

/// A dateline's date ("LONDON 1996-08-30") or a year: four digits in a row.
fn is_date(number: &str) -> bool {
    number
        .split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits.len() == 4)
}

/// A country's team is the country (a place, as news style has it); any other team is a
/// club (an organization).
fn team_kind(doc: &Document, c: &Candidate, buf: &mut String) -> EntityKind {
    if doc.phrase_flags(c.tokens.clone(), buf) & lexicon::COUNTRY != 0 {
        EntityKind::Place
    } else {
        EntityKind::Organization
    }
}

/// Without evidence: an acronym is an organization, a longer name a person, and a lone
/// capitalized word most often a surname met before or a place.
fn default_kind(doc: &Document, c: &Candidate) -> EntityKind {
    let first = c.tokens.start;
    if c.tokens.len() == 1
        && doc.tokens[first].shape == Shape::AllCaps
        && !doc.tokens[first].headline
    {
        EntityKind::Organization
    } else {
        EntityKind::Person
    }
}
