//! Exact and near-duplicate blocks, found by hashing in linear time.
//!
//! Scraped pages repeat themselves: a caption shown for every slide, a teaser list rendered
//! twice, a "Rating: 12 votes" line under every comment. Exact copies are found by a
//! normalised fingerprint, near copies by min-hash over word 3-shingles with banding (locality
//! sensitive hashing), so no pair of blocks is ever compared unless they share a band.

use std::collections::HashMap;

use super::features;

/// Min-hash functions; grouped in bands of `ROWS`.
const HASHES: usize = 8;
const ROWS: usize = 2;
/// Shingle-set Jaccard similarity above which two blocks are near duplicates.
const NEAR: f32 = 0.6;
/// Blocks shorter than this many words are only compared exactly.
const MIN_NEAR_WORDS: usize = 8;

/// A 64-bit mixer (splitmix64's finaliser) to derive independent hash functions.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Fingerprint of a block's text, stable across runs, platforms and versions: the FNV-1a hash
/// of its lower-cased word tokens (runs of letters and digits, each followed by a space), so
/// case, punctuation and spacing do not matter. The workspace index counts these across files
/// to find publisher templates.
pub fn fingerprint(block_text: &str) -> u64 {
    features::scan(block_text, &mut String::new(), &mut Vec::new()).fingerprint
}

/// Sorted, deduplicated hashes of the word 3-shingles of a block with these word hashes.
fn shingles(words: &[u64]) -> Vec<u64> {
    let mut out: Vec<u64> = words
        .windows(3)
        .map(|w| mix(w[0] ^ mix(w[1] ^ mix(w[2]))))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f32 / union as f32
    }
}

/// Band keys of a shingle set's min-hash signature.
fn band_keys(shingles: &[u64]) -> impl Iterator<Item = u64> + '_ {
    let signature: Vec<u64> = (0..HASHES as u64)
        .map(|k| {
            let seed = mix(k + 1);
            shingles.iter().map(|&s| mix(s ^ seed)).min().unwrap_or(0)
        })
        .collect();
    (0..HASHES / ROWS).map(move |band| {
        let rows = &signature[band * ROWS..(band + 1) * ROWS];
        rows.iter().fold(mix(band as u64), |h, &r| mix(h ^ r))
    })
}

/// For each block (given by its fingerprint and word hashes), the index of the first block it
/// duplicates (exactly or nearly), or `None` when it is the first of its kind.
pub fn first_copies(fingerprints: &[u64], words: &[&[u64]]) -> Vec<Option<usize>> {
    let mut exact: HashMap<u64, usize> = HashMap::new();
    let mut bands: HashMap<u64, usize> = HashMap::new();
    let mut sets: HashMap<usize, Vec<u64>> = HashMap::new();
    let mut out = Vec::with_capacity(fingerprints.len());
    for (i, (&print, words)) in fingerprints.iter().zip(words).enumerate() {
        if let Some(&first) = exact.get(&print) {
            out.push(Some(root(&out, first)));
            continue;
        }
        exact.insert(print, i);
        if words.len() < MIN_NEAR_WORDS {
            out.push(None);
            continue;
        }
        let set = shingles(words);
        if set.len() + 2 < MIN_NEAR_WORDS {
            out.push(None);
            continue;
        }
        let keys: Vec<u64> = band_keys(&set).collect();
        let twin = keys
            .iter()
            .filter_map(|k| bands.get(k))
            .find(|&&j| jaccard(&set, &sets[&j]) >= NEAR)
            .copied();
        // Only first copies are registered, so a twin found through a band is a root.
        if twin.is_none() {
            for k in keys {
                bands.entry(k).or_insert(i);
            }
            sets.insert(i, set);
        }
        out.push(twin);
    }
    out
}

/// Whether two blocks (given by fingerprint and word hashes) are copies, exactly or nearly, by
/// the measure [`first_copies`] groups them with.
pub fn copies(a: (u64, &[u64]), b: (u64, &[u64])) -> bool {
    if a.0 == b.0 {
        return true;
    }
    let long = |words: &[u64]| words.len() >= MIN_NEAR_WORDS;
    if !long(a.1) || !long(b.1) {
        return false;
    }
    let (a, b) = (shingles(a.1), shingles(b.1));
    if a.len() + 2 < MIN_NEAR_WORDS || b.len() + 2 < MIN_NEAR_WORDS {
        return false;
    }
    // Near copies are only ever compared when they share a band.
    let keys: Vec<u64> = band_keys(&a).collect();
    band_keys(&b).any(|k| keys.contains(&k)) && jaccard(&a, &b) >= NEAR
}

/// A block holding others run together has at least this many words.
const MIN_CONTAINER_WORDS: usize = 40;
/// Blocks shorter than this are not looked for inside longer ones.
const MIN_PART_WORDS: usize = 6;
/// Share of a block's words that other blocks must cover for it to be their repeat.
const CONTAINED: usize = 6;

/// For each long block that is mostly other blocks of the page run together (a whole article
/// repeated as one line, as metadata often holds it), the first of those blocks (its root
/// copy). Each block is indexed once by its first three words and every long block is read
/// once, so the search is linear.
pub fn containers(words: &[&[u64]], copies: &[Option<usize>]) -> Vec<Option<usize>> {
    let key = |w: &[u64]| mix(w[0] ^ mix(w[1] ^ mix(w[2])));
    let mut starts: HashMap<u64, usize> = HashMap::new();
    for (j, w) in words.iter().enumerate() {
        if w.len() >= MIN_PART_WORDS && copies[j].is_none() {
            starts.entry(key(w)).or_insert(j);
        }
    }
    let mut out = vec![None; words.len()];
    if starts.is_empty() {
        return out;
    }
    for (i, w) in words.iter().enumerate() {
        if w.len() < MIN_CONTAINER_WORDS || copies[i].is_some() {
            continue;
        }
        let (mut at, mut covered, mut parts, mut first) = (0, 0, 0, None);
        while at + 3 <= w.len() {
            let part = starts
                .get(&key(&w[at..]))
                .copied()
                .filter(|&j| j != i && w[at..].starts_with(words[j]));
            if let Some(j) = part {
                at += words[j].len();
                covered += words[j].len();
                parts += 1;
                first = first.or(Some(j));
            } else {
                at += 1;
            }
        }
        if parts >= 2 && covered * 10 >= w.len() * CONTAINED {
            out[i] = first;
        }
    }
    out
}

/// The first copy of the group block `j` belongs to.
fn root(out: &[Option<usize>], j: usize) -> usize {
    out[j].unwrap_or(j)
}

/// For each block (given by its skeleton fingerprint, see [`features::Scan`]), how many
/// blocks of the text share its skeleton (numbers and names ignored); 1 for lines of names and
/// numbers only, which are content as often as they are a template.
pub fn shape_counts(skeletons: &[Option<u64>]) -> Vec<usize> {
    let mut counts: HashMap<u64, usize> = HashMap::new();
    for &p in skeletons.iter().flatten() {
        *counts.entry(p).or_insert(0) += 1;
    }
    skeletons
        .iter()
        .map(|p| p.map_or(1, |p| counts[&p]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template_fingerprint(text: &str) -> Option<u64> {
        features::scan(text, &mut String::new(), &mut Vec::new()).skeleton
    }

    fn first_copies_of(texts: &[&str]) -> Vec<Option<usize>> {
        let mut hashes = Vec::new();
        let mut prints = Vec::new();
        let mut ranges = Vec::new();
        for t in texts {
            let start = hashes.len();
            prints.push(features::scan(t, &mut String::new(), &mut hashes).fingerprint);
            ranges.push(start..hashes.len());
        }
        let words: Vec<&[u64]> = ranges.into_iter().map(|r| &hashes[r]).collect();
        first_copies(&prints, &words)
    }

    #[test]
    fn an_article_repeated_as_one_line_is_found() {
        let texts = [
            "The council voted on Tuesday to close the old bridge for repairs.",
            "Engineers found that its supports were corroded after decades of salt and traffic.",
            "The bridge will reopen next spring, the mayor said at a crowded press conference \
             in the town hall.",
            "The council voted on Tuesday to close the old bridge for repairs. Engineers found \
             that its supports were corroded after decades of salt and traffic. The bridge will \
             reopen next spring, the mayor said at a crowded press conference in the town hall.",
        ];
        let words: Vec<Vec<u64>> = texts
            .iter()
            .map(|t| {
                let mut w = Vec::new();
                features::scan(t, &mut String::new(), &mut w);
                w
            })
            .collect();
        let words: Vec<&[u64]> = words.iter().map(Vec::as_slice).collect();
        assert_eq!(containers(&words, &[None; 4]), [None, None, None, Some(0)]);
    }

    fn shape_counts_of(texts: &[&str]) -> Vec<usize> {
        let skeletons: Vec<_> = texts.iter().map(|t| template_fingerprint(t)).collect();
        shape_counts(&skeletons)
    }

    #[test]
    fn fingerprint_ignores_case_punctuation_and_spacing() {
        assert_eq!(
            fingerprint("Sign up  for news!"),
            fingerprint("sign up for news")
        );
        assert_ne!(
            fingerprint("Sign up for news"),
            fingerprint("Sign up for sports")
        );
        assert_eq!(
            template_fingerprint("Ann Lee on May 3, 2019 said:"),
            template_fingerprint("Bo on June 12, 2018 said:")
        );
        assert_eq!(
            template_fingerprint("Alex on September 17, 2018 at 6:34 am said:"),
            template_fingerprint("Gary M on September 17, 2018 at 8:50 PM said:")
        );
        assert_eq!(
            template_fingerprint("3 days ago"),
            template_fingerprint("12 days ago")
        );
    }

    #[test]
    fn exact_and_near_copies_point_to_the_first() {
        let a = "The river rose by two metres overnight and the old bridge was closed to traffic";
        let b =
            "The river rose by two metres overnight and the old bridge was closed to all traffic";
        let texts = [
            a,
            "Something else entirely",
            "the RIVER rose by two metres overnight and the old bridge was closed to traffic!",
            b,
        ];
        assert_eq!(first_copies_of(&texts), [None, None, Some(0), Some(0)]);
    }

    #[test]
    fn different_paragraphs_are_not_near_copies() {
        let texts = [
            "The council met on Tuesday to discuss the budget for the coming year in detail",
            "Farmers in the valley said the harvest had been the worst in a decade of drought",
        ];
        assert_eq!(first_copies_of(&texts), [None, None]);
    }

    #[test]
    fn shapes_count_lines_that_differ_in_numbers() {
        let texts = [
            "Rating: 3 votes",
            "A comment",
            "Rating: 17 votes",
            "Paris",
            "Rome",
        ];
        assert_eq!(shape_counts_of(&texts), [2, 1, 2, 1, 1]);
    }
}
