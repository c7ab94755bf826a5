//! Pairs quotation marks into quotation spans.
//!
//! Straight marks have no direction, so their role comes from what surrounds them; curly and
//! angle marks say whether they open or close, but scraped text misuses them, so a mark in
//! the wrong place is read by context too. Single quotes double as apostrophes: one between
//! letters is an apostrophe, and an unclosed single quote is dropped at the end of its line.
//! A double quote left open at the end of a line continues when the next line reopens it
//! (the convention for quotes running across paragraphs); otherwise it ends there, unclosed.
//! In a transcript each turn opens with its speaker's label (`"WALLACE: …`) and is one
//! paragraph: a reopened paragraph with a label, or after a turn, is a quotation of its own.

use std::ops::Range;

/// A quotation found by its marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Span {
    /// From the opening mark to the closing mark, or to the end of the last line if unclosed.
    pub range: Range<usize>,
    /// The quoted text without its marks, one range per line the quotation runs across.
    pub inner: Vec<Range<usize>>,
    pub closed: bool,
    /// Quotations inside this one, marks included.
    pub nested: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
}

/// An opened quotation not yet closed.
#[derive(Debug, Clone)]
struct Open {
    kind: Kind,
    start: usize,
    parts: Vec<Range<usize>>,
    inner_start: usize,
}

/// What a mark can do where it stands.
/// The quotations open on a line, innermost last, with where the innermost of each kind
/// sits: every question a mark asks of them is answered without walking them, so a line of
/// thousands of unclosed marks is still read in one pass.
#[derive(Debug, Default)]
struct Stack {
    opens: Vec<Open>,
    /// Indices into `opens` of the double and of the single quotations, in order.
    doubles: Vec<usize>,
    singles: Vec<usize>,
}

impl Stack {
    fn push(&mut self, open: Open) {
        let index = self.opens.len();
        match open.kind {
            Kind::Double => self.doubles.push(index),
            Kind::Single => self.singles.push(index),
        }
        self.opens.push(open);
    }

    /// Closes the innermost quotation of `kind`, dropping those opened inside it.
    fn close(&mut self, kind: Kind) -> Option<Open> {
        let depth = *match kind {
            Kind::Double => self.doubles.last(),
            Kind::Single => self.singles.last(),
        }?;
        self.opens.truncate(depth + 1);
        for indices in [&mut self.doubles, &mut self.singles] {
            while indices.last().is_some_and(|&i| i >= depth) {
                indices.pop();
            }
        }
        self.opens.pop()
    }

    /// The outermost double quotation still open: it may run on into the next paragraph.
    fn outermost_double(self) -> Option<Open> {
        let first = *self.doubles.first()?;
        self.opens.into_iter().nth(first)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Opens(Kind),
    Closes(Kind),
    Nothing,
}

/// Finds the quotations of the lines `blocks` (trimmed, in text order).
pub(super) fn find_spans(text: &str, blocks: &[Range<usize>]) -> Vec<Span> {
    let mut raw: Vec<Span> = Vec::new();
    let mut carry: Option<(Open, usize)> = None;
    for block in blocks {
        let mut stack = Stack::default();
        let mut from = block.start;
        if let Some((mut open, last_end)) = carry.take() {
            let line = &text[block.clone()];
            // A transcript turn is one paragraph: the next one is a turn or a quote of its own.
            let turn = open
                .parts
                .first()
                .is_some_and(|p| speaker_label(&text[p.clone()]).is_some());
            match line.chars().next().filter(|c| is_reopening(*c)) {
                Some(c) if !turn && speaker_label(&line[c.len_utf8()..]).is_none() => {
                    from += c.len_utf8();
                    open.inner_start = from;
                    stack.push(open);
                }
                _ => raw.push(unclosed(open, last_end)),
            }
        }
        scan_block(text, from..block.end, &mut stack, &mut raw);
        if let Some(mut open) = stack.outermost_double() {
            open.parts.push(open.inner_start..block.end);
            carry = Some((open, block.end));
        }
    }
    if let Some((open, last_end)) = carry {
        raw.push(unclosed(open, last_end));
    }
    nest(raw)
}

/// A speaker's label at the start of a transcript turn: a name in capitals and a colon
/// ("WALLACE: ", "MS. ROE: "). Returns the name's length in bytes.
pub(super) fn speaker_label(text: &str) -> Option<usize> {
    let (name, rest) = text.split_once(": ")?;
    let words = name.split(' ').count();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = name
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    (capitals && letters >= 2 && words <= MAX_LABEL_WORDS && !rest.is_empty()).then_some(name.len())
}

/// A speaker's label has at most this many words.
const MAX_LABEL_WORDS: usize = 3;

fn is_reopening(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«')
}

fn unclosed(open: Open, end: usize) -> Span {
    let mut inner = open.parts;
    if inner.is_empty() {
        inner.push(open.inner_start..end);
    }
    Span {
        range: open.start..end,
        inner,
        closed: false,
        nested: Vec::new(),
    }
}

/// Pairs the marks of one line, recording closed quotations in `raw`.
fn scan_block(text: &str, range: Range<usize>, stack: &mut Stack, raw: &mut Vec<Span>) {
    let line = &text[range.clone()];
    let mut prev = text[..range.start].chars().next_back();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let at = range.start + i;
        match role(c, prev, next, stack) {
            Role::Opens(kind) => stack.push(Open {
                kind,
                start: at,
                parts: Vec::new(),
                inner_start: at + c.len_utf8(),
            }),
            Role::Closes(kind) => close(kind, at, at + c.len_utf8(), stack, raw),
            Role::Nothing => {}
        }
        prev = Some(c);
    }
}

/// Closes the innermost open quotation of `kind`, dropping single quotes left open in it.
fn close(kind: Kind, at: usize, end: usize, stack: &mut Stack, raw: &mut Vec<Span>) {
    let Some(mut open) = stack.close(kind) else {
        return;
    };
    open.parts.push(open.inner_start..at);
    raw.push(Span {
        range: open.start..end,
        inner: open.parts,
        closed: true,
        nested: Vec::new(),
    });
}

/// The role of quote mark `c` between `prev` and `next`.
fn role(c: char, prev: Option<char>, next: Option<char>, stack: &Stack) -> Role {
    let double_open = !stack.doubles.is_empty();
    let single_on_top = stack.opens.last().is_some_and(|o| o.kind == Kind::Single);
    let left = next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(opens_after);
    let right = prev.is_some_and(|p| !p.is_whitespace());
    let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
    match c {
        '"' if double_open => Role::Closes(Kind::Double),
        '"' if left => Role::Opens(Kind::Double),
        '“' if double_open && right && !left => Role::Closes(Kind::Double),
        '“' | '„' | '«' => Role::Opens(Kind::Double),
        '”' | '»' if double_open => Role::Closes(Kind::Double),
        '”' if left => Role::Opens(Kind::Double),
        '\'' | '’' if word(prev) && word(next) => Role::Nothing,
        '\'' | '’' if single_on_top && right && !word(next) => Role::Closes(Kind::Single),
        '\'' | '‘' if left && !word(prev) => Role::Opens(Kind::Single),
        _ => Role::Nothing,
    }
}

/// Whether a quotation can open right after `c`.
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '"' | '“' | '‘' | '\'' | '«' | '„'
        )
}

/// Keeps the outermost spans, attaching the spans inside each as its nested quotations.
fn nest(mut raw: Vec<Span>) -> Vec<Span> {
    raw.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
    let mut out: Vec<Span> = Vec::new();
    for span in raw {
        match out.last_mut() {
            Some(outer) if span.range.start < outer.range.end => outer.nested.push(span.range),
            _ => out.push(span),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::blocks::split_blocks;

    fn spans(text: &str) -> Vec<Span> {
        let blocks: Vec<_> = split_blocks(text).into_iter().map(|b| b.range).collect();
        find_spans(text, &blocks)
    }

    fn quoted(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|s| &text[s.range]).collect()
    }

    #[test]
    fn straight_and_curly_quotes() {
        assert_eq!(
            quoted(r#""Yes," he said, "and no.""#),
            ["\"Yes,\"", "\"and no.\""]
        );
        assert_eq!(quoted("“Yes,” he said. «Non»"), ["“Yes,”", "«Non»"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            quoted("Russia’s gas companies' chiefs don't 'know' it"),
            ["'know'"]
        );
        assert!(quoted("the '90s were rock 'n roll").is_empty());
    }

    #[test]
    fn nested_quotes_belong_to_the_outer_one() {
        let text = r#""He called it 'undesirable' and 'foreign,'" she said."#;
        let found = spans(text);
        assert_eq!(found.len(), 1);
        let nested: Vec<_> = found[0].nested.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(nested, ["'undesirable'", "'foreign,'"]);
        let text = "“Who wrote “Ode to Joy”?” she asked.";
        assert_eq!(quoted(text), ["“Who wrote “Ode to Joy”?”"]);
    }

    #[test]
    fn quote_runs_across_paragraphs_when_reopened() {
        let text = "\"First part.\n\n\"Second part,\" he said.\nAfter.";
        let found = spans(text);
        assert_eq!(found.len(), 1);
        assert!(found[0].closed);
        assert_eq!(
            &text[found[0].range.clone()],
            "\"First part.\n\n\"Second part,\""
        );
        let inner: Vec<_> = found[0].inner.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(inner, ["First part.", "Second part,"]);
    }

    #[test]
    fn each_turn_of_a_transcript_is_a_quotation() {
        let text =
            "\"ROE: Will the pier close?\n\n\"MR. DOE: Not this year.\n\n\"It will wait.\nAfter.";
        assert_eq!(
            quoted(text),
            [
                "\"ROE: Will the pier close?",
                "\"MR. DOE: Not this year.",
                "\"It will wait."
            ]
        );
        assert_eq!(speaker_label("MR. DOE: Not this year."), Some(7));
        assert_eq!(speaker_label("NATO: the alliance"), Some(4));
        assert_eq!(speaker_label("Note: the pier"), None);
        assert_eq!(speaker_label("A: yes"), None);
    }

    #[test]
    fn open_quote_not_reopened_ends_unclosed_at_line_end() {
        let text = "He said \"never mind\nNext line.";
        let found = spans(text);
        assert_eq!(&text[found[0].range.clone()], "\"never mind");
        assert!(!found[0].closed);
        assert_eq!(&text[found[0].inner[0].clone()], "never mind");
    }

    #[test]
    fn closing_mark_misused_as_opener() {
        assert_eq!(quoted("said ”yes” today"), ["”yes”"]);
        assert_eq!(quoted("a „Zitat“ hier"), ["„Zitat“"]);
    }
}
