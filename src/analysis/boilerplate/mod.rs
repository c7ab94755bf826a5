//! Boilerplate detection: which blocks of a scraped article are not the story.
//!
//! Plain text only, no HTML. Each block gets surface features ([`features`]), a prose score
//! ([`score`]) and, where its shape alone gives it away, a furniture kind ([`rules`]). The
//! article body is the heaviest stretch of prose ([`region`]); the headline, deck and byline
//! just before it are kept ([`head`]). Everything outside the body, repeated blocks
//! ([`duplicates`]) and furniture inside it are flagged, each with a category and reasons.
//! Blocks that recur across many files of a workspace (publisher templates) can be passed in
//! through a [`Context`].

mod cache;
mod captions;
mod decide;
mod duplicates;
mod features;
mod head;
mod lexicon;
mod lists;
mod params;
mod region;
mod rules;
mod safety;
mod score;
mod stretch;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_kinds;
mod verdict;

use std::collections::HashSet;
use std::sync::Arc;

use super::blocks::Block;
use cache::Scanned;
use features::Features;
use rules::Finding;

pub use cache::ScanCache;
pub use duplicates::fingerprint;
pub use params::Params;
pub use stretch::{Classified, Stretch, are_copies, classify_cached, classify_stretch};
pub use verdict::{Category, Verdict, dominant, runs};

/// What the workspace knows beyond one file.
#[derive(Debug, Clone, Default)]
pub struct Context {
    recurring: HashSet<u64>,
    /// The classifier's thresholds (the defaults unless a benchmark tunes them).
    params: Params,
}

impl Context {
    /// A context in which blocks with these [`fingerprint`]s recur across many files.
    pub fn with_recurring(fingerprints: impl IntoIterator<Item = u64>) -> Self {
        Context {
            recurring: fingerprints.into_iter().collect(),
            params: Params::default(),
        }
    }

    /// This context with other classifier thresholds.
    pub fn with_params(mut self, params: Params) -> Self {
        self.params = params;
        self
    }

    /// Whether a block with this fingerprint recurs across many files.
    pub fn recurs(&self, fingerprint: u64) -> bool {
        self.recurring.contains(&fingerprint)
    }
}

/// Classifies the blocks of `text`; returns verdicts for boilerplate blocks only, in block order.
pub fn classify(text: &str, blocks: &[Block]) -> Vec<Verdict> {
    classify_with(text, blocks, &Context::default())
}

/// Like [`classify`], with what the workspace knows (blocks recurring across files).
pub fn classify_with(text: &str, blocks: &[Block], context: &Context) -> Vec<Verdict> {
    Page::new(text, blocks, context, None).decide().verdicts
}

/// Like [`classify_with`], also returning the [`fingerprint`] of every block, in block order:
/// the classification computes them anyway, and the workspace index needs them for templates.
pub fn classify_with_prints(
    text: &str,
    blocks: &[Block],
    context: &Context,
) -> (Vec<Verdict>, Vec<u64>) {
    let mut page = Page::new(text, blocks, context, None);
    let prints = std::mem::take(&mut page.fingerprints);
    (page.decide().verdicts, prints)
}

/// Lines occurring this often with the same shape in one page are a template ("Reply",
/// "Rating: 4 votes").
const REPEATED_SHAPE: usize = 3;
/// Longest sign-off line kept after the story, in words.
const MAX_SIGN_OFF_WORDS: f32 = 8.0;
/// Isolated prose blocks at most this many lines apart form a chain of records.
const CHAIN_GAP: usize = 4;
/// Chains of at least this many isolated prose blocks are lists of teasers or comments.
const CHAIN_LENGTH: usize = 3;
/// Runs of at most this many recurring lines are neutral for the body's extent.
const MAX_NEUTRAL_TEMPLATES: usize = 2;
/// A heading of a comment thread has at most this many words.
const MAX_THREAD_HEADING_WORDS: f32 = 8.0;
/// The first comment header follows the thread's heading within this many blocks.
const THREAD_LOOKAHEAD: usize = 8;
/// A thread is only cut off after an article of at least this value (a short paragraph).
const MIN_ARTICLE_VALUE: f32 = 40.0;
/// A paragraph cut off by a paywall, and the one before it, have at least this many words.
const CUT_OFF_WORDS: f32 = 20.0;
/// The paragraph before a cut-off one reads as prose at least this well.
const CUT_OFF_PREVIOUS_SCORE: f32 = 0.5;
/// A row of a table has at most this many words.
const MAX_ROW_WORDS: f32 = 20.0;
/// A row has at least this many words (a pager's numbers and file names are not rows).
const MIN_ROW_WORDS: f32 = 3.0;
/// The rows of a table have at most this many words on average (a list of sources is longer).
const MEAN_ROW_WORDS: f32 = 11.0;
/// A table has at least this many rows of one shape.
const MIN_TABLE_ROWS: usize = 4;
/// The prose score a table row counts for at least.
const TABLE_ROW_SCORE: f32 = 0.3;
/// A table has at most this many notes under it.
const MAX_TABLE_NOTES: usize = 4;

/// A long paragraph cut off with an ellipsis right after a paragraph of prose is where a
/// paywall or a preview cut the story, not a teaser: it stays with the story (unless it
/// repeats another block, like a caption shown twice).
fn cut_off_endings(
    findings: &[Option<Finding>],
    features: &[Features],
    scores: &[f32],
    copies: &[Option<usize>],
) -> Vec<usize> {
    (1..findings.len())
        .filter(|&i| {
            let cut = findings[i]
                .as_ref()
                .is_some_and(|f| f.category == Category::TeaserList)
                && features[i].truncated
                && features[i].words >= CUT_OFF_WORDS;
            let after_prose = findings[i - 1].is_none()
                && features[i - 1].words >= CUT_OFF_WORDS
                && scores[i - 1] >= CUT_OFF_PREVIOUS_SCORE;
            cut && after_prose && copies[i].is_none() && copies[i - 1].is_none()
        })
        .collect()
}

/// Everything known about the blocks of one page before deciding.
struct Page<'a> {
    texts: Vec<&'a str>,
    /// The [`fingerprint`] of every block.
    fingerprints: Vec<u64>,
    /// Hashes of the lower-cased words of every block, in order; `word_ranges` slices them.
    hashes: Vec<u64>,
    word_ranges: Vec<std::ops::Range<usize>>,
    features: Vec<Features>,
    findings: Vec<Option<Finding>>,
    copies: Vec<Option<usize>>,
    repeated: Vec<bool>,
    walls: Vec<bool>,
    /// Short lines with a time stamp (comment headers, datelines).
    stamped: Vec<bool>,
    recurring: Vec<bool>,
    scores: Vec<f32>,
    title: bool,
    /// For the first block of each group of exact or near copies, the size of the group.
    group_sizes: Vec<usize>,
    /// Prose blocks damped as one of a chain of isolated records (teasers, comments).
    chained: Vec<bool>,
    params: Params,
}

impl<'a> Page<'a> {
    fn new(
        text: &'a str,
        blocks: &[Block],
        context: &Context,
        mut cache: Option<&mut ScanCache>,
    ) -> Self {
        let texts: Vec<&str> = blocks.iter().map(|b| b.text(text)).collect();
        let mut scratch = String::new();
        let scans: Vec<Arc<Scanned>> = texts
            .iter()
            .map(|t| match cache.as_deref_mut() {
                Some(cache) => cache.get(t, &mut scratch),
                None => Arc::new(Scanned::new(t, &mut scratch)),
            })
            .collect();
        let mut hashes = Vec::with_capacity(scans.iter().map(|s| s.words.len()).sum());
        let word_ranges: Vec<std::ops::Range<usize>> = scans
            .iter()
            .map(|s| {
                let start = hashes.len();
                hashes.extend_from_slice(&s.words);
                start..hashes.len()
            })
            .collect();
        let fingerprints: Vec<u64> = scans.iter().map(|s| s.fingerprint).collect();
        let skeletons: Vec<Option<u64>> = scans.iter().map(|s| s.skeleton).collect();
        let mut features: Vec<Features> = scans.iter().map(|s| s.features.clone()).collect();
        let words: Vec<&[u64]> = word_ranges.iter().map(|r| &hashes[r.clone()]).collect();
        let listed = lists::see_also_lists(&features);
        let findings = scans
            .iter()
            .zip(&listed)
            .map(|(s, &listed)| {
                s.finding
                    .clone()
                    .or_else(|| listed.then(rules::see_also_list))
            })
            .collect();
        let mut findings: Vec<Option<Finding>> = findings;
        for i in rules::gallery_captions(&findings, &features) {
            findings[i] = Some(rules::gallery_caption());
        }
        for i in captions::full_captions(&findings, &words) {
            findings[i] = Some(captions::full_caption());
        }
        for i in rules::author_boxes(&texts, &words, &features) {
            findings[i] = Some(rules::author_box());
        }
        let site = texts.first().and_then(|t| head::site_name(t));
        for i in site.map_or_else(Vec::new, |s| rules::self_promotions(&texts, &features, &s)) {
            if i > 0 && findings[i].is_none() {
                findings[i] = Some(rules::self_promotion());
            }
        }
        for i in rules::appeal_letters(&texts, &findings, &features) {
            findings[i] = Some(rules::letter());
        }
        head::first_block_is_a_heading(&mut findings);
        let language = score::detect_language(&features);
        let mut scores: Vec<f32> = features
            .iter()
            .map(|f| score::content_score(f, language))
            .collect();
        let mut copies = duplicates::first_copies(&fingerprints, &words);
        // A block that is other blocks run together, and its exact copies, repeat those blocks.
        let parts = duplicates::containers(&words, &copies);
        for i in 0..copies.len() {
            let root = copies[i].unwrap_or(i);
            if let Some(j) = parts[root] {
                copies[i] = Some(copies[j].unwrap_or(j));
                scores[i] = -1.0;
            }
        }
        for i in cut_off_endings(&findings, &features, &scores, &copies) {
            findings[i] = None;
            features[i].truncated = false;
            scores[i] = score::content_score(&features[i], language);
        }
        let repeated = duplicates::shape_counts(&skeletons)
            .iter()
            .zip(&features)
            .map(|(&n, f)| n >= REPEATED_SHAPE && f.words <= 15.0)
            .collect();
        let stamped: Vec<bool> = texts
            .iter()
            .zip(&features)
            .map(|(t, f)| f.words <= 15.0 && features::timestamp_like(t))
            .collect();
        let dates: Vec<bool> = texts
            .iter()
            .zip(&features)
            .map(|(t, f)| features::date_line(t, f))
            .collect();
        let many_dates = dates.iter().filter(|&&d| d).count() >= REPEATED_SHAPE;
        let walls = stamped
            .iter()
            .zip(&repeated)
            .zip(&dates)
            .map(|((&s, &r), &d)| s && r || d && many_dates)
            .collect();
        let recurring = fingerprints.iter().map(|&p| context.recurs(p)).collect();
        let title = head::is_page_title(&texts, &words, &copies);
        let mut group_sizes = vec![0usize; copies.len()];
        for (i, c) in copies.iter().enumerate() {
            group_sizes[c.unwrap_or(i)] += 1;
        }
        let mut page = Page {
            texts,
            fingerprints,
            hashes,
            word_ranges,
            features,
            findings,
            copies,
            repeated,
            walls,
            stamped,
            recurring,
            scores,
            title,
            group_sizes,
            chained: Vec::new(),
            params: context.params,
        };
        page.penalise_furniture();
        page.credit_tables();
        page.damp_isolated_prose();
        page
    }

    /// Prose between two non-prose lines counts for less: that is how teaser lists and comment
    /// threads look (headline, summary, author; name, comment, "reply"), while story
    /// paragraphs follow one another.
    fn damp_isolated_prose(&mut self) {
        let negative = |s: Option<&f32>| s.is_none_or(|&s| s < 0.0);
        self.chained = vec![false; self.scores.len()];
        let isolated: Vec<usize> = (0..self.scores.len())
            .filter(|&i| {
                self.scores[i] > 0.0
                    && negative(i.checked_sub(1).and_then(|j| self.scores.get(j)))
                    && negative(self.scores.get(i + 1))
            })
            .collect();
        // Chains of isolated prose a few lines apart are records: teaser, summary, teaser...
        let mut chain_start = 0;
        for k in 0..=isolated.len() {
            let linked =
                k > 0 && k < isolated.len() && isolated[k] - isolated[k - 1] <= CHAIN_GAP + 1;
            if linked {
                continue;
            }
            let chain = &isolated[chain_start..k];
            let records = chain.len() >= CHAIN_LENGTH;
            let factor = if records {
                self.params.chain_damping
            } else {
                self.params.isolated_damping
            };
            for &i in chain {
                self.scores[i] *= factor;
                self.chained[i] = records;
            }
            chain_start = k;
        }
    }

    /// Blocks known to be furniture count fully against the body they sit in. A publisher's
    /// template line is flagged but neutral here: one recurring inside a story (a standing
    /// insert) must not cut it in two, and one at its edge must not pull the body outwards.
    /// A run of more recurring lines (a menu, a footer) still separates what is around it.
    fn penalise_furniture(&mut self) {
        let n = self.scores.len();
        let mut i = 0;
        while i < n {
            if !self.recurring[i] {
                let finding = self.findings[i].as_ref();
                if finding.is_some_and(|f| f.reason == rules::INLINE_LINK) {
                    // A link inserted between two paragraphs must not cut the story in two...
                    self.scores[i] = 0.0;
                } else if finding.is_some_and(|f| f.category == Category::Caption) {
                    // ...and a gallery of captioned pictures only weakly.
                    self.scores[i] = self.params.caption_score;
                } else if self.findings[i].is_some() || self.repeated[i] {
                    self.scores[i] = -1.0;
                }
                i += 1;
                continue;
            }
            let end = (i..n).find(|&j| !self.recurring[j]).unwrap_or(n);
            let neutral = end - i <= MAX_NEUTRAL_TEMPLATES;
            for j in i..end {
                self.scores[j] = if neutral && self.findings[j].is_none() && !self.repeated[j] {
                    0.0
                } else {
                    -1.0
                };
            }
            i = end;
        }
    }

    /// Runs of short lines of one shape, each with numbers (not a menu's counts in brackets) (a schedule, a standings table, a
    /// list of tour dates), are the article's data, not a menu: they count as weak prose, so
    /// a table right after the story stays with it and a table on its own can be the body.
    fn credit_tables(&mut self) {
        let n = self.texts.len();
        let shape = |i: usize| {
            let f = &self.features[i];
            let text = self.texts[i];
            let count = text.ends_with(')')
                && text
                    .trim_end_matches(')')
                    .ends_with(|c: char| c.is_ascii_digit());
            let row = f.numbers >= 1
                && f.alpha_words >= 1
                && (MIN_ROW_WORDS..=MAX_ROW_WORDS).contains(&f.words)
                && !text.contains('_')
                && self.findings[i].is_none()
                && !count;
            row.then(|| {
                (
                    f.numbers.min(9),
                    f.starts_upper,
                    text.starts_with(char::is_numeric),
                )
            })
        };
        let mut i = 0;
        while i < n {
            let Some(first) = shape(i) else {
                i += 1;
                continue;
            };
            let end = (i + 1..n).find(|&j| shape(j) != Some(first)).unwrap_or(n);
            let rows = end - i;
            let words: f32 = (i..end).map(|j| self.features[j].words).sum();
            if rows >= MIN_TABLE_ROWS
                && words <= MEAN_ROW_WORDS * rows as f32
                && !(i..end).any(|j| self.stamped[j] || self.recurring[j])
            {
                let notes = self.footnotes(end);
                for j in i..end + notes {
                    self.scores[j] = self.scores[j].max(TABLE_ROW_SCORE);
                }
            }
            i = end;
        }
    }

    /// How many blocks from `start` are notes under a table: lines opening with a note mark
    /// ("* Dates may change", "¹ Provisional"), nothing else in between.
    fn footnotes(&self, start: usize) -> usize {
        (start..self.texts.len())
            .take(MAX_TABLE_NOTES)
            .take_while(|&j| {
                self.findings[j].is_none()
                    && self.texts[j].starts_with(['*', '¹', '²', '³', '†'])
                    && self.features[j].alpha_words >= 2
            })
            .count()
    }

    /// Which blocks form the article body (including the headline and byline before it).
    fn body(&self) -> Vec<bool> {
        let values: Vec<f32> = self
            .scores
            .iter()
            .zip(&self.features)
            .zip(&self.walls)
            .map(|((&s, f), &wall)| {
                if wall {
                    region::WALL
                } else {
                    region::value(s, f.words)
                }
            })
            .collect();
        let mut values = values;
        let thread = self.thread_start(&values);
        if let Some(thread) = thread {
            for v in &mut values[thread..] {
                *v = -v.abs();
            }
        }
        let main = region::grown_range(&values, self.params.wall_share);
        let mut body = vec![false; values.len()];
        if main.is_empty() {
            return body;
        }
        let first = usize::from(self.title);
        let words: Vec<&[u64]> = self
            .word_ranges
            .iter()
            .map(|r| &self.hashes[r.clone()])
            .collect();
        let head = head::head_start(
            &self.texts,
            (&words, &self.features, &self.findings),
            main.start,
            first,
        );
        body[head..main.end].fill(true);
        if self.is_sign_off(main.end) {
            body[main.end] = true;
        }
        for side in region::other_ranges(&values, &main, self.params.side_share) {
            // A list of teasers beside the story is not the rest of it (unless the story is
            // itself a list of records).
            if !self.mostly_records(&side, &values) || self.mostly_records(&main, &values) {
                body[side].fill(true);
            }
        }
        let end = thread.unwrap_or(body.len());
        let (sentences, stops) = self.sentences_and_stops(end);
        let words: Vec<f32> = self.features.iter().map(|f| f.words).collect();
        safety::widen(
            &mut body[..end],
            &sentences,
            &stops,
            &words[..end],
            self.params.min_body_share,
        );
        body
    }

    /// Whether most of the prose value of `range` lies in chained records (teasers under
    /// headings, comments): a list beside the story, not a part of it cut off by an insert.
    fn mostly_records(&self, range: &std::ops::Range<usize>, values: &[f32]) -> bool {
        let positive = |keep: &dyn Fn(usize) -> bool| -> f32 {
            range
                .clone()
                .filter(|&i| values[i] > 0.0 && keep(i))
                .map(|i| values[i])
                .sum()
        };
        positive(&|i| self.chained[i]) * 2.0 > positive(&|_| true)
    }

    /// For the blocks before `end`, which read as the sentences of a story (not repeated,
    /// not furniture), and which stop the body from widening (record separators, template
    /// lines, furniture other than captions and inline links).
    fn sentences_and_stops(&self, end: usize) -> (Vec<bool>, Vec<bool>) {
        (0..end)
            .map(|i| {
                let f = &self.features[i];
                let finding = self.findings[i].as_ref();
                let plain = finding.is_none()
                    && self.copies[i].is_none()
                    && self.group_sizes[i] == 1
                    && !self.repeated[i]
                    && !self.recurring[i]
                    && !self.stamped[i];
                let sentence = plain && f.ends_sentence && f.words >= safety::MIN_SENTENCE_WORDS;
                let furniture = finding.is_some_and(|f| {
                    f.category != Category::Caption && f.reason != rules::INLINE_LINK
                });
                (sentence, self.walls[i] || self.recurring[i] || furniture)
            })
            .unzip()
    }

    /// A sign-off right after the story ("Jane Doe, The Associated Press"): a short line of
    /// capitalized names around a comma, with no sentence end, is the article's byline.
    fn is_sign_off(&self, i: usize) -> bool {
        let Some(f) = self.features.get(i) else {
            return false;
        };
        (2.0..=MAX_SIGN_OFF_WORDS).contains(&f.words)
            && f.lowercase == 0
            && f.numbers == 0
            && !f.ends_sentence
            && self.texts[i].contains(',')
            && self.findings[i].is_none()
    }

    /// Where a thread of readers' comments starts: a short heading naming comments
    /// ("Comments", "12 replies") followed closely by a short time-stamped line (the first
    /// comment's header), after an article. Nothing from there on is the article.
    fn thread_start(&self, values: &[f32]) -> Option<usize> {
        let n = self.texts.len();
        let mut candidates = (0..n).filter(|&i| {
            let f = &self.features[i];
            f.comment > 0
                && f.words <= MAX_THREAD_HEADING_WORDS
                && (i + 1..n.min(i + 1 + THREAD_LOOKAHEAD)).any(|j| self.stamped[j])
        });
        candidates.find(|&i| {
            let before = region::best_range(&values[..i]);
            values[before].iter().sum::<f32>() >= MIN_ARTICLE_VALUE
        })
    }
}
