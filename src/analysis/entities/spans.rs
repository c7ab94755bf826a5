//! Finds candidate name spans: runs of name-like tokens on one line, joined across name
//! particles ("van der") and the inner words of organization names ("Bank of England"),
//! ended by a possessive, with leading titles and honorifics split off.

use super::document::Document;
use super::lexicon::{self, NAME, ORG_WORD};
use super::tokens::Shape;
use super::words::{
    has_lower_tail, is_function_word, is_honorific, is_inner_connector, is_never_name,
    is_org_suffix, is_particle, is_place_suffix,
};
use std::ops::Range;

/// A candidate name: tokens `first..=last`, bytes `range`.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub tokens: Range<usize>,
    pub range: Range<usize>,
    /// Preceded by a title such as "President" or "Foreign Minister".
    pub titled: bool,
    /// Preceded by an honorific such as "Mr" or "Dr".
    pub honorific: bool,
}

/// All candidates of the document, in text order.
pub fn candidates(doc: &Document) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        if !starts_run(doc, i, &mut buf) {
            i += 1;
            continue;
        }
        let last = extend_run(doc, i, &mut buf);
        split_titles(doc, i..last + 1, &mut out);
        i = last + 1;
    }
    out
}

/// A run starts at a name-like word, or at a phrase on the lexicons whose first word alone
/// says nothing ("New York" at the start of a sentence), or at a capitalized word opening
/// a sentence right before a clear name ("West Indian").
fn starts_run(doc: &Document, i: usize, buf: &mut String) -> bool {
    if doc.is_name_like(i) {
        return true;
    }
    let t = &doc.tokens[i];
    if !t.is_upper() || !doc.same_block(i, i + 1) {
        return false;
    }
    if lexicon_phrase_len(doc, i, buf) > 0 {
        return true;
    }
    let next = &doc.tokens[i + 1];
    let f = t.flags;
    t.sentence_start
        && !t.headline
        && !is_function_word(doc.lower(i))
        && (f & NAME != 0 || f & lexicon::COMMON == 0)
        && doc.usage(doc.lower(i)).lower == 0
        && next.is_informative_capital()
        && next.flags & (lexicon::PLACE | lexicon::NATIONALITY) == 0
        && lexicon_phrase_len(doc, i + 1, buf) == 0
        && !doc.is_title(i)
}

/// The length of the longest phrase of two or three words starting at token i that is on
/// a lexicon of names.
fn lexicon_phrase_len(doc: &Document, i: usize, buf: &mut String) -> usize {
    if doc.flags(i) & lexicon::PHRASE_START == 0 {
        return 0;
    }
    (2..=3)
        .rev()
        .find(|&len| {
            doc.same_block(i, i + len - 1)
                && (i..i + len).all(|j| doc.tokens[j].is_upper())
                && doc.phrase_flags(i..i + len, buf) & NAME != 0
        })
        .unwrap_or(0)
}

/// The last token of the run starting at `first`.
fn extend_run(doc: &Document, first: usize, buf: &mut String) -> usize {
    let mut last = first + lexicon_phrase_len(doc, first, buf).saturating_sub(1);
    loop {
        let next = last + 1;
        if doc.tokens[last].possessive && office_after_title(doc, last, next) {
            last = next; // "Prosecutor General's Office": one organization
            continue;
        }
        if doc.tokens[last].possessive || doc.tokens[last].shape == Shape::Lower {
            return last;
        }
        if has_lower_tail(doc.word(last)) {
            return last; // "Ontario-based" is not part of "Magna"
        }
        if !doc.same_block(last, next) {
            return last;
        }
        if joins(doc, next) || month_surname(doc, next) {
            last = next;
            continue;
        }
        let links = (next..next + 3)
            .take_while(|&k| doc.same_block(last, k) && connects(doc, last, k))
            .count();
        let after = next + links;
        if links == 0 || !doc.same_block(last, after) || !joins(doc, after) {
            return last;
        }
        last = after;
    }
}

/// Whether token i continues a run: a name-like word that does not start a sentence.
fn joins(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens[i];
    !t.sentence_start && t.shape != Shape::Lower && doc.is_name_like(i)
}

/// A title in the possessive followed by an organization head on the same line: the
/// office of that title ("Prosecutor General's Office", "Attorney General's Department").
fn office_after_title(doc: &Document, title: usize, next: usize) -> bool {
    doc.same_block(title, next)
        && doc.flags(title) & lexicon::PERSON_WORD != 0
        && doc.tokens[next].is_upper()
        && (doc.flags(next) & ORG_WORD != 0 || is_org_suffix(doc.lower(next)))
}

/// A surname that is also a calendar word, right after a given name ("Theresa May"), and
/// not a date ("Sunday May 5").
fn month_surname(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens[i];
    let given = doc.flags(i - 1);
    t.is_informative_capital()
        && is_never_name(doc.lower(i))
        && given & lexicon::GIVEN_NAME != 0
        && given & lexicon::COMMON == 0
        && !(doc.same_block(i, i + 1) && doc.tokens[i + 1].shape == Shape::Number)
}

/// Whether token `link` may join the run ending at `last` to the name after it.
fn connects(doc: &Document, last: usize, link: usize) -> bool {
    let word = doc.lower(link);
    let t = &doc.tokens[link];
    if t.shape == Shape::Lower && is_particle(word) {
        return true;
    }
    if word == "&" {
        return true;
    }
    let head = doc.lower(last);
    t.shape == Shape::Lower
        && is_inner_connector(word)
        && word != "and"
        && (doc.flags(last) & ORG_WORD != 0 || is_org_suffix(head) || is_place_suffix(head))
}

/// Splits the run `run` at its last title: the name after it becomes a titled candidate;
/// what comes before the title chain ("U.S." in "U.S. President Bill Clinton") is kept
/// as a candidate of its own when it names something.
fn split_titles(doc: &Document, run: Range<usize>, out: &mut Vec<Candidate>) {
    let title = (run.start..run.end - 1)
        .rev()
        .find(|&k| doc.is_title(k))
        .filter(|&k| !is_office(doc, k, &run));
    let Some(k) = title else {
        if place_before_person(doc, &run) {
            out.push(candidate(doc, run.start..run.start + 1, false, false));
            out.push(candidate(doc, run.start + 1..run.end, false, false));
        } else {
            out.push(candidate(doc, run, false, false));
        }
        return;
    };
    let mut chain = k;
    while chain > run.start && is_title_modifier(doc, chain - 1) {
        chain -= 1;
    }
    if chain > run.start {
        split_titles(doc, run.start..chain, out);
    }
    let honorific = is_honorific(doc.lower(k));
    out.push(candidate(doc, k + 1..run.end, true, honorific));
}

/// A word that belongs to a title ("Foreign" in "Foreign Minister"): another title or an
/// ordinary word that is not an organization head or a name.
fn is_title_modifier(doc: &Document, i: usize) -> bool {
    let f = doc.flags(i);
    doc.is_title(i)
        || (f & lexicon::COMMON != 0
            && f & (ORG_WORD | lexicon::PLACE | lexicon::NATIONALITY) == 0
            && !doc.tokens[i].initial)
}

impl Candidate {
    /// Token i alone, neither titled nor with an honorific.
    pub fn single(doc: &Document, i: usize) -> Candidate {
        candidate(doc, i..i + 1, false, false)
    }
}

fn candidate(doc: &Document, tokens: Range<usize>, titled: bool, honorific: bool) -> Candidate {
    let start = doc.tokens[tokens.start].start;
    let end = doc.tokens[tokens.end - 1].end;
    Candidate {
        range: start..end,
        tokens,
        titled,
        honorific,
    }
}

/// A run ending in an organization head whose title `k` is followed by no given name:
/// an office or body named after the title ("Prosecutor General's Office"), not a person.
fn is_office(doc: &Document, k: usize, run: &Range<usize>) -> bool {
    let last = run.end - 1;
    let after = doc.flags(k + 1);
    (doc.flags(last) & ORG_WORD != 0 || is_org_suffix(doc.lower(last)))
        && after & lexicon::GIVEN_NAME == 0
        && !doc.tokens[k + 1].initial
}

/// A nationality adjective before a person's name ("Mexican Ariel Cruz") describes the
/// person and is a name of its own; so is a place before a full name, where a heading ran
/// into the text ("Ukraine Kurt Volker").
fn place_before_person(doc: &Document, run: &Range<usize>) -> bool {
    let first = doc.flags(run.start);
    let person_word = lexicon::GIVEN_NAME | lexicon::SURNAME | lexicon::PERSON;
    let given = |i: usize| {
        doc.flags(i) & lexicon::GIVEN_NAME != 0 && doc.flags(i) & lexicon::PLACE == 0
            || doc.tokens[i].initial
    };
    let nationality = first & lexicon::NATIONALITY != 0 && first & lexicon::PLACE == 0;
    let place = first & lexicon::PLACE != 0 && first & person_word == 0 && run.len() >= 3;
    run.len() >= 2 && (nationality || place) && given(run.start + 1)
}
