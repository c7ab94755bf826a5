//! Following entities: hover, definition, references and highlights, over the
//! current file's analysis and the workspace entity index.

use super::proto::to_offset;
use super::server::Backend;
use super::state::State;
use crate::analysis::Entity;
use crate::analysis::entities::descriptor;
use crate::text::Encoding;
use crate::workspace::{FileEntry, entity_id};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

mod partial;

/// How many other mentions a hover lists as links.
const HOVER_LINKS: usize = 12;
/// Mentions in other files loaded to look for a full-name mention to jump to.
const DEFINITION_SEARCH: usize = 200;

/// The entity under the cursor and where else it is mentioned.
pub(super) struct Found {
    pub(super) uri: Uri,
    path: Option<PathBuf>,
    pub(super) entry: FileEntry,
    /// Index of the entity in the current file's analysis.
    index: usize,
    /// The mention under the cursor.
    pub(super) mention: Range<usize>,
    pub(super) encoding: Encoding,
    pub(super) id: String,
    /// Other files mentioning the entity: their entries and the entity's article mentions.
    elsewhere: Vec<(PathBuf, Arc<FileEntry>, Vec<Range<usize>>)>,
    /// Article mentions and files elsewhere in the workspace, whether loaded or not.
    elsewhere_total: (usize, usize),
}

impl Found {
    pub(super) fn entity(&self) -> &Entity {
        &self.entry.analysis.entities[self.index]
    }

    fn location(
        &self,
        path: Option<&Path>,
        entry: &FileEntry,
        range: Range<usize>,
    ) -> Option<Location> {
        let uri = match path {
            Some(path) if Some(path) != self.path.as_deref() => Uri::from_file_path(path)?,
            _ => self.uri.clone(),
        };
        Some(Location::new(uri, entry.range(range, self.encoding).into()))
    }

    /// Every mention, file by file: this file's first, then the other files' in path order.
    fn locations_by_file(&self) -> impl Iterator<Item = Vec<Location>> + '_ {
        let here = std::iter::once(self.here_locations());
        here.chain(self.elsewhere.iter().filter_map(|f| self.file_locations(f)))
    }

    fn here_locations(&self) -> Vec<Location> {
        self.locations(&self.uri, &self.entry, &self.entity().mentions)
    }

    fn file_locations(
        &self,
        (path, entry, mentions): &(PathBuf, Arc<FileEntry>, Vec<Range<usize>>),
    ) -> Option<Vec<Location>> {
        Some(self.locations(&Uri::from_file_path(path)?, entry, mentions))
    }

    /// The locations of `mentions` in one file, whose positions come from its line index.
    fn locations(&self, uri: &Uri, entry: &FileEntry, mentions: &[Range<usize>]) -> Vec<Location> {
        mentions
            .iter()
            .map(|m| Location::new(uri.clone(), entry.range(m.clone(), self.encoding).into()))
            .collect()
    }

    /// The first full-name mention in this file, else in the workspace, else the first one.
    fn definition(&self) -> Option<Location> {
        let full = |entry: &FileEntry, m: &Range<usize>| {
            entry.text[m.clone()].split_whitespace().count() > 1
        };
        let entity = self.entity();
        if let Some(m) = entity.mentions.iter().find(|m| full(&self.entry, m)) {
            return self.location(None, &self.entry, m.clone());
        }
        for (path, entry, mentions) in &self.elsewhere {
            if let Some(m) = mentions.iter().find(|m| full(entry, m)) {
                return self.location(Some(path), entry, m.clone());
            }
        }
        self.location(None, &self.entry, entity.mentions.first()?.clone())
    }
}

/// Finds the entity at `position` of an open document.
/// How many mentions in other files a request needs loaded: all of them (references,
/// rename) or a first few (hover links, definition), counts coming from the index.
#[derive(Clone, Copy)]
pub(super) enum Load {
    All,
    AtLeast(usize),
}

pub(super) async fn find(
    backend: &Backend,
    uri: &Uri,
    position: Position,
    load: Load,
) -> Option<Found> {
    let snapshot = backend.current_snapshot(uri).await?;
    let encoding = backend.lock().encoding;
    let entry = snapshot.entry.clone();
    let offset = to_offset(&snapshot.rope, position, encoding)?;
    let (index, mention) = entity_at(&entry, offset)?;
    let entity = &entry.analysis.entities[index];
    let id = entity_id(entity.kind, &entity.name);
    let path = uri.to_file_path().map(|p| p.into_owned());
    // Under the lock: the record's counts and the files to read, as shared pointers.
    let (files, elsewhere_total) = {
        let state = backend.lock();
        let files = files_mentioning(&state, &id, path.as_deref(), load);
        let total = state.index.entities().get(&id).map_or((0, 0), |record| {
            let here = path.as_deref();
            let in_here = here.map_or(0, |p| record.files.mentions_in(p));
            let file_here = here.is_some_and(|p| record.files.contains(p)) as usize;
            (
                record.files.mention_count() - in_here,
                record.files.len() - file_here,
            )
        });
        (files, total)
    };
    let elsewhere = files
        .into_iter()
        .map(|(path, entry, indices)| {
            let mentions = mentions_of(&entry, &indices);
            (path, entry, mentions)
        })
        .collect();
    Some(Found {
        uri: uri.clone(),
        path,
        index,
        mention,
        encoding,
        id,
        elsewhere,
        elsewhere_total,
        entry,
    })
}

/// The entity whose mention contains `offset` (a cursor just after a name counts too).
fn entity_at(entry: &FileEntry, offset: usize) -> Option<(usize, Range<usize>)> {
    entry
        .analysis
        .entities
        .iter()
        .enumerate()
        .find_map(|(i, e)| {
            e.mentions
                .iter()
                .find(|m| m.start <= offset && offset <= m.end)
                .map(|m| (i, m.clone()))
        })
}

/// The other files that mention entity `id`, with the indices of its entities there: all of
/// them, or until `load` mentions are covered. Only pointer copies, as it runs under the lock.
fn files_mentioning(
    state: &State,
    id: &str,
    current: Option<&Path>,
    load: Load,
) -> Vec<(PathBuf, Arc<FileEntry>, Vec<u32>)> {
    let Some(record) = state.index.entities().get(id) else {
        return Vec::new();
    };
    let mut loaded = 0;
    let mut out = Vec::new();
    for (path, indices) in record.files.iter() {
        if Some(path) == current {
            continue;
        }
        if let Load::AtLeast(n) = load
            && loaded >= n
        {
            break;
        }
        let Some(entry) = state.index.get(path) else {
            continue;
        };
        loaded += record.files.mentions_in(path);
        out.push((path.to_path_buf(), Arc::clone(entry), indices.to_vec()));
    }
    out
}

/// The article mentions of the entities at `indices` of a file.
fn mentions_of(entry: &FileEntry, indices: &[u32]) -> Vec<Range<usize>> {
    indices
        .iter()
        .filter_map(|&i| entry.analysis.entities.get(i as usize))
        .flat_map(|e| entry.article_mentions(e).collect::<Vec<_>>())
        .collect()
}

pub async fn hover(backend: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let Some(found) = find(
        backend,
        &at.text_document.uri,
        at.position,
        Load::AtLeast(HOVER_LINKS),
    )
    .await
    else {
        return Ok(None);
    };
    let canonical = backend.lock().index.entities().get(&found.id).map(|r| {
        (
            r.name().to_string(),
            r.spellings()
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
        )
    });
    let markdown = hover_markdown(&found, canonical);
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(
            found
                .entry
                .range(found.mention.clone(), found.encoding)
                .into(),
        ),
    }))
}

fn hover_markdown(found: &Found, canonical: Option<(String, Vec<String>)>) -> String {
    let entity = found.entity();
    let (name, spellings) =
        canonical.unwrap_or_else(|| (entity.name.clone(), vec![entity.name.clone()]));
    let mut aliases: Vec<String> = spellings.into_iter().filter(|s| *s != name).collect();
    for m in &entity.mentions {
        let text = found.entry.text[m.clone()].to_string();
        if text != name && !aliases.contains(&text) {
            aliases.push(text);
        }
    }
    let here = entity.mentions.len();
    let (there, other_files) = found.elsewhere_total;
    let mut out = format!("**{name}** · {}\n\n", entity.kind.as_str());
    if let Some(descriptor) = describe(found) {
        out.push_str(&format!("*{descriptor}*\n\n"));
    }
    if !aliases.is_empty() {
        out.push_str(&format!("Also: {}\n\n", aliases.join(", ")));
    }
    out.push_str(&format!(
        "{here} mention{} in this file · {} in the workspace ({} file{})\n",
        plural(here),
        here + there,
        other_files + 1,
        plural(other_files + 1)
    ));
    let others = other_mentions(found);
    if !others.is_empty() {
        out.push_str("\nOther mentions:\n");
        for line in &others {
            out.push_str(line);
        }
        let more = (here - 1 + there).saturating_sub(others.len());
        if more > 0 {
            out.push_str(&format!("- … and {more} more (find all references)\n"));
        }
    }
    out
}

/// The article's own description of the entity: this file's, else another file's.
fn describe(found: &Found) -> Option<String> {
    descriptor(&found.entry.text, found.entity()).or_else(|| {
        found.elsewhere.iter().find_map(|(_, entry, _)| {
            let id = &found.id;
            let entity = entry
                .analysis
                .entities
                .iter()
                .find(|e| entity_id(e.kind, &e.name) == *id)?;
            descriptor(&entry.text, entity)
        })
    })
}

/// Markdown list items for the first other mentions: a `file:line` link and a snippet.
fn other_mentions(found: &Found) -> Vec<String> {
    let entity = found.entity();
    let here = entity
        .mentions
        .iter()
        .filter(|m| **m != found.mention)
        .map(|m| {
            (
                found.path.as_deref(),
                &found.entry,
                m.clone(),
                found.uri.clone(),
            )
        });
    let there = found.elsewhere.iter().flat_map(|(path, entry, mentions)| {
        let uri = Uri::from_file_path(path);
        mentions
            .iter()
            .filter_map(move |m| Some((Some(path.as_path()), &**entry, m.clone(), uri.clone()?)))
    });
    here.chain(there)
        .take(HOVER_LINKS)
        .map(|(path, entry, m, uri)| {
            let line = entry.lines.line(m.start) + 1;
            let file = path
                .and_then(|p| p.file_name())
                .map_or_else(|| "this file".into(), |n| n.to_string_lossy().into_owned());
            format!(
                "- [{file}:{line}]({}#L{line}) {}\n",
                uri.as_str(),
                snippet(&entry.text, m)
            )
        })
        .collect()
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub async fn definition(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let found = find(
        backend,
        &at.text_document.uri,
        at.position,
        Load::AtLeast(DEFINITION_SEARCH),
    )
    .await;
    Ok(found
        .and_then(|f| f.definition())
        .map(GotoDefinitionResponse::Scalar))
}

/// Every mention of the entity under the cursor. With a `partialResultToken` the locations go
/// out in batches as they are made (see [`partial`]). Without one, the list is built on the
/// thread that then serialises and frees it: built on other threads (rayon, blocking pool),
/// its memory stayed in their allocator arenas and the server kept 50 MiB more RSS.
pub async fn references(
    backend: &Backend,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    backend.wait_for_index().await;
    let at = params.text_document_position;
    let Some(found) = find(backend, &at.text_document.uri, at.position, Load::All).await else {
        return Ok(None);
    };
    let declaration = if params.context.include_declaration {
        None
    } else {
        found.definition()
    };
    let keep = move |mut locations: Vec<Location>| {
        locations.retain(|l| Some(l) != declaration.as_ref());
        locations
    };
    match params.partial_result_params.partial_result_token {
        Some(token) if backend.lock().caps.configuration => {
            let by_file = found.locations_by_file().map(keep);
            partial::send(&backend.client, token, by_file).await;
            Ok(Some(Vec::new()))
        }
        _ => Ok(Some(found.locations_by_file().flat_map(keep).collect())),
    }
}

pub async fn highlight(
    backend: &Backend,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let at = params.text_document_position_params;
    let Some(found) = find(
        backend,
        &at.text_document.uri,
        at.position,
        Load::AtLeast(0),
    )
    .await
    else {
        return Ok(None);
    };
    let highlights = found
        .entity()
        .mentions
        .iter()
        .map(|m| DocumentHighlight {
            range: found.entry.range(m.clone(), found.encoding).into(),
            kind: Some(DocumentHighlightKind::TEXT),
        })
        .collect();
    Ok(Some(highlights))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_bold_the_mention_and_stay_on_its_line() {
        let text = "first line\nSaid Foreign Minister Sergei Lavrov on Wednesday.\nnext";
        let start = text.find("Sergei").unwrap();
        let s = snippet(text, start..start + 13);
        assert_eq!(s, "…Said Foreign Minister **Sergei Lavrov** on Wednesday.…");
    }
}
