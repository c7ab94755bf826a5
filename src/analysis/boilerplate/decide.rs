//! The verdict on each block, once the article's extent is known: which copy of a repeated
//! block stays, and what a block outside the article most likely is.

use std::borrow::Cow;
use std::collections::HashMap;

use super::rules::{self, Finding};
use super::{Category, Page, Verdict};

/// Lines above the article up to this long and not sentences are menus and breadcrumbs.
const MAX_TOP_LABEL_WORDS: f32 = 8.0;
/// A button label has at most this many words...
const MAX_BUTTON_WORDS: f32 = 2.0;
/// ...and occurs at least this many times ("Next Post" above and below the story).
const BUTTON_COPIES: usize = 2;
/// A heading (or a question) that heads the paragraph under it has at most this many words...
const MAX_HEADING_WORDS: f32 = 25.0;
/// ...and that paragraph at least this many.
const MIN_ANSWER_WORDS: f32 = 8.0;
/// A repeated paragraph stays as story in the flow of the text when it has this many words.
const MIN_FLOW_WORDS: f32 = 12.0;

impl Page<'_> {
    /// For each group of copies, the copy that stays: the first one inside the body that is
    /// a paragraph in the flow of the story (not a pull-quote standing apart), else the first
    /// that heads a paragraph of its own (a question over its answer, not the same question
    /// in a list of contents above), else the first one inside the body.
    pub(super) fn keepers(&self, body: &[bool]) -> HashMap<usize, usize> {
        let mut keepers: HashMap<usize, usize> = HashMap::new();
        let mut heading: HashMap<usize, usize> = HashMap::new();
        let mut flowing: HashMap<usize, usize> = HashMap::new();
        for (i, copy) in self.copies.iter().enumerate() {
            let root = copy.unwrap_or(i);
            if body[i] {
                keepers.entry(root).or_insert(i);
                if self.heads_prose(i, body) {
                    heading.entry(root).or_insert(i);
                }
                if self.flows(i, body) {
                    flowing.entry(root).or_insert(i);
                }
            }
        }
        keepers.extend(heading);
        keepers.extend(flowing);
        keepers
    }

    /// Whether short block `i` (a heading, a question) is followed by a paragraph of the
    /// article that is not itself repeated.
    fn heads_prose(&self, i: usize, body: &[bool]) -> bool {
        let next = i + 1;
        self.features[i].words <= MAX_HEADING_WORDS
            && body.get(next).copied().unwrap_or(false)
            && self.copies[next].is_none()
            && self.group_sizes[next] == 1
            && self.features[next].words >= MIN_ANSWER_WORDS
            && self.findings[next].is_none()
    }

    /// The verdict on block `i`; `top` is the first block of the body.
    pub(super) fn verdict(
        &self,
        i: usize,
        body: &[bool],
        top: usize,
        keepers: &HashMap<usize, usize>,
    ) -> Option<Verdict> {
        let verdict = |category, reason: Cow<'static, str>, outside, twin| {
            Some(Verdict {
                block: i,
                category,
                reason,
                outside,
                twin,
            })
        };
        if i == 0 && self.title {
            let reason = "the page title, not part of the article";
            return verdict(Category::Title, reason.into(), false, None);
        }
        if self.button(i) {
            let reason = "a short label repeated down the page (a button)";
            return verdict(Category::Navigation, reason.into(), false, None);
        }
        if let Some(twin) = self.twin(i, keepers).filter(|&t| !self.in_flow(i, t, body)) {
            let reason = if twin < i {
                "repeats an earlier line"
            } else {
                "repeats a line of the article below"
            };
            return verdict(Category::Duplicate, reason.into(), false, Some(twin));
        }
        if let Some(finding) = &self.findings[i] {
            let reason = self.specific(i, finding);
            return verdict(finding.category, reason, !body[i], None);
        }
        if self.recurring[i] {
            let reason = "recurs in many files of the workspace (a site template)";
            return verdict(Category::Template, reason.into(), false, None);
        }
        if body[i] {
            return None;
        }
        if self.repeated[i] {
            let reason = "same pattern as other lines of the page (like comment headers)";
            return verdict(Category::Navigation, reason.into(), true, None);
        }
        let (category, reason) = self.outside_kind(i, i < top);
        verdict(category, reason.into(), true, None)
    }

    /// A label of one or two words repeated word for word ("Report", "Reply", "Next Post"): a
    /// button under each item or around the story, even inside it.
    fn button(&self, i: usize) -> bool {
        self.features[i].words <= MAX_BUTTON_WORDS
            && self.features[i].alpha_words >= 1
            && self.group_sizes[self.copies[i].unwrap_or(i)] >= BUTTON_COPIES
    }

    /// The block this one repeats, when the kept copy of its group is another block.
    fn twin(&self, i: usize, keepers: &HashMap<usize, usize>) -> Option<usize> {
        let root = self.copies[i].unwrap_or(i);
        let kept = keepers.get(&root).copied().unwrap_or(root);
        (kept != i).then_some(kept)
    }

    /// Whether block `i`, a copy of article block `twin`, is a paragraph of the story in its
    /// own right: a long sentence between two article paragraphs that are not repeated. A
    /// story may repeat a quotation; a pull-quote or a teaser stands apart from the text.
    fn in_flow(&self, i: usize, twin: usize, body: &[bool]) -> bool {
        body[twin] && self.flows(i, body)
    }

    /// Whether article block `i` is a long sentence between two article paragraphs that are
    /// not repeated.
    fn flows(&self, i: usize, body: &[bool]) -> bool {
        let plain = |j: usize| {
            body.get(j).copied().unwrap_or(false)
                && self.findings[j].is_none()
                && self.copies[j].is_none()
                && self.group_sizes[j] == 1
                && self.features[j].words >= MIN_ANSWER_WORDS
        };
        let f = &self.features[i];
        body[i]
            && f.ends_sentence
            && f.words >= MIN_FLOW_WORDS
            && i.checked_sub(1).is_some_and(plain)
            && plain(i + 1)
    }

    /// The finding's reason, naming the word that gave an appeal away.
    fn specific(&self, i: usize, finding: &Finding) -> Cow<'static, str> {
        if finding.category == Category::Appeal
            && let Some(word) = rules::action_word(self.texts[i])
        {
            return format!("asks the reader to act (\u{201c}{word}\u{201d})").into();
        }
        finding.reason.into()
    }

    fn outside_kind(&self, i: usize, above: bool) -> (Category, &'static str) {
        let f = &self.features[i];
        if f.words <= 4.0 && !f.ends_sentence {
            (Category::Navigation, "short label, not a sentence")
        } else if above && f.words <= MAX_TOP_LABEL_WORDS && !f.ends_sentence {
            (Category::Navigation, "menu or breadcrumb above the article")
        } else if !f.ends_sentence && f.words <= 25.0 {
            (Category::TeaserList, "a headline of another article")
        } else {
            (Category::Aside, "text apart from the article")
        }
    }
}
