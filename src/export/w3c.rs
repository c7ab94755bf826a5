//! The `w3c` format: a W3C Web Annotation collection (JSON-LD) per article, one Annotation
//! per entity mention, quote, boilerplate block and cite, each targeting the copy of the text
//! beside it by a TextQuoteSelector and a TextPositionSelector (code points).

use super::standoff::{Span, StandOff};
use serde::Serialize;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Code points of context kept before and after a quoted selection.
const AFFIX: usize = 32;

/// The collection of an article. `name` is the collection's own file name and `source` the
/// text copy's, both relative: they resolve beside the file written.
pub fn collection<'a>(
    article: &'a StandOff,
    label: &'a str,
    name: &'a str,
    source: &'a str,
) -> Collection<'a> {
    let items = annotations(article, source);
    Collection {
        context: CONTEXT,
        id: name,
        kind: "AnnotationCollection",
        label,
        total: items.len(),
        first: Page {
            id: "#page1",
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    }
}

/// The collection as a `.jsonld` file's bytes, with a final line break.
pub fn jsonld(article: &StandOff, label: &str, name: &str, source: &str) -> Vec<u8> {
    let doc = collection(article, label, name, source);
    // About 500 bytes an annotation.
    let mut out = Vec::with_capacity(512 * doc.total + 512);
    // Serializing strings and numbers into memory cannot fail.
    let _ = serde_json::to_writer(&mut out, &doc);
    out.push(b'\n');
    out
}

/// An article's annotations (serialized with serde, without an intermediate JSON tree).
#[derive(Serialize)]
pub struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

/// One Web Annotation, serialized as the context names its terms.
#[derive(Serialize)]
struct Annotation<'a> {
    id: Id,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

/// `#aN`: relative to the collection's file, as its own id is. Written as it is serialized,
/// not kept as a string per annotation.
struct Id(usize);

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("#a{}", self.0))
    }
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'static str>,
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: (QuoteSelector<'a>, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

fn annotations<'a>(article: &'a StandOff, source: &'a str) -> Vec<Annotation<'a>> {
    let mut items = Vec::new();
    let mut annotation = |motivation, span: &Span, body| {
        let id = Id(items.len() + 1);
        let selector = selectors(article, span);
        items.push(Annotation {
            id,
            kind: "Annotation",
            motivation,
            body,
            target: Target { source, selector },
        });
    };
    for e in &article.entities {
        let body = vec![
            tag(e.label),
            text_body("identifying", &e.entity_id, "entity"),
        ];
        annotation("tagging", &e.span, body);
    }
    for q in &article.quotes {
        let mut body = vec![tag("QUOTE")];
        if let Some(s) = &q.speaker {
            body.push(text_body("describing", &s.name, "speaker"));
            if let Some(id) = &s.entity_id {
                body.push(text_body("identifying", id, "speaker entity"));
            }
        }
        if let Some(channel) = &q.channel {
            body.push(text_body("describing", channel, "channel"));
        }
        annotation("tagging", &q.span, body);
    }
    for b in &article.boilerplate {
        let body = vec![
            tag("BOILERPLATE"),
            text_body("classifying", b.category, "category"),
        ];
        annotation("classifying", &b.span, body);
    }
    for c in &article.cites {
        let f = &c.fields;
        let mut body = vec![tag("CITE"), text_body("describing", &f.speaker, "speaker")];
        for (label, value) in [
            ("speaker entity", &c.entity_id),
            ("source", &f.source),
            ("date", &f.date),
            ("channel", &f.channel),
        ] {
            if let Some(value) = value {
                body.push(text_body("describing", value, label));
            }
        }
        annotation("tagging", &c.span, body);
    }
    items
}

fn tag(value: &str) -> Body<'_> {
    Body {
        kind: "TextualBody",
        purpose: "tagging",
        value,
        label: None,
    }
}

fn text_body<'a>(purpose: &'static str, value: &'a str, label: &'static str) -> Body<'a> {
    Body {
        kind: "TextualBody",
        purpose,
        value,
        label: Some(label),
    }
}

/// The same selection twice: by its words and context, and by its code-point offsets.
fn selectors<'a>(article: &'a StandOff, span: &Span) -> (QuoteSelector<'a>, PositionSelector) {
    let [prefix, exact, suffix] = article.with_context(span, AFFIX);
    (
        QuoteSelector {
            kind: "TextQuoteSelector",
            exact,
            prefix,
            suffix,
        },
        PositionSelector {
            kind: "TextPositionSelector",
            start: span.start,
            end: span.end,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::FileEntry;
    use std::collections::HashSet;

    #[test]
    fn every_selector_quotes_its_position() {
        let text = "Emoji 😀 東京. “We are ready,” said Sergei Lavrov in Moscow.\n";
        let article = StandOff::new(&FileEntry::new(text, false), None, &[], &HashSet::new());
        let doc = serde_json::to_value(collection(&article, "a.txt", "a.jsonld", "a.txt")).unwrap();
        let items = doc["first"]["items"].as_array().unwrap();
        assert_eq!(doc["total"], items.len());
        assert!(items.len() >= 3, "{doc:#}");
        for item in items {
            let [quote, position] = [0, 1].map(|i| &item["target"]["selector"][i]);
            let span = position["start"].as_u64().unwrap() as usize
                ..position["end"].as_u64().unwrap() as usize;
            let exact: String = text.chars().skip(span.start).take(span.len()).collect();
            assert_eq!(quote["exact"], exact);
        }
    }
}
