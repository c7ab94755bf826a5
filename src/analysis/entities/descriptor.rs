//! Who an entity is, in the article's own words: the title before its first full mention
//! ("Foreign Minister Sergei Lavrov") or an appositive after it ("Dmitry Oreshkin, a
//! political analyst,").

use super::Entity;
use super::lexicon::{Flags, Lexicon, NATIONALITY, PERSON_WORD, lower_into};
use super::words::is_function_word;

/// Longest descriptor, in words.
const MAX_WORDS: usize = 8;

/// The descriptor of `entity` in `text`, if the article gives one.
pub fn descriptor(text: &str, entity: &Entity) -> Option<String> {
    let words_in_name = entity.name.split_whitespace().count();
    let mention = entity
        .mentions
        .iter()
        .find(|m| text[(*m).clone()].split_whitespace().count() == words_in_name)
        .or(entity.mentions.first())?;
    let line_start = text[..mention.start]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let line_end = text[mention.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| mention.end + i);
    title_before(&text[line_start..mention.start])
        .or_else(|| appositive(&text[mention.end..line_end]))
}

/// Capitalized words and role words right before the name, with at least one role word:
/// "U.S. President", "North Korean leader", "Foreign Minister".
fn title_before(before: &str) -> Option<String> {
    let lexicon = Lexicon::get();
    let mut buf = String::new();
    let mut words: Vec<&str> = Vec::new();
    let mut has_role = false;
    for word in before.split_whitespace().rev().take(MAX_WORDS) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-');
        if bare.is_empty() || word.ends_with([',', ';', ':', '"', '“', '”', '(', ')']) {
            break;
        }
        let flags: Flags = lexicon.flags(lower_into(bare.trim_end_matches('.'), &mut buf));
        let role = flags & PERSON_WORD != 0;
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        if !(role || capital || flags & NATIONALITY != 0) || is_function_word(&buf) {
            break;
        }
        has_role |= role;
        words.push(bare);
    }
    words.reverse();
    (has_role && !words.is_empty()).then(|| words.join(" "))
}

/// ", the foreign minister," or ", a political analyst," right after the name.
fn appositive(after: &str) -> Option<String> {
    let rest = after.strip_prefix(", ")?;
    let phrase = &rest[..rest.find([',', ';', '.', '(', ')', '"', '“', '”'])?];
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let first = words.first()?.to_lowercase();
    if words.len() > MAX_WORDS
        || !matches!(
            first.as_str(),
            "the" | "a" | "an" | "who" | "his" | "her" | "its"
        )
    {
        return None;
    }
    // The head noun ends the phrase: lower-case and not a function word ("a political analyst").
    let head = words.last()?;
    let noun = head.chars().next().is_some_and(char::is_lowercase) && !is_function_word(head);
    (words.len() > 1 && noun).then(|| phrase.trim().to_string())
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind;

    fn entity(text: &str, name: &str) -> Entity {
        let start = text.find(name).unwrap();
        Entity {
            name: name.into(),
            kind: EntityKind::Person,
            mentions: vec![start..start + name.len()],
        }
    }

    #[test]
    fn titles_before_the_name() {
        let text = "MOSCOW — Russian Foreign Minister Sergei Lavrov said on Monday.";
        assert_eq!(
            descriptor(text, &entity(text, "Sergei Lavrov")).as_deref(),
            Some("Russian Foreign Minister")
        );
        let text = "It was North Korean leader Kim Jong Un who came.";
        assert_eq!(
            descriptor(text, &entity(text, "Kim Jong Un")).as_deref(),
            Some("North Korean leader")
        );
    }

    #[test]
    fn appositives_after_the_name() {
        let text = "\"No,\" said Dmitry Oreshkin, a political analyst, on Friday.";
        assert_eq!(
            descriptor(text, &entity(text, "Dmitry Oreshkin")).as_deref(),
            Some("a political analyst")
        );
    }

    #[test]
    fn no_descriptor_when_the_text_gives_none() {
        let text = "Yesterday Sergei Lavrov arrived, and then left.";
        assert_eq!(descriptor(text, &entity(text, "Sergei Lavrov")), None);
        let text = "Officials met Sergei Lavrov in Moscow.";
        assert_eq!(descriptor(text, &entity(text, "Sergei Lavrov")), None);
    }
}
