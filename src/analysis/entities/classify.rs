//! Types a candidate from its lexicon entries, its own words (heads such as "Ministry",
//! "Cup", "River"), its title, and the words around it. Each rule returns an answer only
//! when its evidence holds; the first answer wins, strongest evidence first. Without any
//! evidence a name gets no kind of its own: coreference and the other mentions decide.

use super::EntityKind;
use super::cues::from_cues;
use super::document::Document;
use super::lexicon::{self, Flags};
use super::spans::Candidate;
use super::tokens::Shape;
use super::words::{
    is_inner_connector, is_org_suffix, is_other_suffix, is_particle, is_place_suffix,
};

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
    if c.honorific {
        return (EntityKind::Person, Evidence::Strong);
    }
    let strong = from_head(doc, c).or_else(|| from_name_shape(doc, c));
    from_lexicon(doc, c, doc.phrase_flags(c.tokens.clone(), buf))
        .or_else(|| strong.map(|kind| (kind, Evidence::Strong)))
        .or_else(|| from_cues(doc, c))
        .or_else(|| from_person_lists(doc, c).map(|kind| (kind, Evidence::Context)))
        .unwrap_or_else(|| (default_kind(doc, c), Evidence::Default))
}

/// The type of a phrase on the lexicons (places win over people named after them). A lone
/// word that is a place and also a person's name ("Clinton", "Jordan") is only a hint:
/// the article's full names decide.
fn from_lexicon(doc: &Document, c: &Candidate, f: Flags) -> Option<(EntityKind, Evidence)> {
    use lexicon::*;
    let kind = [
        (PLACE, EntityKind::Place),
        (NATIONALITY, EntityKind::Other),
        (ORGANIZATION, EntityKind::Organization),
        (PERSON, EntityKind::Person),
        (OTHER, EntityKind::Other),
    ]
    .into_iter()
    .find(|&(flag, _)| f & flag != 0)
    .map(|(_, kind)| kind)?;
    let person_name = f & (SURNAME | GIVEN_NAME | PERSON) != 0;
    let shared = c.tokens.len() == 1 && person_name && kind != EntityKind::Person;
    if shared && c.titled {
        return Some((EntityKind::Person, Evidence::Strong)); // "President Clinton"
    }
    if shared && doc.tokens[c.tokens.start].shape != Shape::AllCaps {
        return Some((kind, Evidence::Context));
    }
    Some((kind, Evidence::Strong))
}

/// The type given by the head word: the last word ("Ministry", "Corp", "Times" for
/// organizations, "River" for places, "Cup", "Open" for events), or the word before an
/// inner "of" or "for" ("Institute for ...", "Group of Eight", "Gulf of Mexico").
fn from_head(doc: &Document, c: &Candidate) -> Option<EntityKind> {
    if c.tokens.len() < 2 {
        return None;
    }
    let connector = c
        .tokens
        .clone()
        .skip(1)
        .find(|&i| doc.tokens[i].shape == Shape::Lower && is_inner_connector(doc.lower(i)));
    let last = connector.map_or(c.tokens.end - 1, |k| k - 1);
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
/// something else: a nationality in the plural, a group of people ("North Koreans",
/// "Albertans"), places in the plural ("the two Koreas"), or a name inside a word
/// ("ex-England", "Soviet-era").
fn from_name_shape(doc: &Document, c: &Candidate) -> Option<EntityKind> {
    let first = c.tokens.start;
    let f = doc.flags(first);
    if doc.hyphen_prefix(first).is_some_and(|p| !is_particle(p)) {
        return Some(EntityKind::Other);
    }
    if c.titled {
        return Some(EntityKind::Person);
    }
    let last_token = c.tokens.end - 1;
    let last = doc.flags(last_token);
    if last & lexicon::NATIONALITY != 0 && last & lexicon::GIVEN_NAME == 0 {
        return Some(EntityKind::Other); // "N. Korean", "West Indian"
    }
    if c.tokens.len() >= 2 && (f & lexicon::GIVEN_NAME != 0 || doc.tokens[first].initial) {
        return Some(EntityKind::Person);
    }
    if c.tokens.len() == 1 && has_lower_tail(doc.word(first)) {
        return Some(EntityKind::Other); // "Chinese-led", "Soviet-era"
    }
    plural_of_place(doc.lower(last_token))
}

/// A word with a lower-case part after a hyphen, as in "Chinese-led".
fn has_lower_tail(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(_, tail)| tail.starts_with(|c: char| c.is_lowercase()))
}

/// The kind of a plural formed from a nationality or place: its people ("Koreans",
/// "Albertans", "Serbs") are a group, its instances ("Koreas", "Americas") places.
fn plural_of_place(lower: &str) -> Option<EntityKind> {
    let stem = lower.strip_suffix('s')?;
    let flags = |w: &str| lexicon::Lexicon::get().flags(w);
    if flags(stem) & lexicon::NATIONALITY != 0 {
        return Some(EntityKind::Other);
    }
    if stem.ends_with("an") && flags(&stem[..stem.len() - 1]) & lexicon::PLACE != 0 {
        return Some(EntityKind::Other); // "Albertans" from "Alberta"
    }
    (flags(stem) & lexicon::PLACE != 0).then_some(EntityKind::Place)
}

/// A person by a given name or surname on the census lists.
fn from_person_lists(doc: &Document, c: &Candidate) -> Option<EntityKind> {
    let f = doc.flags(c.tokens.end - 1);
    (f & (lexicon::SURNAME | lexicon::GIVEN_NAME | lexicon::PERSON) != 0)
        .then_some(EntityKind::Person)
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

/// Without evidence: an acronym or a lone word is most often an organization (a person
/// is usually named in full first), a longer name a person.
fn default_kind(doc: &Document, c: &Candidate) -> EntityKind {
    let first = c.tokens.start;
    if c.tokens.len() == 1 && !doc.tokens[first].headline {
        EntityKind::Organization
    } else {
        EntityKind::Person
    }
}
