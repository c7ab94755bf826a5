//! What the user may do about boilerplate: remove a run of blocks, remove one block of it,
//! keep a block (remembered in `newsls.toml`), or remove all of it in the file. Each is
//! offered, never applied: deleting article text runs only when the user picks it.

use super::findings::boilerplate_runs;
use crate::analysis::boilerplate::dominant;
use crate::analysis::removal::removal_ranges;
use crate::analysis::{Block, Layout, Verdict};
use crate::config::{CONFIG_FILE, Config};
use std::ops::Range;

/// Per-block actions are offered for at most this many blocks of a selection.
const MAX_BLOCK_ACTIONS: usize = 10;

/// One action the editor lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Delete these byte ranges. `whole_run`: it removes the run its diagnostic reports,
    /// so it is the preferred fix of that diagnostic.
    Remove {
        title: String,
        deletions: Vec<Range<usize>>,
        whole_run: bool,
    },
    /// Remember this block's text as kept, so it is no longer reported.
    Keep { title: String, text: String },
}

/// The actions about one run of boilerplate blocks (one diagnostic), and the bytes the run
/// spans (the range of its diagnostic).
#[derive(Debug, Clone, PartialEq)]
pub struct RunActions {
    pub span: Range<usize>,
    pub actions: Vec<Action>,
}

/// The actions for the runs that the `requested` byte range touches: remove the run; and,
/// for each touched block, remove only that block (inside a longer run) and keep it.
pub fn actions(
    text: &str,
    layout: &Layout,
    config: &Config,
    requested: Range<usize>,
) -> Vec<RunActions> {
    boilerplate_runs(text, layout, config)
        .iter()
        .filter(|run| touches(&span(&layout.blocks, run), &requested))
        .map(|run| run_actions(text, layout, run, &requested))
        .collect()
}

fn run_actions(
    text: &str,
    layout: &Layout,
    run: &[&Verdict],
    requested: &Range<usize>,
) -> RunActions {
    let blocks = &layout.blocks;
    let category = dominant(run)[0].as_str();
    let remove = |title: String, indices: Vec<usize>, whole_run| Action::Remove {
        title,
        deletions: removal_ranges(text, blocks, indices),
        whole_run,
    };
    let title = match run.len() {
        1 => format!("Remove this boilerplate block ({category})"),
        n => format!("Remove these {n} boilerplate blocks ({category})"),
    };
    let mut actions = vec![remove(title, run.iter().map(|v| v.block).collect(), true)];
    let touched = run
        .iter()
        .map(|v| v.block)
        .filter(|&b| touches(&blocks[b].range, requested))
        .take(MAX_BLOCK_ACTIONS);
    for index in touched {
        if run.len() > 1 {
            let title = format!("Remove only this block ({category})");
            actions.push(remove(title, vec![index], false));
        }
        actions.push(Action::Keep {
            title: format!("Keep this block (not {category}): remember it in {CONFIG_FILE}"),
            text: blocks[index].text(text).to_string(),
        });
    }
    RunActions {
        span: span(blocks, run),
        actions,
    }
}

/// "Remove all boilerplate in this file": its title and the byte ranges to delete, or
/// `None` when the file has none.
pub fn remove_all(
    text: &str,
    layout: &Layout,
    config: &Config,
) -> Option<(String, Vec<Range<usize>>)> {
    let runs = boilerplate_runs(text, layout, config);
    let junk: Vec<usize> = runs.iter().flatten().map(|v| v.block).collect();
    if junk.is_empty() {
        return None;
    }
    let title = format!(
        "Remove all boilerplate in this file ({} blocks)",
        junk.len()
    );
    Some((title, removal_ranges(text, &layout.blocks, junk)))
}

/// Whether a block and the requested range meet (an empty range at the block's edge counts).
fn touches(block: &Range<usize>, requested: &Range<usize>) -> bool {
    block.start <= requested.end && requested.start <= block.end
}

/// The bytes from a run's first block to its last.
fn span(blocks: &[Block], run: &[&Verdict]) -> Range<usize> {
    blocks[run[0].block].range.start..blocks[run[run.len() - 1].block].range.end
}

#[cfg(test)]
mod tests;
