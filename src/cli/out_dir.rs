//! Where `--out DIR` puts each file's output: under its path relative to the folder it was
//! found in, or, with several inputs, relative to their common folder, so files of the same
//! name in two folders stay apart. A DIR inside an input folder is never read back.

use super::inputs::InputFile;
use super::targets::{Resolver, resolve};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// An output directory and the inputs it must never overwrite.
pub struct OutDir {
    pub dir: PathBuf,
    /// The input files, resolved.
    pub sources: HashSet<PathBuf>,
}

impl OutDir {
    /// The output directory, and the files to read: those found under DIR when DIR lies
    /// inside the folder walked are an earlier export's output, not articles.
    pub fn new(dir: &Path, files: &[InputFile]) -> (OutDir, Vec<InputFile>) {
        let resolved = resolve(dir);
        // In parallel: each file is looked up (is it a link?), ten thousand of them.
        let read: Vec<(bool, PathBuf)> = files
            .par_iter()
            .map_init(Resolver::default, |resolver, f| {
                let root = resolver.resolve(&root(f));
                let inside = resolved.starts_with(&root) && resolved != root;
                let source = resolver.resolve(&f.path);
                (
                    f.named || !(inside && source.starts_with(&resolved)),
                    source,
                )
            })
            .collect();
        let mut kept = Vec::new();
        let mut sources = HashSet::new();
        for (f, (read, source)) in files.iter().zip(read) {
            if read {
                kept.push(f.clone());
                sources.insert(source);
            }
        }
        let out = OutDir {
            dir: dir.to_path_buf(),
            sources,
        };
        (out, kept)
    }

    pub fn create(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)
    }

    /// Each file's output path under DIR (extension still the input's).
    pub fn targets(&self, files: &[InputFile]) -> HashMap<PathBuf, PathBuf> {
        let roots: Vec<PathBuf> = files.iter().map(|f| absolute(&root(f))).collect();
        let common = roots.iter().skip(1).fold(roots.first().cloned(), |acc, r| {
            acc.map(|a| {
                a.ancestors()
                    .find(|p| r.starts_with(p))
                    .map(Path::to_path_buf)
            })?
        });
        files
            .iter()
            .zip(&roots)
            .map(|(f, r)| {
                let relative = match &common {
                    Some(c) if c != r => absolute(&f.path)
                        .strip_prefix(c)
                        .map_or_else(|_| f.relative.clone(), Path::to_path_buf),
                    _ => f.relative.clone(),
                };
                (f.path.clone(), self.dir.join(relative))
            })
            .collect()
    }
}

/// The folder a file was found in (a named file's own folder).
fn root(file: &InputFile) -> PathBuf {
    let depth = file.relative.components().count();
    file.path
        .ancestors()
        .nth(depth)
        .map_or_else(PathBuf::new, Path::to_path_buf)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(root: &str, relative: &str) -> InputFile {
        InputFile {
            path: Path::new(root).join(relative),
            relative: relative.into(),
            named: false,
        }
    }

    #[test]
    fn one_folder_keeps_its_layout_and_two_keep_their_names() {
        let (out, _) = OutDir::new(Path::new("out"), &[]);
        let one = [walked("in/a", "x.txt"), walked("in/a", "2019/x.txt")];
        let targets = out.targets(&one);
        assert_eq!(targets[&one[1].path], Path::new("out/2019/x.txt"));
        let two = [walked("in/a", "x.txt"), walked("in/b", "x.txt")];
        let targets = out.targets(&two);
        assert_eq!(targets[&two[0].path], Path::new("out/a/x.txt"));
        assert_eq!(targets[&two[1].path], Path::new("out/b/x.txt"));
    }

    #[test]
    fn output_inside_the_walked_folder_is_not_read() {
        let files = [walked("in", "x.txt"), walked("in", "out/x.txt")];
        let (_, kept) = OutDir::new(Path::new("in/out"), &files);
        assert_eq!(kept, files[..1]);
    }
}
