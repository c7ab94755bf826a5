//! Types a candidate from its lexicon entries, its own words (heads such as "Ministry",
//! "Cup", "River"), its title, and the words around it. Each rule returns an answer only
//! when its evidence holds; the first answer wins, strongest evidence first. Without any
//! evidence a name gets no kind of its own: coreference and the other mentions decide.

use super::EntityKind;
use super::cues::{from_cues, is_place_context};
use super::document::{Document, is_common_plural};
use super::lexicon::{self, Flags};
use super::spans::Candidate;
use super::tokens::Shape;
use super::words::{
    has_lower_tail, is_inner_connector, is_org_suffix, is_other_suffix, is_particle,
    is_place_suffix,
};

/// How sure a type is: lexicon and head-word evidence beats context and defaults, which
/// coreference may then overrule. A pinned type is decided by the mention's own place in
/// the text (a dateline, a results line, a city standing for its club): the mention forms
/// an entity with the mentions of the same text and type only ("Seattle" the city and
/// "Seattle" the club in one report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    Default,
    Context,
    Strong,
    Pinned,
}

pub fn classify(doc: &Document, c: &Candidate, buf: &mut String) -> (EntityKind, Evidence) {
    if is_dateline(doc, c) {
        return (EntityKind::Place, Evidence::Pinned);
    }
    if is_score_line_team(doc, c) {
        return (team_kind(doc, c, buf), Evidence::Pinned);
    }
    if c.honorific {
        return (EntityKind::Person, Evidence::Strong);
    }
    let flags = doc.phrase_flags(c.tokens.clone(), buf);
    if c.tokens.clone().any(|i| doc.word(i) == "&") {
        return (EntityKind::Organization, Evidence::Strong); // "Douglas & Lomason"
    }
    // A place and an ordinary word ("China Daily") name a body even where the place is
    // also a given name, so the parts come before the shape of a person's name.
    let (kind, evidence) = from_lexicon(doc, c, flags)
        .or_else(|| from_head(doc, c).map(|kind| (kind, Evidence::Strong)))
        .or_else(|| from_parts(doc, c))
        .or_else(|| from_name_shape(doc, c).map(|kind| (kind, Evidence::Strong)))
        .or_else(|| from_cues(doc, c))
        .or_else(|| is_acronym(doc, c).then_some((EntityKind::Organization, Evidence::Context)))
        .or_else(|| from_person_lists(doc, c).map(|kind| (kind, Evidence::Context)))
        .unwrap_or_else(|| (default_kind(doc, c), Evidence::Default));
    let city = flags & lexicon::PLACE != 0 && flags & lexicon::COUNTRY == 0;
    if kind != EntityKind::Place || !doc.sports || !city {
        return (kind, evidence);
    }
    // In a sports report a city the words around do not tie to a location ("in Leeds",
    // "at Leeds", "Leeds stadium") stands for its club.
    if is_place_context(doc, c) {
        (EntityKind::Place, Evidence::Pinned)
    } else {
        (EntityKind::Organization, Evidence::Pinned)
    }
}

/// A name on a dateline ("LONDON 1996-08-30", "IRVINE, Calif 1996-08-30"): a short line
/// of capitalized names and commas that ends in a date.
fn is_dateline(doc: &Document, c: &Candidate) -> bool {
    const MAX_TOKENS: usize = 8;
    let mut start = c.tokens.start;
    while start > 0 && doc.same_block(start - 1, c.tokens.start) {
        start -= 1;
        if c.tokens.start - start >= MAX_TOKENS {
            return false;
        }
    }
    let limit = start + MAX_TOKENS;
    let mut end = c.tokens.end;
    while end < limit && doc.same_block(start, end) {
        end += 1;
    }
    let names = |i: usize| doc.tokens[i].is_upper() || matches!(doc.word(i), "," | ".");
    end < limit
        && end > c.tokens.end
        && doc.tokens[end - 1].shape == Shape::Number
        && is_date(doc.word(end - 1))
        && (start..end - 1).all(names)
}

/// The kind a name's words give when no lexicon has the whole: a place with a direction
/// ("South China", "Northern Cape"); a place with an ordinary word, a company, a paper or
/// a club ("Chittagong Cement", "China Daily", "Dynamo Moscow", "Bradford Bulls").
fn from_parts(doc: &Document, c: &Candidate) -> Option<(EntityKind, Evidence)> {
    use lexicon::*;
    let words = c.tokens.clone().filter(|&i| doc.tokens[i].is_word());
    if c.tokens.len() < 2 || c.titled || doc.tokens[c.tokens.start].initial {
        return None;
    }
    let first = doc.flags(c.tokens.start);
    if first & GIVEN_NAME != 0 && first & PLACE == 0 {
        return None;
    }
    let is_place = |i: usize| doc.flags(i) & PLACE != 0 && doc.flags(i) & COMMON == 0;
    if !words.clone().any(is_place) {
        return None;
    }
    let others = words.filter(|&i| !is_place(i));
    if others.clone().all(|i| is_direction(doc.lower(i))) {
        return Some((EntityKind::Place, Evidence::Context));
    }
    let common = |i: usize| {
        let f = doc.flags(i);
        f & COMMON != 0 && f & NAME == 0 || is_common_plural(doc.lower(i))
    };
    others
        .clone()
        .any(common)
        .then_some((EntityKind::Organization, Evidence::Context))
}

/// Words of direction and size that make a new place of a place ("North", "Greater").
fn is_direction(lower: &str) -> bool {
    matches!(
        lower,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "upper"
            | "lower"
            | "greater"
            | "inner"
            | "outer"
    )
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
    if has_lower_tail(doc.word(last_token)) {
        return Some(EntityKind::Other); // "Chinese-led", "Soviet-era", "New York-based"
    }
    plural_of_place(doc.lower(last_token))
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
/// it is a person's name ("P. Simmons 4-38") or a place in a sentence ("in Salzburg 3-2",
/// "the town of Moengo 56 miles east").
fn is_score_line_team(doc: &Document, c: &Candidate) -> bool {
    let next = c.tokens.end;
    let first = c.tokens.start;
    let in_sentence = first > 0
        && doc.same_block(first - 1, first)
        && doc.tokens[first - 1].shape == Shape::Lower
        && !matches!(doc.lower(first - 1), "v" | "vs" | "beat" | "and");
    !in_sentence
        && doc.same_block(first, next)
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

/// An acronym in running text ("FIFA", "RDR"): an organization more often than anything
/// else, and never a person.
fn is_acronym(doc: &Document, c: &Candidate) -> bool {
    let t = &doc.tokens[c.tokens.start];
    c.tokens.len() == 1 && t.shape == Shape::AllCaps && !t.headline && t.end - t.start <= 6
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
