//! Where the article body is: the stretch of blocks with the most prose in it.
//!
//! A scraped page is furniture, then the story, then more furniture. Each block gets a value
//! (its prose score weighted by its length); the story is the contiguous run of blocks with the
//! largest total value, found in one linear pass (Kadane's maximum subarray). A few short
//! negative lines inside the story (an "Advertisement" label) do not split it, while a long
//! menu or comment thread between two stretches of prose does.

use std::ops::Range;

/// The value of a block the body never crosses.
pub const WALL: f32 = -1.0e6;

/// Length-weighted value of a block with prose score `score` and `words` words. Every block,
/// however short, weighs at least a few words, so that long runs of one-word menu items add up.
pub fn value(score: f32, words: f32) -> f32 {
    score * (words + 3.0)
}

/// The contiguous range of `values` with the largest sum; empty when every value is negative.
pub fn best_range(values: &[f32]) -> Range<usize> {
    let mut best = 0.0f32;
    let mut best_range = 0..0;
    let mut sum = 0.0f32;
    let mut start = 0;
    for (i, &v) in values.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += v;
        if sum > best {
            best = sum;
            best_range = start..i + 1;
        }
    }
    best_range
}

fn sum(values: &[f32]) -> f32 {
    values.iter().sum()
}

/// The best range, grown across walls (record separators: a "2 days ago" line under each
/// comment, a product line in a list) as long as the stretch beyond the next wall weighs at
/// least `share` of the first one. A list article is one record after another of similar
/// weight; a comment thread or teaser list after a story weighs little next to the story.
pub fn grown_range(values: &[f32], share: f32) -> Range<usize> {
    let main = best_range(values);
    if main.is_empty() {
        return main;
    }
    let floor = sum(&values[main.clone()]) * share;
    let is_wall = |v: f32| v <= WALL;
    let mut range = main;
    // Rightwards: the stretch between the next wall and the one after it.
    while let Some(wall) = (range.end..values.len()).find(|&i| is_wall(values[i])) {
        if values[range.end..wall].iter().any(|&v| v > 0.0) {
            // Prose before the wall that the best range left out: the article ended there.
            break;
        }
        let next = (wall + 1..values.len())
            .find(|&i| is_wall(values[i]))
            .unwrap_or(values.len());
        let local = best_range(&values[wall + 1..next]);
        if local.is_empty() || sum(&values[wall + 1 + local.start..wall + 1 + local.end]) < floor {
            break;
        }
        range.end = wall + 1 + local.end;
    }
    // Leftwards, the same.
    while let Some(wall) = (0..range.start).rev().find(|&i| is_wall(values[i])) {
        if values[wall + 1..range.start].iter().any(|&v| v > 0.0) {
            break;
        }
        let previous = (0..wall)
            .rev()
            .find(|&i| is_wall(values[i]))
            .map_or(0, |i| i + 1);
        let local = best_range(&values[previous..wall]);
        if local.is_empty() || sum(&values[previous + local.start..previous + local.end]) < floor {
            break;
        }
        range.start = previous + local.start;
    }
    range
}

/// At most this many side stretches are searched for, which keeps the search linear: an
/// article is split by a few inserts, not by hundreds.
const MAX_SIDE_RANGES: usize = 6;

/// Further ranges worth keeping beside `main`: stretches on either side whose sum is at least
/// `share` of the main one's. Recurses outward so an article split by a large insert is kept.
pub fn other_ranges(values: &[f32], main: &Range<usize>, share: f32) -> Vec<Range<usize>> {
    let floor = values[main.clone()].iter().sum::<f32>() * share;
    let mut out = Vec::new();
    let mut budget = MAX_SIDE_RANGES;
    collect(values, 0..main.start, floor, &mut budget, &mut out);
    collect(values, main.end..values.len(), floor, &mut budget, &mut out);
    out.sort_by_key(|r| r.start);
    out
}

fn collect(
    values: &[f32],
    within: Range<usize>,
    floor: f32,
    budget: &mut usize,
    out: &mut Vec<Range<usize>>,
) {
    if within.is_empty() || *budget == 0 {
        return;
    }
    *budget -= 1;
    let local = best_range(&values[within.clone()]);
    let found = within.start + local.start..within.start + local.end;
    if found.is_empty() || values[found.clone()].iter().sum::<f32>() < floor {
        return;
    }
    collect(values, within.start..found.start, floor, budget, out);
    collect(values, found.end..within.end, floor, budget, out);
    out.push(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_heaviest_run() {
        let values = [-1.0, -1.0, 5.0, -1.0, 6.0, -20.0, 3.0];
        assert_eq!(best_range(&values), 2..5);
        assert_eq!(best_range(&[-1.0, -2.0]), 0..0);
    }

    #[test]
    fn grows_across_walls_only_into_records_of_similar_weight() {
        // A story, a wall, a small comment: the comment stays out.
        let values = [10.0, 10.0, WALL, 2.0, WALL, 1.0];
        assert_eq!(grown_range(&values, 0.3), 0..2);
        // Records of a list article, each behind a wall: all of them are the body.
        let values = [-1.0, 8.0, WALL, 7.0, WALL, 9.0, -3.0];
        assert_eq!(grown_range(&values, 0.3), 1..6);
    }

    #[test]
    fn keeps_large_stretches_beside_the_main_one() {
        let values = [8.0, -30.0, 10.0, 2.0, -30.0, 1.0];
        let main = best_range(&values);
        assert_eq!(main, 2..4);
        assert_eq!(other_ranges(&values, &main, 0.5), vec![0..1usize]);
    }
}
