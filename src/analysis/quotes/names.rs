//! Names read from capitalisation: "Foreign Minister Sergei Lavrov" is the name "Sergei
//! Lavrov" after its title; "Mr Lavrov" is "Lavrov", male. Also the article's index of full
//! names, so a later "Lavrov" can be given as "Sergei Lavrov".

use super::context::Item;
use super::lexicon::{self, Gender};
use hashbrown::HashMap;
use std::ops::Range;

/// A name as written, without titles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NamePhrase {
    pub range: Range<usize>,
    /// From an honorific ("Mr", "Ms") written before the name.
    pub gender: Option<Gender>,
    /// Written after "the" ("the Kremlin"): an institution, not a person.
    pub determiner: bool,
}

/// The longest name (titles included) looked at: "Deputy Foreign Minister Ana María López
/// de Santa Anna" fits; the bound keeps runs of capitals from costing more than linear time.
const MAX_NAME_WORDS: usize = 10;

/// Whether `word` may stand in a name run.
pub(super) fn name_word(word: &str) -> bool {
    lexicon::can_be_name(word) && !is_possessive(word)
}

fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || word.ends_with('\'') || word.ends_with('’')
}

/// The name that `items` end with, if their last words form one.
pub(super) fn name_at_end(text: &str, items: &[Item]) -> Option<NamePhrase> {
    let mut start = items.len();
    while start > 0 && items.len() - start < MAX_NAME_WORDS {
        let Some(word) = items[start - 1].word(text) else {
            break;
        };
        let particle = lexicon::is_name_particle(word) && start < items.len();
        if !(name_word(word) || particle) {
            break;
        }
        start -= 1;
    }
    phrase(text, items, start, items.len())
}

/// The name at the start of `items`, after at most a few descriptive words ("analyst
/// Anthony Rinna", "state-run Tass"), and the index after it.
pub(super) fn name_at_start(text: &str, items: &[Item]) -> Option<(NamePhrase, usize)> {
    let mut start = 0;
    while let Some(word) = items.get(start).and_then(|i| i.word(text)) {
        let lower = word.chars().next().is_some_and(char::is_lowercase);
        let describes =
            (lower && !is_function_word(word)) || (is_possessive(word) && !lower) || word == "The";
        if !describes || start >= 4 {
            break;
        }
        start += 1;
    }
    let mut end = name_run(text, items, start);
    // "MSNBC host Chris Matthews", "Democratic presidential candidate Jo Lee": the person
    // follows the organisation or party and a lower-case role.
    let role = |i: usize| {
        items
            .get(i)
            .and_then(|i| i.word(text))
            .is_some_and(|w| w.chars().all(char::is_lowercase) && !is_function_word(w))
    };
    if end > start {
        let mut person = end;
        while person < end + 3 && role(person) {
            person += 1;
        }
        let after = name_run(text, items, person);
        if person > end && after >= person + 2 {
            (start, end) = (person, after);
        }
    }
    // "Secretary of State Jo Lee": the titles run on after "of".
    let of = items.get(end).and_then(|i| i.word(text)) == Some("of");
    if of && end > start && phrase(text, items, start, end).is_none() {
        let after = name_run(text, items, end + 1);
        if after > end + 1 {
            (start, end) = (end + 1, after);
        }
    }
    phrase(text, items, start, end).map(|p| (p, end))
}

/// The end of the run of name words starting at `start`.
pub(super) fn name_run(text: &str, items: &[Item], start: usize) -> usize {
    let mut end = start;
    while let Some(word) = items.get(end).and_then(|i| i.word(text)) {
        let particle = lexicon::is_name_particle(word) && end > start;
        if !(name_word(word) || particle) || end - start >= MAX_NAME_WORDS {
            break;
        }
        end += 1;
    }
    end
}

/// A name without the titles and descriptions written before it: "Wells Fargo CEO John
/// Stumpf" is "John Stumpf", described as "Wells Fargo CEO".
pub(super) fn without_titles(name: &str) -> (Option<&str>, &str) {
    let words: Vec<(usize, &str)> = name
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let last_title = words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|(_, w)| {
            lexicon::is_title(w) || w.chars().next().is_some_and(char::is_lowercase)
        });
    match last_title {
        Some(t) => {
            let start = words[t + 1].0;
            (Some(name[..start].trim_end()), &name[start..])
        }
        None => (None, name),
    }
}

/// Lower-case words that end a descriptive run: a name cannot follow them directly as the
/// subject or object of a reporting verb.
pub(super) fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "of"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "as"
            | "that"
            | "and"
            | "but"
            | "or"
            | "after"
            | "before"
            | "during"
            | "about"
            | "over"
            | "into"
            | "this"
            | "when"
            | "while"
            | "if"
            | "because"
            | "than"
            | "then"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
    )
}

/// The name in `items[start..end]` after its titles, with what the titles and a preceding
/// "the" tell.
pub(super) fn phrase(text: &str, items: &[Item], start: usize, end: usize) -> Option<NamePhrase> {
    let words: Vec<&Range<usize>> = items[start..end]
        .iter()
        .filter_map(|i| match i {
            Item::Word(r) => Some(r),
            _ => None,
        })
        .collect();
    // A title is one only before a name: "Charlie King" keeps its "King".
    if words.iter().all(|r| lexicon::is_title(&text[(*r).clone()])) {
        return None;
    }
    let last_title = words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|r| lexicon::is_title(&text[(*r).clone()]));
    let first = last_title.map_or(0, |t| t + 1);
    let name = words.get(first..).filter(|w| !w.is_empty())?;
    let gender = last_title
        .and_then(|t| lexicon::honorific(&text[words[t].clone()]))
        .flatten();
    let determiner = start > 0
        && items[start - 1]
            .word(text)
            .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    Some(NamePhrase {
        range: name[0].start..name[name.len() - 1].end,
        gender,
        determiner: determiner && last_title.is_none(),
    })
}

/// The distinct full names under one word, each with where it occurs (in text order).
type Forms = Vec<(String, Vec<usize>)>;

/// Notes an occurrence of `full` at `at`; occurrences come in text order.
fn add_form(forms: &mut Forms, full: &str, at: usize) {
    match forms.iter_mut().find(|(f, _)| f == full) {
        Some((_, positions)) => positions.push(at),
        None => forms.push((full.to_string(), vec![at])),
    }
}

/// The article's names of two words or more, to expand a surname to its full form.
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    /// Full names and where they are, by last word and by first word (for names written
    /// family name first, "Kim Jong Un").
    by_last: HashMap<String, Forms>,
    by_first: HashMap<String, Forms>,
    /// Gender from honorifics, by each word of the name.
    genders: HashMap<String, Gender>,
}

impl NameIndex {
    /// Collects the names of the item stream.
    pub fn new(text: &str, items: &[Item]) -> NameIndex {
        let mut index = NameIndex::default();
        let breaks = |i: &Item| {
            i.word(text)
                .is_none_or(|w| !name_word(w) && !lexicon::is_title(w))
        };
        for run in items.split(breaks) {
            for chunk in run.chunks(MAX_NAME_WORDS) {
                if let Some(name) = phrase(text, chunk, 0, chunk.len()) {
                    index.add(text, &name);
                }
            }
        }
        index
    }

    fn add(&mut self, text: &str, name: &NamePhrase) {
        let full = &text[name.range.clone()];
        if let Some(gender) = name.gender {
            for word in full.split(' ') {
                self.genders.insert(word.to_string(), gender);
            }
        }
        if let (Some((first, _)), Some((_, last))) = (full.split_once(' '), full.rsplit_once(' ')) {
            let at = name.range.start;
            add_form(self.by_last.entry(last.to_string()).or_default(), full, at);
            add_form(
                self.by_first.entry(first.to_string()).or_default(),
                full,
                at,
            );
        }
    }

    /// The full forms `name` may stand for, the likeliest (closest before `at`) first.
    pub fn expand(&self, name: &str, at: usize) -> Vec<String> {
        if name.contains(' ') {
            return vec![name.to_string()];
        }
        let Some(forms) = self.by_last.get(name).or_else(|| self.by_first.get(name)) else {
            return vec![name.to_string()];
        };
        // Each form ranks by its closest occurrence: before `at` first, then after it.
        let mut ranked: Vec<((u8, usize), &str)> = forms
            .iter()
            .map(|(full, positions)| {
                let before = positions.partition_point(|&p| p <= at);
                let key = match before {
                    0 => (1, positions[0] - at),
                    n => (0, at - positions[n - 1]),
                };
                (key, full.as_str())
            })
            .collect();
        ranked.sort_by_key(|&(key, _)| key);
        ranked
            .into_iter()
            .map(|(_, full)| full.to_string())
            .collect()
    }

    /// The gender an honorific gave any word of `name` anywhere in the article.
    pub fn gender(&self, name: &str) -> Option<Gender> {
        name.split(' ').find_map(|w| self.genders.get(w).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Item> {
        let mut out = Vec::new();
        let mut pos = 0;
        for part in text.split(' ') {
            let item = match part {
                "," => Item::Punct(pos..pos + 1, ','),
                _ => Item::Word(pos..pos + part.len()),
            };
            out.push(item);
            pos += part.len() + 1;
        }
        out
    }

    fn end_name(text: &str) -> Option<(&str, Option<Gender>, bool)> {
        name_at_end(text, &words(text)).map(|p| (&text[p.range], p.gender, p.determiner))
    }

    #[test]
    fn names_at_the_end_drop_titles() {
        assert_eq!(
            end_name("Foreign Minister Sergei Lavrov"),
            Some(("Sergei Lavrov", None, false))
        );
        assert_eq!(
            end_name("the Mr Lavrov"),
            Some(("Lavrov", Some(Gender::Male), false))
        );
        assert_eq!(end_name("said the Kremlin"), Some(("Kremlin", None, true)));
        assert_eq!(
            end_name("Ursula von der Leyen"),
            Some(("Ursula von der Leyen", None, false))
        );
        assert_eq!(end_name("the President"), None);
        assert_eq!(
            end_name("Charlie King"),
            Some(("Charlie King", None, false))
        );
        assert_eq!(end_name("a political analyst"), None);
    }

    #[test]
    fn names_at_the_start_skip_descriptions() {
        let text = "analyst Anthony Rinna , a specialist";
        let (name, end) = name_at_start(text, &words(text)).unwrap();
        assert_eq!((&text[name.range], end), ("Anthony Rinna", 3));
        let text = "state-run Russia's Tass news service";
        assert_eq!(
            &text[name_at_start(text, &words(text)).unwrap().0.range],
            "Tass"
        );
        assert!(name_at_start("in a statement", &words("in a statement")).is_none());
        for (text, name) in [
            ("MSNBC host Chris Matthews", "Chris Matthews"),
            ("Green presidential candidate Ann Roe", "Ann Roe"),
            ("Former Secretary of State Ann Roe", "Ann Roe"),
        ] {
            assert_eq!(
                &text[name_at_start(text, &words(text)).unwrap().0.range],
                name
            );
        }
    }

    #[test]
    fn titles_come_off_full_names() {
        assert_eq!(
            without_titles("Wells Fargo CEO John Stumpf"),
            (Some("Wells Fargo CEO"), "John Stumpf")
        );
        assert_eq!(
            without_titles("Secretary of State Jon Husted"),
            (Some("Secretary of State"), "Jon Husted")
        );
        assert_eq!(without_titles("Charlie King"), (None, "Charlie King"));
    }

    #[test]
    fn index_expands_surnames_to_the_closest_full_name() {
        let text = "Ms Anna Smith met Mr Kim Jong Un and John Smith . Smith";
        let items = words(text);
        let index = NameIndex::new(text, &items);
        assert_eq!(
            index.expand("Smith", text.len()),
            ["John Smith", "Anna Smith"]
        );
        assert_eq!(index.expand("Kim", 0), ["Kim Jong Un"]);
        assert_eq!(index.expand("Nobody", 0), ["Nobody"]);
        assert_eq!(index.gender("Anna Smith"), Some(Gender::Female));
        assert_eq!(index.gender("Kim"), Some(Gender::Male));
    }
}
