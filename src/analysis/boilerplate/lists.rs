//! Lists of other articles under a heading ("Related", "More stories", "Leia também"):
//! a short line naming such a list, then several headline-sized lines. They sit after the
//! story or inside it, where neither length nor punctuation tells them from the story's own
//! short paragraphs; the heading does.

use super::features::Features;

/// A heading has at most this many words.
const MAX_HEADING_WORDS: f32 = 8.0;
/// A list item (a headline, maybe with a short deck) has this many words.
const ITEM_WORDS: std::ops::RangeInclusive<f32> = 3.0..=25.0;
/// An item that ends like a sentence is a headline only when it is this short.
const MAX_SENTENCE_ITEM_WORDS: f32 = 12.0;
/// A deck under a headline has at most this many words.
const MAX_DECK_WORDS: f32 = 40.0;
/// A list has at least this many items.
const MIN_ITEMS: usize = 3;

fn is_heading(f: &Features) -> bool {
    f.see_also > 0 && f.words <= MAX_HEADING_WORDS && f.sentence_marks == 0
}

/// A headline: no full sentence, unless a short one ("Is the pier safe?").
fn is_headline(f: &Features) -> bool {
    ITEM_WORDS.contains(&f.words)
        && f.sentence_marks <= 1
        && (!f.ends_sentence || f.words <= MAX_SENTENCE_ITEM_WORDS)
        && f.see_also * 2 < f.alpha_words
}

/// A deck: a few sentences under a headline of the list, before the next headline (not
/// before a short label: a quote paragraph and a subheading after a list are the story going
/// on).
fn is_deck(features: &[Features], j: usize) -> bool {
    let f = &features[j];
    f.ends_sentence
        && f.words <= MAX_DECK_WORDS
        && is_headline(&features[j - 1])
        && !features[j - 1].ends_sentence
        && features.get(j + 1).is_some_and(is_headline)
}

/// Whether block `j` continues the list whose heading is block `heading`.
fn is_item(features: &[Features], heading: usize, j: usize) -> bool {
    is_headline(&features[j]) || j > heading + 1 && is_deck(features, j)
}

/// For each block, whether it is the heading or an item of a list of other articles.
pub fn see_also_lists(features: &[Features]) -> Vec<bool> {
    let n = features.len();
    let mut out = vec![false; n];
    let mut i = 0;
    while i < n {
        if !is_heading(&features[i]) {
            i += 1;
            continue;
        }
        let end = (i + 1..n).find(|&j| !is_item(features, i, j)).unwrap_or(n);
        if end - i > MIN_ITEMS {
            out[i..end].fill(true);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::features::features;
    use super::*;

    fn lists(lines: &[&str]) -> Vec<bool> {
        let f: Vec<Features> = lines.iter().map(|t| features(t)).collect();
        see_also_lists(&f)
    }

    #[test]
    fn a_heading_and_headlines_are_a_list() {
        let lines = [
            "The council will meet again next week to decide on the budget for the harbour.",
            "Related stories",
            "Harbour pier to close for six months of repairs",
            "Ferry timetable changes announced for the summer",
            "Why the old bridge is still standing after a century",
            "The mayor said the decision had not been easy, and that the town would need patience while the work was done.",
        ];
        assert_eq!(lists(&lines), [false, true, true, true, true, false]);
    }

    #[test]
    fn a_heading_with_too_few_items_is_not_a_list() {
        let lines = [
            "More from the harbour",
            "Harbour pier to close for six months of repairs",
            "The mayor said the decision had not been easy, and that the town would need patience while the work was done, since the money had run out.",
        ];
        assert_eq!(lists(&lines), [false, false, false]);
    }
}
