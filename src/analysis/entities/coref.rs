//! In-document coreference: groups mentions of one real-world entity.
//!
//! Full names (two words or more) are grouped by their text. A one-word mention ("Putin",
//! "Mr Kim", "Lavrov's") joins the most recent full name before it that contains the word
//! as its first or last word and has a compatible type (a later one when none precedes),
//! so two different Kims each keep their own mentions. Remaining one-word mentions are
//! grouped by text. Each group takes the type with the most weighted evidence.

use super::classify::Evidence;
use super::{Entity, EntityKind};
use hashbrown::DefaultHashBuilder;
use std::collections::HashMap;
use std::ops::Range;

/// A typed mention, ready for grouping.
#[derive(Debug, Clone)]
pub struct Mention<'d> {
    pub range: Range<usize>,
    /// Lower-cased words of the name (initials and particles included), borrowed from the
    /// document: no string is allocated per word of every candidate.
    pub words: Vec<&'d str>,
    pub kind: EntityKind,
    pub evidence: Evidence,
}

struct Group {
    /// Full mentions first (in text order), then one-word mentions (in text order).
    mentions: Vec<usize>,
    /// How many of `mentions` are full mentions.
    fulls: usize,
}

pub fn resolve(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    let mut groups: Vec<Group> = Vec::new();
    // Keyed by article text: randomly seeded foldhash (fast, still no chosen collisions).
    // A name's words as the key: no word holds a space, so equal word lists are equal texts.
    // Pinned mentions are keyed with their kind too.
    let mut by_text: HashMap<(&[&str], Option<EntityKind>), usize, DefaultHashBuilder> =
        HashMap::default();
    let mut group_of = vec![usize::MAX; mentions.len()];
    for (i, m) in mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.words.len() >= 2)
    {
        let g = *by_text.entry(text_key(m)).or_insert_with(|| {
            groups.push(Group {
                mentions: vec![],
                fulls: 0,
            });
            groups.len() - 1
        });
        groups[g].mentions.push(i);
        group_of[i] = g;
    }
    let full_groups = groups.len();
    let mut by_word: HashMap<&str, Vec<usize>, DefaultHashBuilder> = HashMap::default();
    for (g, group) in groups.iter_mut().enumerate() {
        group.fulls = group.mentions.len();
        let words = &mentions[group.mentions[0]].words;
        for word in [words.first(), words.last()].into_iter().flatten() {
            let list = by_word.entry(word).or_default();
            if list.last() != Some(&g) {
                list.push(g);
            }
        }
    }
    for (i, m) in mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.words.len() < 2)
    {
        let g = antecedent(mentions, &groups[..full_groups], &by_word, i).unwrap_or_else(|| {
            *by_text.entry(text_key(m)).or_insert_with(|| {
                groups.push(Group {
                    mentions: vec![],
                    fulls: 0,
                });
                groups.len() - 1
            })
        });
        groups[g].mentions.push(i);
        group_of[i] = g;
    }
    groups
        .into_iter()
        .filter(|g| !g.mentions.is_empty())
        .map(|g| entity(text, mentions, g))
        .collect()
}

/// The key that groups mentions by their text: a pinned mention's kind is part of it.
fn text_key<'m, 'd>(m: &'m Mention<'d>) -> (&'m [&'d str], Option<EntityKind>) {
    let pinned = m.evidence == Evidence::Pinned;
    (&m.words, pinned.then_some(m.kind))
}

/// The full-name group that one-word mention `i` refers to: the one whose latest mention
/// before `i` is closest, or else the one whose first full mention after is. Only groups
/// whose first full name starts or ends with the word are looked at (`by_word`), and each
/// group's mentions are in text order, so this is a few binary searches, not a walk.
fn antecedent(
    mentions: &[Mention],
    groups: &[Group],
    by_word: &HashMap<&str, Vec<usize>, DefaultHashBuilder>,
    i: usize,
) -> Option<usize> {
    let m = &mentions[i];
    let word = m.words.first()?;
    let mut before: Option<(usize, usize)> = None; // (mention index, group)
    let mut after: Option<(usize, usize)> = None;
    for &g in by_word.get(word).into_iter().flatten() {
        let group = &groups[g];
        if !compatible(m, &mentions[group.mentions[0]]) {
            continue;
        }
        let fulls = &group.mentions[..group.fulls];
        let split = fulls.partition_point(|&j| j < i);
        // One-word mentions joined so far all come before `i`; the last is the latest.
        let latest_short = group.mentions[group.fulls..].last().copied();
        let prior = split.checked_sub(1).map(|k| fulls[k]).max(latest_short);
        if let Some(j) = prior {
            if before.is_none_or(|(b, _)| j > b) {
                before = Some((j, g));
            }
        } else if let Some(&j) = fulls.get(split) {
            if after.is_none_or(|(a, _)| j < a) {
                after = Some((j, g));
            }
        }
    }
    before.or(after).map(|(_, g)| g)
}

/// A short form may refer to a full name unless both are typed with strong evidence and
/// the types differ ("Jordan" the country is not "Michael Jordan"), or the short form is a
/// place or nationality by more than default and the full name is neither that nor a
/// person ("France" is not "Air France", "German" not "German Foreign Ministry").
fn compatible(short: &Mention, full: &Mention) -> bool {
    if short.kind == full.kind {
        return true;
    }
    if short.evidence == Evidence::Pinned {
        return false;
    }
    let named_place = matches!(short.kind, EntityKind::Place | EntityKind::Other)
        && short.evidence > Evidence::Default;
    if named_place && full.kind != EntityKind::Person {
        return false;
    }
    short.evidence < Evidence::Strong || full.evidence < Evidence::Strong
}

/// Every kind, in declaration order (`kind as usize` is its place).
const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Other,
];

fn entity(text: &str, mentions: &[Mention], group: Group) -> Entity {
    // Votes by kind, in `KINDS` order: four counters, not a map per entity.
    let mut votes = [0u64; KINDS.len()];
    for &i in &group.mentions {
        let m = &mentions[i];
        // Any strong evidence outweighs all context, and any context all defaults; at one
        // level, a full name outweighs its short forms.
        let level: u64 = match m.evidence {
            Evidence::Strong | Evidence::Pinned => 1 << 22,
            Evidence::Context => 1 << 11,
            Evidence::Default => 1,
        };
        let weight = if m.words.len() >= 2 {
            level * 32
        } else {
            level
        };
        votes[m.kind as usize] += weight;
    }
    let kind = KINDS
        .into_iter()
        .zip(votes)
        .filter(|&(_, votes)| votes > 0)
        .max_by_key(|&(kind, votes)| (votes, std::cmp::Reverse(kind)))
        .map_or(EntityKind::Other, |(kind, _)| kind);
    let fullest = group
        .mentions
        .iter()
        .map(|&i| &mentions[i])
        .max_by_key(|m| {
            (
                m.words.len(),
                m.range.len(),
                std::cmp::Reverse(m.range.start),
            )
        })
        .map(|m| text[m.range.clone()].to_string())
        .unwrap_or_default();
    let mut ranges: Vec<Range<usize>> = group
        .mentions
        .iter()
        .map(|&i| mentions[i].range.clone())
        .collect();
    ranges.sort_by_key(|r| r.start);
    Entity {
        name: fullest,
        kind,
        mentions: ranges,
    }
}
