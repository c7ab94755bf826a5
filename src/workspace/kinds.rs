//! The workspace vote on kinds. An article often names someone or something by one word
//! with nothing around it to say what it is ("Yeltsin", "Interfax"), where another
//! article of the workspace says it clearly ("Boris Yeltsin", "the Interfax news agency").
//! Such one-word names follow the workspace: a surname of a person named in full elsewhere
//! is that person; any other follows the kind most of its mentions have.

use super::FileEntry;
use crate::analysis::entities::is_on_name_lists;
use crate::analysis::{Entity, EntityKind};
use hashbrown::{DefaultHashBuilder, HashMap};
use std::sync::Arc;

/// Mentions of each kind, in `EntityKind` order.
type Votes = [usize; 4];

/// Runs the vote over the entities of `entries`, the files of one workspace.
pub fn vote_entries<'e>(entries: impl IntoIterator<Item = &'e mut FileEntry>) {
    let mut files: Vec<&mut Vec<Entity>> = entries
        .into_iter()
        .map(|e| &mut Arc::make_mut(&mut e.analysis).entities)
        .collect();
    vote(&mut files);
}

/// Re-types the one-word entities of `files` (each file's entities) that no lexicon types.
pub fn vote(files: &mut [&mut Vec<Entity>]) {
    let mut surnames: HashMap<String, usize, DefaultHashBuilder> = HashMap::default();
    let mut words: HashMap<String, Votes, DefaultHashBuilder> = HashMap::default();
    for entity in files.iter().flat_map(|f| f.iter()) {
        if let Some(word) = one_word(entity) {
            words.entry(word).or_default()[entity.kind as usize] += entity.mentions.len();
        } else if entity.kind == EntityKind::Person
            && let Some(last) = entity.name.split_whitespace().last()
        {
            *surnames.entry(last.to_lowercase()).or_default() += 1;
        }
    }
    for entity in files.iter_mut().flat_map(|f| f.iter_mut()) {
        let Some(word) = one_word(entity) else {
            continue;
        };
        if surnames.contains_key(&word) {
            entity.kind = EntityKind::Person;
        } else if let Some(votes) = words.get(&word) {
            entity.kind = majority(votes, entity.kind);
        }
    }
}

/// The lower-cased name of an entity named by one word only, and on no lexicon of names.
fn one_word(entity: &Entity) -> Option<String> {
    let name = entity.name.trim();
    let single = !name.contains(char::is_whitespace);
    (single && !is_on_name_lists(name)).then(|| name.to_lowercase())
}

/// The kind with the most mentions; `own` on a tie.
fn majority(votes: &Votes, own: EntityKind) -> EntityKind {
    use EntityKind::*;
    let best = votes.iter().copied().max().unwrap_or(0);
    if votes[own as usize] == best {
        return own;
    }
    [Person, Organization, Place, Other]
        .into_iter()
        .find(|&k| votes[k as usize] == best)
        .unwrap_or(own)
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn entity(name: &str, kind: EntityKind, mentions: usize) -> Entity {
        Entity {
            name: name.into(),
            kind,
            mentions: (0..mentions).map(|i| i..i + 1).collect(),
        }
    }

    #[test]
    fn one_word_names_follow_the_workspace() {
        use EntityKind::*;
        let mut a = vec![
            entity("Boris Yeltsin", Person, 2),
            entity("Interfax", Organization, 3),
        ];
        let mut b = vec![
            entity("Yeltsin", Organization, 4),
            entity("Interfax", Person, 1),
        ];
        let mut c = vec![entity("Moscow", Person, 1), entity("Kommersant", Person, 1)];
        vote(&mut [&mut a, &mut b, &mut c]);
        assert_eq!(b[0].kind, Person, "a surname of a person named in full");
        assert_eq!(b[1].kind, Organization, "the kind most mentions have");
        assert_eq!(
            c[0].kind, Person,
            "names on the lexicons keep their own kind"
        );
        assert_eq!(c[1].kind, Person, "nothing to follow");
        assert_eq!(a[0].kind, Person);
    }
}
