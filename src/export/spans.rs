//! The `spans` format: one JSON object per article with code-point spans over `text`, the
//! shape spaCy's `Doc.char_span`, Prodigy and Label Studio pre-annotations read.

use super::standoff::StandOff;
use serde::Serialize;

/// `{"path", "text", "spans", "quotes", "boilerplate", "cites"}` and a line break: one line
/// of the JSON Lines file, serialized from typed fields without a JSON tree in between.
pub fn spans_line(path: &str, article: &StandOff) -> Vec<u8> {
    let record = Record {
        path,
        text: &article.text,
        spans: article
            .entities
            .iter()
            .map(|e| Entity {
                start: e.span.start,
                end: e.span.end,
                label: e.label,
                entity_id: &e.entity_id,
            })
            .collect(),
        quotes: article
            .quotes
            .iter()
            .map(|q| {
                let speaker = q.speaker.as_ref();
                Quote {
                    start: q.span.start,
                    end: q.span.end,
                    speaker: speaker.map(|s| s.name.as_str()),
                    entity_id: speaker.and_then(|s| s.entity_id.as_deref()),
                    channel: q.channel.as_deref(),
                    confidence: q.confidence,
                }
            })
            .collect(),
        boilerplate: article
            .boilerplate
            .iter()
            .map(|b| Boilerplate {
                start: b.span.start,
                end: b.span.end,
                category: b.category,
            })
            .collect(),
        cites: article
            .cites
            .iter()
            .map(|c| Cite {
                start: c.span.start,
                end: c.span.end,
                speaker: &c.fields.speaker,
                entity_id: c.entity_id.as_deref(),
                source: c.fields.source.as_deref(),
                date: c.fields.date.as_deref(),
                channel: c.fields.channel.as_deref(),
            })
            .collect(),
    };
    // The JSON is about the text's size plus a few dozen bytes per annotation.
    let mut out = Vec::with_capacity(article.text.len() + 64 * article.entities.len() + 256);
    // Serializing strings and numbers into memory cannot fail.
    let _ = serde_json::to_writer(&mut out, &record);
    out.push(b'\n');
    out
}

/// One article; the fields in the order the format has always written them.
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    text: &'a str,
    spans: Vec<Entity<'a>>,
    quotes: Vec<Quote<'a>>,
    boilerplate: Vec<Boilerplate>,
    cites: Vec<Cite<'a>>,
}

#[derive(Serialize)]
struct Entity<'a> {
    start: usize,
    end: usize,
    label: &'static str,
    entity_id: &'a str,
}

#[derive(Serialize)]
struct Quote<'a> {
    start: usize,
    end: usize,
    speaker: Option<&'a str>,
    entity_id: Option<&'a str>,
    channel: Option<&'a str>,
    confidence: Option<f64>,
}

#[derive(Serialize)]
struct Boilerplate {
    start: usize,
    end: usize,
    category: &'static str,
}

#[derive(Serialize)]
struct Cite<'a> {
    start: usize,
    end: usize,
    speaker: &'a str,
    entity_id: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    channel: Option<&'a str>,
}
