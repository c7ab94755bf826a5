//! Code lenses: on an entity's first mention in a file, how often the workspace mentions it
//! ("21 mentions in 3 files"); on the article's first line, what the file holds ("8
//! boilerplate blocks · 5 quotes, 2 cited") and, when quotes with a speaker are uncited, an
//! offer to cite them.

use super::findings::boilerplate_runs;
use super::quotes_view::document_quotes;
use crate::cite::cite_all;
use crate::config::Config;
use crate::text::count;
use crate::workspace::{FileEntry, entity_id};
use std::ops::Range;

/// A lens on the first article mention of an entity mentioned at least twice in the
/// workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityLens {
    /// The mention, in bytes.
    pub range: Range<usize>,
    pub id: String,
    pub mentions: usize,
    pub files: usize,
}

impl EntityLens {
    pub fn title(&self) -> String {
        format!(
            "{} in {}",
            count(self.mentions, "mention"),
            count(self.files, "file")
        )
    }
}

/// What the first line's lens sums up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub boilerplate_blocks: usize,
    pub quotes: usize,
    pub cited: usize,
    /// Uncited quotes with a speaker: what "Cite all quotes" would cite.
    pub citable: usize,
}

impl Summary {
    pub fn title(&self) -> String {
        format!(
            "{} · {}, {} cited",
            count(self.boilerplate_blocks, "boilerplate block"),
            count(self.quotes, "quote"),
            self.cited
        )
    }

    /// The title of the lens that cites the uncited quotes, if there are any.
    pub fn cite_title(&self) -> Option<String> {
        (self.citable > 0).then(|| format!("Cite {}", count(self.citable, "quote")))
    }
}

/// The entity lenses of a file, in text order. `counts` gives an entity id's article
/// mentions and files in the workspace (`None` when the index does not know it).
pub fn entity_lenses(
    entry: &FileEntry,
    counts: &dyn Fn(&str) -> Option<(usize, usize)>,
) -> Vec<EntityLens> {
    let mut lenses: Vec<EntityLens> = Vec::new();
    for entity in &entry.analysis.entities {
        let Some(first) = entry.article_mentions(entity).next() else {
            continue;
        };
        let id = entity_id(entity.kind, &entity.name);
        // Entities of one id may be several in a file: one lens, on the earliest mention.
        if let Some(known) = lenses.iter_mut().find(|l| l.id == id) {
            if first.start < known.range.start {
                known.range = first;
            }
            continue;
        }
        let Some((mentions, files)) = counts(&id) else {
            continue;
        };
        if mentions >= 2 {
            lenses.push(EntityLens {
                range: first,
                id,
                mentions,
                files,
            });
        }
    }
    lenses.sort_by_key(|l| l.range.start);
    lenses
}

/// The first line's summary: the boilerplate blocks shown to the user, the quotes (scare
/// quotes left out), how many are cited and how many could be.
pub fn summary(entry: &FileEntry, config: &Config) -> Summary {
    let boilerplate_blocks = boilerplate_runs(&entry.text, &entry.analysis.layout, config)
        .iter()
        .map(Vec::len)
        .sum();
    let quotes = document_quotes(&entry.text, &entry.analysis);
    Summary {
        boilerplate_blocks,
        quotes: quotes.len(),
        cited: quotes.iter().filter(|q| q.cited).count(),
        // What "Cite all quotes" cites: two insertions a quote.
        citable: cite_all(&entry.analysis, 0.0).len() / 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "MOSCOW — “We will respond,” Foreign Minister Sergei Lavrov said.\n\
        Lavrov met officials in Moscow. A so-called “plan” failed.\n\
        <cite speaker=\"Sergei Lavrov\">“We are ready,”</cite> Lavrov said.\n";

    #[test]
    fn titles_count_with_the_right_plurals() {
        let lens = EntityLens {
            range: 0..1,
            id: "x".into(),
            mentions: 21,
            files: 1,
        };
        assert_eq!(lens.title(), "21 mentions in 1 file");
        let summary = Summary {
            boilerplate_blocks: 8,
            quotes: 5,
            cited: 2,
            citable: 3,
        };
        assert_eq!(summary.title(), "8 boilerplate blocks · 5 quotes, 2 cited");
        assert_eq!(summary.cite_title().as_deref(), Some("Cite 3 quotes"));
        let one = Summary {
            boilerplate_blocks: 1,
            quotes: 1,
            cited: 0,
            citable: 0,
        };
        assert_eq!(one.title(), "1 boilerplate block · 1 quote, 0 cited");
        assert_eq!(one.cite_title(), None);
    }

    #[test]
    fn an_entity_lens_sits_on_its_first_mention_when_mentioned_twice() {
        let entry = FileEntry::new(TEXT, false);
        let counts = |id: &str| match id {
            "person:sergei-lavrov" => Some((21, 3)),
            _ => Some((1, 1)),
        };
        let lenses = entity_lenses(&entry, &counts);
        assert_eq!(lenses.len(), 1, "{lenses:?}");
        assert_eq!(&TEXT[lenses[0].range.clone()], "Sergei Lavrov");
        assert_eq!(lenses[0].title(), "21 mentions in 3 files");
        assert!(entity_lenses(&entry, &|_| None).is_empty());
    }

    #[test]
    fn the_summary_counts_quotes_cited_and_citable() {
        let entry = FileEntry::new(TEXT, false);
        let summary = summary(&entry, &Config::default());
        assert_eq!(summary.quotes, 2, "the scare quote is left out");
        assert_eq!(summary.cited, 1);
        assert_eq!(summary.citable, 1);
    }
}
