//! Entities across the workspace: one record per real-world name, fed file by file.
//!
//! Each file's entities come from its own analysis (coreference already resolved inside the
//! article). Across files, names are matched on a spelling-tolerant key, so transliterations
//! such as "Sergei Lavrov" / "Sergey Lavrov" share one id, while different people who share
//! a surname keep apart. Updating a file costs in proportion to that file's entities.

use super::index::{FileEntry, PersistentMap};
use super::mentions::{FileMentions, SharedPath};
use crate::analysis::{Entity, EntityKind};
use hashbrown::DefaultHashBuilder;
use std::collections::HashMap;
use std::path::Path;
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
    if word.is_ascii() {
        return fold_ascii(word.as_bytes(), out);
    }
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

/// [`fold_word`] for an ASCII word, byte by byte (most names are ASCII, and an export
/// makes the id of every entity of every article).
fn fold_ascii(word: &[u8], out: &mut String) {
    let mut last = None;
    for &b in word {
        let b = match b.to_ascii_lowercase() {
            b'y' => b'i',
            b => b,
        };
        if last != Some(b) {
            out.push(char::from(b));
        }
        last = Some(b);
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
    names: HashMap<Arc<str>, u32, DefaultHashBuilder>,
    /// The files that mention it, with the indices of the entity in each file's analysis.
    pub files: FileMentions,
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

/// The records of every entity: a persistent map, so [`EntityIndex::records`] hands out a
/// copy in O(1) that a request reads without the server's lock while files keep coming in.
///
/// Its keys are names from the files, so they hash with randomly seeded foldhash: several
/// times faster than SipHash for these short keys, and no key a file could be crafted with
/// collides by design.
#[derive(Debug, Clone, Default)]
pub struct EntityRecords(PersistentMap<Arc<str>, Arc<EntityRecord>>);

/// The entities of all indexed files, updated file by file.
#[derive(Debug, Default)]
pub struct EntityIndex {
    records: EntityRecords,
    /// What each file contributed: ids with the spelling the file uses (interned in the
    /// record's names). Its keys are the one allocation of each file's path, shared with
    /// the records.
    by_file: HashMap<Arc<Path>, Vec<Contribution>, DefaultHashBuilder>,
}

impl EntityIndex {
    /// Replaces what `path` contributes with the entities of `entry`. Entities mentioned
    /// only inside boilerplate are left out.
    pub fn update(&mut self, path: &Path, entry: &FileEntry) {
        let shared = match self.by_file.get_key_value(path) {
            Some((known, _)) => SharedPath::new(known.clone()),
            None => SharedPath::new(Arc::from(path)),
        };
        self.remove(path);
        let mut contributed = Vec::with_capacity(entry.analysis.entities.len());
        for (index, entity) in (0..).zip(&entry.analysis.entities) {
            let mentions = entry.article_mentions(entity).count();
            if mentions > 0
                && let Some(contribution) = self.add(&shared, index, entity, mentions)
            {
                contributed.push(contribution);
            }
        }
        contributed.shrink_to_fit();
        self.by_file.insert(shared.path().clone(), contributed);
    }

    /// Adds one entity of a file to its record; returns the file's contribution when no
    /// earlier entity of the file had the same id.
    fn add(
        &mut self,
        path: &SharedPath,
        index: u32,
        entity: &Entity,
        mentions: usize,
    ) -> Option<Contribution> {
        let key = entity_id(entity.kind, &entity.name);
        let records = &mut self.records.0;
        if !records.contains_key(key.as_str()) {
            let id: Arc<str> = key.as_str().into();
            let record = EntityRecord {
                id: id.clone(),
                kind: entity.kind,
                names: HashMap::default(),
                files: FileMentions::default(),
            };
            records.insert(id, Arc::new(record));
        }
        // Copies the record only when a snapshot still holds it.
        let record = Arc::make_mut(records.get_mut(key.as_str()).expect("just inserted"));
        if !record.files.add(path, index, mentions) {
            return None;
        }
        let name: Arc<str> = match record.names.get_key_value(entity.name.as_str()) {
            Some((name, _)) => name.clone(),
            None => entity.name.as_str().into(),
        };
        *record.names.entry(name.clone()).or_default() += 1;
        Some((record.id.clone(), name))
    }

    /// Drops everything `path` contributed.
    pub fn remove(&mut self, path: &Path) {
        let Some((shared, contributed)) = self.by_file.remove_entry(path) else {
            return;
        };
        let shared = SharedPath::new(shared);
        let records = &mut self.records.0;
        for (id, name) in contributed {
            let Some(record) = records.get_mut(&id).map(Arc::make_mut) else {
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
                records.remove(&id);
            }
        }
    }

    /// Every record as it is now, in O(1): later updates do not change the copy.
    pub fn records(&self) -> &EntityRecords {
        &self.records
    }
}

impl EntityRecords {
    /// Whether some entity of any kind is called `name` (spelling variants included).
    pub fn names_entity(&self, name: &str) -> bool {
        candidate_ids(name)
            .iter()
            .any(|id| self.0.contains_key(id.as_str()))
    }

    pub fn get(&self, id: &str) -> Option<&Arc<EntityRecord>> {
        self.0.get(id)
    }

    /// Every record, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<EntityRecord>> {
        self.0.values()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Entities whose name contains the letters of `query` in order (case-insensitive),
    /// best first: contiguous matches, then matches at word starts, then shorter names.
    pub fn search(&self, query: &str) -> Vec<&Arc<EntityRecord>> {
        let query: Vec<char> = query
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut hits: Vec<(u32, &Arc<EntityRecord>)> = self
            .0
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
    fn ascii_words_fold_as_any_word() {
        for word in ["Lavrov", "YYes", "McCOY", "x2y", "AAA", "", "Ab9Zz"] {
            let (mut fast, mut general) = (String::new(), String::new());
            fold_ascii(word.as_bytes(), &mut fast);
            // The same word as the general path folds it: with a non-ASCII letter after it.
            fold_word(&format!("{word}é"), &mut general);
            assert_eq!(general.strip_suffix('e'), Some(&*fast), "{word}");
        }
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
        assert_eq!(index.records().len(), 1);
        let record = index.records().get("person:sergei-lavrov").unwrap();
        assert_eq!(record.files.len(), 3);
        assert_eq!(record.name(), "Sergey Lavrov");
        assert_eq!(record.spellings(), ["Sergey Lavrov", "Sergei Lavrov"]);
        index.remove(Path::new("b"));
        index.update(Path::new("c"), &entry("Nobody.", &[]));
        let record = index.records().get("person:sergei-lavrov").unwrap();
        assert_eq!(record.name(), "Sergei Lavrov");
        assert_eq!(record.files.len(), 1);
        index.remove(Path::new("a"));
        assert!(index.records().is_empty());
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
        let record = index.records().get("place:moscow").unwrap();
        let files: Vec<(&Path, &[u32])> = record.files.iter().collect();
        assert_eq!(
            files,
            [(Path::new("a"), &[0][..]), (Path::new("b"), &[0, 1][..])]
        );
        assert_eq!(record.files.get(Path::new("b")), Some(&[0, 1][..]));
        assert_eq!(record.files.mention_count(), 3);
        assert_eq!(record.files.mentions_in(Path::new("b")), 2);
        assert!(record.files.contains(Path::new("a")));
        assert_eq!((&record.files).into_iter().rev().count(), 2);
        index.update(Path::new("b"), &one);
        let record = index.records().get("place:moscow").unwrap();
        assert_eq!(record.files.get(Path::new("b")), Some(&[0][..]));
        assert_eq!(record.files.mention_count(), 2);
        index.remove(Path::new("a"));
        index.remove(Path::new("b"));
        assert!(index.records().is_empty() && index.by_file.is_empty());
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
        let names: Vec<&str> = index
            .records()
            .search("vlad")
            .iter()
            .map(|r| r.name())
            .collect();
        assert_eq!(names, ["Vladivostok", "Vladimir Putin"]);
        let names: Vec<&str> = index
            .records()
            .search("putin")
            .iter()
            .map(|r| r.name())
            .collect();
        assert_eq!(names, ["Vladimir Putin"]);
        assert!(index.records().search("zzz").is_empty());
    }
}
