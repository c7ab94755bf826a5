//! The server's mutable state, behind one plain mutex.
//!
//! Handlers take the lock only for short, synchronous work (applying an edit, cloning a
//! snapshot) and never hold it across an `.await`; that keeps edits in arrival order.

use crate::analysis::boilerplate::Context;
use crate::analysis::relayout::Edit;
use crate::analysis::{Analysis, ScanCache, analyze_cached};
use crate::config::{Config, ConfigError, FileFilter};
use crate::text::{Document, Encoding};
use crate::workspace::{Corrections, FileEntry, WorkspaceIndex};
use ropey::Rope;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

/// What the client said it can do, as far as newsls cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientCaps {
    pub work_done_progress: bool,
    pub watched_files_dynamic: bool,
    pub configuration: bool,
    /// Workspace edits may use `documentChanges` (versioned edits, file creation).
    pub document_changes: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`): nothing is pushed to it.
    pub pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    pub diagnostic_refresh: bool,
}

/// The settings layers, lowest priority first (see [`crate::config`]).
#[derive(Debug, Clone, Default)]
pub struct Layers {
    /// The `newsls.toml` of each workspace folder, by folder.
    pub files: HashMap<PathBuf, Value>,
    pub init: Value,
    pub client: Value,
}

/// A workspace folder and the settings in force there: its own `newsls.toml` under the
/// client's settings, so blocks kept in a second folder are read where they were written.
#[derive(Debug)]
pub struct Folder {
    pub root: PathBuf,
    pub config: Config,
    /// The compiled include/exclude globs of `config`.
    filter: Option<FileFilter>,
}

/// One analysed version of an open document, immutable once built.
#[derive(Debug)]
pub struct Snapshot {
    pub version: i32,
    /// The document's [`OpenDoc::revision`] this was built from.
    pub revision: u64,
    pub rope: Rope,
    pub entry: FileEntry,
    /// Set when the document is over `maxFileSize` and was not analysed.
    pub too_large: Option<u64>,
}

impl Snapshot {
    /// This snapshot with other entity corrections (see [`FileEntry::corrected`]).
    pub fn corrected(&self, corrections: &Corrections) -> Snapshot {
        Snapshot {
            version: self.version,
            revision: self.revision,
            rope: self.rope.clone(),
            entry: self.entry.corrected(corrections),
            too_large: self.too_large,
        }
    }

    /// Analyses one version of a document (CPU-bound: call off the async runtime).
    /// `cache` holds the per-block results of the document's earlier versions.
    pub fn build(
        rope: Rope,
        (version, revision): (i32, u64),
        max_size: u64,
        context: Option<Context>,
        cache: &mut ScanCache,
    ) -> Snapshot {
        let size = rope.len_bytes() as u64;
        let text: Arc<str> = rope.to_string().into();
        let (analysis, too_large) = if size > max_size {
            (Analysis::default(), Some(size))
        } else {
            let context = context.unwrap_or_default();
            (analyze_cached(&text, &context, cache), None)
        };
        let entry = FileEntry::from_analysis(text, analysis, false);
        Snapshot {
            version,
            revision,
            rope,
            entry,
            too_large,
        }
    }
}

/// An open document and its analysis state (see [`super::pipeline`]).
#[derive(Debug)]
pub struct OpenDoc {
    pub doc: Document,
    /// Counts the edits applied, so the latest text is known whatever version numbers the
    /// client sends (it may repeat or lower them).
    pub revision: u64,
    /// The layout task is running; it re-checks the version before it ends.
    pub laying_out: bool,
    /// The analysis task is running; it re-checks the version before it ends.
    pub analyzing: bool,
    /// The latest full analysis.
    pub snapshot: Option<Arc<Snapshot>>,
    /// The edits since the latest full analysis, which later layouts are made from.
    pub edits: EditLog,
    /// Per-block results of earlier versions, one cache per task (taken while it runs).
    pub layout_cache: Option<LayoutCaches>,
    pub analysis_cache: Option<ScanCache>,
    /// The last diagnostics sent.
    pub published: Option<Published>,
}

impl OpenDoc {
    /// The latest full analysis if it is of the current text.
    pub fn current_snapshot(&self) -> Option<&Arc<Snapshot>> {
        self.snapshot
            .as_ref()
            .filter(|snapshot| snapshot.revision == self.revision)
    }

    /// A document just opened: nothing analysed or published yet.
    pub fn new(doc: Document) -> OpenDoc {
        OpenDoc {
            doc,
            revision: 0,
            laying_out: false,
            analyzing: false,
            snapshot: None,
            edits: EditLog::default(),
            layout_cache: None,
            analysis_cache: None,
            published: None,
        }
    }
}

/// The layout task's per-block results: of whole pages, and of the stretches around edits.
#[derive(Debug, Default)]
pub struct LayoutCaches {
    pub page: ScanCache,
    pub stretch: ScanCache,
}

/// The edits of an open document by revision, since the one its latest full analysis is of.
#[derive(Debug, Default)]
pub struct EditLog {
    edits: VecDeque<(u64, Edit)>,
}

/// Edits kept at most: typing that long without a pause gets full layouts.
const MAX_LOGGED_EDITS: usize = 4096;

impl EditLog {
    /// Records the edit that made `revision`.
    pub fn record(&mut self, revision: u64, edit: Edit) {
        if self.edits.len() == MAX_LOGGED_EDITS {
            self.edits.pop_front();
        }
        self.edits.push_back((revision, edit));
    }

    /// Forgets the edits up to `revision`, once an analysis of it is the base.
    pub fn forget_through(&mut self, revision: u64) {
        while self.edits.front().is_some_and(|&(r, _)| r <= revision) {
            self.edits.pop_front();
        }
    }

    /// The one edit from `revision` to `latest`; `None` when some were not kept.
    pub fn since(&self, revision: u64, latest: u64) -> Option<Edit> {
        let mut expected = revision + 1;
        let mut joined: Option<Edit> = None;
        for &(r, edit) in self.edits.iter().filter(|&&(r, _)| r > revision) {
            if r != expected {
                return None;
            }
            expected += 1;
            joined = Some(joined.map_or(edit, |j| j.then(edit)));
        }
        (expected == latest + 1).then_some(joined).flatten()
    }
}

/// What was published for an open document.
#[derive(Debug)]
pub struct Published {
    pub revision: u64,
    /// The answers of the speaker checks, in order: the only part of the diagnostics the
    /// full analysis can change after the layout's.
    pub speakers: Vec<bool>,
    /// The [`State::settings`] generation they were computed under.
    pub settings: u64,
    /// They came from a layout made from an earlier full analysis: the full analysis of
    /// their revision publishes again.
    pub provisional: bool,
    /// How many uncited quotes they flag (a layout knows no quotes).
    pub uncited: usize,
}

#[derive(Debug, Default)]
pub struct State {
    pub encoding: Encoding,
    pub caps: ClientCaps,
    pub layers: Layers,
    /// The settings outside every workspace folder (the client's, without a file), and the
    /// fallback for workspace-wide choices (the file watchers, the index's size limit).
    pub config: Config,
    pub roots: Vec<PathBuf>,
    /// The settings of each workspace folder, rebuilt with [`State::reload_config`].
    pub folders: Vec<Folder>,
    /// Open documents; change through [`State::open`] and [`State::close`].
    pub docs: HashMap<Uri, OpenDoc>,
    /// The files of the open documents, with how many URIs name each.
    open_paths: HashMap<PathBuf, usize>,
    pub index: WorkspaceIndex,
    /// Counts settings changes that alter diagnostics, so diagnostics computed under newer
    /// settings replace those of the same version.
    pub settings: u64,
}

impl State {
    /// Rebuilds the settings of every folder from the layers; a folder whose settings are
    /// invalid keeps its old ones, and the first error is returned.
    pub fn reload_config(&mut self) -> Result<(), ConfigError> {
        let (init, client) = (self.layers.init.clone(), self.layers.client.clone());
        let mut result =
            Config::from_layers(&[init.clone(), client.clone()]).map(|config| self.config = config);
        let mut folders = Vec::with_capacity(self.roots.len());
        for root in &self.roots {
            let file = self.layers.files.get(root).cloned().unwrap_or_default();
            let config = match Config::from_layers(&[file, init.clone(), client.clone()]) {
                Ok(config) => config,
                Err(e) => {
                    result = result.and(Err(e));
                    self.folder(root)
                        .map_or_else(|| self.config.clone(), |f| f.config.clone())
                }
            };
            let filter = config.file_filter().ok();
            folders.push(Folder {
                root: root.clone(),
                config,
                filter,
            });
        }
        self.folders = folders;
        if let Some(first) = self.folders.first() {
            self.config = first.config.clone();
        }
        self.correct_entities();
        result
    }

    /// The include globs of every folder, once each: what the file watchers look at.
    pub fn watched_globs(&self) -> Vec<String> {
        let mut globs = self.config.include.clone();
        for folder in &self.folders {
            for glob in &folder.config.include {
                if !globs.contains(glob) {
                    globs.push(glob.clone());
                }
            }
        }
        globs
    }

    fn folder(&self, root: &Path) -> Option<&Folder> {
        self.folders.iter().find(|f| f.root == root)
    }

    /// The folder `path` lies in (the innermost, when folders nest).
    fn folder_of(&self, path: &Path) -> Option<&Folder> {
        self.folders
            .iter()
            .filter(|f| path.starts_with(&f.root))
            .max_by_key(|f| f.root.as_os_str().len())
    }

    /// The settings in force for a file.
    pub fn config_for(&self, path: &Path) -> &Config {
        self.folder_of(path).map_or(&self.config, |f| &f.config)
    }

    /// The settings in force for a document.
    pub fn config_of(&self, uri: &Uri) -> &Config {
        match uri.to_file_path() {
            Some(path) => self.config_for(&path),
            None => &self.config,
        }
    }

    /// The settings of the folder holding a document, to change until the next reload
    /// (which reads what the change wrote to that folder's `newsls.toml`).
    pub fn config_of_mut(&mut self, uri: &Uri) -> &mut Config {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let index = path.and_then(|path| {
            self.folders
                .iter()
                .enumerate()
                .filter(|(_, f)| path.starts_with(&f.root))
                .max_by_key(|(_, f)| f.root.as_os_str().len())
                .map(|(i, _)| i)
        });
        match index {
            Some(i) => &mut self.folders[i].config,
            None => &mut self.config,
        }
    }

    /// Applies the entity corrections of every folder's settings to the index and to the
    /// open documents' analyses at once, so the next request sees them. The index spans the
    /// folders, so a correction written in one holds in all.
    pub fn correct_entities(&mut self) {
        let mut rules = self.config.entities.overrides.clone();
        for folder in &self.folders {
            for rule in &folder.config.entities.overrides {
                if !rules.contains(rule) {
                    rules.push(rule.clone());
                }
            }
        }
        let corrections = Corrections::new(&rules);
        if !self.index.set_corrections(corrections) {
            return;
        }
        let corrections = self.index.corrections().clone();
        for open in self.docs.values_mut() {
            if let Some(snapshot) = &open.snapshot {
                open.snapshot = Some(Arc::new(snapshot.corrected(&corrections)));
            }
        }
    }

    /// The workspace folder `path` lies in (the innermost), if any.
    pub fn root_of(&self, path: &Path) -> Option<&Path> {
        self.roots
            .iter()
            .filter(|root| path.starts_with(root))
            .max_by_key(|root| root.as_os_str().len())
            .map(PathBuf::as_path)
    }

    /// Whether `path` is a news file of the workspace under the current settings. A path
    /// through a symbolic link is not: the scan never follows links, and neither may a file
    /// event or a closed document lead the server to read outside the workspace.
    pub fn is_news_file(&self, path: &Path) -> bool {
        let Some(root) = self.root_of(path) else {
            return false;
        };
        let relative = path.strip_prefix(root).unwrap_or(path);
        let filter = self.folder_of(path).and_then(|f| f.filter.as_ref());
        filter.is_some_and(|f| f.matches(relative)) && !through_link(root, relative)
    }

    /// The workspace templates among an open document's blocks, judged on its latest
    /// analysis (or the indexed file before the first one).
    pub fn template_context(&self, uri: &Uri) -> Option<Context> {
        let open = self.docs.get(uri)?;
        let fingerprints = match &open.snapshot {
            Some(snapshot) => snapshot.entry.fingerprints.clone(),
            None => self.index.get(&uri.to_file_path()?)?.fingerprints.clone(),
        };
        self.index.templates().context_for(&fingerprints)
    }

    /// Whether a document at `path` is open in the editor (asked once per indexed file).
    pub fn is_open(&self, path: &Path) -> bool {
        self.open_paths.contains_key(path)
    }

    /// Starts tracking an open document.
    pub fn open(&mut self, uri: Uri, doc: OpenDoc) {
        if let Some(path) = uri.to_file_path() {
            *self.open_paths.entry(path.into_owned()).or_default() += 1;
        }
        if self.docs.insert(uri.clone(), doc).is_some() {
            // Opened twice: the path was counted already.
            self.forget_path(&uri);
        }
    }

    /// Stops tracking an open document.
    pub fn close(&mut self, uri: &Uri) {
        if self.docs.remove(uri).is_some() {
            self.forget_path(uri);
        }
    }

    fn forget_path(&mut self, uri: &Uri) {
        let Some(path) = uri.to_file_path() else {
            return;
        };
        if let Some(count) = self.open_paths.get_mut(path.as_ref()) {
            *count -= 1;
            if *count == 0 {
                self.open_paths.remove(path.as_ref());
            }
        }
    }
}

/// Whether a component of `relative`, below `root`, is a symbolic link.
fn through_link(root: &Path, relative: &Path) -> bool {
    let mut at = root.to_path_buf();
    relative.components().any(|part| {
        at.push(part);
        at.symlink_metadata()
            .is_ok_and(|meta| meta.file_type().is_symlink())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> OpenDoc {
        OpenDoc::new(Document::new("text", 1))
    }

    #[test]
    fn a_file_is_open_while_any_of_its_uris_is() {
        let mut state = State::default();
        let plain: Uri = "file:///ws/a.txt".parse().unwrap();
        let encoded: Uri = "file:///ws/%61.txt".parse().unwrap();
        let path = plain.to_file_path().unwrap().into_owned();
        assert_eq!(encoded.to_file_path().unwrap(), path);
        state.open(plain.clone(), doc());
        state.open(plain.clone(), doc());
        state.open(encoded.clone(), doc());
        assert!(state.is_open(&path));
        state.close(&plain);
        assert!(state.is_open(&path), "still open under the other URI");
        state.close(&encoded);
        state.close(&encoded);
        assert!(!state.is_open(&path));
    }

    #[cfg(unix)]
    #[test]
    fn paths_through_links_are_not_news_files() {
        let dir = std::env::temp_dir().join(format!("newsls-links-{}", std::process::id()));
        let (root, outside) = (dir.join("ws"), dir.join("outside"));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("linkdir")).unwrap();
        std::fs::write(root.join("sub/story.txt"), "story").unwrap();
        let mut state = State {
            roots: vec![root.clone()],
            ..State::default()
        };
        state.reload_config().unwrap();
        assert!(state.is_news_file(&root.join("sub/story.txt")));
        assert!(
            state.is_news_file(&root.join("sub/gone.txt")),
            "a deleted file reads nothing"
        );
        assert!(!state.is_news_file(&root.join("link.txt")));
        assert!(!state.is_news_file(&root.join("linkdir/secret.txt")));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn typed(at: usize) -> Edit {
        Edit {
            start: at,
            old_end: at,
            new_end: at + 1,
        }
    }

    #[test]
    fn edits_since_a_revision_are_joined() {
        let mut log = EditLog::default();
        for revision in 1..=3 {
            log.record(revision, typed(10 + revision as usize));
        }
        let joined = Edit {
            start: 12,
            old_end: 12,
            new_end: 14,
        };
        assert_eq!(log.since(1, 3), Some(joined));
        assert_eq!(log.since(3, 3), None, "nothing since the latest");
        log.forget_through(2);
        assert_eq!(log.since(2, 3), Some(typed(13)));
        assert_eq!(log.since(0, 3), None, "revisions 1 and 2 are forgotten");
    }

    #[test]
    fn a_log_that_overflowed_has_no_edit_from_before() {
        let mut log = EditLog::default();
        let last = MAX_LOGGED_EDITS as u64 + 1;
        for revision in 1..=last {
            log.record(revision, typed(0));
        }
        assert_eq!(log.since(0, last), None);
        assert!(log.since(1, last).is_some());
    }
}
