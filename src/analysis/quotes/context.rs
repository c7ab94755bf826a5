//! The words around quotations: the text outside quotes as a stream of words, punctuation,
//! quotation placeholders and line breaks, cut into sentences.
//!
//! Attribution reads what surrounds a quotation, never what is inside it, so each quotation
//! is one opaque item. Sentence ends inside a quotation therefore do not cut the sentence
//! that carries it ("Yes. No," he said).

use super::lexicon;
use super::marks::Span;
use std::ops::Range;

/// One piece of the text outside quotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Item {
    Word(Range<usize>),
    Punct(Range<usize>, char),
    /// Quotation number `index`; `terminal` when its words end a sentence ("… today.").
    Quote {
        index: usize,
        terminal: bool,
    },
    /// End of a line (paragraph).
    Break,
}

impl Item {
    /// The word's text, if this is a word.
    pub fn word<'a>(&self, text: &'a str) -> Option<&'a str> {
        match self {
            Item::Word(r) => Some(&text[r.clone()]),
            _ => None,
        }
    }

    /// Where the item starts (quotations and breaks have no text of their own here).
    pub fn start(&self) -> Option<usize> {
        match self {
            Item::Word(r) | Item::Punct(r, _) => Some(r.start),
            _ => None,
        }
    }

    fn ends_sentence(&self) -> bool {
        matches!(self, Item::Punct(_, '.' | '!' | '?') | Item::Break)
    }
}

/// The item stream of the lines `blocks`, with quotation `spans` (sorted, outermost) as items.
pub(super) fn items(text: &str, blocks: &[Range<usize>], spans: &[Span]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut spans = spans.iter().enumerate().peekable();
    let mut pos = 0;
    for block in blocks {
        pos = pos.max(block.start);
        if pos >= block.end {
            continue;
        }
        while let Some(&(index, span)) = spans.peek().filter(|(_, s)| s.range.start < block.end) {
            tokenize(text, pos..span.range.start.max(pos), &mut out);
            out.push(Item::Quote {
                index,
                terminal: ends_with_stop(text, span),
            });
            pos = span.range.end;
            spans.next();
        }
        if pos <= block.end {
            tokenize(text, pos..block.end, &mut out);
            out.push(Item::Break);
        }
    }
    out
}

/// Whether the quoted words end with a full stop, question or exclamation mark.
fn ends_with_stop(text: &str, span: &Span) -> bool {
    let last = span.inner.last().map_or("", |r| text[r.clone()].trim_end());
    last.ends_with(['.', '!', '?', '…'])
}

/// Splits `range` into word and punctuation items.
fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Item>) {
    let slice = &text[range.clone()];
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let start = range.start + i;
        if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                let joins = matches!(d, '-' | '\'' | '’' | '.' | '&')
                    && slice[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if !(d.is_alphanumeric() || joins) {
                    break;
                }
                end = range.start + j + d.len_utf8();
                chars.next();
            }
            if text[end..].starts_with('.') && keeps_full_stop(&text[start..end]) {
                end += 1;
                chars.next();
            }
            out.push(Item::Word(start..end));
        } else if !c.is_whitespace() {
            out.push(Item::Punct(start..start + c.len_utf8(), c));
        }
    }
}

/// Whether a full stop after `word` is part of it ("Mr.", "M.", "U.S.") rather than a
/// sentence end.
fn keeps_full_stop(word: &str) -> bool {
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let abbreviation =
        lexicon::is_title(word) && (word.len() <= 3 || word == "Capt" || word == "Prof");
    initial || word.contains('.') || abbreviation || is_month_abbreviation(word)
}

fn is_month_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "St"
    )
}

/// How far back from a quotation or verb attribution looks, in items. Reporting clauses are
/// short; the bound keeps the work linear on pathological text (a megabyte without a stop).
pub(super) const WINDOW: usize = 60;

/// The items after position `at` up to the end of the sentence or the next quotation.
pub(super) fn after(items: &[Item], at: usize) -> &[Item] {
    let rest = &items[(at + 1).min(items.len())..];
    let end = rest
        .iter()
        .position(|i| i.ends_sentence() || matches!(i, Item::Quote { .. }))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The items of the sentence before position `at`. A sentence ending in a colon before a
/// line break carries on across it ("He said:" then a quoted paragraph).
pub(super) fn before(items: &[Item], at: usize) -> &[Item] {
    let head = &items[..at.min(items.len())];
    let mut start = head.len();
    let limit = head.len().saturating_sub(WINDOW);
    while start > limit {
        let item = &head[start - 1];
        let colon_before = start >= 2 && matches!(head[start - 2], Item::Punct(_, ':'));
        let stop = match item {
            Item::Break => !(start == head.len() && colon_before),
            Item::Quote { terminal, .. } => *terminal,
            other => other.ends_sentence(),
        };
        if stop {
            break;
        }
        start -= 1;
    }
    &head[start..]
}

/// The sentences of the stream, as index ranges (line breaks and stops end them).
pub(super) fn sentences(items: &[Item]) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    (0..items.len()).filter_map(move |i| {
        let end = match &items[i] {
            Item::Quote { terminal: true, .. } => i + 1,
            item if item.ends_sentence() => i + 1,
            _ if i + 1 == items.len() => i + 1,
            _ => return None,
        };
        let range = start..end;
        start = end;
        Some(range)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::blocks::split_blocks;
    use crate::analysis::quotes::marks::find_spans;

    fn stream(text: &str) -> Vec<Item> {
        let blocks: Vec<_> = split_blocks(text).into_iter().map(|b| b.range).collect();
        items(text, &blocks, &find_spans(text, &blocks))
    }

    fn show(text: &str, items: &[Item]) -> String {
        let parts: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Word(r) | Item::Punct(r, _) => text[r.clone()].to_string(),
                Item::Quote { index, .. } => format!("Q{index}"),
                Item::Break => "|".into(),
            })
            .collect();
        parts.join(" ")
    }

    #[test]
    fn quotations_are_opaque_items() {
        let text = "\"Yes. No,\" Mr. Lavrov said. \"Go.\"\nU.S. Sen. M. Smith agreed.";
        let items = stream(text);
        assert_eq!(
            show(text, &items),
            "Q0 Mr. Lavrov said . Q1 | U.S. Sen. M. Smith agreed . |"
        );
        assert_eq!(show(text, after(&items, 0)), "Mr. Lavrov said");
        assert_eq!(show(text, before(&items, 7)), "");
    }

    #[test]
    fn colon_carries_the_sentence_across_a_line() {
        let text = "Then Kim said:\n\"We will come.\"";
        let items = stream(text);
        let q = items
            .iter()
            .position(|i| matches!(i, Item::Quote { .. }))
            .unwrap();
        assert_eq!(show(text, before(&items, q)), "Then Kim said : |");
    }

    #[test]
    fn sentences_end_at_stops_breaks_and_terminal_quotes() {
        let text = "He left. \"Bye.\" She said \"hi\" then.";
        let items = stream(text);
        let got: Vec<_> = sentences(&items).map(|r| show(text, &items[r])).collect();
        assert_eq!(got, ["He left .", "Q0", "She said Q1 then .", "|"]);
    }

    #[test]
    fn words_keep_hyphens_apostrophes_and_initials() {
        let text = "Kim Sung-hwan's gas companies' John M. Glionna";
        let words: Vec<_> = stream(text).iter().filter_map(|i| i.word(text)).collect();
        assert_eq!(
            words,
            [
                "Kim",
                "Sung-hwan's",
                "gas",
                "companies",
                "John",
                "M.",
                "Glionna"
            ]
        );
    }
}
