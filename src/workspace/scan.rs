//! Finding the news files of a folder and reading them safely.

use crate::config::FileFilter;
use ignore::WalkBuilder;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A file's text as newsls analyses it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileText {
    pub text: String,
    /// The bytes were not valid UTF-8 and invalid sequences became U+FFFD.
    pub lossy: bool,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    TooLarge { size: u64, limit: u64 },
    Binary,
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge { size, limit } => {
                write!(
                    f,
                    "skipped: {size} bytes is over the {limit}-byte limit (maxFileSize)"
                )
            }
            ReadError::Binary => write!(f, "skipped: looks binary (NUL bytes near the start)"),
            ReadError::Io(e) => write!(f, "unreadable: {e}"),
        }
    }
}

/// How far into a file to look for NUL bytes when deciding whether it is binary.
const BINARY_SNIFF: usize = 8192;

/// Reads a news file: refuses files over `max_size` bytes and binary files, decodes UTF-8
/// lossily, and drops a UTF-8 byte-order mark as editors do.
pub fn read_news_file(path: &Path, max_size: u64) -> Result<FileText, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::Io(std::io::Error::other("not a regular file")));
    }
    if metadata.len() > max_size {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            limit: max_size,
        });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The file may grow between stat and read: never read past the limit.
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max_size {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: max_size,
        });
    }
    decode(bytes)
}

/// Turns file bytes into text (see [`read_news_file`]).
pub fn decode(mut bytes: Vec<u8>) -> Result<FileText, ReadError> {
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(ReadError::Binary);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => FileText { text, lossy: false },
        Err(e) => FileText {
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            lossy: true,
        },
    })
}

/// The files under `root` that `filter` accepts, honouring .gitignore and skipping hidden
/// entries; symlinks are not followed, so a symlink loop cannot trap the walk.
pub fn find_files(root: &Path, filter: &FileFilter) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = WalkBuilder::new(root)
        .follow_links(false)
        .require_git(false)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                tracing::warn!("workspace scan: {e}");
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if filter.matches(relative) {
            files.push(entry.into_path());
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("newsls-scan-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn decode_handles_bom_invalid_utf8_and_binary() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).unwrap().text, "hi");
        let lossy = decode(b"caf\xE9".to_vec()).unwrap();
        assert!(lossy.lossy);
        assert_eq!(lossy.text, "caf\u{FFFD}");
        assert!(matches!(decode(b"a\0b".to_vec()), Err(ReadError::Binary)));
        assert_eq!(decode(Vec::new()).unwrap().text, "");
    }

    #[test]
    fn size_limit_and_directories() {
        let dir = temp_dir("read");
        std::fs::write(dir.join("big.txt"), "x".repeat(100)).unwrap();
        let err = read_news_file(&dir.join("big.txt"), 10).unwrap_err();
        assert!(err.to_string().contains("100 bytes"), "{err}");
        assert_eq!(
            read_news_file(&dir.join("big.txt"), 100)
                .unwrap()
                .text
                .len(),
            100
        );
        std::fs::create_dir_all(dir.join("dir.txt")).unwrap();
        assert!(matches!(
            read_news_file(&dir.join("dir.txt"), 100),
            Err(ReadError::Io(_))
        ));
        assert!(matches!(
            read_news_file(&dir.join("missing.txt"), 100),
            Err(ReadError::Io(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn walk_respects_globs_gitignore_and_symlink_loops() {
        let dir = temp_dir("walk");
        for file in [
            "a.txt",
            "sub/b.txt",
            "sub/c.md",
            "ignored/d.txt",
            ".hidden/e.txt",
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        std::fs::create_dir_all(dir.join("dir.txt")).unwrap();
        std::fs::write(dir.join(".gitignore"), "ignored/\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        let filter = Config::default().file_filter().unwrap();
        let found: Vec<_> = find_files(&dir, &filter)
            .into_iter()
            .map(|p| p.strip_prefix(&dir).unwrap().to_path_buf())
            .collect();
        assert_eq!(found, [PathBuf::from("a.txt"), PathBuf::from("sub/b.txt")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
