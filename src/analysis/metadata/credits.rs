//! Who wrote and who relayed the story: the byline ("By A and B, Publication"), a sign-off
//! ("Jane Doe, The Associated Press"), credit lines ("(Bloomberg, MT)", "— Reuters") and
//! publication cues ("print edition of The Straits Times", "© 2019 The Daily Star").

use super::Field;
use crate::analysis::quotes::lexicon::{AGENCIES, is_organisation};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What the credits of an article give.
#[derive(Debug, Default)]
pub(super) struct Credits {
    pub authors: Vec<Field>,
    pub publication: Option<Field>,
    pub agencies: Vec<Field>,
}

/// Reads the credits: the byline from the `opening` lines (or the last lines), the rest from
/// all `lines`.
pub(super) fn find(text: &str, opening: &[Range<usize>], lines: &[Range<usize>]) -> Credits {
    let mut credits = Credits::default();
    let tail = &lines[lines.len().saturating_sub(12)..];
    let byline = opening.iter().chain(tail).find_map(|l| byline(text, l));
    if let Some((authors, publication)) = byline {
        credits.authors = authors;
        credits.publication = publication;
    }
    for line in lines {
        if let Some((author, outlet)) = sign_off(text, line) {
            if credits.authors.is_empty() {
                credits.authors.push(author);
            }
            credit_outlet(&mut credits, outlet);
        }
        credits.agencies.extend(credit_line(text, line));
    }
    if credits.publication.is_none() {
        credits.publication = lines.iter().find_map(|l| publication_cue(text, l));
    }
    credits.agencies.dedup_by(|a, b| a.value == b.value);
    credits
}

/// Files an outlet as an agency or, if none is known yet, as the publication.
fn credit_outlet(credits: &mut Credits, outlet: Field) {
    if is_agency(&outlet.value) {
        credits.agencies.push(outlet);
    } else if credits.publication.is_none() {
        credits.publication = Some(outlet);
    }
}

fn is_agency(name: &str) -> bool {
    AGENCIES.contains(&name.strip_prefix("The ").unwrap_or(name))
}

/// Words that end the names of newspapers and broadcasters.
const OUTLET_WORDS: &[&str] = &[
    "Times",
    "Post",
    "News",
    "Journal",
    "Herald",
    "Tribune",
    "Guardian",
    "Telegraph",
    "Gazette",
    "Chronicle",
    "Daily",
    "Mail",
    "Star",
    "Globe",
    "Independent",
    "Observer",
    "Review",
    "Magazine",
    "Weekly",
    "Today",
    "Express",
    "Mirror",
    "Sun",
    "Standard",
    "Record",
    "Bulletin",
    "Inquirer",
];

/// Whether `name` reads as a news outlet (people's names do not start with "The").
fn is_outlet(name: &str) -> bool {
    let capitalised = name
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    capitalised
        && (is_agency(name)
            || name.starts_with("The ")
            || is_organisation(name)
            || name
                .split_whitespace()
                .last()
                .is_some_and(|w| OUTLET_WORDS.contains(&w)))
}

/// Whether `name` reads as a person's name: two to four capitalised words or initials.
fn is_person(name: &str) -> bool {
    let parts: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !is_outlet(name)
}

/// "By A, B and C, Publication" at a line start or after a `|`.
fn byline(text: &str, line: &Range<usize>) -> Option<(Vec<Field>, Option<Field>)> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[|•]\s*)(?:By|BY)\s+(?P<rest>[^|•]+)").expect("byline regex")
    });
    let s = &text[line.clone()];
    let rest = BY.captures(s)?.name("rest")?;
    let base = line.start + rest.start();
    let rest = rest.as_str().trim_end();
    let (names, publication) = match rest.rfind(", ") {
        Some(i) if is_outlet(&rest[i + 2..]) => {
            (&rest[..i], Some(span(rest, base, i + 2..rest.len())))
        }
        _ => (rest, None),
    };
    let authors = split_names(names, base);
    (!authors.is_empty()).then_some((authors, publication))
}

/// The people of "A, B and C", each with its range.
fn split_names(names: &str, base: usize) -> Vec<Field> {
    static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*").expect("separator regex")
    });
    let mut out = Vec::new();
    let mut start = 0;
    let ends = SEPARATOR
        .find_iter(names)
        .map(|m| (m.start(), m.end()))
        .chain([(names.len(), names.len())]);
    for (end, next) in ends {
        let name = names[start..end].trim();
        if !is_person(name) {
            return Vec::new();
        }
        let offset = start + (names[start..end].len() - names[start..end].trim_start().len());
        out.push(span(names, base, offset..offset + name.len()));
        start = next;
    }
    out
}

fn span(s: &str, base: usize, range: Range<usize>) -> Field {
    Field {
        value: s[range.clone()].to_string(),
        range: base + range.start..base + range.end,
    }
}

/// "Jane Doe, The Associated Press": a short line of a person and an outlet.
fn sign_off(text: &str, line: &Range<usize>) -> Option<(Field, Field)> {
    let s = &text[line.clone()];
    let (name, outlet) = s.split_once(", ")?;
    let outlet_start = name.len() + 2;
    (s.split_whitespace().nth(8).is_none() && is_person(name) && is_outlet(outlet)).then(|| {
        (
            span(s, line.start, 0..name.len()),
            span(s, line.start, outlet_start..s.len()),
        )
    })
}

/// Agencies credited by a line: "(Bloomberg, MT)", "— Reuters", "The Associated Press", or
/// a dateline's "(AP)".
fn credit_line(text: &str, line: &Range<usize>) -> Vec<Field> {
    static PARENTHESISED: LazyLock<Regex> = LazyLock::new(|| {
        let item = r"[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,2}";
        Regex::new(&format!(r"^\(\s*{item}(?:\s*[,/;]\s*{item})*\s*\)$")).expect("credit regex")
    });
    static AGENCY_AT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[—–-]\s*|\()(?P<name>(?:The )?[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3})(?:\)|$)",
        )
        .expect("agency regex")
    });
    let s = &text[line.clone()];
    if s.starts_with('(') && s.ends_with(')') && PARENTHESISED.is_match(s) {
        return items(s, line.start);
    }
    if !names_an_agency(s) {
        return Vec::new();
    }
    AGENCY_AT
        .captures_iter(s)
        .filter_map(|c| c.name("name"))
        .filter(|m| is_agency(m.as_str()))
        .map(|m| span(s, line.start, m.range()))
        .collect()
}

/// Whether an agency's name is somewhere in `s`: one literal search, where the capturing
/// search for credited names ran on every line (a twentieth of the whole analysis).
fn names_an_agency(s: &str) -> bool {
    static NAMES: LazyLock<Regex> = LazyLock::new(|| {
        let names: Vec<String> = AGENCIES.iter().map(|a| regex::escape(a)).collect();
        Regex::new(&names.join("|")).expect("agency names regex")
    });
    NAMES.is_match(s)
}

/// The items of "(A, B)".
fn items(s: &str, base: usize) -> Vec<Field> {
    let mut out = Vec::new();
    let mut start = 1;
    for part in s[1..s.len() - 1].split([',', '/', ';']) {
        let offset = start + (part.len() - part.trim_start().len());
        out.push(span(s, base, offset..offset + part.trim().len()));
        start += part.len() + 1;
    }
    out
}

/// "print edition of The Straits Times", "© 2019 The Daily Star", "Copyright 2011 Reuters".
fn publication_cue(text: &str, line: &Range<usize>) -> Option<Field> {
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        let name = r"(?P<name>(?:The )?[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4})";
        Regex::new(&format!(
            r"(?:edition of|originally (?:appeared|published) in|©|\(c\)|Copyright)\s+(?:©\s*)?(?:\d{{4}}\s+)?{name}"
        ))
        .expect("publication regex")
    });
    let s = &text[line.clone()];
    let name = CUE.captures(s)?.name("name")?;
    Some(span(s, line.start, name.range()))
}
