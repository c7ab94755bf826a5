//! The quotes of an earlier version carried over an edit, for the keystroke path: a
//! quotation the edit left alone, with its speaker's mention, is the same quotation, moved
//! by what the edit added or removed before it. The full analysis of the new version
//! replaces them moments later; until then the findings about them stay put.

use super::{Channel, Quote, Speaker};
use crate::analysis::relayout::Edit;
use std::ops::Range;

/// The quotes of the text before `edit` that it did not touch, at their places after it.
/// A quote the edit touched, or reached right next to, is left out: only the full analysis
/// can tell what it became.
pub fn carried_over(quotes: &[Quote], edit: Edit) -> Vec<Quote> {
    quotes.iter().filter_map(|q| carry(q, edit)).collect()
}

fn carry(quote: &Quote, edit: Edit) -> Option<Quote> {
    let speaker = quote.speaker.as_ref().map(|s| s.range.clone());
    let extent = speaker.iter().fold(quote.range.clone(), |e, s| {
        e.start.min(s.start)..e.end.max(s.end)
    });
    let moved = |r: &Range<usize>| moved(r, edit);
    // The quote and its speaker's mention are both on one side of the edit.
    moved(&extent)?;
    Some(Quote {
        range: moved(&quote.range)?,
        inner: quote.inner.iter().map(moved).collect::<Option<_>>()?,
        closed: quote.closed,
        nested: quote.nested.iter().map(moved).collect::<Option<_>>()?,
        kind: quote.kind,
        speaker: match &quote.speaker {
            Some(s) => Some(moved_speaker(s, edit)?),
            None => None,
        },
        alternatives: quote
            .alternatives
            .iter()
            .filter_map(|s| moved_speaker(s, edit))
            .collect(),
        channel: quote.channel.as_ref().and_then(|c| {
            Some(Channel {
                name: c.name.clone(),
                range: moved(&c.range)?,
            })
        }),
        how: quote.how,
    })
}

fn moved_speaker(speaker: &Speaker, edit: Edit) -> Option<Speaker> {
    let range = moved(&speaker.range, edit)?;
    Some(Speaker {
        range,
        ..speaker.clone()
    })
}

/// `range` after `edit`: as it was before it, shifted after it, `None` when the edit is in
/// it or touches it.
fn moved(range: &Range<usize>, edit: Edit) -> Option<Range<usize>> {
    if range.end < edit.start {
        Some(range.clone())
    } else if range.start > edit.old_end {
        let shift = |at: usize| at - edit.old_end + edit.new_end;
        Some(shift(range.start)..shift(range.end))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    /// Carried over an edit, the quotes are those a fresh analysis finds, where the edit
    /// did not touch them.
    #[test]
    fn untouched_quotes_move_with_the_text() {
        let before = "“We will respond,” Sergei Lavrov said on Monday.\n\n\
                      Talks went on.\n\n\
                      “It is late,” Maria Zakharova told reporters.\n";
        let old = analyze(before).quotes;
        assert_eq!(old.len(), 2);
        let at = before.find("Talks").unwrap();
        // "Talks" becomes "Long talks": 4 bytes become 10 between the two quotes.
        let after = before.replacen("Talks", "Long talks", 1);
        let edit = Edit {
            start: at,
            old_end: at + 5,
            new_end: at + 10,
        };
        let carried = carried_over(&old, edit);
        assert_eq!(carried, analyze(&after).quotes);
        // An edit inside the second quote leaves only the first.
        let inside = before.find("late").unwrap();
        let edit = Edit {
            start: inside,
            old_end: inside + 4,
            new_end: inside + 5,
        };
        let carried = carried_over(&old, edit);
        assert_eq!(carried, old[..1]);
        // An edit in the speaker's name leaves the quote out too.
        let name = before.find("Zakharova").unwrap();
        let edit = Edit {
            start: name,
            old_end: name + 1,
            new_end: name,
        };
        assert_eq!(carried_over(&old, edit), old[..1]);
    }
}
