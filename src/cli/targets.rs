//! Where a command's output files may go: never over an input file, never twice to the
//! same place, with paths compared after resolving links and `..`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Why an output file was refused: writing it would overwrite an article or an output.
#[derive(Debug)]
pub enum TargetError {
    IsInput(PathBuf),
    Taken(PathBuf),
}

impl std::fmt::Display for TargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TargetError::IsInput(path) => {
                write!(f, "the output {} is an input file", path.display())
            }
            TargetError::Taken(path) => {
                write!(f, "another input already goes to {}", path.display())
            }
        }
    }
}

/// Refuses a target that is an input file or the target of an earlier file.
pub fn check_target(
    target: &Path,
    sources: &HashSet<PathBuf>,
    written: &mut HashSet<PathBuf>,
    resolver: &mut Resolver,
) -> Result<(), TargetError> {
    let resolved = resolver.resolve(target);
    if sources.contains(&resolved) {
        return Err(TargetError::IsInput(target.to_path_buf()));
    }
    if !written.insert(resolved) {
        return Err(TargetError::Taken(target.to_path_buf()));
    }
    Ok(())
}

/// The path with its directory resolved (the file itself may not exist yet).
pub fn resolve(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// [`resolve`] for many paths, each directory resolved once: resolving a path looks up
/// every component of it (a `readlink` each), and an export plans two outputs for each of
/// ten thousand articles in a few directories.
#[derive(Default)]
pub struct Resolver {
    dirs: HashMap<PathBuf, PathBuf>,
}

impl Resolver {
    /// What [`resolve`] gives for `path`.
    pub fn resolve(&mut self, path: &Path) -> PathBuf {
        match (path.parent(), path.file_name()) {
            // A link resolves to its target, not to where it is; a bare name as `resolve`
            // has it (absolute only when the file is there).
            (Some(parent), Some(name)) if !parent.as_os_str().is_empty() && !path.is_symlink() => {
                let dir = self.dirs.entry(parent.to_path_buf());
                dir.or_insert_with(|| resolve(parent)).join(name)
            }
            _ => resolve(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolver_agrees_with_resolve() {
        let dir = std::env::temp_dir().join(format!("newsls-resolve-{}", std::process::id()));
        let real = dir.join("real");
        std::fs::create_dir_all(&real).unwrap();
        std::fs::write(real.join("a.txt"), "a").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, dir.join("link")).unwrap();
            std::os::unix::fs::symlink(real.join("a.txt"), real.join("b.txt")).unwrap();
        }
        let mut resolver = Resolver::default();
        let paths = [
            real.join("a.txt"),
            real.join("b.txt"),
            real.join("new.txt"),
            dir.join("link/a.txt"),
            dir.join("link/new.txt"),
            dir.join("link/../real/a.txt"),
            dir.join("missing/deeper/x.txt"),
            PathBuf::from("Cargo.toml"),
            PathBuf::from("no-such-file.txt"),
            PathBuf::from("."),
            PathBuf::from("in/out"),
            PathBuf::from("in"),
        ];
        for path in paths {
            assert_eq!(
                resolver.resolve(&path),
                resolve(&path),
                "{}",
                path.display()
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
