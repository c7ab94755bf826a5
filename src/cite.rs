//! Citing quotations: which quotes have no `<cite>` yet, the tag each gets, and the text with
//! the tags inserted. Shared by the editor's "Cite all quotes" and `newsls cite`; pure (no
//! LSP types, no I/O).

use crate::analysis::citation::{Citations, CiteFields, render_cite};
use crate::analysis::{Analysis, Quote};
use std::ops::Range;

/// An insertion into the text: an empty byte range and what goes there.
pub type Insertion = (Range<usize>, String);

/// The quotes not yet inside a `<cite>`, in text order.
pub fn uncited(analysis: &Analysis) -> impl Iterator<Item = &Quote> {
    let citations = &analysis.layout.citations;
    analysis.quotes.iter().filter(|q| !is_cited(citations, q))
}

/// Whether a `<cite>` tag holds the quote.
pub fn is_cited(citations: &Citations, quote: &Quote) -> bool {
    citations.cites.iter().any(|c| {
        let end = c.close.as_ref().map_or(usize::MAX, |r| r.end);
        c.open.start <= quote.range.start && quote.range.start < end
    })
}

/// The fields a cite of `quote` gets: its speaker (or `speaker`), the article's publication
/// and date, and the relaying channel.
pub fn cite_fields(analysis: &Analysis, quote: &Quote, speaker: &str) -> CiteFields {
    let metadata = &analysis.metadata;
    CiteFields {
        speaker: speaker.to_string(),
        source: metadata.publication.as_ref().map(|f| f.value.clone()),
        date: metadata.date.as_ref().and_then(|d| d.iso()),
        channel: quote.channel.as_ref().map(|c| c.name.clone()),
    }
}

/// The two insertions that wrap `quote` in a cite for `speaker` (empty: left for the user).
pub fn wrap(analysis: &Analysis, quote: &Quote, speaker: &str) -> [Insertion; 2] {
    let (mut open, close) = render_cite(&cite_fields(analysis, quote, speaker));
    if speaker.is_empty() {
        open = open.replacen("<cite", "<cite speaker=\"\"", 1);
    }
    let at = quote.range.clone();
    [(at.start..at.start, open), (at.end..at.end, close)]
}

/// Cites for every uncited quote whose speaker is known with at least `min_confidence`
/// (0 takes every speaker), in text order.
pub fn cite_all(analysis: &Analysis, min_confidence: f32) -> Vec<Insertion> {
    uncited(analysis)
        .filter(|q| confidence(q) >= min_confidence)
        .filter_map(|q| Some(wrap(analysis, q, &q.speaker.as_ref()?.name)))
        .flatten()
        .collect()
}

/// How sure the quote's attribution is; a speaker found no known way counts as 0.
pub fn confidence(quote: &Quote) -> f32 {
    quote.how.map_or(0.0, |h| h.confidence())
}

/// `text` with the insertions made. They must be sorted by position, as [`cite_all`] gives
/// them, and fall on character boundaries.
pub fn apply(text: &str, insertions: &[Insertion]) -> String {
    let added: usize = insertions.iter().map(|(_, s)| s.len()).sum();
    let mut out = String::with_capacity(text.len() + added);
    let mut at = 0;
    for (range, inserted) in insertions {
        out.push_str(&text[at..range.start]);
        out.push_str(inserted);
        at = range.start;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    const TEXT: &str = "\"We will win,\" Smith said. A so-called \"plan\" failed.\n\
        <cite speaker=\"Jones\">\"Done,\"</cite> Jones said.";

    #[test]
    fn cites_quotes_with_speakers_only_and_skips_cited_ones() {
        let analysis = analyze(TEXT);
        let edits = cite_all(&analysis, 0.0);
        assert_eq!(edits.len(), 2, "{edits:?}");
        assert!(edits[0].1.starts_with("<cite speaker=\"Smith\""));
        let cited = apply(TEXT, &edits);
        assert!(cited.starts_with("<cite speaker=\"Smith\">\"We will win,\"</cite> Smith"));
        // Citing again finds nothing: the quote is now inside its cite.
        assert!(cite_all(&analyze(&cited), 0.0).is_empty());
    }

    #[test]
    fn min_confidence_leaves_less_sure_speakers_alone() {
        let analysis = analyze(TEXT);
        let smith = analysis
            .quotes
            .iter()
            .find(|q| q.speaker.is_some())
            .unwrap();
        let level = smith.how.unwrap().confidence();
        assert_eq!(cite_all(&analysis, level).len(), 2);
        assert!(cite_all(&analysis, level + 0.01).is_empty());
    }

    #[test]
    fn apply_keeps_every_character_of_the_text() {
        let text = "Emoji 😀 “a”, 東京 “b”.";
        let a = text.find('“').unwrap();
        let edits = vec![
            (a..a, "<x>".to_string()),
            (text.len()..text.len(), "!".into()),
        ];
        let out = apply(text, &edits);
        assert_eq!(out.replace("<x>", "").trim_end_matches('!'), text);
    }
}
