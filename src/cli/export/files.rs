//! The formats that write two files per article (brat, w3c): the copy of the text, written
//! while the analyses are put together as one workspace (it needs the text alone), then the
//! annotation file.

use super::{Article, ExportFormat, standoff};
use crate::analysis::citation;
use crate::cli::inputs::{Inputs, ReadText};
use crate::cli::out_dir::OutDir;
use crate::cli::targets::{Resolver, TargetError, check_target};
use crate::export::standoff::plain_text;
use crate::export::{brat, w3c};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where an article's two files go.
pub struct Planned {
    text: PathBuf,
    ann: PathBuf,
}

/// For each text read, in order: `None` for a text not exported (not valid UTF-8, reported
/// with the analysis), the reason when its files may not be written (an input is there, or
/// an earlier article's output), else where they go.
pub fn plan(
    out: &OutDir,
    format: ExportFormat,
    texts: &[ReadText],
    target: impl Fn(&Path) -> PathBuf,
) -> Vec<Option<Result<Planned, TargetError>>> {
    let mut claimed = HashSet::new();
    let mut resolver = Resolver::default();
    texts
        .iter()
        .map(|t| {
            if t.lossy {
                return None;
            }
            let target = target(t.path);
            let text = target.with_extension("txt");
            let ann = target.with_extension(match format {
                ExportFormat::Brat => "ann",
                _ => "jsonld",
            });
            let checked = [&text, &ann]
                .into_iter()
                .try_for_each(|t| check_target(t, &out.sources, &mut claimed, &mut resolver));
            Some(checked.map(|()| Planned { text, ann }))
        })
        .collect()
}

/// Writes the text copies of the planned articles; for each text, whether its copy is there
/// (failures are reported). `None` when nothing was written: an invalid tag will stop the
/// export (unless `lenient`), or the directory could not be made (reported).
pub fn write_copies(
    out: &OutDir,
    format: ExportFormat,
    texts: &[ReadText],
    plan: &[Option<Result<Planned, TargetError>>],
    lenient: bool,
) -> Option<Vec<bool>> {
    // The analysis finds the same errors (it parses the tags the same way); a text without
    // `<` has no tag to parse.
    let stops = |t: &ReadText| t.text.contains('<') && !citation::parse(&t.text).errors.is_empty();
    if !lenient && texts.par_iter().any(stops) {
        return None;
    }
    if let Err(e) = out.create().and_then(|()| match format {
        ExportFormat::Brat => {
            std::fs::write(out.dir.join("annotation.conf"), brat::ANNOTATION_CONF)
        }
        _ => Ok(()),
    }) {
        eprintln!("newsls: {}: {e}", out.dir.display());
        return None;
    }
    make_folders(plan);
    let written = texts
        .par_iter()
        .zip(plan)
        .map(|(t, planned)| {
            let Some(Ok(planned)) = planned else {
                return false;
            };
            let path = &planned.text;
            std::fs::write(path, plain_text(&t.text).as_bytes())
                .map_err(|e| eprintln!("newsls: {}: {e}", path.display()))
                .is_ok()
        })
        .collect();
    Some(written)
}

/// Makes the folders the planned files go to, each once; a folder that cannot be made is
/// reported (its files then fail to be written, and are reported too).
fn make_folders(plan: &[Option<Result<Planned, TargetError>>]) {
    let folders: HashSet<&Path> = plan
        .iter()
        .flatten()
        .flatten()
        .filter_map(|p| p.text.parent())
        .collect();
    for folder in folders {
        if let Err(e) = std::fs::create_dir_all(folder) {
            eprintln!("newsls: {}: {e}", folder.display());
        }
    }
}

/// Writes the annotation file of each article whose text copy is there; returns the
/// failures (articles refused by the plan or whose copy failed, files not written).
pub fn write_annotations(
    inputs: &Inputs,
    format: ExportFormat,
    articles: Vec<Article>,
    known: &HashSet<String>,
    plan: &[Option<Result<Planned, TargetError>>],
    copies: Option<&[bool]>,
) -> usize {
    let Some(copies) = copies else {
        return 1;
    };
    let mut failed = 0;
    let mut todo = Vec::new();
    for article in articles {
        match &plan[article.index] {
            Some(Ok(planned)) if copies[article.index] => todo.push((article, planned)),
            Some(Err(e)) => {
                eprintln!("newsls: {}: not exported: {e}", article.path.display());
                failed += 1;
            }
            _ => failed += 1,
        }
    }
    // Each article's analysis is dropped where its file was written, in parallel.
    let errors: usize = todo
        .into_par_iter()
        .map(|(article, planned)| {
            let s = standoff(inputs, &article, known);
            let annotations = match format {
                ExportFormat::Brat => brat::ann(&s).into_bytes(),
                _ => {
                    let name = |p: &Path| {
                        p.file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned()
                    };
                    let label = article.path.display().to_string();
                    let (name, source) = (name(&planned.ann), name(&planned.text));
                    w3c::jsonld(&s, &label, &name, &source)
                }
            };
            std::fs::write(&planned.ann, annotations).map_or_else(
                |e| {
                    eprintln!("newsls: {}: {e}", planned.ann.display());
                    1
                },
                |()| 0,
            )
        })
        .sum();
    failed + errors
}
