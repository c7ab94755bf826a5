//! Test fixtures for the `ide` features, in the style of rust-analyzer's: several files in
//! one string, each after a `//- /name.txt` line, and a `$0` marking the cursor. The files
//! are analysed and indexed as the server would; a test calls a feature on the result and
//! compares a rendering of its answer with an `expect![[...]]` snapshot
//! (`UPDATE_EXPECT=1 cargo test` rewrites the snapshots).

use crate::text::Encoding;
use crate::workspace::{FileEntry, IndexSnapshot, WorkspaceIndex};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const CURSOR: &str = "$0";

/// An indexed workspace of fixture files, with the cursor's file and offset.
pub struct Fixture {
    pub world: IndexSnapshot,
    pub cursor_path: PathBuf,
    pub cursor: usize,
}

impl Fixture {
    /// Parses and indexes `text`. Panics (it is a test) without exactly one `$0`.
    pub fn parse(text: &str) -> Fixture {
        let mut index = WorkspaceIndex::default();
        let mut cursor = None;
        for (name, body) in files(text) {
            let path = PathBuf::from(name);
            let body = match body.find(CURSOR) {
                Some(at) => {
                    assert!(cursor.is_none(), "more than one {CURSOR}");
                    cursor = Some((path.clone(), at));
                    body.replacen(CURSOR, "", 1)
                }
                None => body,
            };
            index.insert(path, FileEntry::new(body, false));
        }
        let (cursor_path, cursor) = cursor.expect("no $0 in the fixture");
        Fixture {
            world: index.snapshot(),
            cursor_path,
            cursor,
        }
    }

    /// The analysed file under the cursor.
    pub fn here(&self) -> &Arc<FileEntry> {
        self.world.get(&self.cursor_path).expect("indexed")
    }
}

/// `(name, text)` of each `//- /name` section.
fn files(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.trim().strip_prefix("//- ") {
            out.push((name.trim().to_string(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line.trim_start());
            body.push('\n');
        }
    }
    assert!(!out.is_empty(), "no //- /name.txt line in the fixture");
    out
}

/// `name:line:column text` of a range (1-based, columns in characters), for snapshots.
pub fn render(path: &Path, entry: &FileEntry, range: Range<usize>) -> String {
    let start = entry.range(range.clone(), Encoding::Utf32).start;
    format!(
        "{}:{}:{} {}",
        path.display(),
        start.line + 1,
        start.character + 1,
        &entry.text[range]
    )
}
