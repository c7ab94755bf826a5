//! What boilerplate detection says about a block.

use std::borrow::Cow;

/// What kind of junk a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Asks the reader for something: donate, subscribe, sign up, share.
    Appeal,
    /// Menus, breadcrumbs, section labels, stray short lines.
    Navigation,
    /// Lists of other articles: headlines, truncated teasers.
    TeaserList,
    /// Photo captions and credits.
    Caption,
    /// Legal and site notices: copyright, cookies, privacy, markup and URLs.
    Notice,
    /// A repeat of another block of the same text.
    Duplicate,
    /// The page title line that precedes the page (the browser tab's title).
    Title,
    /// A block that recurs across many files of the workspace (a publisher template).
    Template,
    /// Prose outside the article body: comments, author boxes, related summaries.
    Aside,
}

impl Category {
    /// The diagnostic code and CLI name of the category.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Appeal => "appeal",
            Category::Navigation => "navigation",
            Category::TeaserList => "teaser-list",
            Category::Caption => "caption",
            Category::Notice => "notice",
            Category::Duplicate => "duplicate",
            Category::Title => "title",
            Category::Template => "template",
            Category::Aside => "aside",
        }
    }
}

/// The verdict on one boilerplate block.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Index into the analysis' blocks.
    pub block: usize,
    pub category: Category,
    /// Why, in a few words. Fixed texts are borrowed, so a verdict is copied from one layout
    /// to the next (as a document is edited) without allocating.
    pub reason: Cow<'static, str>,
    /// The block lies outside the article: a second reason.
    pub outside: bool,
    /// For a duplicate, the index of the block it repeats.
    pub twin: Option<usize>,
}

/// The second reason of a block flagged because it lies outside the article.
const OUTSIDE: &str = "outside the article";

impl Verdict {
    /// The reasons, most important first.
    pub fn reasons(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.reason.as_ref()).chain(self.outside.then_some(OUTSIDE))
    }
}

/// Groups verdicts (in block order) into runs on consecutive blocks: one stretch of junk (a
/// footer of menus, notices and teasers) is one finding for the reader, not one per line or
/// per category. [`dominant`] names a run's category.
pub fn runs<'a>(verdicts: impl IntoIterator<Item = &'a Verdict>) -> Vec<Vec<&'a Verdict>> {
    let mut runs: Vec<Vec<&Verdict>> = Vec::new();
    for verdict in verdicts {
        match runs.last_mut() {
            Some(run)
                if run
                    .last()
                    .is_some_and(|last| last.block + 1 == verdict.block) =>
            {
                run.push(verdict)
            }
            _ => runs.push(vec![verdict]),
        }
    }
    runs
}

/// The categories of a run, the dominant one first: the one with the most blocks (ties go to
/// the one seen first), then the others in the order they first occur.
pub fn dominant(run: &[&Verdict]) -> Vec<Category> {
    let mut counts: Vec<(Category, usize)> = Vec::new();
    for verdict in run {
        match counts.iter_mut().find(|(c, _)| *c == verdict.category) {
            Some((_, n)) => *n += 1,
            None => counts.push((verdict.category, 1)),
        }
    }
    if let Some(top) = (0..counts.len()).max_by_key(|&i| (counts[i].1, usize::MAX - i)) {
        let first = counts.remove(top);
        counts.insert(0, first);
    }
    counts.into_iter().map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(block: usize, category: Category) -> Verdict {
        Verdict {
            block,
            category,
            reason: Cow::Borrowed("a reason"),
            outside: false,
            twin: None,
        }
    }

    #[test]
    fn runs_break_at_gaps_only() {
        let verdicts = [
            verdict(1, Category::TeaserList),
            verdict(2, Category::TeaserList),
            verdict(3, Category::Appeal),
            verdict(5, Category::Appeal),
            verdict(6, Category::Notice),
        ];
        let runs = runs(&verdicts);
        let blocks: Vec<Vec<usize>> = runs
            .iter()
            .map(|run| run.iter().map(|v| v.block).collect())
            .collect();
        assert_eq!(blocks, [vec![1, 2, 3], vec![5, 6]]);
        assert_eq!(dominant(&runs[0]), [Category::TeaserList, Category::Appeal]);
        assert_eq!(dominant(&runs[1]), [Category::Appeal, Category::Notice]);
    }
}
