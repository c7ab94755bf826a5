//! What `newsls quotes` and `newsls export` write: quotations and citation tags as JSON, and
//! the stand-off formats (spans, brat, W3C Web Annotation).

pub mod brat;
mod json;
pub mod spans;
pub mod standoff;
pub mod w3c;

use crate::analysis::citation::CiteTag;
use crate::analysis::{Analysis, Quote};
use crate::text::Encoding;
use crate::workspace::entities::candidate_ids;
use crate::workspace::{FileEntry, entity_id};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::path::Path;

/// One quotation: `{"text", "range", "speaker": {"name", "entityId"} | null, ...}`.
pub fn quote_json(entry: &FileEntry, quote: &Quote, encoding: Encoding) -> Value {
    let speaker = quote.speaker.as_ref().map(|s| {
        let entity = s.entity.and_then(|i| entry.analysis.entities.get(i));
        json!({
            "name": s.name,
            "descriptor": s.descriptor,
            "entityId": entity.map(|e| entity_id(e.kind, &e.name)),
            "range": entry.range(s.range.clone(), encoding),
        })
    });
    let alternatives: Vec<&str> = quote.alternatives.iter().map(|a| a.name.as_str()).collect();
    json!({
        "text": &entry.text[quote.range.clone()],
        "range": entry.range(quote.range.clone(), encoding),
        "speaker": speaker,
        "channel": quote.channel.as_ref().map(|c| c.name.as_str()),
        "confidence": quote.how.map(|h| rounded(h.confidence())),
        "alternatives": alternatives,
    })
}

/// A confidence to two decimals: an `f32` as JSON would print `0.8999999761581421`.
fn rounded(confidence: f32) -> f64 {
    (f64::from(confidence) * 100.0).round() / 100.0
}

/// The entity ids of every file, to link exported speakers to. Made in parallel: a
/// workspace of 10,000 articles names hundreds of thousands of entities.
pub fn known_entities<'a>(
    entries: impl IntoParallelIterator<Item = &'a FileEntry>,
) -> HashSet<String> {
    entries
        .into_par_iter()
        .flat_map_iter(|e| {
            e.analysis
                .entities
                .iter()
                .map(|x| entity_id(x.kind, &x.name))
        })
        .collect()
}

/// The entity id a speaker name stands for, if the files name such an entity.
pub fn speaker_id(speaker: &str, known: &HashSet<String>) -> Option<String> {
    candidate_ids(speaker)
        .into_iter()
        .find(|id| known.contains(id))
}

/// Whether the article names someone who may be `speaker`: the same name, or the same
/// surname ("Putin" for "Vladimir Putin").
pub fn named_in(analysis: &Analysis, speaker: &str) -> bool {
    let surname = speaker.split_whitespace().last();
    analysis
        .entities
        .iter()
        .any(|e| e.name == speaker || e.name.split_whitespace().last() == surname)
}

/// One JSON Lines record per `<cite>` of a file that `keep` accepts. A cite without its own
/// `source` or `date` takes the article's (from the `<source/>` header or the text's own
/// cues).
pub fn citations(
    path: &Path,
    entry: &FileEntry,
    known: &HashSet<String>,
    encoding: Encoding,
    keep: impl Fn(&CiteTag) -> bool,
) -> Vec<Value> {
    let metadata = &entry.analysis.metadata;
    let publication = metadata.publication.as_ref().map(|f| f.value.clone());
    let date = metadata.date.as_ref().and_then(|d| d.iso());
    entry
        .analysis
        .layout
        .citations
        .cites
        .iter()
        .filter(|cite| keep(cite))
        .map(|cite| {
            let fields = cite.fields();
            json!({
                "quote": quote_text(entry, cite),
                "speaker": fields.speaker,
                "entityId": speaker_id(&fields.speaker, known),
                "source": fields.source.or_else(|| publication.clone()),
                "date": fields.date.or_else(|| date.clone()),
                "channel": fields.channel,
                "file": path.display().to_string(),
                "range": entry.range(cite.content.clone(), encoding),
            })
        })
        .collect()
}

fn quote_text<'a>(entry: &'a FileEntry, cite: &CiteTag) -> &'a str {
    entry.text[cite.content.clone()].trim()
}
