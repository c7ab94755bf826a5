//! The files that mention one entity of the workspace index, kept compact: each path is
//! allocated once and shared by every record, and the usual single index of the entity in a
//! file's analysis is stored inline.

use imbl::ordmap::{self, OrdMap};
use std::path::Path;
use std::sync::Arc;

/// A file's path, allocated once per file and shared by every record that mentions it.
///
/// Ordered like [`Path`] (component by component) for normalised paths, but by one byte
/// comparison: separators sort before every other byte. `Path`'s own `Ord` walks
/// components, and with tens of B-tree comparisons per file and entity it made indexing a
/// large workspace take seconds.
#[derive(Debug, Clone)]
pub(super) struct SharedPath(Arc<Path>);

impl SharedPath {
    pub(super) fn new(path: Arc<Path>) -> SharedPath {
        SharedPath(path)
    }

    pub(super) fn path(&self) -> &Arc<Path> {
        &self.0
    }

    /// A key for looking `path` up.
    fn key(path: &Path) -> SharedPath {
        SharedPath(Arc::from(path))
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
    One([u32; 1]),
    Many(Box<[u32]>),
}

impl Indices {
    fn as_slice(&self) -> &[u32] {
        match self {
            Indices::One(one) => one,
            Indices::Many(many) => many,
        }
    }

    fn push(&mut self, index: u32) {
        let mut all = self.as_slice().to_vec();
        all.push(index);
        *self = Indices::Many(all.into_boxed_slice());
    }
}

/// The iterator of [`FileMentions::iter`].
#[derive(Clone)]
pub struct MentionsIter<'a>(
    ordmap::Iter<'a, SharedPath, (Indices, u32), imbl::shared_ptr::DefaultSharedPtr>,
);

impl<'a> Iterator for MentionsIter<'a> {
    type Item = (&'a Path, &'a [u32]);

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
    /// Persistent, so a record shared with a request's snapshot is copied in O(1) when a
    /// file changes it (only the touched nodes are copied).
    files: OrdMap<SharedPath, (Indices, u32)>,
    mentions: usize,
}

impl FileMentions {
    /// `(path, indices)` in path order.
    pub fn iter(&self) -> MentionsIter<'_> {
        MentionsIter(self.files.iter())
    }

    /// The indices of the entity in the analysis of `path`, if that file mentions it.
    pub fn get(&self, path: &Path) -> Option<&[u32]> {
        self.files
            .get(&SharedPath::key(path))
            .map(|(indices, _)| indices.as_slice())
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(&SharedPath::key(path))
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
            .get(&SharedPath::key(path))
            .map_or(0, |(_, n)| *n as usize)
    }

    /// Records one entity of the file at `path`; true when it is the file's first.
    pub(super) fn add(&mut self, path: &SharedPath, index: u32, mentions: usize) -> bool {
        let mentions32 = u32::try_from(mentions).unwrap_or(u32::MAX);
        self.mentions += mentions32 as usize;
        match self.files.entry(path.clone()) {
            ordmap::Entry::Occupied(mut known) => {
                let (indices, n) = known.get_mut();
                indices.push(index);
                *n = n.saturating_add(mentions32);
                false
            }
            ordmap::Entry::Vacant(new) => {
                new.insert((Indices::One([index]), mentions32));
                true
            }
        }
    }

    pub(super) fn remove(&mut self, path: &SharedPath) {
        if let Some((_, n)) = self.files.remove(path) {
            self.mentions -= n as usize;
        }
    }
}

impl<'a> IntoIterator for &'a FileMentions {
    type Item = (&'a Path, &'a [u32]);
    type IntoIter = MentionsIter<'a>;

    fn into_iter(self) -> MentionsIter<'a> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        paths.sort_by(|a, b| SharedPath::key(Path::new(a)).cmp(&SharedPath::key(Path::new(b))));
        assert_eq!(paths, by_path);
    }
}
