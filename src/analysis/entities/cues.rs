//! Words around a candidate that say what kind of name it is: "the Kommersant newspaper",
//! "spokesman for X", "X's capital", "in X". A person's name takes no article, so "the X"
//! names a body or a thing.

use super::EntityKind;
use super::classify::Evidence;
use super::document::Document;
use super::lexicon;
use super::spans::Candidate;
use super::tokens::Shape;

/// The kind the neighbouring words give, with how sure they are.
pub fn from_cues(doc: &Document, c: &Candidate) -> Option<(EntityKind, Evidence)> {
    let next = word_after(doc, c.tokens.end - 1, 0);
    let next2 = word_after(doc, c.tokens.end - 1, 1);
    let prev = word_before(doc, c.tokens.start, 0);
    let prev2 = word_before(doc, c.tokens.start, 1);
    let news = next == Some("news") && matches!(next2, Some("agency" | "service" | "website"));
    if is_media_noun(next) || news {
        return Some((EntityKind::Organization, Evidence::Strong));
    }
    if next == Some("capital") && possessive(doc, c)
        || prev == Some("of") && prev2.is_some_and(is_place_noun)
        || next.is_some_and(is_place_noun) && !possessive(doc, c)
    {
        return Some((EntityKind::Place, Evidence::Strong));
    }
    if prev == Some("for") && prev2.is_some_and(is_speaker_noun) {
        return Some((EntityKind::Organization, Evidence::Strong));
    }
    if prev == Some("told") {
        return Some((EntityKind::Organization, Evidence::Context)); // "told Reuters"
    }
    if next.is_some_and(is_speaker_noun) && !possessive(doc, c) {
        return Some((EntityKind::Organization, Evidence::Context));
    }
    if prev == Some("the") {
        return Some((EntityKind::Organization, Evidence::Context));
    }
    if matches!(next, Some("said" | "says")) && next2 == Some("it") {
        return Some((EntityKind::Organization, Evidence::Context)); // "Comelf said it"
    }
    if is_person_cue(doc, c, prev, next, next2) {
        // Bodies say and tell too: unless the name is on the lists of people's names, the
        // cue decides a lone mention, not its entity's other mentions.
        let f = doc.flags(c.tokens.end - 1);
        let listed = f & (lexicon::SURNAME | lexicon::GIVEN_NAME | lexicon::PERSON) != 0;
        let evidence = if listed {
            Evidence::Context
        } else {
            Evidence::Default
        };
        return Some((EntityKind::Person, evidence));
    }
    if matches!(prev, Some("in" | "at" | "near" | "from" | "to" | "between"))
        || followed_by_place(doc, c)
    {
        return Some((EntityKind::Place, Evidence::Context));
    }
    None
}

/// Words that tie a place name to a location rather than to what is named after it (a
/// club): "in Leeds", "at Leeds", "of Leeds", "to Leeds", "(Leeds)", "Leeds stadium",
/// "Leeds, England".
pub fn is_place_context(doc: &Document, c: &Candidate) -> bool {
    let first = c.tokens.start;
    let after = c.tokens.end;
    let next = word_after(doc, after - 1, 0);
    let prev = (first > 0 && doc.same_block(first - 1, first)).then(|| first - 1);
    // Any case: headlines and schedules ("BOSTON AT OAKLAND") set it in capitals.
    let preposition = prev
        .is_some_and(|p| matches!(doc.lower(p), "in" | "at" | "near" | "of" | "to" | "between"));
    let bracketed = prev.is_some_and(|p| doc.word(p) == "(");
    let punct_after = doc.same_block(first, after).then(|| doc.word(after));
    // "(at Lord's, London)"; "Leeds: Yorkshire beat Kent" (a venue heading a result)
    let closes = punct_after == Some(")");
    let venue = punct_after == Some(":") && prev.is_none();
    preposition
        || next.is_some_and(is_place_noun)
        || bracketed
        || closes
        || followed_by_place(doc, c)
        || venue
}

/// A name followed by a comma and a place: "Lockerbie, Scotland", "Leeds, England".
fn followed_by_place(doc: &Document, c: &Candidate) -> bool {
    let after = c.tokens.end;
    doc.same_block(c.tokens.start, after + 1)
        && doc.word(after) == ","
        && doc.flags(after + 1) & lexicon::PLACE != 0
        // Not a code ("(Bloomberg, MT)"): a written-out name.
        && doc.tokens[after + 1].shape == Shape::Capitalized
}

/// Words that mostly a person's name takes: "said Smith", "Smith said", "Smith, who",
/// "Smith, 45,".
fn is_person_cue(
    doc: &Document,
    c: &Candidate,
    prev: Option<&str>,
    next: Option<&str>,
    _next2: Option<&str>,
) -> bool {
    if matches!(prev, Some("said" | "says")) || matches!(next, Some("said" | "told")) {
        return true;
    }
    let comma = c.tokens.end;
    if !doc.same_block(c.tokens.start, comma + 1) || doc.word(comma) != "," {
        return false;
    }
    let after = comma + 1;
    doc.lower(after) == "who"
        || doc.tokens[after].shape == Shape::Number
            && doc.word(after).len() <= 2
            && doc.same_block(after, after + 1)
            && doc.word(after + 1) == ","
}

/// The `skip`-th lower-case word after token `last` on its line, if the words up to it
/// are all lower-case.
fn word_after<'d>(doc: &'d Document, last: usize, skip: usize) -> Option<&'d str> {
    let i = last + 1 + skip;
    (doc.same_block(last, i) && (last + 1..=i).all(|j| doc.tokens[j].shape == Shape::Lower))
        .then(|| doc.lower(i))
}

/// The `skip`-th lower-case word before token `first` on its line.
fn word_before<'d>(doc: &'d Document, first: usize, skip: usize) -> Option<&'d str> {
    let i = first.checked_sub(1 + skip)?;
    (doc.same_block(i, first) && (i..first).all(|j| doc.tokens[j].shape == Shape::Lower))
        .then(|| doc.lower(i))
}

fn possessive(doc: &Document, c: &Candidate) -> bool {
    doc.tokens[c.tokens.end - 1].possessive
}

/// Nouns naming a news outlet, after its name: "the Kommersant newspaper", "Itar-Tass news
/// agency".
fn is_media_noun(word: Option<&str>) -> bool {
    matches!(
        word,
        Some(
            "newspaper"
                | "daily"
                | "weekly"
                | "agency"
                | "magazine"
                | "broadcaster"
                | "channel"
                | "radio"
                | "television"
                | "network"
                | "website"
                | "tabloid"
        )
    )
}

/// Nouns for someone who speaks for a body: "a spokesman for X", "X spokeswoman".
fn is_speaker_noun(word: &str) -> bool {
    matches!(
        word,
        "spokesman" | "spokeswoman" | "spokesperson" | "spokespeople" | "spokesmen"
    )
}

/// Nouns for a place, before "of" and its name ("the capital of X", "the town of X") or
/// after it ("X province", "the X stadium").
fn is_place_noun(word: &str) -> bool {
    matches!(
        word,
        "capital"
            | "republic"
            | "region"
            | "province"
            | "district"
            | "city"
            | "town"
            | "village"
            | "state"
            | "mountains"
            | "valley"
            | "coast"
            | "island"
            | "stadium"
            | "airport"
            | "prison"
            | "camp"
            | "square"
            | "checkpoint"
            | "sanatorium"
            | "church"
            | "suburb"
    )
}
