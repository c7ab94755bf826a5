//! Inlay hints: after each quotation not yet inside a `<cite>`, the speaker newsls would cite,
//! so a reader sees who is quoted without hovering or running an action.

use crate::analysis::quotes::QuoteKind;
use crate::analysis::{Analysis, Quote};
use crate::cite::{Insertion, uncited, wrap};
use std::ops::Range;

/// Below this confidence the speaker is shown with a "?" and the alternatives.
pub const SURE: f32 = 0.8;

/// One hint: shown at `offset` (just after the quotation's closing mark).
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerHint {
    pub offset: usize,
    pub label: String,
    /// How the speaker was found, and who else it may be.
    pub tooltip: String,
    /// Accepting the hint cites the quote for this speaker.
    pub cite: [Insertion; 2],
}

/// The hints of the quotations that end inside `range` (bytes), in text order. Scare quotes
/// and quotations without a speaker get none.
pub fn speaker_hints(analysis: &Analysis, range: Range<usize>) -> Vec<SpeakerHint> {
    uncited(analysis)
        .filter(|q| q.kind != QuoteKind::Scare && range.contains(&q.range.end.saturating_sub(1)))
        .filter_map(|q| hint(analysis, q))
        .collect()
}

fn hint(analysis: &Analysis, quote: &Quote) -> Option<SpeakerHint> {
    let speaker = quote.speaker.as_ref()?;
    let confidence = quote.how.map_or(0.0, |h| h.confidence());
    let sure = confidence >= SURE;
    let label = format!("— {}{}", speaker.name, if sure { "" } else { "?" });
    let mut tooltip = format!("Speaker: {} (confidence {confidence:.2})", speaker.name);
    if !quote.alternatives.is_empty() {
        let others: Vec<&str> = quote.alternatives.iter().map(|s| s.name.as_str()).collect();
        tooltip.push_str(&format!("; or {}", others.join(", ")));
    }
    if let Some(channel) = &quote.channel {
        tooltip.push_str(&format!("; relayed by {}", channel.name));
    }
    tooltip.push_str(". Accept the hint to cite the quote.");
    Some(SpeakerHint {
        offset: quote.range.end,
        label,
        tooltip,
        cite: wrap(analysis, quote, &speaker.name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::cite::apply;

    const TEXT: &str = "MOSCOW — “We will respond,” Foreign Minister Sergei Lavrov said on Monday.\n\
                        The plan was called “dead” by critics.\n";

    #[test]
    fn a_quote_with_a_speaker_gets_a_hint_after_its_closing_mark() {
        let analysis = analyze(TEXT);
        let hints = speaker_hints(&analysis, 0..TEXT.len());
        assert_eq!(hints.len(), 1, "{hints:?}");
        let hint = &hints[0];
        assert_eq!(&TEXT[..hint.offset], "MOSCOW — “We will respond,”");
        assert_eq!(hint.label, "— Sergei Lavrov");
        assert!(
            hint.tooltip.starts_with("Speaker: Sergei Lavrov"),
            "{}",
            hint.tooltip
        );
        let cited = apply(TEXT, &hint.cite);
        assert!(
            cited.contains("<cite speaker=\"Sergei Lavrov\"") && cited.contains("</cite>"),
            "{cited}"
        );
    }

    #[test]
    fn hints_outside_the_range_or_of_cited_quotes_are_left_out() {
        let analysis = analyze(TEXT);
        assert!(speaker_hints(&analysis, 40..TEXT.len()).is_empty());
        let hint = speaker_hints(&analysis, 0..TEXT.len()).remove(0);
        let cited = apply(TEXT, &hint.cite);
        let again = analyze(&cited);
        assert!(speaker_hints(&again, 0..cited.len()).is_empty());
    }
}
