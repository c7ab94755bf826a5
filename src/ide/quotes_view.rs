//! The quotations of a workspace by speaker, for the Quotes view and picker: each quote's
//! words, whether it is cited and how sure its speaker is; groups of one speaker, the
//! largest first, the quotes without a speaker last.

use crate::analysis::quotes::QuoteKind;
use crate::analysis::{Analysis, Quote};
use crate::cite::{confidence, is_cited};
use crate::workspace::entity_id;
use std::collections::HashMap;
use std::ops::Range;

/// The words of a quote are cut after this many characters.
const SNIPPET_CHARS: usize = 100;

/// One quotation of a document, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteInfo {
    pub range: Range<usize>,
    /// The quotation, cut at about [`SNIPPET_CHARS`] characters with "…".
    pub text: String,
    pub speaker: Option<String>,
    /// The id of the speaker's entity, when the speaker is one.
    pub entity_id: Option<String>,
    pub cited: bool,
    /// 0 without a speaker.
    pub confidence: f32,
}

/// The quotations of one document in text order; scare quotes ("so-called") are left out.
pub fn document_quotes(text: &str, analysis: &Analysis) -> Vec<QuoteInfo> {
    analysis
        .quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Scare)
        .map(|q| quote_info(text, analysis, q))
        .collect()
}

fn quote_info(text: &str, analysis: &Analysis, quote: &Quote) -> QuoteInfo {
    let speaker = quote.speaker.as_ref();
    let entity_id = speaker
        .and_then(|s| s.entity)
        .and_then(|i| analysis.entities.get(i))
        .map(|e| entity_id(e.kind, &e.name));
    QuoteInfo {
        range: quote.range.clone(),
        text: snippet(text.get(quote.range.clone()).unwrap_or_default()),
        speaker: speaker.map(|s| s.name.clone()),
        entity_id,
        cited: is_cited(&analysis.layout.citations, quote),
        confidence: if speaker.is_some() {
            confidence(quote)
        } else {
            0.0
        },
    }
}

/// `words` on one line, cut after [`SNIPPET_CHARS`] characters with "…".
pub fn snippet(words: &str) -> String {
    let flat: String = words.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(SNIPPET_CHARS) {
        Some((at, _)) => format!("{}…", flat[..at].trim_end()),
        None => flat,
    }
}

/// The quotes of one speaker (`speaker` `None`: no speaker found).
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerGroup<T> {
    pub speaker: Option<String>,
    pub entity_id: Option<String>,
    pub quotes: Vec<T>,
}

/// Groups quotes by speaker (by entity id when there is one, else by name), keeping their
/// order within a group: the groups with most quotes first (ties by name), the quotes
/// without a speaker last.
pub fn group_by_speaker<T>(
    quotes: impl IntoIterator<Item = (T, Option<String>, Option<String>)>,
) -> Vec<SpeakerGroup<T>> {
    let mut groups: Vec<SpeakerGroup<T>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut unattributed = SpeakerGroup {
        speaker: None,
        entity_id: None,
        quotes: Vec::new(),
    };
    for (quote, speaker, entity_id) in quotes {
        let Some(name) = speaker else {
            unattributed.quotes.push(quote);
            continue;
        };
        let key = entity_id.clone().unwrap_or_else(|| name.to_lowercase());
        let at = *by_key.entry(key).or_insert_with(|| {
            groups.push(SpeakerGroup {
                speaker: Some(name),
                entity_id,
                quotes: Vec::new(),
            });
            groups.len() - 1
        });
        groups[at].quotes.push(quote);
    }
    groups.sort_by(|a, b| {
        b.quotes
            .len()
            .cmp(&a.quotes.len())
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    if !unattributed.quotes.is_empty() {
        groups.push(unattributed);
    }
    groups
}

/// The quote of `analysis` that holds `range` (a quote's range or any range inside it).
pub fn quote_at(analysis: &Analysis, range: Range<usize>) -> Option<&Quote> {
    analysis
        .quotes
        .iter()
        .find(|q| q.range.start <= range.start && range.end <= q.range.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    const TEXT: &str = "MOSCOW — “We will respond,” Foreign Minister Sergei Lavrov said.\n\
        “Talks went on all night.”\n\
        <cite speaker=\"Sergei Lavrov\">“We are ready,”</cite> Lavrov said.\n";

    #[test]
    fn quotes_have_their_speaker_citation_and_confidence() {
        let analysis = analyze(TEXT);
        let quotes = document_quotes(TEXT, &analysis);
        let first = &quotes[0];
        assert_eq!(first.text, "“We will respond,”");
        assert_eq!(first.speaker.as_deref(), Some("Sergei Lavrov"));
        assert_eq!(first.entity_id.as_deref(), Some("person:sergei-lavrov"));
        assert!(!first.cited);
        assert!(first.confidence >= 0.8, "{first:?}");
        let cited = quotes.iter().find(|q| q.text == "“We are ready,”").unwrap();
        assert!(cited.cited, "{quotes:?}");
    }

    #[test]
    fn snippets_are_one_line_and_cut_with_an_ellipsis() {
        assert_eq!(snippet("“a\n  b”"), "“a b”");
        let long = format!("“{}”", "word ".repeat(40));
        let cut = snippet(&long);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= SNIPPET_CHARS + 1);
    }

    #[test]
    fn groups_are_largest_first_with_the_unattributed_last() {
        let quotes = vec![
            (1, Some("Ann".to_string()), None),
            (2, None, None),
            (3, Some("Bob".to_string()), Some("person:bob".to_string())),
            (
                4,
                Some("Robert Bob".to_string()),
                Some("person:bob".to_string()),
            ),
            (5, Some("ann".to_string()), None),
            (6, Some("Cy".to_string()), None),
        ];
        let groups = group_by_speaker(quotes);
        let shape: Vec<(Option<&str>, Vec<i32>)> = groups
            .iter()
            .map(|g| (g.speaker.as_deref(), g.quotes.clone()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some("Ann"), vec![1, 5]),
                (Some("Bob"), vec![3, 4]),
                (Some("Cy"), vec![6]),
                (None, vec![2]),
            ]
        );
        assert_eq!(groups[1].entity_id.as_deref(), Some("person:bob"));
    }

    #[test]
    fn a_range_inside_a_quote_finds_it() {
        let analysis = analyze(TEXT);
        let at = TEXT.find("will").unwrap();
        let quote = quote_at(&analysis, at..at + 4).unwrap();
        assert_eq!(&TEXT[quote.range.clone()], "“We will respond,”");
        assert!(quote_at(&analysis, 0..3).is_none());
    }
}
