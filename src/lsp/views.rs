//! The workspace views' requests: every entity of the workspace, one entity's mentions, the
//! quotations by speaker, and citing one quote. Each takes shared pointers under the lock
//! and builds its answer after releasing it.

use super::contracts::{
    EntityMention, EntityMentionsParams, QuoteGroup, QuoteItem, WorkspaceEntitiesParams,
    WorkspaceEntity, WorkspaceQuotesParams,
};
use super::server::Backend;
use crate::ide::quotes_view::{document_quotes, group_by_speaker};
use crate::text::Encoding;
use crate::workspace::FileEntry;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::Uri;

impl Backend {
    /// `newsls/workspaceEntities`: every entity, most mentioned first.
    pub async fn workspace_entities(
        &self,
        params: WorkspaceEntitiesParams,
    ) -> Result<Vec<WorkspaceEntity>> {
        self.wait_for_index().await;
        let query = params.query.map(|q| q.to_lowercase());
        let mut entities: Vec<WorkspaceEntity> = {
            let state = self.lock();
            state
                .index
                .entities()
                .records()
                .filter_map(|record| {
                    let name = record.name();
                    let wanted = query
                        .as_deref()
                        .is_none_or(|q| name.to_lowercase().contains(q));
                    wanted.then(|| WorkspaceEntity {
                        id: record.id.to_string(),
                        name: name.to_string(),
                        kind: record.kind.as_str().to_string(),
                        mentions: record.files.mention_count(),
                        files: record.files.len(),
                    })
                })
                .collect()
        };
        entities.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(entities)
    }

    /// `newsls/entityMentions`: the article mentions of one entity, in path then text order.
    pub async fn entity_mentions(
        &self,
        params: EntityMentionsParams,
    ) -> Result<Vec<EntityMention>> {
        self.wait_for_index().await;
        Ok(self.mentions_of(&params.id))
    }

    /// Every article mention of entity `id` in the index, in path then text order.
    pub(super) fn mentions_of(&self, id: &str) -> Vec<EntityMention> {
        let (files, encoding) = {
            let state = self.lock();
            (mentioning(&state.index, id), state.encoding)
        };
        let mut out = Vec::new();
        for (path, entry, indices) in files {
            let Some(uri) = Uri::from_file_path(&path) else {
                continue;
            };
            let mut mentions: Vec<Range<usize>> = indices
                .iter()
                .filter_map(|&i| entry.analysis.entities.get(i as usize))
                .flat_map(|e| entry.article_mentions(e).collect::<Vec<_>>())
                .collect();
            mentions.sort_by_key(|m| (m.start, m.end));
            out.extend(mentions.into_iter().map(|m| EntityMention {
                uri: uri.clone(),
                text: entry.text.get(m.clone()).unwrap_or_default().to_string(),
                range: entry.range(m, encoding).into(),
            }));
        }
        out
    }

    /// `newsls/workspaceQuotes`: the quotations of the workspace (or of one file) by speaker.
    pub async fn workspace_quotes(&self, params: WorkspaceQuotesParams) -> Result<Vec<QuoteGroup>> {
        let files = match &params.uri {
            Some(uri) => self.one_file(uri).await.into_iter().collect(),
            None => {
                self.wait_for_index().await;
                self.lock().index.shared_files()
            }
        };
        let encoding = self.lock().encoding;
        Ok(quote_groups(&files, encoding))
    }

    /// The analysis of one file: the open document's current one, else the index's.
    async fn one_file(&self, uri: &Uri) -> Option<(PathBuf, Arc<FileEntry>)> {
        let path = uri.to_file_path()?.into_owned();
        if let Some(snapshot) = self.current_snapshot(uri).await {
            return Some((path, Arc::new(snapshot.entry.clone())));
        }
        self.wait_for_index().await;
        let entry = self.lock().index.get(&path).cloned()?;
        Some((path, entry))
    }
}

/// The files that mention entity `id`, with the indices of its entities there (pointer
/// copies only: this runs under the lock).
fn mentioning(
    index: &crate::workspace::WorkspaceIndex,
    id: &str,
) -> Vec<(PathBuf, Arc<FileEntry>, Vec<u32>)> {
    let Some(record) = index.entities().get(id) else {
        return Vec::new();
    };
    record
        .files
        .iter()
        .filter_map(|(path, indices)| {
            let entry = index.get(path)?;
            Some((path.to_path_buf(), entry.clone(), indices.to_vec()))
        })
        .collect()
}

/// The quotes of `files` (in path order) grouped by speaker.
fn quote_groups(files: &[(PathBuf, Arc<FileEntry>)], encoding: Encoding) -> Vec<QuoteGroup> {
    let mut quotes = Vec::new();
    for (path, entry) in files {
        let Some(uri) = Uri::from_file_path(path) else {
            continue;
        };
        for quote in document_quotes(&entry.text, &entry.analysis) {
            let item = QuoteItem {
                uri: uri.clone(),
                range: entry.range(quote.range, encoding).into(),
                text: quote.text,
                cited: quote.cited,
                confidence: (f64::from(quote.confidence) * 100.0).round() / 100.0,
            };
            quotes.push((item, quote.speaker, quote.entity_id));
        }
    }
    group_by_speaker(quotes)
        .into_iter()
        .map(|g| QuoteGroup {
            speaker: g.speaker,
            entity_id: g.entity_id,
            quotes: g.quotes,
        })
        .collect()
}
