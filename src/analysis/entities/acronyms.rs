//! Acronyms spelled out in the same article ("MT" for "The Moscow Times", "OSCE" for
//! "Organisation for Security and Cooperation in Europe") take the kind of the full name.

use super::EntityKind;
use super::classify::Evidence;
use super::coref::Mention;
use hashbrown::{DefaultHashBuilder, HashMap};

/// Gives every acronym the kind of a longer name in `mentions` whose initials it spells.
pub fn expand(text: &str, mentions: &mut [Mention]) {
    let mut by_initials: HashMap<String, EntityKind, DefaultHashBuilder> = HashMap::default();
    for m in mentions.iter().filter(|m| m.words.len() >= 2) {
        by_initials
            .entry(initials(&text[m.range.clone()]))
            .or_insert(m.kind);
    }
    if by_initials.is_empty() {
        return;
    }
    for m in mentions.iter_mut().filter(|m| m.words.len() == 1) {
        let word = &text[m.range.clone()];
        // Most names have a lower-case letter: decided before any string is built.
        if word.chars().any(char::is_lowercase) {
            continue;
        }
        let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 2 || letters.chars().any(char::is_lowercase) {
            continue;
        }
        if let Some(&kind) = by_initials.get(&letters) {
            m.kind = kind;
            m.evidence = Evidence::Strong;
        }
    }
}

/// The first letters of the capitalized words of `name`: "MT" for "Moscow Times".
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}
