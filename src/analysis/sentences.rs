//! Sentence boundaries inside blocks.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it)
//! when whitespace and then a capital, digit or opening quote follow, unless the word before a
//! period is an abbreviation or an initial ("Mr.", "Aug.", "U.S.", "John M. Glionna").

use super::blocks::Block;
use std::ops::Range;

/// Abbreviations that are usually followed by more of the same sentence. General English
/// titles, months and corporate suffixes; not drawn from any particular article.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "st",
    "jr", "sr", "rev", "hon", "pres", "vs", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "dept", "univ", "mt", "ft",
    "approx", "est", "e.g", "i.e", "etc", "al",
];

/// The sentences of every block, as byte ranges, in text order.
pub fn split_sentences(text: &str, blocks: &[Block]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(blocks.len() * 2);
    for block in blocks {
        sentences_in(text, block.range.clone(), &mut out);
    }
    out
}

fn sentences_in(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let line = &text[range.clone()];
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if matches!(
                next,
                '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '»'
            ) {
                chars.next();
                end = j + next.len_utf8();
            } else {
                break;
            }
        }
        if c == '.' && is_abbreviation(&line[start..i]) {
            continue;
        }
        if starts_new_sentence(&line[end..]) {
            let rest = &line[end..];
            out.push(range.start + start..range.start + end);
            start = end + (rest.len() - rest.trim_start().len());
        }
    }
    if start < line.len() {
        out.push(range.start + start..range.end);
    }
}

/// Whether the word just before a period (the end of `before`) is an abbreviation or initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '['))
        .next()
        .unwrap_or("");
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let single_capital =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    single_capital
        || word.contains('.')
        || ABBREVIATIONS
            .iter()
            .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word))
}

/// Whitespace, then something that can begin a sentence.
fn starts_new_sentence(rest: &str) -> bool {
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return false;
    }
    trimmed.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_numeric()
            || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::split_blocks;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, &split_blocks(text))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends_only() {
        assert_eq!(
            split(
                "Mr. Putin met U.S. officials on Aug. 25. “It went well,” he said! Next? Yes…\nNew line"
            ),
            [
                "Mr. Putin met U.S. officials on Aug. 25.",
                "“It went well,” he said!",
                "Next?",
                "Yes…",
                "New line"
            ]
        );
    }

    #[test]
    fn initials_and_closing_quotes() {
        assert_eq!(
            split("By John M. Glionna. He said “no.” Then 3.5 percent fell."),
            [
                "By John M. Glionna.",
                "He said “no.”",
                "Then 3.5 percent fell."
            ]
        );
        assert_eq!(
            split("lower. case stays together"),
            ["lower. case stays together"]
        );
        assert!(split("").is_empty());
    }
}
