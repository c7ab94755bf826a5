//! Citation tags: the small markup annotators insert to record who said what.
//!
//! ```text
//! <source publication="…" title="…" date="YYYY-MM-DD" authors="A; B"/>   (own line)
//! <cite speaker="…" source="…" date="YYYY-MM-DD" channel="…">"quote"</cite>
//! ```
//!
//! Values are in double quotes and escape `"` `&` `<` `>` as `&quot; &amp; &lt; &gt;`. A tag
//! never spans a line break (a cite's *content* may). Tags do not nest. Parsing never fails:
//! it returns what it understood plus errors with byte ranges, in linear time.

mod lexer;
mod mask;
mod render;

pub use mask::{markup, mask};
pub use render::{CiteFields, SourceFields, escape, render_cite, render_source};

use super::metadata::date::{self, IsoDateError};
use lexer::{Token, TokenKind};
use std::fmt;
use std::ops::Range;

/// Attributes a `<cite>` may carry.
pub const CITE_ATTRIBUTES: [&str; 4] = ["speaker", "source", "date", "channel"];
/// Attributes a `<source/>` header may carry.
pub const SOURCE_ATTRIBUTES: [&str; 4] = ["publication", "title", "date", "authors"];

/// One `name="value"` of a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub name_range: Range<usize>,
    /// The value with escapes decoded.
    pub value: String,
    /// Byte range of the raw value, inside the quotes.
    pub value_range: Range<usize>,
}

/// A `<cite …>…</cite>` around a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteTag {
    /// The opening tag, `<` to `>`.
    pub open: Range<usize>,
    pub attributes: Vec<Attribute>,
    /// Between the tags: the quotation with its marks.
    pub content: Range<usize>,
    /// The closing tag; `None` when the cite is never closed (content then runs to the end).
    pub close: Option<Range<usize>>,
}

/// A `<source …/>` article header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceTag {
    pub range: Range<usize>,
    pub attributes: Vec<Attribute>,
}

/// What went wrong with the markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagErrorKind {
    /// Broken syntax; the text says what.
    Malformed(String),
    UnclosedCite,
    StrayClose,
    NestedCite,
    UnknownAttribute {
        tag: &'static str,
        name: String,
    },
    DuplicateAttribute(String),
    BadDate {
        value: String,
        problem: IsoDateError,
    },
    MissingAttribute {
        tag: &'static str,
        name: &'static str,
    },
    SourceNotOnOwnLine,
}

/// A markup error at a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagError {
    pub range: Range<usize>,
    pub kind: TagErrorKind,
}

impl TagError {
    /// A sentence for a diagnostic.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for TagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            TagErrorKind::Malformed(why) => write!(f, "malformed tag: {why}"),
            TagErrorKind::UnclosedCite => write!(f, "`<cite>` is never closed with `</cite>`"),
            TagErrorKind::StrayClose => write!(f, "`</cite>` without an opening `<cite>`"),
            TagErrorKind::NestedCite => {
                write!(f, "`<cite>` inside another `<cite>`: tags do not nest")
            }
            TagErrorKind::UnknownAttribute { tag, name } => {
                let known = if *tag == "cite" {
                    CITE_ATTRIBUTES
                } else {
                    SOURCE_ATTRIBUTES
                };
                write!(
                    f,
                    "unknown attribute `{name}` on `<{tag}>`; expected one of {}",
                    known.join(", ")
                )
            }
            TagErrorKind::DuplicateAttribute(name) => {
                write!(f, "attribute `{name}` is given twice")
            }
            TagErrorKind::BadDate { value, problem } => write!(f, "date \"{value}\": {problem}"),
            TagErrorKind::MissingAttribute { tag, name } => {
                write!(f, "`<{tag}>` needs a non-empty `{name}` attribute")
            }
            TagErrorKind::SourceNotOnOwnLine => {
                write!(f, "`<source/>` must be on a line of its own")
            }
        }
    }
}

/// Everything the parser found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citations {
    pub cites: Vec<CiteTag>,
    pub sources: Vec<SourceTag>,
    pub errors: Vec<TagError>,
}

impl Citations {
    /// No tags and no errors: the text has no citation markup.
    pub fn is_empty(&self) -> bool {
        self.cites.is_empty() && self.sources.is_empty() && self.errors.is_empty()
    }
}

/// Parses the citation tags of `text`.
pub fn parse(text: &str) -> Citations {
    let mut out = Citations::default();
    let tokens = lexer::tokens(text, &mut out.errors);
    let mut open: Option<Token> = None;
    for token in tokens {
        match token.kind {
            TokenKind::Open if open.is_some() => out
                .errors
                .push(error(&token.range, TagErrorKind::NestedCite)),
            TokenKind::Open => open = Some(token),
            TokenKind::Close => match open.take() {
                Some(start) => out
                    .cites
                    .push(cite(start, Some(token.range), &mut out.errors)),
                None => out
                    .errors
                    .push(error(&token.range, TagErrorKind::StrayClose)),
            },
            TokenKind::Source => {
                if !on_own_line(text, &token.range) {
                    out.errors
                        .push(error(&token.range, TagErrorKind::SourceNotOnOwnLine));
                }
                check_attributes(
                    "source",
                    &SOURCE_ATTRIBUTES,
                    &token.attributes,
                    &mut out.errors,
                );
                out.sources.push(SourceTag {
                    range: token.range,
                    attributes: token.attributes,
                });
            }
        }
    }
    if let Some(start) = open {
        out.errors
            .push(error(&start.range, TagErrorKind::UnclosedCite));
        let mut tag = cite(start, None, &mut out.errors);
        tag.content.end = text.len();
        out.cites.push(tag);
    }
    out.errors.sort_by_key(|e| (e.range.start, e.range.end));
    out
}

fn error(range: &Range<usize>, kind: TagErrorKind) -> TagError {
    TagError {
        range: range.clone(),
        kind,
    }
}

/// Builds a cite from its opening token and checks its attributes.
fn cite(open: Token, close: Option<Range<usize>>, errors: &mut Vec<TagError>) -> CiteTag {
    check_attributes("cite", &CITE_ATTRIBUTES, &open.attributes, errors);
    let has_speaker = open
        .attributes
        .iter()
        .any(|a| a.name == "speaker" && !a.value.trim().is_empty());
    if !has_speaker {
        let kind = TagErrorKind::MissingAttribute {
            tag: "cite",
            name: "speaker",
        };
        errors.push(error(&open.range, kind));
    }
    let content_end = close.as_ref().map_or(open.range.end, |c| c.start);
    CiteTag {
        content: open.range.end..content_end,
        open: open.range,
        attributes: open.attributes,
        close,
    }
}

/// Reports unknown and duplicate attributes and bad dates.
fn check_attributes(
    tag: &'static str,
    known: &[&str],
    attributes: &[Attribute],
    errors: &mut Vec<TagError>,
) {
    for (i, attribute) in attributes.iter().enumerate() {
        let name = &attribute.name;
        if !known.contains(&name.as_str()) {
            let kind = TagErrorKind::UnknownAttribute {
                tag,
                name: name.clone(),
            };
            errors.push(error(&attribute.name_range, kind));
        } else if attributes[..i].iter().any(|a| &a.name == name) {
            errors.push(error(
                &attribute.name_range,
                TagErrorKind::DuplicateAttribute(name.clone()),
            ));
        } else if name == "date" && !attribute.value.trim().is_empty() {
            // An empty value is a field left to fill in, as everywhere else.
            if let Err(problem) = date::parse_iso(&attribute.value) {
                let kind = TagErrorKind::BadDate {
                    value: attribute.value.clone(),
                    problem,
                };
                errors.push(error(&attribute.value_range, kind));
            }
        }
    }
}

/// Whether only whitespace shares the line with `range`.
fn on_own_line(text: &str, range: &Range<usize>) -> bool {
    // Stops at the first non-blank character, so many tags on one line stay linear.
    let blank = |chars: &mut dyn Iterator<Item = char>| {
        chars
            .take_while(|c| *c != '\n' && *c != '\r')
            .all(char::is_whitespace)
    };
    blank(&mut text[..range.start].chars().rev()) && blank(&mut text[range.end..].chars())
}

impl CiteTag {
    /// The first attribute called `name`.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The tag's values as plain fields (empty values count as absent).
    pub fn fields(&self) -> CiteFields {
        let value = |name| non_empty(self.attribute(name));
        CiteFields {
            speaker: value("speaker").unwrap_or_default(),
            source: value("source"),
            date: value("date"),
            channel: value("channel"),
        }
    }
}

impl SourceTag {
    /// The first attribute called `name`.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The header's values as plain fields; authors are split at `;`.
    pub fn fields(&self) -> SourceFields {
        let value = |name| non_empty(self.attribute(name));
        let authors = value("authors").unwrap_or_default();
        SourceFields {
            publication: value("publication"),
            title: value("title"),
            date: value("date"),
            authors: authors
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect(),
        }
    }
}

fn non_empty(attribute: Option<&Attribute>) -> Option<String> {
    attribute.map(|a| a.value.clone()).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TagErrorKind, &str)> {
        parse(text)
            .errors
            .into_iter()
            .map(|e| (e.kind, &text[e.range]))
            .collect()
    }

    #[test]
    fn parses_the_design_examples() {
        let text = "<source publication=\"Los Angeles Times\" title=\"Kim visits\" date=\"2011-08-25\" authors=\"John M. Glionna; Khristina Narizhnaya\"/>\n\
            <cite speaker=\"Sergei Lavrov\" source=\"The Moscow Times\" date=\"2011-07-13\">\"The timing,\"</cite> Lavrov said.";
        let parsed = parse(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let source = parsed.sources[0].fields();
        assert_eq!(source.authors, ["John M. Glionna", "Khristina Narizhnaya"]);
        assert_eq!(source.publication.as_deref(), Some("Los Angeles Times"));
        let cite = &parsed.cites[0];
        assert_eq!(&text[cite.content.clone()], "\"The timing,\"");
        assert_eq!(&text[cite.close.clone().unwrap()], "</cite>");
        assert_eq!(cite.fields().speaker, "Sergei Lavrov");
        assert_eq!(cite.fields().channel, None);
        let name = &cite.attribute("source").unwrap().name_range;
        assert_eq!(&text[name.clone()], "source");
    }

    #[test]
    fn cite_may_span_paragraphs() {
        let text = "<cite speaker=\"A\">\"One.\n\n\"Two.\"</cite>";
        let parsed = parse(text);
        assert!(parsed.errors.is_empty());
        assert_eq!(&text[parsed.cites[0].content.clone()], "\"One.\n\n\"Two.\"");
    }

    #[test]
    fn unclosed_cite_runs_to_the_end() {
        let text = "<cite speaker=\"A\">\"x\"";
        let parsed = parse(text);
        assert_eq!(
            kinds(text),
            [(TagErrorKind::UnclosedCite, "<cite speaker=\"A\">")]
        );
        assert_eq!(parsed.cites[0].content, 18..text.len());
        assert!(parsed.cites[0].close.is_none());
    }

    #[test]
    fn stray_close_is_reported() {
        assert_eq!(kinds("x</cite>"), [(TagErrorKind::StrayClose, "</cite>")]);
    }

    #[test]
    fn nested_cite_is_reported_and_outer_still_closes() {
        let text = "<cite speaker=\"A\">\"a <cite speaker=\"B\">b\"</cite>";
        let parsed = parse(text);
        assert_eq!(
            kinds(text),
            [(TagErrorKind::NestedCite, "<cite speaker=\"B\">")]
        );
        assert_eq!(parsed.cites.len(), 1);
    }

    #[test]
    fn unknown_and_duplicate_attributes() {
        let text = "<cite speaker=\"A\" mood=\"x\" speaker=\"B\">\"q\"</cite>";
        let unknown = TagErrorKind::UnknownAttribute {
            tag: "cite",
            name: "mood".into(),
        };
        let duplicate = TagErrorKind::DuplicateAttribute("speaker".into());
        assert_eq!(kinds(text), [(unknown, "mood"), (duplicate, "speaker")]);
        assert_eq!(parse(text).cites[0].fields().speaker, "A");
        let message = parse(text).errors[0].message();
        assert!(
            message.contains("speaker, source, date, channel"),
            "{message}"
        );
    }

    #[test]
    fn bad_and_impossible_dates() {
        let text =
            "<source date=\"Aug 25\"/>\n<cite speaker=\"A\" date=\"2011-02-30\">\"q\"</cite>";
        let got = kinds(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "Aug 25");
        assert!(matches!(
            got[0].0,
            TagErrorKind::BadDate {
                problem: IsoDateError::Format,
                ..
            }
        ));
        assert_eq!(got[1].1, "2011-02-30");
        assert!(matches!(
            got[1].0,
            TagErrorKind::BadDate {
                problem: IsoDateError::NoSuchDay,
                ..
            }
        ));
    }

    #[test]
    fn missing_or_empty_speaker() {
        let missing = TagErrorKind::MissingAttribute {
            tag: "cite",
            name: "speaker",
        };
        assert_eq!(kinds("<cite>\"q\"</cite>"), [(missing.clone(), "<cite>")]);
        assert_eq!(kinds("<cite speaker=\" \">\"q\"</cite>")[0].0, missing);
    }

    #[test]
    fn source_must_be_on_its_own_line() {
        let text = "Text <source title=\"T\"/>\n  <source title=\"U\"/>  \n";
        assert_eq!(
            kinds(text),
            [(TagErrorKind::SourceNotOnOwnLine, "<source title=\"T\"/>")]
        );
        assert_eq!(parse(text).sources.len(), 2);
    }

    #[test]
    fn malformed_tags() {
        for text in [
            "<cite speaker=\"A\"/>",
            "<source title=\"T\">",
            "<cite speaker=\"A\" \"q\"</cite>",
            "<cite speaker=A>\"q\"</cite>",
            "<cite speaker=\"A\">\"q\"</cite x>",
        ] {
            let errors = parse(text).errors;
            assert!(
                errors
                    .iter()
                    .any(|e| matches!(e.kind, TagErrorKind::Malformed(_))),
                "{text}: {errors:?}"
            );
        }
    }

    #[test]
    fn unknown_source_attribute() {
        let kind = TagErrorKind::UnknownAttribute {
            tag: "source",
            name: "speaker".into(),
        };
        assert_eq!(kinds("<source speaker=\"A\"/>"), [(kind, "speaker")]);
    }

    /// Many tags on one line all parse (speed is the benchmarks' business, not a timer's).
    #[test]
    fn many_tags_on_one_line_all_parse() {
        let text = "<source/> <cite speaker=\"a\">x</cite> &amp; ".repeat(20_000);
        let parsed = parse(&text);
        assert_eq!(parsed.cites.len(), 20_000);
    }

    #[test]
    fn plain_text_has_no_tags() {
        assert_eq!(parse("He said \"a < b\" & left."), Citations::default());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_are_char_boundaries(text in "(<cite|</cite>|<source|/>|[ =\"&;<>a-z\n]|é|—){0,40}") {
            let parsed = parse(&text);
            for e in &parsed.errors {
                proptest::prop_assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
                let _ = e.message();
            }
            for c in &parsed.cites {
                proptest::prop_assert!(c.open.end <= c.content.end && c.content.end <= text.len());
            }
        }

        #[test]
        fn never_panics_on_any_string(text in "\\PC*") {
            let _ = parse(&text);
        }
    }
}
