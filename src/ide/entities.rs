//! Following entities: the entity under a cursor, its definition, every mention across the
//! workspace, and what a hover says of it. Pure: over one document's analysis and an
//! [`IndexSnapshot`] taken under the server's lock and read after it.

use crate::analysis::Entity;
use crate::analysis::entities::descriptor;
use crate::workspace::{EntityRecord, FileEntry, IndexSnapshot, entity_id};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// How many other mentions a hover lists.
pub const HOVER_LINKS: usize = 12;

/// A mention somewhere: in the document under the cursor (`file` is `None`) or in another
/// file of the index. `entry` gives its lines and text.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    pub file: Option<&'a Path>,
    pub entry: &'a FileEntry,
    pub range: Range<usize>,
}

/// The entity under a cursor, with what the workspace knows of it.
pub struct Focus<'a> {
    here: &'a FileEntry,
    path: Option<&'a Path>,
    world: &'a IndexSnapshot,
    record: Option<&'a Arc<EntityRecord>>,
    /// Index of the entity in this document's analysis.
    index: usize,
    /// The mention under the cursor.
    pub mention: Range<usize>,
    /// The workspace-wide id (`kind:words-of-the-name`).
    pub id: String,
}

/// The entity with a mention at `offset` of the document `here` (a cursor just after a name
/// counts too). `path` is the document's file, when it has one, so the index's copy of it is
/// not counted twice.
pub fn focus<'a>(
    here: &'a FileEntry,
    path: Option<&'a Path>,
    offset: usize,
    world: &'a IndexSnapshot,
) -> Option<Focus<'a>> {
    let (index, mention) = here
        .analysis
        .entities
        .iter()
        .enumerate()
        .find_map(|(i, e)| {
            let m = e
                .mentions
                .iter()
                .find(|m| m.start <= offset && offset <= m.end)?;
            Some((i, m.clone()))
        })?;
    let entity = &here.analysis.entities[index];
    let id = entity_id(entity.kind, &entity.name);
    let record = world.entities().get(&id);
    Some(Focus {
        here,
        path,
        world,
        record,
        index,
        mention,
        id,
    })
}

impl<'a> Focus<'a> {
    pub fn entity(&self) -> &'a Entity {
        &self.here.analysis.entities[self.index]
    }

    /// The mentions in this document, all of them (also those inside boilerplate, which the
    /// reader sees too).
    pub fn highlights(&self) -> &'a [Range<usize>] {
        &self.entity().mentions
    }

    /// The other files mentioning the entity, in path order, with their article mentions.
    fn elsewhere(&self) -> impl Iterator<Item = (&'a Path, &'a FileEntry, Vec<Range<usize>>)> {
        let current = self.path;
        let world = self.world;
        self.record
            .into_iter()
            .flat_map(|record| record.files.iter())
            .filter(move |(path, _)| Some(*path) != current)
            .filter_map(move |(path, indices)| {
                let entry = world.get(path)?;
                Some((path, &**entry, article_mentions(entry, indices)))
            })
    }

    /// Every mention, file by file: this document's first, then the other files' in path
    /// order, each file's in text order.
    pub fn references(&self) -> impl Iterator<Item = Vec<Place<'a>>> + '_ {
        let here = self.places(None, self.here, self.entity().mentions.iter().cloned());
        let there = self
            .elsewhere()
            .map(|(path, entry, mentions)| self.places(Some(path), entry, mentions.into_iter()));
        std::iter::once(here).chain(there)
    }

    fn places(
        &self,
        file: Option<&'a Path>,
        entry: &'a FileEntry,
        ranges: impl Iterator<Item = Range<usize>>,
    ) -> Vec<Place<'a>> {
        ranges.map(|range| Place { file, entry, range }).collect()
    }

    /// Where the entity is introduced: its first full-name mention (more than one word) in
    /// this document, else in the workspace, else its first mention here.
    pub fn definition(&self) -> Option<Place<'a>> {
        let full = |entry: &FileEntry, m: &Range<usize>| {
            entry.text[m.clone()].split_whitespace().count() > 1
        };
        let here = |range: Range<usize>| Place {
            file: None,
            entry: self.here,
            range,
        };
        let mentions = &self.entity().mentions;
        if let Some(m) = mentions.iter().find(|m| full(self.here, m)) {
            return Some(here(m.clone()));
        }
        let there = self.elsewhere().find_map(|(path, entry, mentions)| {
            let range = mentions.into_iter().find(|m| full(entry, m))?;
            Some(Place {
                file: Some(path),
                entry,
                range,
            })
        });
        there.or_else(|| mentions.first().cloned().map(here))
    }

    /// Article mentions and files elsewhere in the workspace, from the index's counts.
    fn elsewhere_counts(&self) -> (usize, usize) {
        let Some(record) = self.record else {
            return (0, 0);
        };
        let (in_here, file_here) = self.path.map_or((0, 0), |p| {
            (
                record.files.mentions_in(p),
                record.files.contains(p) as usize,
            )
        });
        (
            record.files.mention_count() - in_here,
            record.files.len() - file_here,
        )
    }

    /// What a hover shows about the entity.
    pub fn card(&self) -> Card<'a> {
        let entity = self.entity();
        let (name, spellings) = match self.record {
            Some(r) => (
                r.name().to_string(),
                r.spellings().iter().map(|s| s.to_string()).collect(),
            ),
            None => (entity.name.clone(), vec![entity.name.clone()]),
        };
        let mut aliases: Vec<String> = spellings.into_iter().filter(|s| *s != name).collect();
        for m in &entity.mentions {
            let text = &self.here.text[m.clone()];
            if text != name && !aliases.iter().any(|a| a == text) {
                aliases.push(text.to_string());
            }
        }
        let here = entity.mentions.len();
        let (there, other_files) = self.elsewhere_counts();
        let others = self.other_mentions();
        Card {
            kind: entity.kind.as_str(),
            descriptor: self.describe(),
            aliases,
            mentions: here + there,
            here,
            files: other_files + 1,
            more: (here - 1 + there).saturating_sub(others.len()),
            others,
            name,
            path: self.path,
        }
    }

    /// The article's own description of the entity: this document's, else one of the first
    /// other files'.
    fn describe(&self) -> Option<String> {
        descriptor(&self.here.text, self.entity()).or_else(|| {
            self.elsewhere()
                .take(HOVER_LINKS)
                .find_map(|(_, entry, _)| {
                    let entity = entry
                        .analysis
                        .entities
                        .iter()
                        .find(|e| entity_id(e.kind, &e.name) == self.id)?;
                    descriptor(&entry.text, entity)
                })
        })
    }

    /// The first [`HOVER_LINKS`] mentions other than the one under the cursor.
    fn other_mentions(&self) -> Vec<Place<'a>> {
        self.references()
            .flatten()
            .filter(|p| p.file.is_some() || p.range != self.mention)
            .take(HOVER_LINKS)
            .collect()
    }
}

/// The article mentions (outside boilerplate) of the entities at `indices` of a file.
fn article_mentions(entry: &FileEntry, indices: &[u32]) -> Vec<Range<usize>> {
    indices
        .iter()
        .filter_map(|&i| entry.analysis.entities.get(i as usize))
        .flat_map(|e| entry.article_mentions(e))
        .collect()
}

/// A hover's content about an entity, before it becomes Markdown.
#[derive(Debug)]
pub struct Card<'a> {
    pub name: String,
    pub kind: &'static str,
    pub descriptor: Option<String>,
    /// Other spellings: the workspace's, then this document's.
    pub aliases: Vec<String>,
    /// Mentions in this document, and in the workspace including it.
    pub here: usize,
    pub mentions: usize,
    /// Files mentioning it, this one included.
    pub files: usize,
    pub others: Vec<Place<'a>>,
    /// Mentions beyond `others` (besides the one under the cursor).
    pub more: usize,
    /// The document's own file, whose name labels its mentions.
    path: Option<&'a Path>,
}

impl Card<'_> {
    /// The card as Markdown; `link` gives the target of a mention's `file:line` link (its
    /// file's URI), `None` for this document.
    pub fn markdown(&self, link: impl Fn(Option<&Path>) -> Option<String>) -> String {
        let mut out = format!("**{}** · {}\n\n", self.name, self.kind);
        if let Some(descriptor) = &self.descriptor {
            out.push_str(&format!("*{descriptor}*\n\n"));
        }
        if !self.aliases.is_empty() {
            out.push_str(&format!("Also: {}\n\n", self.aliases.join(", ")));
        }
        out.push_str(&format!(
            "{} in this file · {} in the workspace ({})\n",
            counted(self.here, "mention"),
            self.mentions,
            counted(self.files, "file"),
        ));
        if !self.others.is_empty() {
            out.push_str("\nOther mentions:\n");
            for place in &self.others {
                let Some(target) = link(place.file) else {
                    continue;
                };
                let line = place.entry.lines().line(place.range.start) + 1;
                let file = place
                    .file
                    .or(self.path)
                    .and_then(|p| p.file_name())
                    .map_or_else(|| "this file".into(), |n| n.to_string_lossy().into_owned());
                let snippet = snippet(&place.entry.text, place.range.clone());
                out.push_str(&format!("- [{file}:{line}]({target}#L{line}) {snippet}\n"));
            }
            if self.more > 0 {
                out.push_str(&format!(
                    "- … and {} more (find all references)\n",
                    self.more
                ));
            }
        }
        out
    }
}

/// "1 file", "3 files".
pub fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The words around a mention on its line, with the mention in bold.
fn snippet(text: &str, m: Range<usize>) -> String {
    let line_start = text[..m.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[m.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| m.end + i);
    let before = tail_chars(&text[line_start..m.start], 40);
    let after = head_chars(&text[m.end..line_end], 40);
    let clean = |s: &str| s.replace(['*', '_', '[', ']', '`'], " ");
    format!("…{}**{}**{}…", clean(before), clean(&text[m]), clean(after))
}

fn tail_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn head_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests;
