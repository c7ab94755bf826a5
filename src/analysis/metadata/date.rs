//! Calendar dates written in article text, and the ISO form tags use.
//!
//! Recognises "Aug. 25, 2011", "August 25 2011", "25 August 2011", "2011-08-25",
//! "2011/08/25", with an optional weekday in front, and incomplete ones ("Aug. 25",
//! "August 2011"). A weekday alone is not a date. Only complete, real dates get an ISO form.

use regex::Regex;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

/// Why a `YYYY-MM-DD` value is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsoDateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// Well formed but no such day, e.g. `2011-02-30`.
    NoSuchDay,
}

impl fmt::Display for IsoDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IsoDateError::Format => write!(f, "expected a date as YYYY-MM-DD"),
            IsoDateError::NoSuchDay => write!(f, "no such day in the calendar"),
        }
    }
}

/// Reads a strict `YYYY-MM-DD` date.
pub fn parse_iso(value: &str) -> Result<(i32, u32, u32), IsoDateError> {
    let b = value.as_bytes();
    let digits = |r: Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return Err(IsoDateError::Format);
    }
    let number = |r: Range<usize>| value[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4) as i32, number(5..7), number(8..10));
    if is_real(year, month, day) {
        Ok((year, month, day))
    } else {
        Err(IsoDateError::NoSuchDay)
    }
}

/// Whether the day exists in the (proleptic Gregorian) calendar.
fn is_real(year: i32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A date written in the text; parts the text leaves out are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub range: Range<usize>,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl DateMention {
    /// `YYYY-MM-DD` when year, month and day are all known.
    pub fn iso(&self) -> Option<String> {
        Some(format!(
            "{:04}-{:02}-{:02}",
            self.year?, self.month?, self.day?
        ))
    }
}

const MONTH: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
const WEEKDAY: &str = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)\.?,?\s+)?";

/// The date forms: (regex, which capture holds year, month, day).
static FORMS: LazyLock<Vec<(Regex, [usize; 3])>> = LazyLock::new(|| {
    let form = |pattern: String, groups| (Regex::new(&pattern).expect("date regex"), groups);
    vec![
        form(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b".into(), [1, 2, 3]),
        form(
            format!(r"\b{WEEKDAY}{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"),
            [3, 1, 2],
        ),
        form(
            format!(r"\b{WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+(\d{{4}})\b)?"),
            [3, 2, 1],
        ),
        form(format!(r"\b{MONTH},?\s+(\d{{4}})\b"), [2, 1, 0]),
    ]
});

/// Whether `text` has a digit, which every form needs. Most lines have none, and running the
/// four regexes with captures on every line was a tenth of the whole analysis.
pub fn may_hold_a_date(text: &str) -> bool {
    text.chars().any(char::is_numeric)
}

/// The dates written in `text`, in order, without overlaps (the longest wins).
pub fn find_dates(text: &str) -> Vec<DateMention> {
    if !may_hold_a_date(text) {
        return Vec::new();
    }
    let mut found: Vec<DateMention> = FORMS
        .iter()
        .flat_map(|(regex, groups)| {
            regex
                .captures_iter(text)
                .filter_map(move |c| mention(&c, *groups))
        })
        .collect();
    found.sort_by_key(|d| (d.range.start, std::cmp::Reverse(d.range.end)));
    let mut out: Vec<DateMention> = Vec::with_capacity(found.len());
    for date in found {
        if out
            .last()
            .is_none_or(|last| date.range.start >= last.range.end)
        {
            out.push(date);
        }
    }
    out
}

/// Builds a mention from a match, or `None` when its parts cannot be a date.
fn mention(captures: &regex::Captures, [y, m, d]: [usize; 3]) -> Option<DateMention> {
    let group = |i: usize| {
        (i > 0)
            .then(|| captures.get(i))
            .flatten()
            .map(|g| g.as_str())
    };
    let year = group(y).and_then(|s| s.parse().ok());
    let month = group(m).and_then(|s| s.parse().ok().or_else(|| month_number(s)))?;
    let day = group(d).and_then(|s| s.parse().ok());
    let possible = match (year, day) {
        (Some(year), Some(day)) => is_real(year, month, day),
        (None, Some(day)) => is_real(2000, month, day),
        _ => (1..=12).contains(&month),
    };
    possible.then(|| DateMention {
        range: captures.get(0).map_or(0..0, |g| g.range()),
        year,
        month: Some(month),
        day,
    })
}

fn month_number(name: &str) -> Option<u32> {
    const PREFIXES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    PREFIXES
        .iter()
        .position(|p| name.starts_with(p))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isos(text: &str) -> Vec<(&str, Option<String>)> {
        find_dates(text)
            .into_iter()
            .map(|d| (&text[d.range.clone()], d.iso()))
            .collect()
    }

    #[test]
    fn parses_strict_iso() {
        assert_eq!(parse_iso("2012-02-29"), Ok((2012, 2, 29)));
        assert_eq!(parse_iso("2011-02-29"), Err(IsoDateError::NoSuchDay));
        assert_eq!(parse_iso("2011-13-01"), Err(IsoDateError::NoSuchDay));
        assert_eq!(parse_iso("2011-8-25"), Err(IsoDateError::Format));
        assert_eq!(parse_iso("2011-08-25 "), Err(IsoDateError::Format));
        assert_eq!(parse_iso("२०११-०८-२५"), Err(IsoDateError::Format));
    }

    #[test]
    fn recognises_common_forms() {
        let iso = Some("2011-08-25".to_string());
        assert_eq!(
            isos("on Aug. 25, 2011 at"),
            [("Aug. 25, 2011", iso.clone())]
        );
        assert_eq!(isos("25 August 2011"), [("25 August 2011", iso.clone())]);
        assert_eq!(isos("(2011-08-25)"), [("2011-08-25", iso.clone())]);
        assert_eq!(
            isos("Thursday, August 25, 2011"),
            [("Thursday, August 25, 2011", iso)]
        );
        assert_eq!(
            isos("June 01, 2018,"),
            [("June 01, 2018", Some("2018-06-01".into()))]
        );
    }

    #[test]
    fn incomplete_dates_have_no_iso() {
        assert_eq!(isos("Nov. 19 The"), [("Nov. 19", None)]);
        assert_eq!(isos("in July 2000 en route"), [("July 2000", None)]);
        let july = &find_dates("in July 2000")[0];
        assert_eq!(
            (july.year, july.month, july.day),
            (Some(2000), Some(7), None)
        );
    }

    #[test]
    fn weekdays_and_impossible_dates_are_not_dates() {
        assert!(isos("on Wednesday, officials").is_empty());
        assert!(isos("Feb. 30, 2011").is_empty());
        assert!(isos("the May meeting, a 2011 plan").is_empty());
    }
}
