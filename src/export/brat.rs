//! The `brat` format: a standoff `.ann` file beside a copy of the text, for brat and
//! INCEpTION. Quotes follow PolNeAR's attribution scheme: a `Content` span, a `Source` span
//! and an `Attribution` event joining them.

use super::standoff::{Span, StandOff};
use std::fmt::Write;
use std::ops::Range;

/// The collection's `annotation.conf`: the types the `.ann` files use.
pub const ANNOTATION_CONF: &str = "\
# Written by newsls export --format brat.
[entities]
PERSON
ORG
PLACE
OTHER
Source
Content
Boilerplate
Citation

[relations]
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]
# PolNeAR marks the cue (\"said\"); newsls finds no cue, so the trigger is the source mention.
Attribution\tSource:Source, Content:Content

[attributes]
Category\tArg:Boilerplate, Value:appeal|navigation|teaser-list|caption|notice|duplicate|title|template|aside
";

/// The `.ann` text of an article. Spans that run over line breaks or tabs become fragments
/// (`start end;start end`), as brat writes them.
pub fn ann(article: &StandOff) -> String {
    let mut out = Ann {
        // Two lines of about 60 bytes per entity mention: its span and its note.
        text: String::with_capacity(128 * article.entities.len() + 256),
        ..Ann::default()
    };
    for e in &article.entities {
        let t = out.span(article, e.label, &e.span);
        out.note(t, &e.entity_id);
    }
    for q in &article.quotes {
        let content = out.span(article, "Content", &q.span);
        let mut notes = Vec::new();
        if let Some(channel) = &q.channel {
            notes.push(format!("channel: {channel}"));
        }
        if let Some(confidence) = q.confidence {
            notes.push(format!("confidence: {confidence}"));
        }
        if let Some(speaker) = &q.speaker {
            let source = out.span(article, "Source", &speaker.span);
            let trigger = out.span(article, "Attribution", &speaker.span);
            out.event(trigger, content, source);
            notes.insert(0, format!("speaker: {}", speaker.name));
            let id = speaker.entity_id.as_deref().unwrap_or("");
            out.note(source, format!("{} {id}", speaker.name).trim_end());
        }
        if !notes.is_empty() {
            out.note(content, &notes.join("; "));
        }
    }
    for b in &article.boilerplate {
        let t = out.span(article, "Boilerplate", &b.span);
        out.attribute(t, "Category", b.category);
    }
    for c in &article.cites {
        let t = out.span(article, "Citation", &c.span);
        let mut note = format!("speaker: {}", c.fields.speaker);
        let names = ["entity", "source", "date", "channel"];
        for (name, value) in names.into_iter().zip(c.details()) {
            if let Some(value) = value {
                let _ = write!(note, "; {name}: {value}");
            }
        }
        out.note(t, &note);
    }
    out.text
}

/// Lines being written, with the next number of each kind.
#[derive(Default)]
struct Ann {
    text: String,
    spans: usize,
    events: usize,
    attributes: usize,
    notes: usize,
}

impl Ann {
    /// A `T` line; returns its number.
    fn span(&mut self, article: &StandOff, label: &str, span: &Span) -> usize {
        self.spans += 1;
        let text = &mut self.text;
        text.push('T');
        push_num(text, self.spans);
        text.push('\t');
        text.push_str(label);
        text.push(' ');
        let words = article.slice(span);
        if !words.contains(breaks_line) && !span.is_empty() {
            // One piece, as almost every span is.
            push_num(text, span.start);
            text.push(' ');
            push_num(text, span.end);
            text.push('\t');
            text.push_str(words);
        } else {
            let parts = fragments(article, span);
            for (i, f) in parts.iter().enumerate() {
                if i > 0 {
                    text.push(';');
                }
                push_num(text, f.start);
                text.push(' ');
                push_num(text, f.end);
            }
            text.push('\t');
            for (i, f) in parts.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(article.slice(f));
            }
        }
        text.push('\n');
        self.spans
    }

    fn event(&mut self, trigger: usize, content: usize, source: usize) {
        self.events += 1;
        let e = self.events;
        let _ = writeln!(
            self.text,
            "E{e}\tAttribution:T{trigger} Content:T{content} Source:T{source}"
        );
    }

    fn attribute(&mut self, span: usize, name: &str, value: &str) {
        self.attributes += 1;
        let _ = writeln!(self.text, "A{}\t{name} T{span} {value}", self.attributes);
    }

    /// An `AnnotatorNotes` line; tabs and line breaks in `note` become spaces.
    fn note(&mut self, span: usize, note: &str) {
        self.notes += 1;
        let text = &mut self.text;
        text.push('#');
        push_num(text, self.notes);
        text.push_str("\tAnnotatorNotes T");
        push_num(text, span);
        text.push('\t');
        match note.contains(breaks_line) {
            true => text.extend(note.chars().map(|c| if breaks_line(c) { ' ' } else { c })),
            false => text.push_str(note),
        }
        text.push('\n');
    }
}

/// Appends a number.
fn push_num(text: &mut String, n: usize) {
    text.push_str(itoa::Buffer::new().format(n));
}

/// The pieces of `span` between line breaks and tabs, none empty (one empty piece at the
/// span's start when it holds nothing else).
fn fragments(article: &StandOff, span: &Span) -> Vec<Span> {
    let bytes = span.bytes();
    let piece = |chars: Range<usize>, at: Range<usize>| {
        Span::new(chars, bytes.start + at.start..bytes.start + at.end)
    };
    let mut parts = Vec::new();
    // Where the current piece starts: code point and byte.
    let (mut start, mut from) = (span.start, 0);
    for (i, (byte, c)) in article.slice(span).char_indices().enumerate() {
        if breaks_line(c) {
            let at = span.start + i;
            if at > start {
                parts.push(piece(start..at, from..byte));
            }
            (start, from) = (at + 1, byte + c.len_utf8());
        }
    }
    if span.end > start {
        parts.push(piece(start..span.end, from..bytes.len()));
    }
    if parts.is_empty() {
        parts.push(piece(span.start..span.start, 0..0));
    }
    parts
}

/// Characters that end a line of an `.ann` file for its readers (Python's `splitlines`), and
/// the tab that separates its fields.
fn breaks_line(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::FileEntry;
    use std::collections::HashSet;

    fn article(text: &str) -> StandOff {
        StandOff::new(&FileEntry::new(text, false), None, &[], &HashSet::new())
    }

    #[test]
    fn quotes_become_content_source_and_an_attribution_event() {
        let text = "Talks resumed in Geneva.\n\n“We are ready,” said Sergei Lavrov.\n";
        let ann = ann(&article(text));
        assert!(ann.contains("\tContent 26 41\t“We are ready,”\n"), "{ann}");
        assert!(ann.contains("\tSource 47 60\tSergei Lavrov\n"), "{ann}");
        assert!(
            ann.contains("\tAttribution 47 60\tSergei Lavrov\n"),
            "{ann}"
        );
        assert!(
            ann.lines().any(|l| l.starts_with("E1\tAttribution:T")),
            "{ann}"
        );
    }

    #[test]
    fn spans_over_line_breaks_and_tabs_are_fragments() {
        let s = article("One line.\n\nAnother\tline.\u{2028}x\u{2028}");
        let parts = fragments(&s, &s.span(0..26));
        assert_eq!(parts, [0..9, 11..18, 19..24, 25..26].map(|r| s.span(r)));
        let words: Vec<&str> = parts.iter().map(|p| s.slice(p)).collect();
        assert_eq!(words, ["One line.", "Another", "line.", "x"]);
        assert_eq!(fragments(&s, &s.span(9..11)), [s.span(9..9)]);
        let mut out = Ann::default();
        out.span(&s, "Content", &s.span(0..18));
        assert_eq!(out.text, "T1\tContent 0 9;11 18\tOne line. Another\n");
        out.span(&s, "Source", &s.span(11..18));
        out.span(&s, "Source", &s.span(9..9));
        out.note(2, "a\tnote\nover lines");
        let lines: Vec<&str> = out.text.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "T2\tSource 11 18\tAnother",
                "T3\tSource 9 9\t",
                "#1\tAnnotatorNotes T2\ta note over lines"
            ]
        );
    }
}
