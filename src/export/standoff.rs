//! The stand-off view of an article: its text without citation markup, and every annotation
//! as code-point offsets into that text (what Python strings, spaCy, brat and W3C selectors
//! count). Built with the article [`Record`](crate::dataset::Record)'s own rules (which boilerplate is
//! listed, speaker ids, confidences), so every format says what `newsls batch` says, without
//! the record's text copies.

use crate::analysis::citation::{CiteFields, CiteTag, markup};
use crate::config::BoilerplateConfig;
use crate::dataset::{confidence, listed_boilerplate, speaker_entity_id};
use crate::workspace::{FileEntry, entity_id};
use chars::CodePoints;
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

mod chars;

/// One article for the stand-off formats.
#[derive(Debug, Clone, PartialEq)]
pub struct StandOff {
    /// The file's text (without a byte-order mark) with every citation tag removed, and a
    /// `<source/>` header line with its line break: the article as it was before tagging.
    /// The file's own text when it has no tags.
    pub text: Arc<str>,
    /// Every entity mention, sorted by position.
    pub entities: Vec<EntitySpan>,
    pub quotes: Vec<QuoteSpan>,
    pub boilerplate: Vec<Region>,
    /// The `<cite>` tags already in the file, as spans over their content. A cite without its
    /// own `source` or `date` takes the article's, as in the `cites` format.
    pub cites: Vec<CiteSpan>,
    /// Code points in `text`.
    len: usize,
}

/// Where an annotation is in [`StandOff::text`]: the code points the formats count, and the
/// bytes they are, so that quoting a span or its context needs no search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    bytes: Range<usize>,
}

impl Span {
    /// The span of code points `chars`, which are the bytes `bytes` of the text.
    pub(super) fn new(chars: Range<usize>, bytes: Range<usize>) -> Span {
        Span {
            start: chars.start,
            end: chars.end.max(chars.start),
            bytes: bytes.start..bytes.end.max(bytes.start),
        }
    }

    /// Its code points.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Its byte range in the text.
    pub(super) fn bytes(&self) -> Range<usize> {
        self.bytes.clone()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntitySpan {
    pub span: Span,
    /// `PERSON`, `ORG`, `PLACE` or `OTHER`.
    pub label: &'static str,
    /// Shared by the entity's mentions.
    pub entity_id: Arc<str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteSpan {
    /// The quotation with its marks.
    pub span: Span,
    pub speaker: Option<SpeakerSpan>,
    pub channel: Option<String>,
    pub confidence: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerSpan {
    pub name: String,
    pub entity_id: Option<String>,
    /// The mention in the reporting clause (a name or a pronoun).
    pub span: Span,
}

/// A boilerplate block.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub span: Span,
    pub category: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CiteSpan {
    /// The cite's content, whitespace trimmed: the quotation the annotator marked.
    pub span: Span,
    pub fields: CiteFields,
    /// The entity the speaker names, when one of the files names it.
    pub entity_id: Option<String>,
}

impl CiteSpan {
    /// What the cite says besides its speaker, in the order the formats list it: the
    /// speaker's entity id, the source, the date and the channel (each format names them).
    pub fn details(&self) -> [Option<&str>; 4] {
        let f = &self.fields;
        [&self.entity_id, &f.source, &f.date, &f.channel].map(Option::as_deref)
    }
}

impl StandOff {
    /// The stand-off view of an analysed file. `cites` are the tags to export (the valid
    /// ones); `known` the entity ids of all files, to link cite speakers to.
    pub fn new(
        entry: &FileEntry,
        keep: Option<&BoilerplateConfig>,
        cites: &[&CiteTag],
        known: &HashSet<String>,
    ) -> StandOff {
        let original = &*entry.text;
        let removed = markup(original);
        let code_points = CodePoints::new(original);
        let cp = |byte: usize| code_points.at(byte);
        let shift = Shift::new(removed.iter().map(|r| cp(r.start)..cp(r.end)).collect());
        let byte_shift = Shift::new(removed.clone());
        // Analysis offsets are bytes of the file; the same text, less its tags.
        let bytes = |range: &Range<usize>| {
            let [start, end] = [range.start, range.end].map(|b| code_points.floor(b));
            Span::new(
                shift.map(cp(start))..shift.map(cp(end)),
                byte_shift.map(start)..byte_shift.map(end),
            )
        };
        let analysis = &entry.analysis;
        let mut entities: Vec<EntitySpan> = analysis
            .entities
            .iter()
            .flat_map(|e| {
                let id: Arc<str> = entity_id(e.kind, &e.name).into();
                e.mentions.iter().map(move |m| EntitySpan {
                    span: bytes(m),
                    label: label(e.kind.as_str()),
                    entity_id: Arc::clone(&id),
                })
            })
            .collect();
        entities.sort_by_key(|e| (e.span.start, e.span.end));
        let quotes = analysis
            .quotes
            .iter()
            .map(|q| QuoteSpan {
                span: bytes(&q.range),
                speaker: q.speaker.as_ref().map(|s| SpeakerSpan {
                    name: s.name.clone(),
                    entity_id: speaker_entity_id(entry, q),
                    span: bytes(&s.range),
                }),
                channel: q.channel.as_ref().map(|c| c.name.clone()),
                confidence: confidence(q),
            })
            .collect();
        let boilerplate = listed_boilerplate(entry, keep)
            .map(|v| Region {
                span: bytes(&analysis.layout.blocks[v.block].range),
                category: v.category.as_str(),
            })
            .collect();
        let metadata = &entry.analysis.metadata;
        let publication = metadata.publication.as_ref().map(|f| f.value.clone());
        let date = metadata.date.as_ref().and_then(|d| d.iso());
        let cites = cites
            .iter()
            .map(|cite| {
                let mut fields = cite.fields();
                fields.source = fields.source.or_else(|| publication.clone());
                fields.date = fields.date.or_else(|| date.clone());
                CiteSpan {
                    span: bytes(&trimmed(original, &cite.content)),
                    entity_id: super::speaker_id(&fields.speaker, known),
                    fields,
                }
            })
            .collect();
        let text = match removed.is_empty() {
            true => Arc::clone(&entry.text),
            false => without(original, &removed).into(),
        };
        StandOff {
            text,
            entities,
            quotes,
            boilerplate,
            cites,
            len: shift.map(cp(original.len())),
        }
        .without_empty_spans()
    }

    /// The text of a span.
    pub fn slice(&self, span: &Span) -> &str {
        &self.text[span.bytes()]
    }

    /// The text of a span, and up to `affix` code points before and after it (what a
    /// TextQuoteSelector quotes).
    pub fn with_context(&self, span: &Span, affix: usize) -> [&str; 3] {
        let text = &*self.text;
        let Range { start, end } = span.bytes();
        let [before, after] = [chars_back(text, start, affix), chars_on(text, end, affix)];
        [&text[before..start], &text[start..end], &text[end..after]]
    }

    /// The span of the code points `chars` (for building expected spans in tests).
    #[cfg(test)]
    pub(super) fn span(&self, chars: Range<usize>) -> Span {
        let byte = |cp: usize| {
            self.text
                .char_indices()
                .nth(cp)
                .map_or(self.text.len(), |(i, _)| i)
        };
        Span::new(chars.clone(), byte(chars.start)..byte(chars.end))
    }

    /// The text's length in code points.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops annotations that covered only markup.
    fn without_empty_spans(mut self) -> StandOff {
        self.entities.retain(|e| !e.span.is_empty());
        self.quotes.retain(|q| !q.span.is_empty());
        self.boilerplate.retain(|b| !b.span.is_empty());
        self.cites.retain(|c| !c.span.is_empty());
        self
    }
}

/// The label the annotation tools use for an entity kind.
pub fn label(kind: &str) -> &'static str {
    match kind {
        "person" => "PERSON",
        "organization" => "ORG",
        "place" => "PLACE",
        _ => "OTHER",
    }
}

/// The byte `n` characters before the character boundary `at` (the text's start if fewer).
fn chars_back(text: &str, at: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    if at >= n && bytes[at - n..at].is_ascii() {
        return at - n;
    }
    let (mut at, mut left) = (at, n);
    while left > 0 && at > 0 {
        at -= 1;
        left -= usize::from(starts_char(bytes[at]));
    }
    at
}

/// The byte `n` characters after the character boundary `at` (the text's end if fewer).
fn chars_on(text: &str, at: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.len() - at >= n && bytes[at..at + n].is_ascii() {
        return at + n;
    }
    let (mut at, mut left) = (at, n);
    while at < bytes.len() && !(left == 0 && starts_char(bytes[at])) {
        left -= usize::from(starts_char(bytes[at]));
        at += 1;
    }
    at
}

/// Whether a UTF-8 byte starts a character (is not a continuation byte).
fn starts_char(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

/// `range` without leading and trailing whitespace.
fn trimmed(text: &str, range: &Range<usize>) -> Range<usize> {
    let inner = &text[range.clone()];
    let start = range.start + (inner.len() - inner.trim_start().len());
    let end = range.end - (inner.len() - inner.trim_end().len());
    start..end.max(start)
}

/// [`StandOff::text`] from the file's text alone: what a text copy beside the annotations
/// holds, so it can be written while the files are still being analysed.
pub fn plain_text(original: &str) -> Cow<'_, str> {
    match markup(original).as_slice() {
        [] => Cow::Borrowed(original),
        removed => Cow::Owned(without(original, removed)),
    }
}

/// `text` less the sorted byte ranges `removed`.
fn without(text: &str, removed: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in removed {
        out.push_str(&text[at..range.start]);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Moves code-point offsets of the original text to the text without the removed ranges.
struct Shift {
    removed: Vec<Range<usize>>,
    /// Code points removed before each range.
    before: Vec<usize>,
}

impl Shift {
    fn new(removed: Vec<Range<usize>>) -> Shift {
        let before = removed
            .iter()
            .scan(0, |sum, r| {
                let here = *sum;
                *sum += r.len();
                Some(here)
            })
            .collect();
        Shift { removed, before }
    }

    /// An offset inside a removed range goes to where that range was.
    fn map(&self, offset: usize) -> usize {
        let k = self.removed.partition_point(|r| r.end <= offset);
        let Some(range) = self.removed.get(k) else {
            return offset
                - self
                    .before
                    .last()
                    .map_or(0, |b| b + self.removed[k - 1].len());
        };
        offset.min(range.start) - self.before[k]
    }
}

#[cfg(test)]
mod tests;
