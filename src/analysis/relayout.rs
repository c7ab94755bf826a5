//! The layout of a long document after an edit, made from the layout before it: only the
//! lines the edit touched are split and scanned again, and only their blocks are decided.
//!
//! Blocks outside the edited lines keep their verdicts (moved with the text). The edited
//! blocks are decided within a few neighbours on each side, against the article extent of
//! the earlier layout ([`boilerplate::classify_stretch`]). What depends on the whole page
//! (where the article ends, copies far away) is settled by the next full layout, so callers
//! use this between keystrokes and a full layout once typing pauses.

use super::blocks::{Block, Splitter};
use super::boilerplate::{self, Context, ScanCache, Stretch, Verdict};
use super::{Layout, citation};
use std::ops::Range;

/// Neighbours on each side of the edited blocks that they are decided with: enough for the
/// rules that look at the lines around a block (captions, author boxes, runs of records).
const NEIGHBOURS: usize = 8;

/// One edit: bytes `start..old_end` of the earlier text became bytes `start..new_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Edit {
    /// The one edit that does what `self` then `next` do.
    pub fn then(self, next: Edit) -> Edit {
        // The end of both changes in the text between them, mapped to either side.
        let end = self.new_end.max(next.old_end);
        Edit {
            start: self.start.min(next.start),
            old_end: end - self.new_end + self.old_end,
            new_end: end - next.old_end + next.new_end,
        }
    }
}

/// The layout of `text`, made from `base`, the layout of `base_text` (of its full analysis,
/// or from [`super::layout`]), and the `edit` between them. `None` when the edit touches
/// citation tags, `base` has no article extent, or the edit does not fit the texts: a full
/// layout is needed.
pub fn relayout(
    base_text: &str,
    base: &Layout,
    text: &str,
    edit: Edit,
    context: &Context,
    cache: &mut ScanCache,
) -> Option<Layout> {
    let fits = edit.start <= edit.old_end.min(edit.new_end)
        && base_text.is_char_boundary(edit.start)
        && base_text.is_char_boundary(edit.old_end)
        && text.is_char_boundary(edit.new_end)
        && base_text.len() - edit.old_end == text.len() - edit.new_end;
    if !fits || base.body.len() != base.blocks.len() {
        return None;
    }
    let piece = Piece::find(base_text, &base.blocks, edit)?;
    let new_piece = piece.start..piece.new_end(base_text, text, edit);
    let touched = |t: &str| t.contains(['<', '>']);
    if touched(base_text.get(piece.start..piece.end)?)
        || touched(text.get(new_piece.clone())?)
        || tags_within(&base.citations, piece.start..piece.end)
    {
        return None;
    }
    let mut splitter = piece.splitter;
    let mut edited = Vec::new();
    splitter.split(&text[new_piece.clone()], new_piece.start, &mut edited);
    let blocks = splice_blocks(&base.blocks, &piece.blocks, edited, splitter, edit);
    let moves = Moves::new(&base.blocks, piece.blocks.clone(), &blocks, edit);
    let body = splice_body(&base.body, &piece.blocks, moves.count);
    let mut decided = decide(text, &blocks, &body, moves.changed.clone(), context, cache);
    for (now, copy) in copies(base_text, base, text, &blocks, &moves) {
        decided.retain(|v| v.block != now);
        decided.push(copy);
    }
    Some(Layout {
        boilerplate: splice_verdicts(&base.boilerplate, &moves, decided),
        citations: if base.citations.is_empty() {
            citation::Citations::default()
        } else {
            citation::parse(text)
        },
        blocks,
        body,
    })
}

/// The whole lines an edit touched, with the block before them (so splitting can resume
/// from its numbers) and the blank lines after them, up to the next untouched block.
struct Piece {
    /// Bytes of the earlier text.
    start: usize,
    end: usize,
    /// The earlier blocks in it.
    blocks: Range<usize>,
    /// Splitting's state at `start`.
    splitter: Splitter,
}

impl Piece {
    fn find(base_text: &str, blocks: &[Block], edit: Edit) -> Option<Piece> {
        let edit_line = line_start(base_text, edit.start);
        let before = blocks.partition_point(|b| b.range.start < edit_line);
        let (start, splitter) = match before.checked_sub(1) {
            Some(lo) => (
                line_start(base_text, blocks[lo].range.start),
                Splitter::at(&blocks[lo]),
            ),
            None => (0, Splitter::default()),
        };
        let line_end = base_text
            .get(edit.old_end..)?
            .find(['\n', '\r'])
            .map_or(base_text.len(), |i| edit.old_end + i);
        let after = blocks.partition_point(|b| b.range.start <= line_end);
        let end = blocks
            .get(after)
            .map_or(base_text.len(), |b| line_start(base_text, b.range.start));
        Some(Piece {
            start,
            end,
            blocks: before.saturating_sub(1)..after,
            splitter,
        })
    }

    /// Where the piece ends in the edited text: the same line start, moved by the edit.
    fn new_end(&self, base_text: &str, text: &str, edit: Edit) -> usize {
        if self.end == base_text.len() {
            text.len()
        } else {
            self.end - edit.old_end + edit.new_end
        }
    }
}

/// The byte where the line holding byte `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// Whether a citation tag lies in (or across) `range`.
fn tags_within(citations: &citation::Citations, range: Range<usize>) -> bool {
    let meets = |r: &Range<usize>| r.start < range.end && range.start < r.end;
    citations
        .cites
        .iter()
        .any(|c| meets(&c.open) || c.close.as_ref().is_some_and(meets))
        || citations.sources.iter().any(|s| meets(&s.range))
        || citations.errors.iter().any(|e| meets(&e.range))
}

/// The blocks of the edited text: the earlier ones before the piece, the piece's new ones,
/// and the earlier ones after it, moved by the edit's bytes, lines and paragraphs.
fn splice_blocks(
    base: &[Block],
    piece: &Range<usize>,
    edited: Vec<Block>,
    splitter: Splitter,
    edit: Edit,
) -> Vec<Block> {
    let bytes = edit.new_end as isize - edit.old_end as isize;
    let (lines, paragraphs) = base.get(piece.end).map_or((0, 0), |next| {
        (
            splitter.line as isize - next.line as isize,
            splitter.paragraph as isize - next.paragraph as isize,
        )
    });
    let moved = base[piece.end..].iter().map(|b| Block {
        range: b.range.start.wrapping_add_signed(bytes)..b.range.end.wrapping_add_signed(bytes),
        line: b.line.wrapping_add_signed(lines),
        paragraph: b.paragraph.wrapping_add_signed(paragraphs),
    });
    let mut blocks = Vec::with_capacity(base.len() + edited.len());
    blocks.extend_from_slice(&base[..piece.start]);
    blocks.extend(edited);
    blocks.extend(moved);
    blocks
}

/// Article membership after the edit: each new block of the piece takes that of the earlier
/// block in its place (the last one for extra blocks, the next one when the piece had none).
fn splice_body(base: &[bool], piece: &Range<usize>, count: usize) -> Vec<bool> {
    let inherited = (0..count).map(|k| {
        let earlier = (piece.start + k).min(piece.end.saturating_sub(1).max(piece.start));
        base.get(earlier).copied().unwrap_or(false)
    });
    let mut body = Vec::with_capacity(base.len() + count);
    body.extend_from_slice(&base[..piece.start]);
    body.extend(inherited);
    body.extend_from_slice(&base[piece.end..]);
    body
}

/// Verdicts on the blocks `decided`, made within their neighbours (indices into `blocks`).
fn decide(
    text: &str,
    blocks: &[Block],
    body: &[bool],
    decided: Range<usize>,
    context: &Context,
    cache: &mut ScanCache,
) -> Vec<Verdict> {
    let first = decided.start.saturating_sub(NEIGHBOURS);
    let last = (decided.end + NEIGHBOURS).min(blocks.len());
    if first == last {
        return Vec::new();
    }
    let from = line_start(text, blocks[first].range.start);
    let window = &text[from..blocks[last - 1].range.end];
    let masked = citation::mask(window);
    let local: Vec<Block> = blocks[first..last]
        .iter()
        .map(|b| Block {
            range: b.range.start - from..b.range.end - from,
            ..b.clone()
        })
        .collect();
    let top = body.iter().position(|&b| b).unwrap_or(blocks.len());
    let stretch = Stretch {
        body: &body[first..last],
        decide: decided.start - first..decided.end - first,
        top: top.saturating_sub(first),
        page_start: first == 0,
    };
    boilerplate::classify_stretch(&masked, &local, &stretch, context, cache)
        .into_iter()
        .map(|v| Verdict {
            block: v.block + first,
            twin: v.twin.map(|t| t + first),
            ..v
        })
        .collect()
}

/// Where the earlier blocks are after an edit: those before the piece keep their index,
/// those after it move by the change in count, and those in it that the edit left as they
/// were are found among the new blocks.
struct Moves {
    /// The earlier blocks of the piece.
    piece: Range<usize>,
    /// How many blocks the piece has now.
    count: usize,
    /// For each earlier block of the piece, its index now if the edit did not touch it.
    kept: Vec<Option<usize>>,
    /// The blocks of the piece the edit touched, now: the ones to decide again.
    changed: Range<usize>,
}

impl Moves {
    fn new(base: &[Block], piece: Range<usize>, blocks: &[Block], edit: Edit) -> Moves {
        let count = blocks.len() + piece.len() - base.len();
        let now = &blocks[piece.start..piece.start + count];
        let kept: Vec<Option<usize>> = base[piece.clone()]
            .iter()
            .map(|b| {
                let range = if b.range.end < edit.start {
                    b.range.clone()
                } else if b.range.start > edit.old_end {
                    b.range.start - edit.old_end + edit.new_end
                        ..b.range.end - edit.old_end + edit.new_end
                } else {
                    return None;
                };
                let i = now.partition_point(|n| n.range.start < range.start);
                (now.get(i)?.range == range).then_some(piece.start + i)
            })
            .collect();
        let changed = Moves::touched_now(&piece, count, &kept);
        Moves {
            piece,
            count,
            kept,
            changed,
        }
    }

    /// The new blocks of the piece no earlier block was kept as, from the first to the last.
    fn touched_now(piece: &Range<usize>, count: usize, kept: &[Option<usize>]) -> Range<usize> {
        let mut is_kept = vec![false; count];
        for &j in kept.iter().flatten() {
            is_kept[j - piece.start] = true;
        }
        let first = is_kept.iter().position(|&k| !k);
        let last = is_kept.iter().rposition(|&k| !k);
        match (first, last) {
            (Some(first), Some(last)) => piece.start + first..piece.start + last + 1,
            _ => piece.start..piece.start,
        }
    }

    /// Where earlier block `i` is now, if the edit did not touch it.
    fn get(&self, i: usize) -> Option<usize> {
        if i < self.piece.start {
            Some(i)
        } else if i >= self.piece.end {
            Some(i - self.piece.len() + self.count)
        } else {
            self.kept[i - self.piece.start]
        }
    }

    /// The earlier blocks the edit touched.
    fn touched(&self) -> impl Iterator<Item = usize> + '_ {
        self.piece.clone().filter(|&i| self.get(i).is_none())
    }
}

/// Verdicts on the edited blocks that still repeat what an edited block repeated: a copy
/// far away is beyond the stretch they were decided in.
fn copies(
    base_text: &str,
    base: &Layout,
    text: &str,
    blocks: &[Block],
    moves: &Moves,
) -> Vec<(usize, Verdict)> {
    let earlier: Vec<&Verdict> = moves
        .touched()
        .filter_map(|i| verdict_on(&base.boilerplate, i))
        .filter(|v| v.category == boilerplate::Category::Duplicate)
        .collect();
    moves
        .changed
        .clone()
        .filter_map(|now| {
            let block = blocks[now].text(text);
            let copy = earlier
                .iter()
                .find_map(|v| still_a_copy(base_text, base, v, block, moves))?;
            Some((now, Verdict { block: now, ..copy }))
        })
        .collect()
}

/// The earlier `verdict` on a copy, for a block (now `text`) that still repeats the same
/// block as that copy did.
fn still_a_copy(
    base_text: &str,
    base: &Layout,
    verdict: &Verdict,
    text: &str,
    moves: &Moves,
) -> Option<Verdict> {
    let twin = verdict.twin?;
    let moved = moves.get(twin)?;
    boilerplate::are_copies(text, base.blocks[twin].text(base_text)).then(|| Verdict {
        twin: Some(moved),
        ..verdict.clone()
    })
}

/// The verdict on block `i`, if it has one.
fn verdict_on(verdicts: &[Verdict], i: usize) -> Option<&Verdict> {
    let at = verdicts.partition_point(|v| v.block < i);
    verdicts.get(at).filter(|v| v.block == i)
}

/// The earlier verdicts on blocks the edit did not touch, moved, with the `decided` ones (on
/// the blocks of [`Moves::changed`]). A twin the edit touched is dropped: its block was
/// decided again.
fn splice_verdicts(base: &[Verdict], moves: &Moves, decided: Vec<Verdict>) -> Vec<Verdict> {
    let moved = |v: &Verdict| {
        Some(Verdict {
            block: moves.get(v.block)?,
            twin: v.twin.and_then(|t| moves.get(t)),
            ..v.clone()
        })
    };
    let split = base.partition_point(|v| v.block < moves.piece.start);
    let after = base.partition_point(|v| v.block < moves.piece.end);
    let mut verdicts = Vec::with_capacity(base.len() + decided.len());
    verdicts.extend(base[..split].iter().filter_map(moved));
    let mut piece: Vec<Verdict> = base[split..after]
        .iter()
        .filter_map(moved)
        .filter(|v| !moves.changed.contains(&v.block))
        .collect();
    piece.extend(decided);
    piece.sort_by_key(|v| v.block);
    verdicts.extend(piece);
    verdicts.extend(base[after..].iter().filter_map(moved));
    verdicts
}

#[cfg(test)]
mod tests;
