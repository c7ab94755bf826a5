//! How an open document's versions are analysed and their diagnostics published.
//!
//! Two tasks per document, each coalescing bursts of edits so the last version always wins:
//! - the *layout* task computes what diagnostics are made of (blocks, boilerplate, tags)
//!   with the per-block results of earlier versions, and publishes on every keystroke. In a
//!   long document it lays out only the edited lines, from the latest full analysis;
//! - the *analysis* task runs the full analysis (entities, quotes, metadata) behind it,
//!   stores the snapshot requests answer from, feeds the workspace index, and publishes
//!   again if the full analysis changed a diagnostic (a cite's speaker becoming known) or
//!   the layout was made from an earlier analysis.
//!
//! Publishing goes through one lock and never goes back to an older revision (edits counted
//! by the server: a client may repeat or lower its version numbers), each stamped with the
//! client's version.

use super::diagnostics::{DiagnosticInput, diagnostics};
use super::server::Backend;
use super::state::{LayoutCaches, OpenDoc, Published, Snapshot, State};
use crate::analysis::boilerplate::Context;
use crate::analysis::citation::Citations;
use crate::analysis::quotes::carried_over;
use crate::analysis::relayout::{Edit, relayout};
use crate::analysis::{Layout, layout};
use crate::config::Config;
use crate::ide::FindingInput;
use crate::ide::findings::UNCITED_QUOTE;
use crate::text::Encoding;
use crate::workspace::Corrections;
use ropey::Rope;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Diagnostic, NumberOrString, Uri};

/// The longest pause in typing awaited before a full analysis (for a 4 MiB text and more).
const MAX_PAUSE_MICROS: u64 = 250_000;

/// Why a version's diagnostics are being published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    /// From the layout: first for this version.
    Layout,
    /// From a layout made from the latest full analysis and the edits since: first for
    /// this version, until the full analysis of it.
    Relayout,
    /// From the full analysis: only if the layout's were not published, were made from an
    /// earlier analysis, or differ.
    Analysis,
}

/// Documents at least this long are laid out from their latest full analysis and the edits
/// since ([`relayout`]); a full layout of a shorter one takes about a millisecond or less.
const RELAYOUT_BYTES: usize = 256 * 1024;
/// Edits spanning more bytes than this (typing in two distant places) get a full layout.
const MAX_RELAYOUT_SPAN: usize = 64 * 1024;

/// The full analysis to lay a long document out from, with the edit since, when there is
/// one and the edit is small.
fn relayout_base(open: &OpenDoc) -> Option<(Arc<Snapshot>, Edit)> {
    if open.doc.rope().len_bytes() < RELAYOUT_BYTES {
        return None;
    }
    let base = open.snapshot.clone().filter(|s| s.too_large.is_none())?;
    let edit = open.edits.since(base.revision, open.revision)?;
    let span = (edit.old_end.max(edit.new_end)) - edit.start;
    (span <= MAX_RELAYOUT_SPAN).then_some((base, edit))
}

/// The layout of `text`: made from `base` when it can be, else in full.
fn lay_out(
    text: &str,
    context: &Context,
    cache: &mut LayoutCaches,
    base: Option<(Arc<Snapshot>, Edit)>,
) -> (Layout, Reason) {
    let relaid = base.and_then(|(base, edit)| {
        let entry = &base.entry;
        relayout(
            &entry.text,
            &entry.analysis.layout,
            text,
            edit,
            context,
            &mut cache.stretch,
        )
    });
    match relaid {
        Some(relaid) => (relaid, Reason::Relayout),
        None => (layout(text, context, &mut cache.page), Reason::Layout),
    }
}

/// The diagnostics of one version, with what the speaker checks answered and the settings
/// they were computed under.
struct Outcome {
    diagnostics: Vec<Diagnostic>,
    speakers: Vec<bool>,
    settings: u64,
    /// Uncited quotes found: a layout does not look for quotes, so the analysis of its
    /// revision publishes again when it finds some.
    uncited: usize,
}

impl Backend {
    /// Starts the layout and analysis tasks of an open document unless they are running;
    /// a running task re-checks the version when it finishes.
    pub(super) fn schedule(&self, uri: Uri) {
        let (start_layout, start_analysis) = {
            let mut state = self.lock();
            let Some(open) = state.docs.get_mut(&uri) else {
                return;
            };
            let starts = (!open.laying_out, !open.analyzing);
            open.laying_out = true;
            open.analyzing = true;
            starts
        };
        if start_layout {
            let this = self.clone();
            let uri = uri.clone();
            tokio::spawn(async move { this.layout_loop(uri).await });
        }
        if start_analysis {
            let this = self.clone();
            tokio::spawn(async move { this.analysis_loop(uri).await });
        }
    }

    async fn layout_loop(&self, uri: Uri) {
        loop {
            let job = {
                let mut state = self.lock();
                let max_size = state.config_of(&uri).max_file_size;
                let context = state.template_context(&uri).unwrap_or_default();
                let Some(open) = state.docs.get_mut(&uri) else {
                    return;
                };
                let rope = open.doc.rope().clone();
                if rope.len_bytes() as u64 > max_size {
                    // Not analysed at all: the analysis task says so.
                    open.laying_out = false;
                    return;
                }
                let cache = open.layout_cache.take().unwrap_or_default();
                let base = relayout_base(open);
                (
                    rope,
                    open.doc.version(),
                    open.revision,
                    context,
                    cache,
                    base,
                )
            };
            let (rope, version, revision, context, mut cache, base) = job;
            let started = std::time::Instant::now();
            let laid_out = tokio::task::spawn_blocking(move || {
                let text = rope.to_string();
                let (layout, reason) = lay_out(&text, &context, &mut cache, base);
                (rope, text, layout, cache, reason)
            })
            .await;
            let Ok((rope, text, layout, cache, reason)) = laid_out else {
                tracing::error!("layout of {} failed", uri.as_str());
                if let Some(open) = self.lock().docs.get_mut(&uri) {
                    open.laying_out = false;
                }
                return;
            };
            if let Some(open) = self.lock().docs.get_mut(&uri) {
                open.layout_cache = Some(cache);
            }
            if let Some(outcome) = self.layout_diagnostics(&uri, revision, &rope, &text, &layout) {
                self.publish(&uri, (version, revision), outcome, reason)
                    .await;
                tracing::debug!(
                    "{} v{version}: {reason:?} published in {:?}",
                    uri.as_str(),
                    started.elapsed()
                );
            }
            if self.finished(&uri, revision, |open| &mut open.laying_out) {
                return;
            }
        }
    }

    async fn analysis_loop(&self, uri: Uri) {
        loop {
            if !self.paused(&uri).await {
                continue;
            }
            let (rope, version, revision, max_size, context, mut cache, corrections) = {
                let mut state = self.lock();
                let max_size = state.config_of(&uri).max_file_size;
                let context = state.template_context(&uri);
                let corrections = state.index.corrections().clone();
                let Some(open) = state.docs.get_mut(&uri) else {
                    return;
                };
                let cache = open.analysis_cache.take().unwrap_or_default();
                (
                    open.doc.rope().clone(),
                    open.doc.version(),
                    open.revision,
                    max_size,
                    context,
                    cache,
                    corrections,
                )
            };
            let built = tokio::task::spawn_blocking(move || {
                let mut snapshot =
                    Snapshot::build(rope, (version, revision), max_size, context, &mut cache);
                snapshot.entry = snapshot.entry.corrected(&corrections);
                (snapshot, cache, corrections)
            })
            .await;
            let Ok((snapshot, cache, corrections)) = built else {
                tracing::error!("analysis of {} failed", uri.as_str());
                if let Some(open) = self.lock().docs.get_mut(&uri) {
                    open.analyzing = false;
                }
                return;
            };
            if let Some(open) = self.lock().docs.get_mut(&uri) {
                open.analysis_cache = Some(cache);
            }
            let (snapshot, current) = self.store(&uri, snapshot, &corrections);
            if current {
                let outcome = self.snapshot_diagnostics(&uri, &snapshot);
                self.publish(&uri, (version, revision), outcome, Reason::Analysis)
                    .await;
            }
            if self.finished(&uri, revision, |open| &mut open.analyzing) {
                return;
            }
        }
    }

    /// Waits for a pause in typing before a full analysis of a large document, so the layout
    /// of every keystroke gets the processor first. The pause grows with the text, as the
    /// analysis does (about half of what the analysis will cost; none for an article).
    /// False when the document changed meanwhile: look again.
    async fn paused(&self, uri: &Uri) -> bool {
        let Some((revision, bytes)) = self
            .lock()
            .docs
            .get(uri)
            .map(|open| (open.revision, open.doc.rope().len_bytes()))
        else {
            return true;
        };
        let pause = std::time::Duration::from_micros((bytes as u64 / 16).min(MAX_PAUSE_MICROS));
        if pause.as_millis() < 1 {
            return true;
        }
        tokio::time::sleep(pause).await;
        self.lock()
            .docs
            .get(uri)
            .is_none_or(|open| open.revision == revision)
    }

    /// Whether `revision` is still the document's latest; if so the task's flag is cleared
    /// under the same lock, so a later edit starts a new task.
    fn finished(
        &self,
        uri: &Uri,
        revision: u64,
        running: impl FnOnce(&mut super::state::OpenDoc) -> &mut bool,
    ) -> bool {
        let mut state = self.lock();
        let Some(open) = state.docs.get_mut(uri) else {
            return true;
        };
        if open.revision == revision {
            *running(open) = false;
            return true;
        }
        false
    }

    /// The analysis of an open document's current version, waiting for one in progress (at
    /// most [`super::server::SNAPSHOT_WAIT`]); `None` when the document is not open or
    /// analysis lags behind.
    pub(super) async fn current_snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let deadline = tokio::time::Instant::now() + super::server::SNAPSHOT_WAIT;
        self.wait_until(deadline, |state| {
            state
                .docs
                .get(uri)
                .is_none_or(|open| open.current_snapshot().is_some())
        })
        .await;
        self.lock().docs.get(uri)?.current_snapshot().cloned()
    }

    /// Waits until `done` holds of the state, looking again whenever an analysis is stored,
    /// or until `deadline`.
    pub(super) async fn wait_until(
        &self,
        deadline: tokio::time::Instant,
        done: impl Fn(&State) -> bool,
    ) {
        loop {
            let notified = self.analysed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if done(&self.lock()) || tokio::time::timeout_at(deadline, notified).await.is_err() {
                return;
            }
        }
    }

    /// Keeps a fresh snapshot and feeds the index; false when the document moved on meanwhile.
    /// Entity corrections that changed while it was analysed (with `corrected_by`) apply now.
    fn store(
        &self,
        uri: &Uri,
        snapshot: Snapshot,
        corrected_by: &Arc<Corrections>,
    ) -> (Arc<Snapshot>, bool) {
        let mut state = self.lock();
        let snapshot = match state.index.corrections() {
            now if Arc::ptr_eq(now, corrected_by) => Arc::new(snapshot),
            now => Arc::new(snapshot.corrected(now)),
        };
        let Some(open) = state.docs.get_mut(uri) else {
            return (snapshot, false);
        };
        open.snapshot = Some(snapshot.clone());
        open.edits.forget_through(snapshot.revision);
        let current = open.revision == snapshot.revision;
        self.analysed.notify_waiters();
        if let Some(path) = uri.to_file_path().map(|p| p.into_owned())
            && state.is_news_file(&path)
        {
            state.index.insert(path, snapshot.entry.clone());
        }
        (snapshot, current)
    }

    /// Diagnostics from a layout: speakers are checked against the index and the entities
    /// of the latest full analysis, which an edit rarely changes, and its quotes that the
    /// edits since did not touch keep their uncited-quote findings. `None` before the first
    /// full analysis of a document with cites or quotation marks, whose speakers and uncited
    /// quotes cannot be judged yet (the analysis task publishes then, rather than send
    /// diagnostics it would change at once), and `None` once the full analysis of `revision`
    /// is in: it published more than a layout knows (its quotes), and was first.
    fn layout_diagnostics(
        &self,
        uri: &Uri,
        revision: u64,
        rope: &Rope,
        text: &str,
        layout: &Layout,
    ) -> Option<Outcome> {
        let (previous, edit, judged) = {
            let state = self.lock();
            let open = state.docs.get(uri);
            let previous = open.and_then(|open| open.snapshot.clone());
            let undecided = !layout.citations.cites.is_empty() || may_quote(text);
            match &previous {
                None if undecided => return None,
                Some(analysed) if analysed.revision >= revision => return None,
                _ => {}
            }
            let edit = open
                .zip(previous.as_ref())
                .and_then(|(open, analysed)| open.edits.since(analysed.revision, revision));
            (previous, edit, Judged::new(&state, uri, &layout.citations))
        };
        // The latest analysis' quotes that the edits since left alone keep their findings, so
        // that they do not vanish on every keystroke until the next analysis.
        let carried = previous
            .as_ref()
            .zip(edit)
            .map(|(analysed, edit)| carried_over(&analysed.entry.analysis.quotes, edit));
        let known = |name: &str| {
            judged.knows(name)
                || previous
                    .as_ref()
                    .is_some_and(|p| crate::export::named_in(&p.entry.analysis, name))
        };
        let input = DiagnosticInput {
            uri,
            rope,
            findings: FindingInput {
                text,
                layout,
                quotes: carried.as_deref(),
                lossy: false,
                too_large: None,
                known_speaker: &known,
            },
        };
        Some(outcome(&input, &judged))
    }

    fn snapshot_diagnostics(&self, uri: &Uri, snapshot: &Snapshot) -> Outcome {
        let analysis = &snapshot.entry.analysis;
        let judged = Judged::new(&self.lock(), uri, &analysis.layout.citations);
        let known = |name: &str| judged.knows(name) || crate::export::named_in(analysis, name);
        let mut findings = FindingInput::new(&snapshot.entry, &known);
        findings.too_large = snapshot.too_large;
        let input = DiagnosticInput {
            uri,
            rope: &snapshot.rope,
            findings,
        };
        outcome(&input, &judged)
    }

    /// Sends a revision's diagnostics, stamped with its client version, unless a later
    /// revision's (or, for an analysis, the same ones) went out already.
    async fn publish(
        &self,
        uri: &Uri,
        (version, revision): (i32, u64),
        outcome: Outcome,
        reason: Reason,
    ) {
        let _order = self.publishing.lock().await;
        {
            let mut state = self.lock();
            let Some(open) = state.docs.get_mut(uri) else {
                return;
            };
            // Newer revisions, and for one revision newer settings, replace what was sent.
            let wanted = match &open.published {
                None => true,
                Some(last) => {
                    match (revision, outcome.settings).cmp(&(last.revision, last.settings)) {
                        std::cmp::Ordering::Greater => true,
                        std::cmp::Ordering::Less => false,
                        std::cmp::Ordering::Equal => {
                            reason == Reason::Analysis
                                && (last.provisional
                                    || last.speakers != outcome.speakers
                                    || last.uncited != outcome.uncited)
                        }
                    }
                }
            };
            if !wanted {
                return;
            }
            open.published = Some(Published {
                revision,
                speakers: outcome.speakers,
                settings: outcome.settings,
                provisional: reason == Reason::Relayout,
                uncited: outcome.uncited,
            });
            // A client that pulls diagnostics asks for them (`lsp::overview`).
            if state.caps.pull_diagnostics {
                return;
            }
        }
        self.client
            .publish_diagnostics(uri.clone(), outcome.diagnostics, Some(version))
            .await;
    }

    /// Publishes every open document's diagnostics again under new settings: both tasks run
    /// once more, and what they publish replaces what went out under the old settings.
    pub(super) async fn republish_all(&self) {
        let uris: Vec<Uri> = {
            let mut state = self.lock();
            state.settings += 1;
            state.docs.keys().cloned().collect()
        };
        for uri in uris {
            self.schedule(uri);
        }
        self.refresh_workspace_diagnostics();
    }

    /// The diagnostics of an open document's analysed version, as they are pushed (the
    /// answer to `textDocument/diagnostic`).
    pub(super) fn document_diagnostics(&self, uri: &Uri, snapshot: &Snapshot) -> Vec<Diagnostic> {
        self.snapshot_diagnostics(uri, snapshot).diagnostics
    }
}

/// What one version's diagnostics need from the shared state, taken in one short lock so
/// that computing them holds none: the settings, and which of the cites' speakers the
/// workspace index names.
struct Judged {
    config: Config,
    encoding: Encoding,
    settings: u64,
    known: HashSet<String>,
}

impl Judged {
    fn new(state: &State, uri: &Uri, citations: &Citations) -> Judged {
        let entities = state.index.entities();
        let known = citations
            .cites
            .iter()
            .filter_map(|cite| cite.attribute("speaker"))
            .filter(|a| entities.names_entity(&a.value))
            .map(|a| a.value.clone())
            .collect();
        Judged {
            config: state.config_of(uri).clone(),
            encoding: state.encoding,
            settings: state.settings,
            known,
        }
    }

    fn knows(&self, name: &str) -> bool {
        self.known.contains(name)
    }
}

/// Whether a text has a quotation mark: its quotes are known from the full analysis only.
fn may_quote(text: &str) -> bool {
    text.contains(['"', '“', '”', '«', '»', '„'])
}

/// Computes diagnostics, recording the answer of every speaker check.
fn outcome(input: &DiagnosticInput, judged: &Judged) -> Outcome {
    let speakers = RefCell::new(Vec::new());
    let known = |name: &str| {
        let answer = (input.findings.known_speaker)(name);
        speakers.borrow_mut().push(answer);
        answer
    };
    let recorded = DiagnosticInput {
        uri: input.uri,
        rope: input.rope,
        findings: FindingInput {
            known_speaker: &known,
            ..input.findings
        },
    };
    let diagnostics = diagnostics(&recorded, &judged.config, judged.encoding);
    let uncited_code = NumberOrString::String(UNCITED_QUOTE.into());
    Outcome {
        uncited: diagnostics
            .iter()
            .filter(|d| d.code.as_ref() == Some(&uncited_code))
            .count(),
        diagnostics,
        speakers: speakers.into_inner(),
        settings: judged.settings,
    }
}
