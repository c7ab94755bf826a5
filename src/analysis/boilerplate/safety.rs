//! The safety rule for bodies: the article is never cut down to a short run of paragraphs
//! while most of the page's sentences lie outside it, unless something marks them as not
//! the story.
//!
//! The body search weighs prose against furniture. A list article (product round-up, deal
//! list, listicle) alternates short item headings, prices and links with paragraphs, so each
//! paragraph looks like a teaser between labels and the search may keep only a few of them.
//! Here the body is widened, one item at a time, towards the nearest sentence outside it,
//! until it holds the required share of the page's sentence-like words; a wall (a record
//! separator), a block with a finding that marks furniture, or a comment thread stops it.

/// A sentence-like block has at least this many words.
pub const MIN_SENTENCE_WORDS: f32 = 10.0;
/// Between two items of a list there are at most this many other blocks (a heading, a
/// price, a link); a longer run of short lines (a staff list, a menu) ends the article.
const MAX_GAP: usize = 5;
/// Pages with fewer sentence-like words than this are left as they are.
const MIN_PAGE_WORDS: f32 = 60.0;

/// Widens `body` (one contiguous article with maybe a few side stretches) until it holds at
/// least `share` of the words of the `sentences` (sentence-like blocks), crossing only
/// blocks that are not `stops`. `words` gives each block's length.
pub fn widen(body: &mut [bool], sentences: &[bool], stops: &[bool], words: &[f32], share: f32) {
    let total: f32 = weight(sentences, words, |_| true);
    if total < MIN_PAGE_WORDS || share <= 0.0 {
        return;
    }
    let Some(first) = body.iter().position(|&b| b) else {
        return;
    };
    let last = body.iter().rposition(|&b| b).unwrap_or(first);
    let mut kept = weight(sentences, words, |i| body[i]);
    let (mut start, mut end) = (first, last + 1);
    let (mut left_open, mut right_open) = (true, true);
    while kept < share * total && (left_open || right_open) {
        let left = left_open.then(|| reach(sentences, stops, (0..start).rev()));
        let right = right_open.then(|| reach(sentences, stops, end..body.len()));
        let left = left.flatten();
        let right = right.flatten();
        left_open &= left.is_some();
        right_open &= right.is_some();
        // The nearer sentence first: the story continues where it is closest.
        let take_left = match (left, right) {
            (Some(l), Some(r)) => start - l <= r + 1 - end,
            (Some(_), None) => true,
            _ => false,
        };
        let range = if take_left {
            let l = left.unwrap_or(start);
            let range = l..start;
            start = l;
            range
        } else if let Some(r) = right {
            let range = end..r + 1;
            end = r + 1;
            range
        } else {
            break;
        };
        for i in range {
            if !body[i] {
                body[i] = true;
                if sentences[i] {
                    kept += words[i];
                }
            }
        }
    }
}

/// The first sentence-like block along `path` reached without crossing a stop or more than
/// [`MAX_GAP`] other blocks.
fn reach(sentences: &[bool], stops: &[bool], path: impl Iterator<Item = usize>) -> Option<usize> {
    for i in path.take(MAX_GAP + 1) {
        if stops[i] {
            return None;
        }
        if sentences[i] {
            return Some(i);
        }
    }
    None
}

fn weight(sentences: &[bool], words: &[f32], keep: impl Fn(usize) -> bool) -> f32 {
    (0..sentences.len())
        .filter(|&i| sentences[i] && keep(i))
        .map(|i| words[i])
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_article_is_kept_whole_up_to_a_stop() {
        // Items: heading, paragraph; the search kept only the first item. A stop at the end.
        let sentences = [false, true, false, true, false, true, false, true];
        let stops = [false, false, false, false, false, false, true, false];
        let words = [3.0, 30.0, 3.0, 30.0, 3.0, 30.0, 5.0, 30.0];
        let mut body = [false, true, false, false, false, false, false, false];
        widen(&mut body, &sentences, &stops, &words, 0.5);
        assert_eq!(body, [false, true, true, true, false, false, false, false]);
        widen(&mut body, &sentences, &stops, &words, 0.9);
        assert_eq!(body, [false, true, true, true, true, true, false, false]);
    }

    #[test]
    fn a_body_holding_most_sentences_stays() {
        let sentences = [true, true, true, false, true];
        let stops = [false; 5];
        let words = [40.0, 40.0, 40.0, 2.0, 20.0];
        let mut body = [true, true, true, false, false];
        widen(&mut body, &sentences, &stops, &words, 0.5);
        assert_eq!(body, [true, true, true, false, false]);
    }
}
