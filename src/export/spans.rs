//! The `spans` format: one JSON object per article with code-point spans over `text`, the
//! shape spaCy's `Doc.char_span`, Prodigy and Label Studio pre-annotations read.

use super::standoff::StandOff;
use serde_json::{Value, json};

/// `{"path", "text", "spans", "quotes", "boilerplate", "cites"}`.
pub fn spans_json(path: &str, article: &StandOff) -> Value {
    let spans: Vec<Value> = article
        .entities
        .iter()
        .map(|e| {
            json!({"start": e.span.start, "end": e.span.end, "label": e.label,
                   "entity_id": e.entity_id})
        })
        .collect();
    let quotes: Vec<Value> = article
        .quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.as_ref();
            json!({"start": q.span.start, "end": q.span.end,
                   "speaker": speaker.map(|s| &s.name),
                   "entity_id": speaker.and_then(|s| s.entity_id.as_ref()),
                   "channel": q.channel, "confidence": q.confidence})
        })
        .collect();
    let boilerplate: Vec<Value> = article
        .boilerplate
        .iter()
        .map(|b| json!({"start": b.span.start, "end": b.span.end, "category": b.category}))
        .collect();
    let cites: Vec<Value> = article
        .cites
        .iter()
        .map(|c| {
            json!({"start": c.span.start, "end": c.span.end, "speaker": c.fields.speaker,
                   "entity_id": c.entity_id, "source": c.fields.source,
                   "date": c.fields.date, "channel": c.fields.channel})
        })
        .collect();
    json!({"path": path, "text": article.text, "spans": spans, "quotes": quotes,
           "boilerplate": boilerplate, "cites": cites})
}
