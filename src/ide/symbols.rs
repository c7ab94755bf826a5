//! The outline of an article (its metadata, then its entities by kind), the workspace-wide
//! entity search, and the names to colour by kind.

use super::entities::counted;
use crate::analysis::{Entity, EntityKind};
use crate::workspace::{FileEntry, IndexSnapshot};
use std::ops::Range;
use std::path::Path;

/// The kinds in the order the outline lists them.
const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Other,
];

/// What an outline entry stands for; the server picks its symbol kind from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// "Article": the metadata found.
    Article,
    /// One metadata field (headline, author, date, ...).
    Field,
    /// The entities of one kind.
    Group,
    Entity(EntityKind),
}

/// One entry of the outline. `range` spans it (for a group: its first to its last child);
/// `selection` is where the editor puts the cursor.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub role: Role,
    pub range: Range<usize>,
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

/// The article's metadata, then one group per entity kind listing its entities at their
/// first mention.
pub fn outline(entry: &FileEntry) -> Vec<Symbol> {
    let groups = KINDS.iter().filter_map(|&kind| {
        let children: Vec<Symbol> = entry
            .analysis
            .entities
            .iter()
            .filter(|e| e.kind == kind && !e.mentions.is_empty())
            .map(entity_symbol)
            .collect();
        let detail = children.len().to_string();
        parent(group_name(kind), Some(detail), Role::Group, children)
    });
    article_symbol(entry).into_iter().chain(groups).collect()
}

/// A symbol spanning its children, or `None` without children.
fn parent(name: &str, detail: Option<String>, role: Role, children: Vec<Symbol>) -> Option<Symbol> {
    let first = children.iter().map(|c| c.range.start).min()?;
    let last = children.iter().map(|c| c.range.end).max()?;
    Some(Symbol {
        name: name.into(),
        detail,
        role,
        range: first..last,
        selection: first..first,
        children,
    })
}

fn group_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organizations",
        EntityKind::Place => "Places",
        EntityKind::Other => "Other names",
    }
}

/// "Article" with the headline, publication, authors, date, dateline and agencies found.
fn article_symbol(entry: &FileEntry) -> Option<Symbol> {
    let metadata = &entry.analysis.metadata;
    let date = metadata.date.as_ref().map(|d| {
        let value = d
            .iso()
            .unwrap_or_else(|| entry.text[d.range.clone()].to_string());
        ("Date", value, d.range.clone())
    });
    let single = [
        ("Headline", &metadata.headline),
        ("Publication", &metadata.publication),
        ("Dateline", &metadata.dateline),
    ];
    let fields = single
        .into_iter()
        .filter_map(|(label, f)| {
            f.as_ref()
                .map(|f| (label, f.value.clone(), f.range.clone()))
        })
        .chain(
            metadata
                .authors
                .iter()
                .map(|f| ("Author", f.value.clone(), f.range.clone())),
        )
        .chain(date)
        .chain(
            metadata
                .agencies
                .iter()
                .map(|f| ("Agency", f.value.clone(), f.range.clone())),
        );
    let children = fields
        .map(|(label, value, range)| Symbol {
            name: value,
            detail: Some(label.to_lowercase()),
            role: Role::Field,
            selection: range.clone(),
            range,
            children: Vec::new(),
        })
        .collect();
    parent("Article", None, Role::Article, children)
}

fn entity_symbol(entity: &Entity) -> Symbol {
    let first = entity.mentions[0].clone();
    let mentions = counted(entity.mentions.len(), "mention");
    Symbol {
        name: entity.name.clone(),
        detail: Some(format!("{} · {mentions}", entity.kind.as_str())),
        role: Role::Entity(entity.kind),
        range: first.clone(),
        selection: first,
        children: Vec::new(),
    }
}

/// An entity of the workspace found by name, at its first article mention in the first
/// file (in path order) that mentions it.
#[derive(Debug)]
pub struct EntitySymbol<'a> {
    pub name: String,
    pub kind: EntityKind,
    /// "person · 3 files".
    pub detail: String,
    pub path: &'a Path,
    pub entry: &'a FileEntry,
    pub mention: Range<usize>,
}

/// The workspace's entities whose name matches `query` (fuzzy, best first), at most `limit`.
pub fn workspace_symbols<'a>(
    index: &'a IndexSnapshot,
    query: &str,
    limit: usize,
) -> Vec<EntitySymbol<'a>> {
    index
        .entities()
        .search(query)
        .into_iter()
        .take(limit)
        .filter_map(|record| {
            let (path, indices) = record.files.iter().next()?;
            let entry = index.get(path)?;
            let entity = entry.analysis.entities.get(*indices.first()? as usize)?;
            let mention = entry.article_mentions(entity).next()?;
            let files = counted(record.files.len(), "file");
            Some(EntitySymbol {
                name: record.name().to_string(),
                kind: record.kind,
                detail: format!("{} · {files}", record.kind.as_str()),
                path,
                entry,
                mention,
            })
        })
        .collect()
}

/// Every mention with its entity's kind, in text order, overlapping ones left out: the
/// names an editor colours.
pub fn name_tokens(entry: &FileEntry) -> Vec<(Range<usize>, EntityKind)> {
    let mut mentions: Vec<(Range<usize>, EntityKind)> = entry
        .analysis
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m.clone(), e.kind)))
        .collect();
    mentions.sort_unstable_by_key(|(m, _)| (m.start, m.end));
    let mut last_end = 0;
    mentions.retain(|(m, _)| {
        let keep = m.start >= last_end;
        if keep {
            last_end = m.end;
        }
        keep
    });
    mentions
}

#[cfg(test)]
mod tests;
