//! Small closed word lists of English news prose: titles, pronouns, first names, news
//! agencies. General English, not tuned to any one article.

use hashbrown::{HashMap, HashSet};
use std::sync::OnceLock;

/// The grammatical gender a pronoun or honorific implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    /// Organisations and groups: "it", "they".
    Neuter,
}

/// Personal pronouns that can be the subject of a reporting verb, and the speakers they fit.
pub(super) fn pronoun(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        "it" | "they" => Some(Gender::Neuter),
        _ => None,
    }
}

/// The sex that mostly bears a first name ("Hillary": female), from the US Census lists.
pub(super) fn first_name_gender(word: &str) -> Option<Gender> {
    static GENDERS: OnceLock<HashMap<&'static str, Gender>> = OnceLock::new();
    let genders = GENDERS.get_or_init(|| {
        include_str!("../../../data/given_name_genders.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, sex) = l.split_once(' ')?;
                let gender = if sex == "F" {
                    Gender::Female
                } else {
                    Gender::Male
                };
                Some((name, gender))
            })
            .collect()
    });
    genders.get(word).copied()
}

/// Honorifics before a name, with the gender they imply.
pub(crate) fn honorific(word: &str) -> Option<Option<Gender>> {
    match word.trim_end_matches('.') {
        "Mr" | "Sir" | "Lord" | "Mister" => Some(Some(Gender::Male)),
        "Mrs" | "Ms" | "Miss" | "Madam" | "Dame" | "Lady" => Some(Some(Gender::Female)),
        "Dr" | "Prof" => Some(None),
        _ => None,
    }
}

/// Capitalised words that are titles or descriptions rather than part of a name.
const TITLES: &[&str] = &[
    "President",
    "Minister",
    "Secretary",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Chancellor",
    "Premier",
    "Leader",
    "Governor",
    "Gov",
    "Senator",
    "Sen",
    "Representative",
    "Rep",
    "Mayor",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Director",
    "Ambassador",
    "Admiral",
    "General",
    "Gen",
    "Colonel",
    "Col",
    "Lieutenant",
    "Lt",
    "Captain",
    "Capt",
    "Sergeant",
    "Sgt",
    "Judge",
    "Justice",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Chief",
    "Commissioner",
    "Deputy",
    "Vice",
    "Foreign",
    "Prime",
    "Defense",
    "Defence",
    "Interior",
    "Finance",
    "Economy",
    "Trade",
    "State",
    "Executive",
    "CEO",
    "Officer",
    "Professor",
    "Analyst",
    "Envoy",
    "Spokesman's",
    "Head",
    "Rev",
    "Inspector",
    "Detective",
    "Superintendent",
    "Constable",
    "Sheriff",
    "Attorney",
    "Coach",
    "Bishop",
    "Del",
    "Delegate",
    "Speaker",
    "Host",
    "Anchor",
    "Correspondent",
    "Nominee",
    "Candidate",
    "Congressman",
    "Congresswoman",
    "Assemblyman",
    "Councilman",
    "Councilwoman",
    "Lawmaker",
    "Sheikh",
    "Democrat",
    "Republican",
    "Former",
];

/// Whether a capitalised `word` is a title ("Foreign Minister") or honorific ("Mr").
pub(super) fn is_title(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let word = word.trim_end_matches('.');
    honorific(word).is_some()
        || SET
            .get_or_init(|| TITLES.iter().copied().collect())
            .contains(word)
}

/// Capitalised words that start sentences or name times, never people.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "For",
    "From",
    "To",
    "Of",
    "With",
    "By",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "Then",
    "Meanwhile",
    "However",
    "Also",
    "Still",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "There",
    "Here",
    "Asked",
    "According",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Earlier",
    "Later",
    "Today",
    "Yesterday",
    "Speaking",
    "Some",
    "Many",
    "Other",
    "Both",
    "Each",
    // Function words that open sentences ("Though X said", "During the debate").
    "All",
    "Though",
    "Although",
    "During",
    "Following",
    "Despite",
    "Since",
    "Until",
    "Because",
    "Instead",
    "Even",
    "Every",
    "Any",
    "Most",
    "Several",
    "Such",
    "Through",
    "Without",
    "Against",
    "Among",
    "Amid",
    "Unlike",
    "Once",
    "Not",
    "No",
];

/// Whether a capitalised word can be part of a name.
pub(super) fn can_be_name(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    word.chars().next().is_some_and(char::is_uppercase)
        && !SET
            .get_or_init(|| NOT_NAMES.iter().copied().collect())
            .contains(word)
}

/// Lower-case particles inside names ("Ursula von der Leyen", "Osama bin Laden").
pub(super) fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "von"
            | "van"
            | "der"
            | "den"
            | "de"
            | "da"
            | "del"
            | "della"
            | "di"
            | "du"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
    )
}

/// Words that are part of the verb group, between a subject and its reporting verb.
pub(super) fn is_verb_filler(word: &str) -> bool {
    let word = word.to_lowercase();
    word.ends_with("ly")
        || matches!(
            word.as_str(),
            "also"
                | "later"
                | "then"
                | "again"
                | "further"
                | "earlier"
                | "previously"
                | "has"
                | "have"
                | "had"
                | "was"
                | "were"
                | "is"
                | "are"
                | "would"
                | "will"
                | "once"
                | "since"
                | "too"
                | "yesterday"
                | "today"
                | "last"
                | "week"
                | "month"
                | "year"
                | "night"
                | "morning"
        )
}

/// News agencies and wire services that relay other outlets' stories.
pub(crate) const AGENCIES: &[&str] = &[
    "Associated Press",
    "AP",
    "Reuters",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Tass",
    "TASS",
    "Itar-Tass",
    "ITAR-TASS",
    "Interfax",
    "RIA Novosti",
    "RIA",
    "Xinhua",
    "Kyodo",
    "Yonhap",
    "dpa",
    "DPA",
    "EFE",
    "ANSA",
    "UPI",
    "United Press International",
    "Canadian Press",
    "Press Association",
    "PA",
    "Dow Jones",
    "KCNA",
    "Anadolu",
    "Sputnik",
    "Prensa Latina",
];

/// Nouns that make a name an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "Ministry",
    "Office",
    "Agency",
    "Council",
    "Party",
    "Committee",
    "Company",
    "Inc",
    "Corp",
    "Group",
    "Bank",
    "University",
    "Government",
    "Times",
    "News",
    "Post",
    "Journal",
    "Press",
    "Kremlin",
    "Pentagon",
    "Department",
    "Service",
    "Institute",
    "Association",
    "Commission",
    "Court",
    "Police",
    "Army",
    "Navy",
    "Television",
    "Radio",
    "Network",
    "Foundation",
    "Union",
];

/// Whether a name is an agency or looks like an organisation.
pub(crate) fn is_organisation(name: &str) -> bool {
    AGENCIES.contains(&name)
        || name
            .split([' ', '-'])
            .any(|w| ORGANISATION_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_words() {
        assert_eq!(pronoun("She"), Some(Gender::Female));
        assert_eq!(first_name_gender("Hillary"), Some(Gender::Female));
        assert_eq!(first_name_gender("Donald"), Some(Gender::Male));
        assert_eq!(first_name_gender("Smithers"), None);
        assert_eq!(honorific("Mr."), Some(Some(Gender::Male)));
        assert!(is_title("Minister") && is_title("Mr") && !is_title("Lavrov"));
        assert!(can_be_name("Lavrov") && !can_be_name("The") && !can_be_name("lavrov"));
        assert!(
            is_organisation("Tass")
                && is_organisation("Foreign Ministry")
                && !is_organisation("Sergei Lavrov")
        );
        assert!(
            is_verb_filler("also") && is_verb_filler("reportedly") && !is_verb_filler("Lavrov")
        );
    }
}
