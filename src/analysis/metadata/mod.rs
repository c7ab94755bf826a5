//! Article metadata read from the text's own cues: headline, publication, authors, date,
//! dateline place and relaying agencies.
//!
//! Scraped articles keep these as plain lines: a headline above the story, a byline ("By A
//! and B, Publication"), a dateline opening the first paragraph ("MOSCOW —"), a credit line
//! at the end ("(Bloomberg, MT)", "Jane Doe, The Associated Press"). A `<source/>` header,
//! when the annotator has written one, wins over all of them.

mod credits;
pub mod date;

use super::blocks::Block;
use super::citation;
use date::DateMention;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A value and where the text gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    pub range: Range<usize>,
}

/// What the article says about itself. Absent fields were not found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub headline: Option<Field>,
    pub publication: Option<Field>,
    pub authors: Vec<Field>,
    /// The publication date; `date.iso()` gives `YYYY-MM-DD` when complete.
    pub date: Option<DateMention>,
    /// The place the story was filed from ("MOSCOW", "Seoul and Moscow").
    pub dateline: Option<Field>,
    /// Agencies and outlets credited for the story ("Bloomberg", "The Associated Press").
    pub agencies: Vec<Field>,
}

/// Reads the metadata of `text`, whose lines are `blocks`.
pub fn extract(text: &str, blocks: &[Block]) -> Metadata {
    let masked = citation::mask(text);
    let lines: Vec<Range<usize>> = blocks
        .iter()
        .filter_map(|b| trimmed(&masked, &b.range))
        .collect();
    let mut metadata = from_cues(&masked, &lines);
    apply_source_header(text, &mut metadata);
    metadata
}

/// The line shrunk to its non-blank text; `None` when masking left it blank.
fn trimmed(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let line = text.get(range.clone())?;
    let start = range.start + (line.len() - line.trim_start().len());
    let end = range.start + line.trim_end().len();
    (start < end).then_some(start..end)
}

/// Metadata from the lines' own cues.
fn from_cues(text: &str, lines: &[Range<usize>]) -> Metadata {
    let first_body = lines
        .iter()
        .position(|l| is_body(&text[l.clone()]))
        .unwrap_or(lines.len());
    let header = &lines[..first_body];
    let opening = &lines[..(first_body + 6).min(lines.len())];
    let credits = credits::find(text, opening, lines);
    Metadata {
        headline: header
            .iter()
            .find(|l| looks_like_headline(&text[(*l).clone()]))
            .map(|l| field(text, l.clone())),
        publication: credits.publication,
        authors: credits.authors,
        date: publication_date(text, header, lines),
        dateline: opening.iter().find_map(|l| dateline(text, l)),
        agencies: credits.agencies,
    }
}

fn field(text: &str, range: Range<usize>) -> Field {
    Field {
        value: text[range.clone()].to_string(),
        range,
    }
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A story paragraph: long and ending like a sentence.
fn is_body(line: &str) -> bool {
    words(line) >= 20
        && line
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '!', '?', '…'])
}

/// A headline has a handful of words, no final punctuation, is not shouted, and does not
/// talk to the reader ("Support us", "Enjoying ad-free content?").
fn looks_like_headline(line: &str) -> bool {
    let n = words(line);
    let letters = line.chars().filter(|c| c.is_alphabetic());
    let (upper, total) = letters.fold((0, 0), |(u, t), c| {
        (u + usize::from(c.is_uppercase()), t + 1)
    });
    let to_reader = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "you" | "your" | "we" | "us" | "our"
            )
        })
        .count();
    (3..=20).contains(&n)
        && !line.ends_with(['.', ':', ',', ';', '?', '!', '…'])
        && upper * 2 <= total
        && to_reader == 0
        && !line.contains(['|', '©'])
        && !line.starts_with("By ")
}

/// The first complete date standing where publication dates stand: on a short line of its
/// own, in a byline, or next to "published", "updated" or "print edition".
fn publication_date(
    text: &str,
    header: &[Range<usize>],
    lines: &[Range<usize>],
) -> Option<DateMention> {
    let dated = |line: &Range<usize>, cue_needed: bool| {
        let s = &text[line.clone()];
        if !date::may_hold_a_date(s) {
            return None;
        }
        // A line of the story needs a cue: look for it before the dates.
        let cue = has_date_cue(s);
        if cue_needed && !cue {
            return None;
        }
        date::find_dates(s).into_iter().find_map(|d| {
            let rest = words(&s[..d.range.start]) + words(&s[d.range.end..]);
            let ok = cue || rest <= 6;
            (ok && d.iso().is_some()).then(|| DateMention {
                range: line.start + d.range.start..line.start + d.range.end,
                ..d
            })
        })
    };
    header
        .iter()
        .find_map(|l| dated(l, false))
        .or_else(|| lines.iter().find_map(|l| dated(l, true)))
}

fn has_date_cue(line: &str) -> bool {
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(published|updated|posted|appeared|print edition)\b|\|\s*By\b|^By\b")
            .expect("cue regex")
    });
    CUE.is_match(line)
}

/// "MOSCOW —", "SEOUL, South Korea (AP) —", "PYONGYANG •", "Reporting from Seoul —".
fn dateline(text: &str, line: &Range<usize>) -> Option<Field> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        let caps = r"[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+)*";
        let region = r"(?:, [A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+)*)?";
        let pattern = format!(
            r"^(?:(?P<place>{caps}{region})|Reporting from (?P<from>[^—–•]+?))\s*(?:\([^)]{{1,40}}\)\s*)?[—–•-]\s"
        );
        Regex::new(&pattern).expect("dateline regex")
    });
    let s = &text[line.clone()];
    let captures = DATELINE.captures(s)?;
    let place = captures.name("place").or_else(|| captures.name("from"))?;
    Some(field(
        text,
        line.start + place.start()..line.start + place.end(),
    ))
}

/// Lets the annotator's `<source/>` header override what the cues gave.
fn apply_source_header(text: &str, metadata: &mut Metadata) {
    let parsed = citation::parse(text);
    let Some(source) = parsed.sources.first() else {
        return;
    };
    let value = |name: &str| {
        source
            .attribute(name)
            .filter(|a| !a.value.is_empty())
            .map(|a| Field {
                value: a.value.clone(),
                range: a.value_range.clone(),
            })
    };
    metadata.headline = value("title").or(metadata.headline.take());
    metadata.publication = value("publication").or(metadata.publication.take());
    if let Some(date) = value("date").and_then(|f| iso_mention(&f)) {
        metadata.date = Some(date);
    }
    if let Some(authors) = value("authors") {
        metadata.authors = split_authors(&authors);
    }
}

fn iso_mention(field: &Field) -> Option<DateMention> {
    let (year, month, day) = date::parse_iso(&field.value).ok()?;
    Some(DateMention {
        range: field.range.clone(),
        year: Some(year),
        month: Some(month),
        day: Some(day),
    })
}

/// The `;`-separated authors of a header; ranges are exact when the value has no escapes.
fn split_authors(authors: &Field) -> Vec<Field> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in authors.value.split(';') {
        let name = part.trim();
        let start = authors.range.start + offset + (part.len() - part.trim_start().len());
        offset += part.len() + 1;
        if !name.is_empty() {
            let end = (start + name.len()).min(authors.range.end);
            out.push(Field {
                value: name.to_string(),
                range: start.min(end)..end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
