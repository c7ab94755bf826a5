//! In-document coreference: groups mentions of one real-world entity.
//!
//! Full names (two words or more) are grouped by their text. A one-word mention ("Putin",
//! "Mr Kim", "Lavrov's") joins the most recent full name before it that contains the word
//! as its first or last word and has a compatible type (a later one when none precedes),
//! so two different Kims each keep their own mentions. Remaining one-word mentions are
//! grouped by text. Each group takes the type with the most weighted evidence.

use super::classify::Evidence;
use super::{Entity, EntityKind};
use std::collections::HashMap;
use std::ops::Range;

/// A typed mention, ready for grouping.
#[derive(Debug, Clone)]
pub struct Mention {
    pub range: Range<usize>,
    /// Lower-cased words of the name (initials and particles included).
    pub words: Vec<String>,
    pub kind: EntityKind,
    pub evidence: Evidence,
}

struct Group {
    mentions: Vec<usize>,
}

pub fn resolve(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut group_of = vec![usize::MAX; mentions.len()];
    for (i, m) in mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.words.len() >= 2)
    {
        let g = *by_text.entry(m.words.join(" ")).or_insert_with(|| {
            groups.push(Group { mentions: vec![] });
            groups.len() - 1
        });
        groups[g].mentions.push(i);
        group_of[i] = g;
    }
    let full_groups = groups.len();
    for (i, m) in mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.words.len() < 2)
    {
        let g = antecedent(mentions, &groups[..full_groups], i).unwrap_or_else(|| {
            *by_text.entry(m.words.join(" ")).or_insert_with(|| {
                groups.push(Group { mentions: vec![] });
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

/// The full-name group that one-word mention `i` refers to: the one whose latest full
/// mention before `i` is closest, or else the one whose first full mention after is.
fn antecedent(mentions: &[Mention], groups: &[Group], i: usize) -> Option<usize> {
    let m = &mentions[i];
    let word = m.words.first()?;
    let mut before: Option<(usize, usize)> = None; // (mention index, group)
    let mut after: Option<(usize, usize)> = None;
    for (g, group) in groups.iter().enumerate() {
        let full = &mentions[group.mentions[0]];
        let names_it = full.words.first() == Some(word) || full.words.last() == Some(word);
        if !names_it || !compatible(m, full) {
            continue;
        }
        let prior = group.mentions.iter().copied().filter(|&j| j < i).max();
        let next = group.mentions.iter().copied().find(|&j| j > i);
        if let Some(j) = prior {
            if before.is_none_or(|(b, _)| j > b) {
                before = Some((j, g));
            }
        } else if let Some(j) = next {
            if after.is_none_or(|(a, _)| j < a) {
                after = Some((j, g));
            }
        }
    }
    before.or(after).map(|(_, g)| g)
}

/// A short form may refer to a full name unless both are typed with strong evidence and
/// the types differ ("Jordan" the country is not "Michael Jordan").
fn compatible(short: &Mention, full: &Mention) -> bool {
    short.kind == full.kind || short.evidence < Evidence::Strong || full.evidence < Evidence::Strong
}

fn entity(text: &str, mentions: &[Mention], group: Group) -> Entity {
    let mut votes: HashMap<EntityKind, u32> = HashMap::new();
    for &i in &group.mentions {
        let m = &mentions[i];
        let weight = match m.evidence {
            Evidence::Strong => 4 * m.words.len() as u32,
            Evidence::Context => 2,
            Evidence::Default => 1,
        };
        *votes.entry(m.kind).or_default() += weight;
    }
    let kind = votes
        .into_iter()
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
