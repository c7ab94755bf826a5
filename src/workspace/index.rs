//! What newsls knows about every news file of the workspace, open or not.
//!
//! An open document's latest analysis replaces its file's entry, so cross-file features see
//! what the user is typing rather than what is on disk.

use super::corrections::Corrections;
use super::entities::{EntityIndex, EntityRecords};
use super::scan::{ReadError, read_news_file};
use super::templates::{BlockPrint, Templates, block_fingerprints, distinct};
use crate::analysis::analyze_with;
use crate::analysis::boilerplate::{Context, classify_with, classify_with_prints};
use crate::analysis::entities::recognize;
use crate::analysis::quotes::find_quotes;
use crate::analysis::{Analysis, Entity, Layout, analyze, split_blocks};
use crate::text::{Encoding, LineColRange, LineIndex};
use hashbrown::DefaultHashBuilder;
use rayon::prelude::*;
use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// One analysed file.
#[derive(Debug, Clone)]
pub struct FileEntry {
    pub text: Arc<str>,
    pub analysis: Arc<Analysis>,
    /// The file was not valid UTF-8 and was decoded lossily.
    pub lossy: bool,
    /// Line starts, for positions in files that are not open: made when first asked for
    /// (an export never asks), shared by the entry's copies.
    lines: Arc<OnceLock<LineIndex>>,
    /// Byte ranges of the boilerplate blocks, sorted.
    junk: Arc<[Range<usize>]>,
    /// Distinct fingerprints of the blocks, for finding publisher templates.
    pub fingerprints: Arc<[BlockPrint]>,
    /// The analysis before the user's entity corrections, when they changed it.
    uncorrected: Option<Arc<Analysis>>,
}

impl FileEntry {
    /// Analyses `text` on its own.
    pub fn new(text: impl Into<Arc<str>>, lossy: bool) -> FileEntry {
        FileEntry::with_context(text.into(), lossy, None)
    }

    /// Analyses `text` knowing which of its blocks are workspace templates.
    pub fn with_context(text: Arc<str>, lossy: bool, context: Option<&Context>) -> FileEntry {
        let analysis = match context {
            Some(context) => analyze_with(&text, context),
            None => analyze(&text),
        };
        FileEntry::from_analysis(text, analysis, lossy)
    }

    /// Analyses `text` for the workspace index: the full analysis, as [`FileEntry::new`]
    /// gives it, with the block fingerprints taken from the boilerplate classification
    /// instead of hashed again, and no spare capacity (ten thousand entries live as long as
    /// the server).
    pub fn for_index(text: impl Into<Arc<str>>, lossy: bool) -> FileEntry {
        let text = text.into();
        let masked = crate::analysis::citation::mask(&text);
        let blocks = split_blocks(&masked);
        let (boilerplate, prints) = classify_with_prints(&masked, &blocks, &Context::default());
        let mut entities = recognize(&masked, &blocks);
        let mut quotes = find_quotes(&text, &blocks, &entities);
        quotes.shrink_to_fit();
        let citations = crate::analysis::citation::parse(&text);
        let metadata = crate::analysis::metadata::extract(&text, &blocks);
        // Templates are counted on the file's own text: a block holding a citation tag hashes
        // the tag's words too, so only an untagged text can reuse the classification's prints.
        let fingerprints = match masked {
            Cow::Borrowed(_) => distinct(prints, &blocks),
            Cow::Owned(_) => block_fingerprints(&text, &blocks),
        };
        let mut blocks = blocks;
        blocks.shrink_to_fit();
        entities.shrink_to_fit();
        for entity in &mut entities {
            entity.name.shrink_to_fit();
            entity.mentions.shrink_to_fit();
        }
        let mut boilerplate = boilerplate;
        boilerplate.shrink_to_fit();
        let analysis = Analysis {
            layout: Layout {
                blocks,
                boilerplate,
                body: Vec::new(),
                citations,
            },
            entities,
            quotes,
            metadata,
        };
        FileEntry::with_prints(text, analysis, lossy, fingerprints.into())
    }

    /// This file analysed again with workspace templates.
    ///
    /// Templates only change the boilerplate verdicts: the blocks, entities, quotes, metadata
    /// and citations of the text are kept, and only the boilerplate stage runs again (the
    /// same stage `analyze_with` runs, on the same masked text).
    pub fn reanalysed(&self, context: &Context) -> FileEntry {
        let masked = crate::analysis::citation::mask(&self.text);
        let boilerplate = classify_with(&masked, &self.analysis.layout.blocks, context);
        let with_verdicts = |analysis: &Analysis| {
            let mut analysis = analysis.clone();
            analysis.layout.boilerplate = boilerplate.clone();
            Arc::new(analysis)
        };
        let analysis = with_verdicts(&self.analysis);
        FileEntry {
            junk: junk_ranges(&analysis.layout),
            text: self.text.clone(),
            uncorrected: self.uncorrected.as_deref().map(with_verdicts),
            analysis,
            lossy: self.lossy,
            lines: self.lines.clone(),
            fingerprints: self.fingerprints.clone(),
        }
    }

    /// This file with the user's entity corrections applied, to its analysis as recognised
    /// (whatever corrections applied before).
    pub fn corrected(&self, corrections: &Corrections) -> FileEntry {
        if corrections.is_empty() && self.uncorrected.is_none() {
            return self.clone();
        }
        let raw = self.uncorrected.as_ref().unwrap_or(&self.analysis);
        let (analysis, uncorrected) = match corrections.apply(&self.text, raw) {
            Some(corrected) => (Arc::new(corrected), Some(raw.clone())),
            None => (raw.clone(), None),
        };
        FileEntry {
            analysis,
            uncorrected,
            ..self.clone()
        }
    }

    /// An entry for a text analysed already.
    pub fn from_analysis(text: Arc<str>, analysis: Analysis, lossy: bool) -> FileEntry {
        let fingerprints = block_fingerprints(&text, &analysis.layout.blocks).into();
        FileEntry::with_prints(text, analysis, lossy, fingerprints)
    }

    /// An entry for a text analysed already whose block fingerprints are known.
    fn with_prints(
        text: Arc<str>,
        analysis: Analysis,
        lossy: bool,
        fingerprints: Arc<[BlockPrint]>,
    ) -> FileEntry {
        FileEntry {
            junk: junk_ranges(&analysis.layout),
            fingerprints,
            lines: Arc::default(),
            text,
            analysis: Arc::new(analysis),
            lossy,
            uncorrected: None,
        }
    }

    /// The mentions of `entity` that are article text, not boilerplate.
    pub fn article_mentions<'a>(
        &'a self,
        entity: &'a Entity,
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        entity
            .mentions
            .iter()
            .filter(|m| !self.in_junk(m.start))
            .cloned()
    }

    fn in_junk(&self, offset: usize) -> bool {
        let i = self.junk.partition_point(|r| r.end <= offset);
        self.junk.get(i).is_some_and(|r| r.start <= offset)
    }

    /// The LSP range of a byte range of this file.
    pub fn range(&self, range: Range<usize>, encoding: Encoding) -> LineColRange {
        self.lines().range(&self.text, range, encoding)
    }

    /// Where the lines of the text start.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Reads and analyses a file from disk.
    pub fn read(path: &Path, max_size: u64) -> Result<FileEntry, ReadError> {
        let file = read_news_file(path, max_size)?;
        Ok(FileEntry::new(file.text, file.lossy))
    }

    /// Reads a file from disk and analyses it for the index only (see [`FileEntry::for_index`]).
    pub fn read_for_index(path: &Path, max_size: u64) -> Result<FileEntry, ReadError> {
        let file = read_news_file(path, max_size)?;
        Ok(FileEntry::for_index(file.text, file.lossy))
    }
}

/// Byte ranges of the boilerplate blocks of `layout`, sorted.
fn junk_ranges(layout: &Layout) -> Arc<[Range<usize>]> {
    layout
        .boilerplate
        .iter()
        .map(|v| layout.blocks[v.block].range.clone())
        .collect()
}

/// The analysed files of a workspace, by path, the entities across them and the blocks
/// they share.
///
/// A persistent hash map hashed with randomly seeded foldhash: cloning it is O(1), and a
/// clone does not see later changes (only the nodes a change touches are copied, and only
/// while a clone still shares them).
pub type PersistentMap<K, V> =
    imbl::GenericHashMap<K, V, DefaultHashBuilder, imbl::shared_ptr::DefaultSharedPtr>;

/// The index as it was at one moment, taken in O(1) under the server's lock and read after
/// releasing it: requests that walk many files or entities work on one of these.
#[derive(Debug, Clone, Default)]
pub struct IndexSnapshot {
    files: PersistentMap<PathBuf, Arc<FileEntry>>,
    entities: EntityRecords,
}

impl IndexSnapshot {
    pub fn get(&self, path: &Path) -> Option<&Arc<FileEntry>> {
        self.files.get(path)
    }

    pub fn entities(&self) -> &EntityRecords {
        &self.entities
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files in path order, so every listing built from the index is deterministic.
    pub fn files(&self) -> Vec<(&Path, &Arc<FileEntry>)> {
        let mut files: Vec<_> = self.files.iter().map(|(p, e)| (p.as_path(), e)).collect();
        files.sort_by(|a, b| a.0.cmp(b.0));
        files
    }
}

/// Paths hash with randomly seeded foldhash (see [`EntityRecords`]).
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    /// Persistent, so [`WorkspaceIndex::snapshot`] is a pointer copy.
    files: PersistentMap<PathBuf, Arc<FileEntry>>,
    entities: EntityIndex,
    templates: Templates,
    /// The user's entity corrections, applied to every file as it comes in.
    corrections: Arc<Corrections>,
}

impl WorkspaceIndex {
    /// Adds or replaces a file, with the entity corrections applied.
    pub fn insert(&mut self, path: PathBuf, entry: FileEntry) {
        let entry = entry.corrected(&self.corrections);
        self.entities.update(&path, &entry);
        self.templates.update(&path, entry.fingerprints.clone());
        self.files.insert(path, Arc::new(entry));
    }

    pub fn remove(&mut self, path: &Path) -> Option<Arc<FileEntry>> {
        self.entities.remove(path);
        self.templates.remove(path);
        self.files.remove(path)
    }

    /// The files and entities as they are now, in O(1).
    pub fn snapshot(&self) -> IndexSnapshot {
        IndexSnapshot {
            files: self.files.clone(),
            entities: self.entities.records().clone(),
        }
    }

    pub fn corrections(&self) -> &Arc<Corrections> {
        &self.corrections
    }

    /// Applies new entity corrections to every file; false when they are the ones in force.
    pub fn set_corrections(&mut self, corrections: Corrections) -> bool {
        if *self.corrections == corrections {
            return false;
        }
        self.corrections = Arc::new(corrections);
        let paths: Vec<PathBuf> = self.files.keys().cloned().collect();
        for path in paths {
            let entry = self.files[&path].corrected(&self.corrections);
            self.entities.update(&path, &entry);
            self.files.insert(path, Arc::new(entry));
        }
        true
    }

    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The files to analyse again now that templates are known, each with its context.
    pub fn template_work(&self) -> Vec<(PathBuf, FileEntry, Context)> {
        self.templates
            .files_with_templates()
            .into_iter()
            .filter_map(|path| {
                let entry = self.files.get(path)?;
                let context = self.templates.context_for(&entry.fingerprints)?;
                Some((path.to_path_buf(), FileEntry::clone(entry), context))
            })
            .collect()
    }

    pub fn entities(&self) -> &EntityRecords {
        self.entities.records()
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<FileEntry>> {
        self.files.get(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Reads and analyses `paths` in parallel for the index (see [`FileEntry::for_index`]),
/// handing each file's result to `sink` as soon as it is ready, in no particular order, so
/// the caller can fill the index while the rest are still being read.
pub fn read_each<F>(paths: &[PathBuf], max_size: u64, sink: F)
where
    F: Fn(&Path, Result<FileEntry, ReadError>) + Sync,
{
    paths
        .par_iter()
        .for_each(|path| sink(path, FileEntry::read_for_index(path, max_size)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_analysis_is_the_full_one() {
        let text = "<source publication=\"Daily\"/>\nKremlin talks go on\n\n\
                    Sergei Lavrov met Kim Jong Il in Moscow on Monday.\n\n\
                    <cite speaker=\"Sergei Lavrov\">\"We will talk again,\"</cite> Lavrov said.\n\n\
                    Share this article\nCopyright 2011 Daily News. All rights reserved.\n";
        let full = FileEntry::new(text, false);
        let index = FileEntry::for_index(text, false);
        assert!(!full.analysis.entities.is_empty() && !full.junk.is_empty());
        assert_eq!(index.analysis.layout.blocks, full.analysis.layout.blocks);
        let verdict = |v: &crate::analysis::Verdict| (v.block, v.category, v.twin);
        assert_eq!(
            index
                .analysis
                .layout
                .boilerplate
                .iter()
                .map(verdict)
                .collect::<Vec<_>>(),
            full.analysis
                .layout
                .boilerplate
                .iter()
                .map(verdict)
                .collect::<Vec<_>>()
        );
        assert_eq!(index.analysis.entities, full.analysis.entities);
        assert_eq!(index.analysis.quotes, full.analysis.quotes);
        assert!(full.analysis.metadata.publication.is_some());
        assert_eq!(index.analysis.metadata, full.analysis.metadata);
        assert_eq!(index.junk, full.junk);
        assert_eq!(index.fingerprints, full.fingerprints);
    }

    #[test]
    fn index_fingerprints_are_those_of_the_text() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
        let mut texts: Vec<String> = std::fs::read_dir(seeds)
            .unwrap()
            .map(|file| std::fs::read_to_string(file.unwrap().path()).unwrap())
            .collect();
        texts.push("Kremlin talks\n\n<cite speaker=\"Lavrov\">\"Yes,\"</cite> he said.\n".into());
        for text in texts {
            let index = FileEntry::for_index(text.as_str(), false);
            let own = block_fingerprints(&text, &index.analysis.layout.blocks);
            assert_eq!(*index.fingerprints, *own);
        }
    }

    #[test]
    fn reanalysed_matches_a_full_analysis_with_the_context() {
        let text = "Kremlin talks go on\n\nSergei Lavrov met Kim Jong Il in Moscow on Monday, \
                    officials said.\n\n\"We will talk again,\" Lavrov said.\n\n\
                    Support our newsroom today.\nSubscribe now.\n";
        let entry = FileEntry::new(text, false);
        let recurring = [
            crate::analysis::boilerplate::fingerprint("Support our newsroom today."),
            crate::analysis::boilerplate::fingerprint("Subscribe now."),
        ];
        let context = Context::with_recurring(recurring.to_vec());
        let fast = entry.reanalysed(&context);
        let full = FileEntry::with_context(text.into(), false, Some(&context));
        assert_eq!(
            format!("{:?}", fast.analysis),
            format!("{:?}", full.analysis)
        );
        assert_eq!(fast.junk, full.junk);
        assert_eq!(fast.fingerprints, full.fingerprints);
    }

    #[test]
    fn read_each_reports_every_file_and_its_errors() {
        let dir = std::env::temp_dir().join(format!("newsls-index-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "First line.\n\nSecond.").unwrap();
        std::fs::write(dir.join("b.txt"), b"bad \xFF byte").unwrap();
        let paths = [
            dir.join("a.txt"),
            dir.join("missing.txt"),
            dir.join("b.txt"),
        ];
        let results = std::sync::Mutex::new(std::collections::HashMap::new());
        read_each(&paths, 1 << 20, |path, result| {
            results.lock().unwrap().insert(path.to_path_buf(), result);
        });
        let mut results = results.into_inner().unwrap();
        assert_eq!(results.len(), 3);
        assert!(results[&paths[1]].is_err());
        assert!(results[&paths[2]].as_ref().unwrap().lossy);
        let mut index = WorkspaceIndex::default();
        for path in [&paths[2], &paths[0]] {
            index.insert(path.clone(), results.remove(path).unwrap().unwrap());
        }
        assert_eq!(index.len(), 2);
        assert_eq!(
            index.get(&paths[0]).unwrap().analysis.layout.blocks.len(),
            2
        );
        assert_eq!(index.snapshot().files()[0].0, paths[0]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
