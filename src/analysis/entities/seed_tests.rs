//! The kinds and links users met first on the bundled seed articles (issue 19), and the
//! same failures in small texts of our own: each case fails here if it regresses.

use super::{Entity, EntityKind, recognize};
use crate::analysis::split_blocks;

const SEED_000: &str = include_str!("../../../tests/fixtures/seeds/000_a66d8d7f1149ab9a.txt");
const SEED_002: &str = include_str!("../../../tests/fixtures/seeds/002_905470c6c805f95a.txt");
const SEED_003: &str = include_str!("../../../tests/fixtures/seeds/003_bc02b2ddaed6895b.txt");
const SEED_004: &str = include_str!("../../../tests/fixtures/seeds/004_68b72c5e2aeca627.txt");

use EntityKind::{Organization as Org, Other, Person, Place};

/// The entities of `text`, with every mention's text.
fn entities(text: &str) -> Vec<(Entity, Vec<&str>)> {
    recognize(text, &split_blocks(text))
        .into_iter()
        .map(|e| {
            let mentions = e.mentions.iter().map(|r| &text[r.clone()]).collect();
            (e, mentions)
        })
        .collect()
}

/// The entity with a mention reading `mention`.
fn entity_of<'t>(all: &'t [(Entity, Vec<&str>)], mention: &str) -> &'t Entity {
    all.iter()
        .find(|(_, m)| m.contains(&mention))
        .map(|(e, _)| e)
        .unwrap_or_else(|| panic!("no mention {mention:?}"))
}

fn no_mention(all: &[(Entity, Vec<&str>)], mention: &str) {
    let found = all.iter().find(|(_, m)| m.contains(&mention));
    assert!(found.is_none(), "{mention:?} is a mention: {found:?}");
}

/// Asserts the kind of each named mention.
fn kinds(text: &str, cases: &[(&str, EntityKind)]) {
    let all = entities(text);
    for &(mention, kind) in cases {
        let e = entity_of(&all, mention);
        assert_eq!(e.kind, kind, "{mention:?} in entity {:?}", e.name);
    }
}

#[test]
fn organisations_are_not_persons() {
    kinds(
        SEED_000,
        &[("Kommersant", Org), ("Bloomberg", Org), ("MT", Org)],
    );
    kinds(SEED_002, &[("Kremlin", Org), ("Itar-Tass", Org)]);
    kinds(SEED_003, &[("Interfax", Org), ("Tass", Org)]);
    kinds(
        SEED_003,
        &[("Korea Institute for International Economic Policy", Org)],
    );
    kinds(SEED_004, &[("Kremlin", Org), ("Group of Eight", Org)]);
    kinds(SEED_004, &[("University of Calgary", Org)]);
    let getty = entities(SEED_002);
    assert_ne!(entity_of(&getty, "Getty").kind, Person);
}

#[test]
fn places_and_groups_are_not_persons() {
    kinds(SEED_002, &[("Buryatia", Place), ("North Koreans", Other)]);
    kinds(SEED_002, &[("Koreas", Place)]);
    kinds(SEED_004, &[("Albertans", Other)]);
    let all = entities(SEED_002);
    assert_ne!(entity_of(&all, "Bureya").kind, Person);
}

#[test]
fn fragments_are_not_persons() {
    let all = entities(SEED_000);
    no_mention(&all, "General");
    assert_eq!(entity_of(&all, "Prosecutor General's Office").kind, Org);
    let all = entities(SEED_004);
    no_mention(&all, "Read");
    kinds(SEED_004, &[("Chinese-led", Other), ("Soviet-era", Other)]);
    let all = entities(SEED_003);
    no_mention(&all, "President");
    let all = entities(SEED_002);
    no_mention(&all, "Reclusive North Korean");
    assert_eq!(entity_of(&all, "North Korean").kind, Other);
}

#[test]
fn dictionary_word_surnames_link_to_the_full_name() {
    let all = entities(SEED_004);
    let trump = entity_of(&all, "Donald Trump");
    let line_13 = SEED_004
        .lines()
        .take(12)
        .map(|l| l.len() + 1)
        .sum::<usize>();
    assert!(
        trump
            .mentions
            .iter()
            .any(|r| r.start > line_13 && r.end - r.start == 5),
        "Trump on line 13 is linked: {trump:?}"
    );
    let text =
        "Donald Trump met the press.\nTrump said the talks went well.\nMerkel said she agreed.";
    let all = entities(text);
    assert_eq!(entity_of(&all, "Donald Trump").mentions.len(), 2);
    assert_eq!(entity_of(&all, "Merkel").kind, Person);
    let text = "Prime Minister Theresa May spoke first. Later, May said no to the plan.";
    let all = entities(text);
    let may = entity_of(&all, "Theresa May");
    assert_eq!((may.kind, may.mentions.len()), (Person, 2));
    let text = "President George Bush arrived. Then Bush met the governor in Texas.";
    let all = entities(text);
    let bush = entity_of(&all, "George Bush");
    assert_eq!((bush.kind, bush.mentions.len()), (Person, 2));
}

#[test]
fn adjacent_names_and_titles_stay_apart() {
    let text = "Ukraine Kurt Volker, the special envoy, said on Monday that Ukraine \
                needed help. Ukraine is a large country.";
    let all = entities(text);
    assert_eq!(entity_of(&all, "Kurt Volker").kind, Person);
    let ukraine = entity_of(&all, "Ukraine");
    assert_eq!((ukraine.kind, ukraine.mentions.len()), (Place, 3));
    let text = "Indiana House Speaker Brian Bosma said the bill would pass.";
    let all = entities(text);
    assert_eq!(entity_of(&all, "Brian Bosma").kind, Person);
    no_mention(&all, "Indiana House Speaker Brian Bosma");
}
