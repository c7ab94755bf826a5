//! Descriptions that stand for someone the article named: "the spokesman said" is the person
//! introduced as "Josh Earnest, the White House spokesman," or "White House spokesman Josh
//! Earnest". No list of roles: a description links only through a role word the article
//! itself wrote as an appositive or a title of a name.

use super::context::Item;
use super::lexicon;
use super::names::{self, NamePhrase};
use super::verbs;
use hashbrown::HashMap;
use std::ops::Range;

/// The most words a description or a role may have after its determiner.
const MAX_WORDS: usize = 5;

/// How many earlier introductions with the same role a description may reach back to.
const LOOK_BACK: usize = 20;

/// Words that make a role someone else's: "the president" is not the vice president.
const NARROWING: &[&str] = &[
    "vice",
    "deputy",
    "former",
    "assistant",
    "acting",
    "associate",
];

/// A name as the article introduced it, with the role words written with it (lower case).
struct Introduction {
    name: NamePhrase,
    words: Vec<String>,
}

/// The article's introductions, by role noun ("spokesman", "senator").
#[derive(Default)]
pub(super) struct Roles {
    introductions: Vec<Introduction>,
    /// Indices into `introductions` in text order, by head noun.
    by_head: HashMap<String, Vec<usize>>,
}

/// A lower-case word that may name a role: not a function word, pronoun or reporting verb.
fn role_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !names::is_function_word(word)
        && !matches!(
            word,
            "the" | "a" | "an" | "who" | "which" | "whose" | "his" | "her"
        )
        && lexicon::pronoun(word).is_none()
        && !verbs::is_saying_verb(word)
}

/// A title as the role noun a later description uses: "Sen." is "senator".
fn title_noun(title: &str) -> String {
    let word = title.trim_end_matches('.').to_lowercase();
    let full = match word.as_str() {
        "sen" => "senator",
        "gov" => "governor",
        "rep" => "representative",
        "gen" => "general",
        "col" => "colonel",
        "lt" => "lieutenant",
        "capt" => "captain",
        "sgt" => "sergeant",
        "rev" => "reverend",
        "prof" => "professor",
        _ => return word,
    };
    full.to_string()
}

fn lower(text: &str, item: &Item) -> Option<String> {
    item.word(text).map(str::to_lowercase)
}

impl Roles {
    /// Collects who the article introduced with which roles.
    pub fn new(text: &str, items: &[Item]) -> Roles {
        let mut roles = Roles::default();
        for (at, item) in items.iter().enumerate() {
            match item {
                Item::Punct(_, ',') => roles.appositive(text, items, at),
                Item::Word(_) => roles.titled(text, items, at),
                _ => {}
            }
        }
        roles
    }

    fn add(&mut self, name: NamePhrase, heads: Vec<String>, words: Vec<String>) {
        let index = self.introductions.len();
        for head in heads {
            let list = self.by_head.entry(head).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
        self.introductions.push(Introduction { name, words });
    }

    /// "Josh Earnest, the White House spokesman," and "Earnest, a spokesman for …": the
    /// name before the comma at `comma`, the role after it.
    fn appositive(&mut self, text: &str, items: &[Item], comma: usize) {
        let determiner = items.get(comma + 1).and_then(|i| i.word(text));
        if !matches!(determiner, Some("the" | "a" | "an")) {
            return;
        }
        let Some(name) = names::name_at_end(text, &items[..comma]) else {
            return;
        };
        let start = comma + 2;
        let mut end = start;
        while let Some(word) = items.get(end).and_then(|i| i.word(text)) {
            if names::is_function_word(word) || end - start >= MAX_WORDS {
                break;
            }
            end += 1;
        }
        let last = end.checked_sub(1).filter(|&e| e >= start);
        let Some(head) = last
            .and_then(|e| items[e].word(text))
            .filter(|w| role_word(w))
        else {
            return;
        };
        let words = items[start..end].iter().filter_map(|i| lower(text, i));
        self.add(name, vec![head.to_string()], words.collect());
    }

    /// "White House spokesman Josh Earnest", "Florida Sen. Marco Rubio": the name run that
    /// starts at `at`, with its titles and the role words right before it.
    fn titled(&mut self, text: &str, items: &[Item], at: usize) {
        let starts_run = at == 0
            || items[at - 1]
                .word(text)
                .is_none_or(|w| !names::name_word(w));
        if !starts_run || !items[at].word(text).is_some_and(names::name_word) {
            return;
        }
        let end = names::name_run(text, items, at);
        let Some(name) = names::phrase(text, items, at, end) else {
            return;
        };
        let titles = items[at..end]
            .iter()
            .take_while(|i| i.start().is_some_and(|s| s < name.range.start))
            .filter_map(|i| i.word(text));
        let mut words: Vec<String> = titles.clone().map(title_noun).collect();
        let mut heads: Vec<String> = titles
            .filter(|w| lexicon::is_title(w) && lexicon::honorific(w).is_none())
            .last()
            .map(title_noun)
            .into_iter()
            .collect();
        let mut before = at;
        while before > 0 && at - before < 3 && items[before - 1].word(text).is_some_and(role_word) {
            before -= 1;
        }
        if before < at {
            heads.extend(lower(text, &items[at - 1]));
            while before > 0
                && at - before < MAX_WORDS
                && items[before - 1].word(text).is_some_and(names::name_word)
            {
                before -= 1;
            }
            words.extend(items[before..at].iter().filter_map(|i| lower(text, i)));
        }
        if !heads.is_empty() {
            self.add(name, heads, words);
        }
    }

    /// The names a description written at `range` ("White House spokesman", after its
    /// determiner) stands for, the likeliest first: the introductions before it with the
    /// same role noun and all of its capitalised words, by how many of its words they
    /// share, then the latest.
    pub fn resolve(&self, text: &str, range: &Range<usize>) -> Vec<&NamePhrase> {
        let written: Vec<&str> = text[range.clone()].split_whitespace().collect();
        let words: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
        let heads = written.iter().rev().filter(|w| role_word(w));
        let Some(list) = heads
            .filter_map(|head| self.by_head.get(&head.to_lowercase()))
            .map(|list| {
                &list[..list
                    .partition_point(|&i| self.introductions[i].name.range.start < range.start)]
            })
            .find(|list| !list.is_empty())
        else {
            return Vec::new();
        };
        let narrowing = |w: &String| NARROWING.contains(&w.as_str());
        let mut ranked: Vec<(usize, usize)> = list
            .iter()
            .rev()
            .take(LOOK_BACK)
            .filter_map(|&i| {
                let intro = &self.introductions[i];
                let narrowed = intro
                    .words
                    .iter()
                    .any(|w| narrowing(w) && !words.contains(w));
                let wider = words
                    .iter()
                    .any(|w| narrowing(w) && !intro.words.contains(w));
                // "The Florida senator" is not a senator the article never placed in Florida.
                let unplaced = written
                    .iter()
                    .any(|w| lexicon::can_be_name(w) && !intro.words.contains(&w.to_lowercase()));
                let shared = words.iter().filter(|w| intro.words.contains(w)).count();
                (!narrowed && !wider && !unplaced).then_some((shared, i))
            })
            .collect();
        ranked.sort_by_key(|&(shared, i)| (std::cmp::Reverse(shared), std::cmp::Reverse(i)));
        ranked
            .into_iter()
            .map(|(_, i)| &self.introductions[i].name)
            .collect()
    }
}

/// The description that `part` is: a determiner and up to a few words ending in a lower-case
/// one, "the White House spokesman", "the Republican nominee". Returns the words after the
/// determiner.
pub(super) fn description(text: &str, part: &[Item]) -> Option<Range<usize>> {
    let (first, rest) = part.split_first()?;
    let all_words = rest.iter().all(|i| i.word(text).is_some());
    let last = rest.last()?.word(text)?;
    let fits = matches!(first.word(text), Some("the" | "The"))
        && all_words
        && rest.len() <= MAX_WORDS
        && role_word(last);
    fits.then(|| rest[0].start().unwrap_or(0)..rest.last().map_or(0, end_of))
}

/// The description that opens `items`, up to the first function word or punctuation: "The
/// senator on Friday" gives "senator".
pub(super) fn description_at_start(text: &str, items: &[Item]) -> Option<Range<usize>> {
    let end = items
        .iter()
        .skip(1)
        .position(|i| i.word(text).is_none_or(names::is_function_word))
        .map_or(items.len(), |p| p + 1);
    description(text, &items[..end.min(MAX_WORDS + 1)])
}

/// The capitalised words inside a description, "IMF" in "the IMF report": whose thing it is
/// when no one was introduced with its role.
pub(super) fn owner(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let mut run: Option<Range<usize>> = None;
    let mut at = range.start;
    for word in text[range.clone()].split(' ') {
        let start = at;
        at += word.len() + 1;
        if lexicon::can_be_name(word) {
            run = Some(run.map_or(start..start + word.len(), |r| r.start..start + word.len()));
        } else if run.is_some() {
            break;
        }
    }
    run
}

fn end_of(item: &Item) -> usize {
    match item {
        Item::Word(r) | Item::Punct(r, _) => r.end,
        _ => 0,
    }
}
