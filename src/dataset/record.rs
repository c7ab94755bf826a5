//! The article record: one analysed text as plain data for dataset pipelines, with offsets
//! in code points (what a Python string indexes), so `text[start:end] == mention text`.

use crate::analysis::Quote;
use crate::analysis::boilerplate::Verdict;
use crate::analysis::metadata::{Field, Metadata};
use crate::config::BoilerplateConfig;
use crate::workspace::{FileEntry, entity_id};
use serde::Serialize;
use std::ops::Range;

/// Everything newsls finds in one article. Offsets index the original text, not
/// `text_clean`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// The article without its boilerplate blocks: what `newsls strip` prints.
    pub text_clean: String,
    pub boilerplate: Vec<BoilerplateSpan>,
    pub entities: Vec<EntityEntry>,
    pub quotes: Vec<QuoteEntry>,
    pub metadata: MetadataEntry,
}

/// One boilerplate line (a block), with its category and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoilerplateSpan {
    pub start: usize,
    pub end: usize,
    /// `appeal`, `navigation`, `teaser-list`, `caption`, `notice`, `duplicate`, `title`,
    /// `template` or `aside`.
    pub category: &'static str,
    pub reason: String,
}

/// One entity with every mention of it in the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityEntry {
    /// The id `newsls entities` gives it, the same in every article (`person:sergei-lavrov`).
    pub id: String,
    pub name: String,
    /// `person`, `organization`, `place` or `other`.
    pub kind: &'static str,
    pub mentions: Vec<Span>,
}

/// A stretch of the text and what it says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A quotation, from its opening to its closing mark, and who said it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteEntry {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub speaker: Option<SpeakerEntry>,
    /// The outlet that relayed the words ("Tass quoted ..."), if any.
    pub channel: Option<String>,
    /// How sure the attribution is, in `0.0..=1.0`; `None` without a speaker.
    pub confidence: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerEntry {
    pub name: String,
    /// The speaker's entity in `entities`, when the article names them as one.
    pub entity_id: Option<String>,
}

/// What the article says about itself; `None` (null) where it does not say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetadataEntry {
    pub headline: Option<String>,
    pub publication: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the text gives no more.
    pub date: Option<String>,
    /// The place the story was filed from ("MOSCOW").
    pub dateline: Option<String>,
    pub agencies: Vec<String>,
}

impl Record {
    /// The record of an analysed text. Boilerplate blocks that `keep` holds (the settings'
    /// kept blocks) are neither listed nor removed, as in `newsls strip`.
    pub fn new(entry: &FileEntry, keep: Option<&BoilerplateConfig>) -> Record {
        let text = &entry.text;
        let analysis = &entry.analysis;
        let at = |offset: usize| entry.lines().code_points(text, offset);
        let span = |range: &Range<usize>| Span {
            start: at(range.start),
            end: at(range.end),
            text: text[range.clone()].to_string(),
        };
        let boilerplate = listed_boilerplate(entry, keep)
            .map(|v| {
                let range = &analysis.layout.blocks[v.block].range;
                BoilerplateSpan {
                    start: at(range.start),
                    end: at(range.end),
                    category: v.category.as_str(),
                    reason: v.reasons().collect::<Vec<_>>().join("; "),
                }
            })
            .collect();
        let entities = analysis
            .entities
            .iter()
            .map(|e| EntityEntry {
                id: entity_id(e.kind, &e.name),
                name: e.name.clone(),
                kind: e.kind.as_str(),
                mentions: e.mentions.iter().map(span).collect(),
            })
            .collect();
        let quotes = analysis
            .quotes
            .iter()
            .map(|q| quote_entry(entry, q, span(&q.range)))
            .collect();
        let text_clean = crate::analysis::strip_except(text, &analysis.layout, |block| {
            keep.is_some_and(|k| k.is_kept(block))
        });
        Record {
            text_clean,
            boilerplate,
            entities,
            quotes,
            metadata: metadata_entry(&analysis.metadata),
        }
    }
}

fn quote_entry(entry: &FileEntry, quote: &Quote, span: Span) -> QuoteEntry {
    let speaker = quote.speaker.as_ref().map(|s| SpeakerEntry {
        name: s.name.clone(),
        entity_id: speaker_entity_id(entry, quote),
    });
    QuoteEntry {
        start: span.start,
        end: span.end,
        text: span.text,
        speaker,
        channel: quote.channel.as_ref().map(|c| c.name.clone()),
        confidence: confidence(quote),
    }
}

/// The boilerplate verdicts a record lists: all but the blocks `keep` holds. The stand-off
/// formats list the same, without building a whole record.
pub fn listed_boilerplate<'a>(
    entry: &'a FileEntry,
    keep: Option<&'a BoilerplateConfig>,
) -> impl Iterator<Item = &'a Verdict> + 'a {
    let layout = &entry.analysis.layout;
    let kept =
        move |block: usize| keep.is_some_and(|k| k.is_kept(layout.blocks[block].text(&entry.text)));
    layout.boilerplate.iter().filter(move |v| !kept(v.block))
}

/// The entity id of a quote's speaker, when the article names the speaker as an entity.
pub fn speaker_entity_id(entry: &FileEntry, quote: &Quote) -> Option<String> {
    let index = quote.speaker.as_ref()?.entity?;
    let e = entry.analysis.entities.get(index)?;
    Some(entity_id(e.kind, &e.name))
}

/// A quote's confidence to two decimals: the f32 levels (0.9, 0.75 ...) without binary noise.
pub fn confidence(quote: &Quote) -> Option<f64> {
    quote
        .how
        .map(|h| (f64::from(h.confidence()) * 100.0).round() / 100.0)
}

fn metadata_entry(metadata: &Metadata) -> MetadataEntry {
    let value = |field: &Option<Field>| field.as_ref().map(|f| f.value.clone());
    let values = |fields: &[Field]| fields.iter().map(|f| f.value.clone()).collect();
    let date = metadata
        .date
        .as_ref()
        .and_then(|d| match (d.year, d.month, d.day) {
            (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
            (Some(y), None, _) => Some(format!("{y:04}")),
            (None, ..) => None,
        });
    MetadataEntry {
        headline: value(&metadata.headline),
        publication: value(&metadata.publication),
        authors: values(&metadata.authors),
        date,
        dateline: value(&metadata.dateline),
        agencies: values(&metadata.agencies),
    }
}
