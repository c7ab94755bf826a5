//! Entities across the workspace: one record per real-world name, fed file by file.
//!
//! Each file's entities come from its own analysis (coreference already resolved inside the
//! article). Across files, names are matched on a spelling-tolerant key, so transliterations
//! such as "Sergei Lavrov" / "Sergey Lavrov" share one id, while different people who share
//! a surname keep apart. Updating a file costs in proportion to that file's entities.

use super::index::FileEntry;
use crate::analysis::{Entity, EntityKind};
use std::collections::{BTreeMap, HashMap, btree_map};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The workspace-wide id of an entity: its kind and the spelling-tolerant key of its name,
/// e.g. `person:sergei-lavrov`. The same in every file and every run.
pub fn entity_id(kind: EntityKind, name: &str) -> String {
    let mut id = String::with_capacity(name.len() + 8);
    id.push_str(kind.as_str());
    id.push(':');
    let words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    for (i, word) in words.enumerate() {
        if i > 0 {
            id.push('-');
        }
        fold_word(word, &mut id);
    }
    id
}

/// The ids `name` would have as each kind of entity, the likeliest kinds for a speaker first.
pub fn candidate_ids(name: &str) -> [String; 4] {
    use EntityKind::*;
    [Person, Organization, Other, Place].map(|kind| entity_id(kind, name))
}

/// Lower-cases a word, folds Latin accents, and evens out the commonest transliteration
/// variants: `y` and `i` ("Sergey"/"Sergei", "Dmitry"/"Dmitri") and doubled letters.
fn fold_word(word: &str, out: &mut String) {
    let mut last = None;
    for c in word.chars().flat_map(char::to_lowercase) {
        let c = match fold_accent(c) {
            'y' => 'i',
            c => c,
        };
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ž' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ť' | 'ţ' => 't',
        'ď' => 'd',
        'ğ' => 'g',
        c => c,
    }
}

/// One entity of the workspace.
#[derive(Debug, Clone)]
pub struct EntityRecord {
    pub id: Arc<str>,
    pub kind: EntityKind,
    /// Spellings of the full name, with the number of files using each.
    names: HashMap<Arc<str>, u32>,
    /// The files that mention it, with the indices of the entity in each file's analysis.
    pub files: FileMentions,
}

/// A file's path, allocated once per file and shared by every record that mentions it.
///
/// Ordered like [`Path`] (component by component) for normalised paths, but by one byte
/// comparison: separators sort before every other byte. `Path`'s own `Ord` walks
/// components, and with tens of B-tree comparisons per file and entity it made indexing a
/// large workspace take seconds.
#[derive(Debug, Clone)]
struct SharedPath(Arc<PathBuf>);

impl SharedPath {
    fn new(path: &Path) -> SharedPath {
        SharedPath(Arc::new(path.to_path_buf()))
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_os_str().as_encoded_bytes()
    }
}

impl PartialEq for SharedPath {
    fn eq(&self, other: &Self) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for SharedPath {}

impl PartialOrd for SharedPath {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedPath {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (self.bytes(), other.bytes());
        let common = common_prefix(a, b);
        let rank = |s: &[u8]| {
            s.get(common)
                .map(|&c| if c == b'/' { 0 } else { u16::from(c) + 1 })
        };
        rank(a).cmp(&rank(b))
    }
}

/// Length of the common prefix of `a` and `b`, eight bytes at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n && a[i..i + 8] == b[i..i + 8] {
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// The indices of an entity in one file's analysis: nearly always one, kept inline.
#[derive(Debug, Clone)]
enum Indices {
    One([usize; 1]),
    Many(Vec<usize>),
}

impl Indices {
    fn as_slice(&self) -> &[usize] {
        match self {
            Indices::One(one) => one,
            Indices::Many(many) => many,
        }
    }

    fn push(&mut self, index: usize) {
        match self {
            Indices::One([first]) => *self = Indices::Many(vec![*first, index]),
            Indices::Many(many) => many.push(index),
        }
    }
}

/// The iterator of [`FileMentions::iter`].
#[derive(Debug, Clone)]
pub struct MentionsIter<'a>(btree_map::Iter<'a, SharedPath, (Indices, u32)>);

impl<'a> Iterator for MentionsIter<'a> {
    type Item = (&'a PathBuf, &'a [usize]);

    fn next(&mut self) -> Option<Self::Item> {
        self.0
            .next()
            .map(|(path, (indices, _))| (&*path.0, indices.as_slice()))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for MentionsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0
            .next_back()
            .map(|(path, (indices, _))| (&*path.0, indices.as_slice()))
    }
}

impl ExactSizeIterator for MentionsIter<'_> {}

/// The files that mention an entity, in path order, each with the indices of the entity in
/// that file's analysis. Compact: a path is shared with the rest of the index, and a single
/// index is stored inline, so a workspace where every file names "Moscow" stays small.
/// Each file also keeps how many article mentions (outside boilerplate) it has, so totals
/// need no walk over the files.
#[derive(Debug, Clone, Default)]
pub struct FileMentions {
    files: BTreeMap<SharedPath, (Indices, u32)>,
    mentions: usize,
}

impl FileMentions {
    /// `(path, indices)` in path order.
    pub fn iter(&self) -> MentionsIter<'_> {
        MentionsIter(self.files.iter())
    }

    /// The indices of the entity in the analysis of `path`, if that file mentions it.
    pub fn get(&self, path: &Path) -> Option<&[usize]> {
        self.files
            .get(&SharedPath::new(path))
            .map(|(indices, _)| indices.as_slice())
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(&SharedPath::new(path))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Article mentions (outside boilerplate) in all the files, in O(1).
    pub fn mention_count(&self) -> usize {
        self.mentions
    }

    /// Article mentions in `path` (0 when it does not mention the entity).
    pub fn mentions_in(&self, path: &Path) -> usize {
        self.files
            .get(&SharedPath::new(path))
            .map_or(0, |(_, n)| *n as usize)
    }

    fn add(&mut self, path: &SharedPath, index: usize, mentions: usize) {
        let mentions32 = u32::try_from(mentions).unwrap_or(u32::MAX);
        match self.files.get_mut(path) {
            Some((indices, n)) => {
                indices.push(index);
                *n = n.saturating_add(mentions32);
            }
            None => {
                self.files
                    .insert(path.clone(), (Indices::One([index]), mentions32));
            }
        }
        self.mentions += mentions32 as usize;
    }

    fn remove(&mut self, path: &SharedPath) {
        if let Some((_, n)) = self.files.remove(path) {
            self.mentions -= n as usize;
        }
    }
}

impl<'a> IntoIterator for &'a FileMentions {
    type Item = (&'a PathBuf, &'a [usize]);
    type IntoIter = MentionsIter<'a>;

    fn into_iter(self) -> MentionsIter<'a> {
        self.iter()
    }
}

impl EntityRecord {
    /// The spelling most files use (ties: the longest, then the first in order).
    pub fn name(&self) -> &str {
        self.names
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(a.0.len().cmp(&b.0.len()))
                    .then(b.0.cmp(a.0))
            })
            .map_or("", |(name, _)| name)
    }

    /// Every spelling of the full name, canonical first.
    pub fn spellings(&self) -> Vec<&str> {
        let canonical = self.name();
        let mut all: Vec<&str> = self
            .names
            .keys()
            .map(|name| &**name)
            .filter(|n| *n != canonical)
            .collect();
        all.sort_unstable();
        all.insert(0, canonical);
        all
    }
}

/// One entity a file contributes: its id and the spelling the file uses.
type Contribution = (Arc<str>, Arc<str>);

/// The entities of all indexed files.
#[derive(Debug, Default)]
pub struct EntityIndex {
    records: HashMap<Arc<str>, EntityRecord>,
    /// What each file contributed: ids with the spelling the file uses (interned in the
    /// record's names). Its keys are the one allocation of each file's path.
    by_file: HashMap<PathBuf, (SharedPath, Vec<Contribution>)>,
}

impl EntityIndex {
    /// Replaces what `path` contributes with the entities of `entry`. Entities mentioned
    /// only inside boilerplate are left out.
    pub fn update(&mut self, path: &Path, entry: &FileEntry) {
        let shared = match self.by_file.get(path) {
            Some((shared, _)) => shared.clone(),
            None => SharedPath::new(path),
        };
        self.remove(path);
        let mut contributed: Vec<Contribution> = Vec::new();
        for (index, entity) in entry.analysis.entities.iter().enumerate() {
            let mentions = entry.article_mentions(entity).count();
            if mentions == 0 {
                continue;
            }
            let id = self.add(&shared, index, entity, mentions);
            if !contributed.iter().any(|(known, _)| *known == id) {
                let record = self.records.get_mut(&id).expect("just added");
                let name: Arc<str> = match record.names.get_key_value(entity.name.as_str()) {
                    Some((name, _)) => name.clone(),
                    None => entity.name.as_str().into(),
                };
                *record.names.entry(name.clone()).or_default() += 1;
                contributed.push((id, name));
            }
        }
        contributed.shrink_to_fit();
        self.by_file
            .insert(path.to_path_buf(), (shared, contributed));
    }

    fn add(
        &mut self,
        path: &SharedPath,
        index: usize,
        entity: &Entity,
        mentions: usize,
    ) -> Arc<str> {
        let key = entity_id(entity.kind, &entity.name);
        let id: Arc<str> = match self.records.get_key_value(key.as_str()) {
            Some((id, _)) => id.clone(),
            None => key.into(),
        };
        let record = self
            .records
            .entry(id.clone())
            .or_insert_with(|| EntityRecord {
                id: id.clone(),
                kind: entity.kind,
                names: HashMap::new(),
                files: FileMentions::default(),
            });
        record.files.add(path, index, mentions);
        id
    }

    /// Drops everything `path` contributed.
    pub fn remove(&mut self, path: &Path) {
        let Some((shared, contributed)) = self.by_file.remove(path) else {
            return;
        };
        for (id, name) in contributed {
            let Some(record) = self.records.get_mut(&id) else {
                continue;
            };
            record.files.remove(&shared);
            if let Some(count) = record.names.get_mut(&*name) {
                *count -= 1;
                if *count == 0 {
                    record.names.remove(&*name);
                }
            }
            if record.files.is_empty() {
                self.records.remove(&id);
            }
        }
    }

    /// Whether some entity of any kind is called `name` (spelling variants included).
    pub fn names_entity(&self, name: &str) -> bool {
        candidate_ids(name)
            .iter()
            .any(|id| self.records.contains_key(id.as_str()))
    }

    pub fn get(&self, id: &str) -> Option<&EntityRecord> {
        self.records.get(id)
    }

    /// Every record, in no particular order.
    pub fn records(&self) -> impl Iterator<Item = &EntityRecord> {
        self.records.values()
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Entities whose name contains the letters of `query` in order (case-insensitive),
    /// best first: contiguous matches, then matches at word starts, then shorter names.
    pub fn search(&self, query: &str) -> Vec<&EntityRecord> {
        let query: Vec<char> = query
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut hits: Vec<(u32, &EntityRecord)> = self
            .records
            .values()
            .filter_map(|r| fuzzy_score(r.name(), &query).map(|s| (s, r)))
            .collect();
        hits.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.name().len().cmp(&b.1.name().len()))
                .then(a.1.id.cmp(&b.1.id))
        });
        hits.into_iter().map(|(_, r)| r).collect()
    }
}

/// A subsequence match score of `query` in `name`, or `None` when it does not match.
fn fuzzy_score(name: &str, query: &[char]) -> Option<u32> {
    let lower: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let mut score = 0;
    let mut at = 0;
    let mut previous: Option<usize> = None;
    for &q in query {
        let found = (at..lower.len()).find(|&i| lower[i] == q)?;
        if previous.is_some_and(|p| p + 1 == found) {
            score += 3;
        }
        if found == 0 || !lower[found - 1].is_alphanumeric() {
            score += 2;
        }
        previous = Some(found);
        at = found + 1;
    }
    Some(score + 1)
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use std::ops::Range;

    fn entry(text: &str, entities: &[(&str, EntityKind, &[Range<usize>])]) -> FileEntry {
        let analysis = Analysis {
            entities: entities
                .iter()
                .map(|(name, kind, mentions)| Entity {
                    name: name.to_string(),
                    kind: *kind,
                    mentions: mentions.to_vec(),
                })
                .collect(),
            ..Analysis::default()
        };
        FileEntry::from_analysis(text.into(), analysis, false)
    }

    #[test]
    fn ids_tolerate_transliteration_but_not_other_names() {
        let p = EntityKind::Person;
        assert_eq!(entity_id(p, "Sergei Lavrov"), "person:sergei-lavrov");
        assert_eq!(entity_id(p, "Sergey Lavrov"), entity_id(p, "Sergei Lavrov"));
        assert_eq!(
            entity_id(p, "Dmitry Medvedev"),
            entity_id(p, "Dmitri Medvedev")
        );
        assert_eq!(entity_id(p, "José Müller"), entity_id(p, "Jose Muller"));
        assert_ne!(entity_id(p, "Kim Jong Un"), entity_id(p, "Kim Jong Il"));
        assert_ne!(
            entity_id(p, "Kim Jong Un"),
            entity_id(EntityKind::Place, "Kim Jong Un")
        );
    }

    #[test]
    fn files_merge_and_unmerge_by_difference() {
        let text = "Sergei Lavrov and Lavrov.";
        let a = entry(
            text,
            &[("Sergei Lavrov", EntityKind::Person, &[0..13, 18..24])],
        );
        let b = entry(
            "Sergey Lavrov spoke.",
            &[("Sergey Lavrov", EntityKind::Person, &[0..13])],
        );
        let c = entry(
            "Sergey Lavrov again.",
            &[("Sergey Lavrov", EntityKind::Person, &[0..13])],
        );
        let mut index = EntityIndex::default();
        index.update(Path::new("a"), &a);
        index.update(Path::new("b"), &b);
        index.update(Path::new("c"), &c);
        assert_eq!(index.len(), 1);
        let record = index.get("person:sergei-lavrov").unwrap();
        assert_eq!(record.files.len(), 3);
        assert_eq!(record.name(), "Sergey Lavrov");
        assert_eq!(record.spellings(), ["Sergey Lavrov", "Sergei Lavrov"]);
        index.remove(Path::new("b"));
        index.update(Path::new("c"), &entry("Nobody.", &[]));
        let record = index.get("person:sergei-lavrov").unwrap();
        assert_eq!(record.name(), "Sergei Lavrov");
        assert_eq!(record.files.len(), 1);
        index.remove(Path::new("a"));
        assert!(index.is_empty());
    }

    #[test]
    fn file_mentions_share_paths_and_keep_every_index() {
        let text = "Moscow and Moscow.";
        let two = entry(
            text,
            &[
                ("Moscow", EntityKind::Place, &[0..6]),
                ("Moscow", EntityKind::Place, &[11..17]),
            ],
        );
        let one = entry("Moscow.", &[("Moscow", EntityKind::Place, &[0..6])]);
        let mut index = EntityIndex::default();
        index.update(Path::new("b"), &two);
        index.update(Path::new("a"), &one);
        let record = index.get("place:moscow").unwrap();
        let files: Vec<(&PathBuf, &[usize])> = record.files.iter().collect();
        assert_eq!(
            files,
            [
                (&PathBuf::from("a"), &[0][..]),
                (&PathBuf::from("b"), &[0, 1][..])
            ]
        );
        assert_eq!(record.files.get(Path::new("b")), Some(&[0, 1][..]));
        assert_eq!(record.files.mention_count(), 3);
        assert_eq!(record.files.mentions_in(Path::new("b")), 2);
        assert!(record.files.contains(Path::new("a")));
        assert_eq!((&record.files).into_iter().rev().count(), 2);
        index.update(Path::new("b"), &one);
        let record = index.get("place:moscow").unwrap();
        assert_eq!(record.files.get(Path::new("b")), Some(&[0][..]));
        assert_eq!(record.files.mention_count(), 2);
        index.remove(Path::new("a"));
        index.remove(Path::new("b"));
        assert!(index.is_empty() && index.by_file.is_empty());
    }

    #[test]
    fn shared_paths_sort_like_paths() {
        let mut paths: Vec<&str> = vec![
            "/w/dir-2/b.txt",
            "/w/dir/a.txt",
            "/w/dir/a.txt.bak",
            "/w/dir.old/c.txt",
            "/w/di",
            "/w/dir",
            "/w/Zed.txt",
            "/w/é.txt",
            "/w/dir/a b.txt",
        ];
        let by_path = {
            let mut p = paths.clone();
            p.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
            p
        };
        paths.sort_by(|a, b| SharedPath::new(Path::new(a)).cmp(&SharedPath::new(Path::new(b))));
        assert_eq!(paths, by_path);
    }

    #[test]
    fn search_is_fuzzy_and_ranked() {
        let mut index = EntityIndex::default();
        let text = "Vladimir Putin, Vladivostok, Pyongyang";
        let e = entry(
            text,
            &[
                ("Vladimir Putin", EntityKind::Person, &[0..14]),
                ("Vladivostok", EntityKind::Place, &[16..27]),
                ("Pyongyang", EntityKind::Place, &[29..38]),
            ],
        );
        index.update(Path::new("x"), &e);
        let names: Vec<&str> = index.search("vlad").iter().map(|r| r.name()).collect();
        assert_eq!(names, ["Vladivostok", "Vladimir Putin"]);
        let names: Vec<&str> = index.search("putin").iter().map(|r| r.name()).collect();
        assert_eq!(names, ["Vladimir Putin"]);
        assert!(index.search("zzz").is_empty());
    }
}
