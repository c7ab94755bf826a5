//! The `w3c` format: a W3C Web Annotation collection (JSON-LD) per article, one Annotation
//! per entity mention, quote, boilerplate block and cite, each targeting the copy of the text
//! beside it by a TextQuoteSelector and a TextPositionSelector (code points).

use super::standoff::{Span, StandOff};
use serde_json::{Value, json};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Code points of context kept before and after a quoted selection.
const AFFIX: usize = 32;

/// The collection of an article. `name` is the collection's own file name and `source` the
/// text copy's, both relative: they resolve beside the file written.
pub fn collection(article: &StandOff, label: &str, name: &str, source: &str) -> Value {
    let mut items = Vec::new();
    let mut annotation = |motivation: &str, span: &Span, body: Vec<Value>| {
        let id = format!("{name}#a{}", items.len() + 1);
        items.push(json!({
            "id": id,
            "type": "Annotation",
            "motivation": motivation,
            "body": body,
            "target": {"source": source, "selector": selectors(article, span)},
        }));
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
    json!({
        "@context": CONTEXT,
        "id": name,
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": {"id": format!("{name}#page1"), "type": "AnnotationPage", "startIndex": 0,
                  "items": items},
    })
}

fn tag(value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": "tagging", "value": value})
}

fn text_body(purpose: &str, value: &str, label: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "value": value, "label": label})
}

/// The same selection twice: by its words and context, and by its code-point offsets.
fn selectors(article: &StandOff, span: &Span) -> Value {
    let before = span.start.saturating_sub(AFFIX)..span.start;
    let after = span.end..(span.end + AFFIX).min(article.len());
    json!([
        {"type": "TextQuoteSelector", "exact": article.slice(span),
         "prefix": article.slice(&before), "suffix": article.slice(&after)},
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ])
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
        let doc = collection(&article, "a.txt", "a.jsonld", "a.txt");
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
