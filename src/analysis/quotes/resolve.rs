//! Turns a reporting clause's subject into a speaker: a surname becomes the fullest name the
//! article gives, a pronoun becomes the latest named speaker it can refer to, and both link
//! to the entity whose mention covers them.

use super::How;
use super::attribution::{Clause, Subject};
use super::descriptions::{self, Roles};
use super::lexicon::{self, Gender};
use super::names::{NameIndex, NamePhrase, without_titles};
use super::{Channel, Speaker};
use crate::analysis::entities::{Entity, EntityKind};
use hashbrown::HashMap;
use std::ops::Range;

/// How many earlier named speakers a pronoun may reach back to.
const LOOK_BACK: usize = 20;

/// The most other speakers offered for one quotation.
pub(super) const ALTERNATIVES: usize = 3;

/// What the resolver knows of the article.
pub(super) struct Resolver<'a> {
    pub text: &'a str,
    pub entities: &'a [Entity],
    pub names: NameIndex,
    /// Named speakers of all reporting clauses, by position.
    pub speakers: Vec<(usize, NamePhrase)>,
    pub mentions: Mentions,
    pub roles: Roles,
}

/// The entities' mentions by position and the entities by name, so the entity written at a
/// place is found in logarithmic time rather than by walking every mention of the article
/// for each quote.
pub(super) struct Mentions {
    /// Mention ranges with their entity's index, by start.
    spans: Vec<(Range<usize>, usize)>,
    /// The furthest end among `spans[..=i]`: where a backward walk may stop.
    reach: Vec<usize>,
    /// The first entity of each name.
    by_name: HashMap<String, usize>,
}

impl Mentions {
    pub fn new(entities: &[Entity]) -> Mentions {
        let mut spans: Vec<(Range<usize>, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.clone(), i)))
            .collect();
        spans.sort_by_key(|(m, _)| m.start);
        let reach = spans
            .iter()
            .scan(0, |far, (m, _)| {
                *far = m.end.max(*far);
                Some(*far)
            })
            .collect();
        let mut by_name = HashMap::new();
        for (i, entity) in entities.iter().enumerate() {
            by_name.entry(entity.name.clone()).or_insert(i);
        }
        Mentions {
            spans,
            reach,
            by_name,
        }
    }

    /// The first entity named `name`.
    fn named(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The first entity (in entity order) that `accept`s and has a mention overlapping `range`.
    fn covering(&self, range: &Range<usize>, accept: impl Fn(usize) -> bool) -> Option<usize> {
        let end = self.spans.partition_point(|(m, _)| m.start < range.end);
        (0..end)
            .rev()
            .take_while(|&i| self.reach[i] > range.start)
            .map(|i| &self.spans[i])
            .filter(|(m, e)| m.end > range.start && accept(*e))
            .map(|&(_, e)| e)
            .min()
    }
}

/// "PENCE" as "Pence", "MR." as "Mr.".
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// A resolved speaker, other readings if any, and the relaying outlet.
pub(super) struct Resolved {
    pub speaker: Speaker,
    pub alternatives: Vec<Speaker>,
    pub channel: Option<Channel>,
    /// `Pronoun` or `Description` when the subject was not a name.
    pub how: Option<How>,
}

impl Resolver<'_> {
    /// Resolves a clause; `None` when a pronoun or description has no fitting antecedent.
    pub fn resolve(&self, clause: &Clause) -> Option<Resolved> {
        let channel = clause.channel.as_ref().map(|n| Channel {
            name: self.text[n.range.clone()].to_string(),
            range: n.range.clone(),
        });
        let (speaker, alternatives, how) = match &clause.subject {
            Subject::Name(name) => {
                let (speaker, alternatives) = self.named(name, name.range.clone());
                (speaker, alternatives, None)
            }
            Subject::Pronoun { range, gender } => {
                let (speaker, alternatives) = self.pronoun(range.clone(), *gender)?;
                (speaker, alternatives, Some(How::Pronoun))
            }
            Subject::Description(range) => {
                let (speaker, alternatives) = self.described(range)?;
                (speaker, alternatives, Some(How::Description))
            }
        };
        Some(Resolved {
            speaker,
            alternatives,
            channel,
            how,
        })
    }

    /// The speaker of a transcript turn labelled `range` ("PENCE" for Mike Pence): the
    /// fullest form the article gives of the name written in capitals.
    pub fn labelled(&self, range: Range<usize>) -> Speaker {
        let written: String = self.text[range.clone()]
            .split(' ')
            .map(title_case)
            .collect::<Vec<_>>()
            .join(" ");
        let best = self.names.expand(&written, range.start).into_iter().next();
        self.speaker(best.unwrap_or(written), range.clone(), &range)
    }

    /// The speaker written as `name`, reported at `mention`.
    fn named(&self, name: &NamePhrase, mention: Range<usize>) -> (Speaker, Vec<Speaker>) {
        let written = &self.text[name.range.clone()];
        // "York said" is Kate York, not New York: places do not stand for a surname.
        let place = |form: &String| {
            self.mentions
                .named(form)
                .is_some_and(|e| self.entities[e].kind == EntityKind::Place)
        };
        let mut forms = self.names.expand(written, name.range.start);
        forms.retain(|f| f == written || !place(f));
        if forms.is_empty() {
            forms.push(written.to_string());
        }
        let mut forms = forms.into_iter();
        let best = forms.next().unwrap_or_else(|| written.to_string());
        let speaker = self.speaker(best, mention.clone(), &name.range);
        let alternatives = forms
            .map(|form| self.speaker(form, mention.clone(), &(0..0)))
            .collect();
        (speaker, alternatives)
    }

    fn speaker(&self, name: String, range: Range<usize>, written: &Range<usize>) -> Speaker {
        // A place covering a surname ("New York" over "York") is not who spoke.
        let fits =
            |e: usize| self.entities[e].kind != EntityKind::Place || self.entities[e].name == name;
        let covering = self.mentions.covering(written, fits);
        let entity = covering.or_else(|| self.mentions.named(&name));
        let full = entity.map_or(name.as_str(), |i| self.entities[i].name.as_str());
        let (descriptor, name) = without_titles(full);
        Speaker {
            name: name.to_string(),
            descriptor: descriptor.map(str::to_string),
            range,
            entity,
        }
    }

    /// The latest named speaker before `at` that the pronoun can refer to, plus the one
    /// before it when the choice rests on no gender evidence.
    fn pronoun(&self, at: Range<usize>, gender: Gender) -> Option<(Speaker, Vec<Speaker>)> {
        let before = self.speakers.partition_point(|(pos, _)| *pos < at.start);
        let mut fitting = self.speakers[..before]
            .iter()
            .rev()
            .take(LOOK_BACK)
            .filter(|(_, name)| self.fits(name, gender));
        let (_, first) = fitting.next()?;
        let (speaker, _) = self.named(first, at.clone());
        let mut alternatives = Vec::new();
        if self.gender(first).is_none() {
            let other = fitting
                .map(|(_, n)| self.named(n, at.clone()).0)
                .find(|s| s.name != speaker.name);
            alternatives.extend(other);
        }
        Some((speaker, alternatives))
    }

    /// The person the article introduced with the description at `range`, and the others
    /// it introduced with the same role.
    /// When it introduced no one so, the person or organisation named inside the description
    /// ("the IMF report") speaks; not a place or party ("the Florida senator", "the
    /// Republican nominee").
    fn described(&self, range: &Range<usize>) -> Option<(Speaker, Vec<Speaker>)> {
        let mut people = self.roles.resolve(self.text, range).into_iter();
        let Some(first) = people.next() else {
            let owner = descriptions::owner(self.text, range)?;
            let speaks = |e: usize| {
                matches!(
                    self.entities[e].kind,
                    EntityKind::Person | EntityKind::Organization
                )
            };
            self.mentions.covering(&owner, speaks)?;
            let name = NamePhrase {
                range: owner,
                gender: Some(Gender::Neuter),
                determiner: true,
            };
            return Some(self.named(&name, range.clone()));
        };
        let (speaker, _) = self.named(first, range.clone());
        let mut alternatives: Vec<Speaker> = Vec::new();
        for name in people {
            let other = self.named(name, range.clone()).0;
            let known = |s: &Speaker| s.name == other.name;
            if !known(&speaker) && !alternatives.iter().any(known) {
                alternatives.push(other);
            }
            if alternatives.len() == ALTERNATIVES {
                break;
            }
        }
        Some((speaker, alternatives))
    }

    fn gender(&self, name: &NamePhrase) -> Option<Gender> {
        let written = &self.text[name.range.clone()];
        if name.determiner
            || lexicon::is_organisation(written)
            || self.is_organisation_entity(&name.range)
        {
            return Some(Gender::Neuter);
        }
        name.gender
            .or_else(|| self.names.gender(written))
            .or_else(|| self.first_name_gender(written, name.range.start))
    }

    /// The gender of the first name of the full form `written` stands for ("Clinton" read as
    /// "Hillary Clinton"). A lone word is never read as a first name: "Clinton" is also one.
    fn first_name_gender(&self, written: &str, at: usize) -> Option<Gender> {
        let full = self.names.expand(written, at).into_iter().next()?;
        let (given, _) = full.rsplit_once(' ')?;
        given.split(' ').find_map(lexicon::first_name_gender)
    }

    fn is_organisation_entity(&self, range: &Range<usize>) -> bool {
        self.mentions
            .covering(range, |e| self.entities[e].kind != EntityKind::Person)
            .is_some()
    }

    fn fits(&self, name: &NamePhrase, pronoun: Gender) -> bool {
        match (self.gender(name), pronoun) {
            (Some(g), p) => g == p,
            (None, p) => p != Gender::Neuter,
        }
    }
}
