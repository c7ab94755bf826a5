//! The `w3c` format: a W3C Web Annotation collection (JSON-LD) per article, one Annotation
//! per entity mention, quote, boilerplate block and cite, each targeting the copy of the text
//! beside it by a TextQuoteSelector and a TextPositionSelector (code points).

use super::json::{push_num, push_str};
use super::standoff::{Span, StandOff};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Code points of context kept before and after a quoted selection.
const AFFIX: usize = 32;

/// The collection as a `.jsonld` file's bytes, with a final line break. `name` is the
/// collection's own file name and `source` the text copy's, both relative: they resolve
/// beside the file written.
pub fn jsonld(article: &StandOff, label: &str, name: &str, source: &str) -> Vec<u8> {
    let total = article.entities.len()
        + article.quotes.len()
        + article.boilerplate.len()
        + article.cites.len();
    // About 450 bytes an annotation.
    let mut out = Vec::with_capacity(512 * total + 512);
    out.extend_from_slice(b"{\"@context\":");
    push_str(&mut out, CONTEXT);
    out.extend_from_slice(b",\"id\":");
    push_str(&mut out, name);
    out.extend_from_slice(b",\"type\":\"AnnotationCollection\",\"label\":");
    push_str(&mut out, label);
    out.extend_from_slice(b",\"total\":");
    push_num(&mut out, total);
    out.extend_from_slice(
        b",\"first\":{\"id\":\"#page1\",\"type\":\"AnnotationPage\",\"startIndex\":0,\"items\":[",
    );
    let mut items = Items {
        out,
        article,
        source: quoted(source),
        count: 0,
    };
    items.write_all();
    let mut out = items.out;
    out.extend_from_slice(b"]}}\n");
    out
}

/// The annotations being written, one JSON object each.
struct Items<'a> {
    out: Vec<u8>,
    article: &'a StandOff,
    /// The text copy's name as a JSON string, the same in every target.
    source: Vec<u8>,
    count: usize,
}

/// A `TextualBody`: its purpose, value and the label saying what the value is.
type Body<'a> = (&'static str, &'a str, Option<&'static str>);

impl Items<'_> {
    fn write_all(&mut self) {
        let article = self.article;
        for e in &article.entities {
            let body = [tag(e.label), ("identifying", &*e.entity_id, Some("entity"))];
            self.annotation("tagging", &e.span, &body);
        }
        for q in &article.quotes {
            let mut body = vec![tag("QUOTE")];
            if let Some(s) = &q.speaker {
                body.push(("describing", &s.name, Some("speaker")));
                if let Some(id) = &s.entity_id {
                    body.push(("identifying", id, Some("speaker entity")));
                }
            }
            if let Some(channel) = &q.channel {
                body.push(("describing", channel, Some("channel")));
            }
            self.annotation("tagging", &q.span, &body);
        }
        for b in &article.boilerplate {
            let body = [
                tag("BOILERPLATE"),
                ("classifying", b.category, Some("category")),
            ];
            self.annotation("classifying", &b.span, &body);
        }
        for c in &article.cites {
            let mut body = vec![
                tag("CITE"),
                ("describing", &c.fields.speaker, Some("speaker")),
            ];
            let labels = ["speaker entity", "source", "date", "channel"];
            for (label, value) in labels.into_iter().zip(c.details()) {
                if let Some(value) = value {
                    body.push(("describing", value, Some(label)));
                }
            }
            self.annotation("tagging", &c.span, &body);
        }
    }

    /// One Web Annotation, its terms as the context names them: an id relative to the
    /// collection's file (`#aN`), its bodies, and the same selection twice, by its words
    /// and context and by its code-point offsets.
    fn annotation(&mut self, motivation: &str, span: &Span, body: &[Body]) {
        self.count += 1;
        let out = &mut self.out;
        if self.count > 1 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"id\":\"#a");
        push_num(out, self.count);
        out.extend_from_slice(b"\",\"type\":\"Annotation\",\"motivation\":\"");
        out.extend_from_slice(motivation.as_bytes());
        out.extend_from_slice(b"\",\"body\":[");
        for (i, (purpose, value, label)) in body.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"type\":\"TextualBody\",\"purpose\":\"");
            out.extend_from_slice(purpose.as_bytes());
            out.extend_from_slice(b"\",\"value\":");
            push_str(out, value);
            if let Some(label) = label {
                out.extend_from_slice(b",\"label\":\"");
                out.extend_from_slice(label.as_bytes());
                out.push(b'"');
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"target\":{\"source\":");
        out.extend_from_slice(&self.source);
        let [prefix, exact, suffix] = self.article.with_context(span, AFFIX);
        out.extend_from_slice(b",\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":");
        push_str(out, exact);
        out.extend_from_slice(b",\"prefix\":");
        push_str(out, prefix);
        out.extend_from_slice(b",\"suffix\":");
        push_str(out, suffix);
        out.extend_from_slice(b"},{\"type\":\"TextPositionSelector\",\"start\":");
        push_num(out, span.start);
        out.extend_from_slice(b",\"end\":");
        push_num(out, span.end);
        out.extend_from_slice(b"}]}}");
    }
}

/// The body that tags the annotation with `value`.
fn tag(value: &str) -> Body<'_> {
    ("tagging", value, None)
}

/// `s` as a JSON string.
fn quoted(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    push_str(&mut out, s);
    out
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
        let bytes = jsonld(&article, "a.txt", "a.jsonld", "a.txt");
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
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
