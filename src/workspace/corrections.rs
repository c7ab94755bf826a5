//! The user's corrections of entities (`[[entities.override]]` in `newsls.toml`), applied to
//! a document's analysis before any feature or command sees it.
//!
//! Recognition is rule-based and will be wrong sometimes: the Kremlin taken for a person,
//! "Mr Kim" not linked to Kim Jong Un. A correction names an entity (by a mention's text or
//! by its id) and says what it is: another kind, no entity at all, the same as another
//! entity, not the same as one, or how to display it. Rules apply in file order, each to the
//! result of the ones before, so the user's latest word wins; they run after recognition
//! and any workspace vote, so a correction always has the last say.

use super::entities::entity_id;
use crate::analysis::quotes::Speaker;
use crate::analysis::{Analysis, Entity, EntityKind};
use crate::config::{EntityOverride, KindOverride};
use std::ops::Range;

/// The compiled corrections of the settings.
#[derive(Debug, Default, PartialEq)]
pub struct Corrections {
    rules: Vec<Rule>,
}

/// One `[[entities.override]]`.
#[derive(Debug, PartialEq)]
struct Rule {
    name: Target,
    /// The new kind; `None` inside means "not an entity".
    kind: Option<Option<EntityKind>>,
    /// Merge into this entity, called so when it is not in the document.
    same_as: Option<(Target, String)>,
    /// Split the mentions called `name` off this entity.
    different_from: Option<Target>,
    display: Option<String>,
}

/// What a rule names: an entity id (`person:sergei-lavrov`) or a name, compared by its
/// spelling-tolerant key with the entity's name and its mentions' texts.
#[derive(Debug, PartialEq)]
enum Target {
    Id(String),
    Name(String),
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Other,
];

impl Target {
    fn new(text: &str) -> Target {
        let text = text.trim();
        let is_id = text.split_once(':').is_some_and(|(kind, rest)| {
            KINDS
                .iter()
                .any(|k| k.as_str() == kind && entity_id(*k, rest) == text)
        });
        if is_id {
            Target::Id(text.to_string())
        } else {
            Target::Name(key(text))
        }
    }

    /// The kind an id names.
    fn kind(&self) -> Option<EntityKind> {
        match self {
            Target::Id(id) => {
                let kind = id.split_once(':').map(|(kind, _)| kind);
                KINDS.into_iter().find(|k| Some(k.as_str()) == kind)
            }
            Target::Name(_) => None,
        }
    }
}

/// The spelling-tolerant key of a name: its entity id without the kind.
fn key(name: &str) -> String {
    let id = entity_id(EntityKind::Other, name);
    id["other:".len()..].to_string()
}

fn kind_of(kind: KindOverride) -> Option<EntityKind> {
    match kind {
        KindOverride::Person => Some(EntityKind::Person),
        KindOverride::Organization => Some(EntityKind::Organization),
        KindOverride::Place => Some(EntityKind::Place),
        KindOverride::Other => Some(EntityKind::Other),
        KindOverride::None => None,
    }
}

impl Corrections {
    pub fn new(overrides: &[EntityOverride]) -> Corrections {
        let rules = overrides
            .iter()
            .filter(|o| !o.name.trim().is_empty())
            .map(|o| Rule {
                name: Target::new(&o.name),
                kind: o.kind.map(kind_of),
                same_as: o
                    .same_as
                    .as_deref()
                    .map(|s| (Target::new(s), s.trim().into())),
                different_from: o.different_from.as_deref().map(Target::new),
                display: o.display.as_deref().map(|d| d.trim().to_string()),
            })
            .collect();
        Corrections { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The analysis of `text` with the corrections applied to its entities (and the quotes'
    /// speakers linked to them); `None` when no rule concerns the document.
    pub fn apply(&self, text: &str, analysis: &Analysis) -> Option<Analysis> {
        if self.rules.is_empty() || analysis.entities.is_empty() {
            return None;
        }
        let mut items: Vec<Item> = (0..)
            .zip(&analysis.entities)
            .map(|(i, e)| Item::new(text, e, i))
            .collect();
        let mut changed = false;
        for rule in &self.rules {
            changed |= rule.apply(text, &mut items);
        }
        if !changed {
            return None;
        }
        items.sort_by_key(|item| item.entity.mentions.first().map_or(0, |m| m.start));
        let mut corrected = analysis.clone();
        for quote in &mut corrected.quotes {
            let speakers = quote.speaker.iter_mut().chain(&mut quote.alternatives);
            for speaker in speakers {
                relink(speaker, &analysis.entities, &items);
            }
        }
        corrected.entities = items.into_iter().map(|item| item.entity).collect();
        Some(corrected)
    }
}

/// Points a quote's speaker at the corrected entity holding its mention (or made from its
/// entity), with that entity's name; unlinks it when its entity is no entity any more.
fn relink(speaker: &mut Speaker, before: &[Entity], items: &[Item]) {
    let Some(old) = speaker.entity else {
        return;
    };
    let found = items
        .iter()
        .position(|item| item.entity.mentions.contains(&speaker.range))
        .or_else(|| items.iter().position(|item| item.origins.contains(&old)));
    speaker.entity = found;
    if let Some(new) = found
        && before.get(old).is_some_and(|e| e.name == speaker.name)
    {
        speaker.name = items[new].entity.name.clone();
    }
}

/// An entity being corrected, with the keys its rules are matched on.
struct Item {
    entity: Entity,
    name_key: String,
    /// The key of each mention's text, in the order of the mentions.
    mention_keys: Vec<String>,
    /// The indices of the recognised entities it is made from.
    origins: Vec<usize>,
}

impl Item {
    fn new(text: &str, entity: &Entity, index: usize) -> Item {
        let name_key = key(&entity.name);
        let mention_keys = entity
            .mentions
            .iter()
            .map(|m| match text.get(m.clone()) {
                Some(t) if t != entity.name => key(t),
                _ => name_key.clone(),
            })
            .collect();
        Item {
            entity: entity.clone(),
            name_key,
            mention_keys,
            origins: vec![index],
        }
    }

    fn matches(&self, target: &Target) -> bool {
        match target {
            Target::Id(id) => entity_id(self.entity.kind, &self.entity.name) == *id,
            Target::Name(key) => self.name_key == *key || self.mention_keys.contains(key),
        }
    }

    fn rename(&mut self, name: &str) {
        self.entity.name = name.to_string();
        self.name_key = key(name);
    }

    /// Moves the mentions of `other` into this entity, in text order.
    fn absorb(&mut self, other: Item) {
        let mut mentions: Vec<(Range<usize>, String)> = self
            .entity
            .mentions
            .drain(..)
            .zip(self.mention_keys.drain(..))
            .chain(other.entity.mentions.into_iter().zip(other.mention_keys))
            .collect();
        mentions.sort_by_key(|(m, _)| (m.start, m.end));
        mentions.dedup_by(|a, b| a.0 == b.0);
        (self.entity.mentions, self.mention_keys) = mentions.into_iter().unzip();
        self.origins.extend(other.origins);
    }
}

impl Rule {
    /// Applies the rule to a document's entities; whether it changed anything.
    fn apply(&self, text: &str, items: &mut Vec<Item>) -> bool {
        if self.kind == Some(None) {
            let before = items.len();
            items.retain(|item| !item.matches(&self.name));
            return items.len() != before;
        }
        let (touched, mut changed) = if let Some(from) = &self.different_from {
            let touched = self.split(text, items, from);
            let changed = !touched.is_empty();
            (touched, changed)
        } else if let Some(target) = &self.same_as {
            let touched = self.merge(items, target);
            let changed = !touched.is_empty();
            (touched, changed)
        } else {
            let matching = (0..items.len()).filter(|&i| items[i].matches(&self.name));
            (matching.collect(), false)
        };
        for &i in &touched {
            let item = &mut items[i];
            if let Some(Some(kind)) = self.kind {
                changed |= item.entity.kind != kind;
                item.entity.kind = kind;
            }
            if let Some(display) = &self.display {
                changed |= item.entity.name != *display;
                item.rename(display);
            }
        }
        changed
    }

    /// "Same as": the entities called `name` join the target entity of the document, or take
    /// its name (and an id's kind) when the document does not mention it. Returns the
    /// entities that result.
    fn merge(&self, items: &mut Vec<Item>, (target, called): &(Target, String)) -> Vec<usize> {
        let is_source = |item: &Item| item.matches(&self.name) && !item.matches(target);
        if !items.iter().any(is_source) {
            return Vec::new();
        }
        if let Some(mut into) = items.iter().position(|item| item.matches(target)) {
            let sources: Vec<usize> = (0..items.len()).filter(|&i| is_source(&items[i])).collect();
            for &i in sources.iter().rev() {
                let source = items.remove(i);
                if i < into {
                    into -= 1;
                }
                items[into].absorb(source);
            }
            return vec![into];
        }
        let name = match target {
            Target::Id(id) => name_from_id(id),
            Target::Name(_) => called.clone(),
        };
        let sources: Vec<usize> = (0..items.len()).filter(|&i| is_source(&items[i])).collect();
        for &i in &sources {
            items[i].rename(&name);
            if let Some(kind) = target.kind() {
                items[i].entity.kind = kind;
            }
        }
        sources
    }

    /// "Not the same as": the mentions called `name` leave the entities `from` names and
    /// become an entity of their own (or join the document's entity of that name).
    fn split(&self, text: &str, items: &mut Vec<Item>, from: &Target) -> Vec<usize> {
        let Target::Name(name_key) = &self.name else {
            return Vec::new();
        };
        let mut parted = Vec::new();
        for item in items.iter_mut() {
            if !item.matches(from) || item.name_key == *name_key {
                continue;
            }
            let (out, keep): (Vec<_>, Vec<_>) = item
                .entity
                .mentions
                .iter()
                .cloned()
                .zip(item.mention_keys.iter().cloned())
                .partition(|(_, k)| k == name_key);
            if out.is_empty() || keep.is_empty() {
                continue;
            }
            (item.entity.mentions, item.mention_keys) = keep.into_iter().unzip();
            let (mentions, mention_keys): (Vec<_>, Vec<_>) = out.into_iter().unzip();
            let name = text.get(mentions[0].clone()).unwrap_or_default().trim();
            parted.push(Item {
                entity: Entity {
                    name: name.to_string(),
                    kind: item.entity.kind,
                    mentions,
                },
                name_key: name_key.clone(),
                mention_keys,
                origins: item.origins.clone(),
            });
        }
        let mut touched = Vec::new();
        for item in parted {
            match items.iter().position(|i| i.name_key == *name_key) {
                Some(existing) => {
                    items[existing].absorb(item);
                    touched.push(existing);
                }
                None => {
                    items.push(item);
                    touched.push(items.len() - 1);
                }
            }
        }
        touched.dedup();
        touched
    }
}

/// A readable name for an entity known only by its id: `person:kim-jong-un` → "Kim Jong Un".
fn name_from_id(id: &str) -> String {
    let words = id.split_once(':').map_or(id, |(_, rest)| rest);
    words
        .split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes::{Quote, QuoteKind};

    const TEXT: &str =
        "Kim Jong Un met the Kremlin. Kim said the Kremlin agreed. \"Yes,\" Kim said.";

    fn at(needle: &str, nth: usize) -> Range<usize> {
        let start = TEXT.match_indices(needle).nth(nth).unwrap().0;
        start..start + needle.len()
    }

    fn entity(name: &str, kind: EntityKind, mentions: Vec<Range<usize>>) -> Entity {
        Entity {
            name: name.into(),
            kind,
            mentions,
        }
    }

    /// Kim Jong Un (with a "Kim" mention that speaks a quote) and the Kremlin as a person.
    fn analysis() -> Analysis {
        let speaker = Speaker {
            name: "Kim Jong Un".into(),
            range: at("Kim", 2),
            entity: Some(0),
            descriptor: None,
        };
        let quote = Quote {
            range: at("\"Yes,\"", 0),
            inner: vec![at("Yes,", 0)],
            closed: true,
            nested: Vec::new(),
            kind: QuoteKind::Full,
            speaker: Some(speaker),
            alternatives: Vec::new(),
            channel: None,
            how: None,
        };
        Analysis {
            entities: vec![
                entity(
                    "Kim Jong Un",
                    EntityKind::Person,
                    vec![at("Kim Jong Un", 0), at("Kim", 1), at("Kim", 2)],
                ),
                entity(
                    "Kremlin",
                    EntityKind::Person,
                    vec![at("Kremlin", 0), at("Kremlin", 1)],
                ),
            ],
            quotes: vec![quote],
            ..Analysis::default()
        }
    }

    fn rule(name: &str) -> EntityOverride {
        EntityOverride {
            name: name.into(),
            ..Default::default()
        }
    }

    fn corrected(rules: Vec<EntityOverride>) -> Option<Analysis> {
        Corrections::new(&rules).apply(TEXT, &analysis())
    }

    fn ids(analysis: &Analysis) -> Vec<String> {
        let entities = analysis.entities.iter();
        entities.map(|e| entity_id(e.kind, &e.name)).collect()
    }

    #[test]
    fn a_kind_follows_the_name_or_the_id() {
        for name in ["Kremlin", "kremlin", "person:kremlin"] {
            let kind = Some(KindOverride::Organization);
            let fixed = corrected(vec![EntityOverride { kind, ..rule(name) }]).unwrap();
            assert_eq!(ids(&fixed), ["person:kim-jong-un", "organization:kremlin"]);
        }
        assert!(
            corrected(vec![rule("Kremlin")]).is_none(),
            "no correction given"
        );
        let kind = Some(KindOverride::Place);
        assert!(
            corrected(vec![EntityOverride {
                kind,
                ..rule("Pyongyang")
            }])
            .is_none(),
            "a rule about another entity changes nothing"
        );
    }

    #[test]
    fn not_an_entity_drops_it_and_unlinks_its_quotes() {
        let none = Some(KindOverride::None);
        let fixed = corrected(vec![EntityOverride {
            kind: none,
            ..rule("Kim")
        }])
        .unwrap();
        assert_eq!(ids(&fixed), ["person:kremlin"]);
        let speaker = fixed.quotes[0].speaker.as_ref().unwrap();
        assert_eq!(speaker.entity, None);
        assert_eq!(speaker.name, "Kim Jong Un", "the words of the clause stay");
    }

    #[test]
    fn different_from_splits_a_short_form_off() {
        let split = EntityOverride {
            different_from: Some("Kim Jong Un".into()),
            ..rule("Kim")
        };
        let fixed = corrected(vec![split]).unwrap();
        assert_eq!(
            ids(&fixed),
            ["person:kim-jong-un", "person:kremlin", "person:kim"]
        );
        assert_eq!(fixed.entities[0].mentions, [at("Kim Jong Un", 0)]);
        assert_eq!(fixed.entities[2].mentions, [at("Kim", 1), at("Kim", 2)]);
        let speaker = fixed.quotes[0].speaker.as_ref().unwrap();
        assert_eq!((speaker.entity, speaker.name.as_str()), (Some(2), "Kim"));
    }

    #[test]
    fn same_as_merges_into_the_target_or_takes_its_name() {
        let split = EntityOverride {
            different_from: Some("Kim Jong Un".into()),
            ..rule("Kim")
        };
        let merge = EntityOverride {
            same_as: Some("Kim Jong Un".into()),
            ..rule("Kim")
        };
        // The later rule wins: split, then merged back.
        let fixed = corrected(vec![split.clone(), merge.clone()]).unwrap();
        assert_eq!(ids(&fixed), ["person:kim-jong-un", "person:kremlin"]);
        assert_eq!(fixed.entities[0].mentions.len(), 3);
        let speaker = fixed.quotes[0].speaker.as_ref().unwrap();
        assert_eq!(
            (speaker.entity, speaker.name.as_str()),
            (Some(0), "Kim Jong Un")
        );
        // A target the document does not mention lends its name, and an id its kind.
        let renamed = EntityOverride {
            same_as: Some("organization:moscow-government".into()),
            ..rule("Kremlin")
        };
        let fixed = corrected(vec![renamed]).unwrap();
        assert_eq!(fixed.entities[1].name, "Moscow Government");
        assert_eq!(
            ids(&fixed),
            ["person:kim-jong-un", "organization:moscow-government"]
        );
    }

    #[test]
    fn display_renames_without_touching_mentions() {
        let display = EntityOverride {
            display: Some("Kim Jong-un".into()),
            ..rule("person:kim-jong-un")
        };
        let fixed = corrected(vec![display]).unwrap();
        assert_eq!(fixed.entities[0].name, "Kim Jong-un");
        assert_eq!(fixed.entities[0].mentions, analysis().entities[0].mentions);
        assert_eq!(
            fixed.quotes[0].speaker.as_ref().unwrap().name,
            "Kim Jong-un"
        );
    }
}
