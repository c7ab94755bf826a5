//! What boilerplate detection says about a block.

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
    /// Human-readable reasons, most important first.
    pub reasons: Vec<String>,
    /// For a duplicate, the index of the block it repeats.
    pub twin: Option<usize>,
}
