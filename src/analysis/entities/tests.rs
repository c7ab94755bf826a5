//! Hand-written cases for every hard case the recogniser handles.

use super::{Entity, EntityKind, recognize};
use crate::analysis::split_blocks;

fn entities(text: &str) -> Vec<Entity> {
    recognize(text, &split_blocks(text))
}

/// Every mention's text, in text order.
fn mentions(text: &str) -> Vec<&str> {
    let mut ranges: Vec<_> = entities(text)
        .into_iter()
        .flat_map(|e| e.mentions)
        .collect();
    ranges.sort_by_key(|r| r.start);
    ranges.into_iter().map(|r| &text[r]).collect()
}

/// The entity one mention (by its text) belongs to.
fn entity_of(text: &str, mention: &str) -> Entity {
    entities(text)
        .into_iter()
        .find(|e| e.mentions.iter().any(|r| &text[r.clone()] == mention))
        .unwrap_or_else(|| panic!("no mention {mention:?} in {:?}", mentions(text)))
}

fn kind_of(text: &str, mention: &str) -> EntityKind {
    entity_of(text, mention).kind
}

#[test]
fn titles_and_honorifics_are_not_part_of_the_name() {
    let text = "Foreign Minister Sergei Lavrov met Mr Putin and Dr. Jane Goodall on Monday.";
    assert_eq!(mentions(text), ["Sergei Lavrov", "Putin", "Jane Goodall"]);
    assert_eq!(kind_of(text, "Putin"), EntityKind::Person);
}

#[test]
fn possessives_are_excluded_from_the_mention() {
    let text = "The plan was Merkel's idea, and Germany\u{2019}s parliament backed it.";
    assert_eq!(mentions(text), ["Merkel", "Germany"]);
    assert_eq!(kind_of(text, "Germany"), EntityKind::Place);
}

#[test]
fn all_caps_datelines_and_sentence_starts() {
    let text = "PYONGYANG \u{2022} The talks ended early.\nMOSCOW \u{2014} Officials said little.";
    assert_eq!(mentions(text), ["PYONGYANG", "MOSCOW"]);
    assert_eq!(kind_of(text, "MOSCOW"), EntityKind::Place);
}

#[test]
fn words_seen_in_lower_case_are_not_names_at_sentence_start() {
    let text = "Shares fell sharply.\nTraders said the shares had risen in Tokyo.";
    assert_eq!(mentions(text), ["Tokyo"]);
}

#[test]
fn hyphenated_particle_and_initialled_names() {
    let text = "The envoy Kim Sung-hwan spoke to Osama bin Laden's aide, \
                Rafael van der Vaart and the writer John M. Glionna.";
    assert_eq!(
        mentions(text),
        [
            "Kim Sung-hwan",
            "Osama bin Laden",
            "Rafael van der Vaart",
            "John M. Glionna"
        ]
    );
}

#[test]
fn bracketed_insertions_are_mentions() {
    let text = "Kim Jong Il arrived on Sunday. \"We welcome [Kim],\" an official said.";
    let kim = entity_of(text, "Kim Jong Il");
    assert_eq!(kim.mentions.len(), 2);
    assert_eq!(kim.kind, EntityKind::Person);
}

#[test]
fn organizations_by_their_head_word() {
    let text = "Officials at the Korean Central News Agency and the Russian Foreign Ministry \
                spoke to the Los Angeles Times.";
    assert_eq!(
        kind_of(text, "Korean Central News Agency"),
        EntityKind::Organization
    );
    assert_eq!(
        kind_of(text, "Russian Foreign Ministry"),
        EntityKind::Organization
    );
    assert_eq!(kind_of(text, "Los Angeles Times"), EntityKind::Organization);
}

#[test]
fn types_from_lexicons() {
    let text = "Brazilian officials flew from Paris to Nairobi to meet Mary Robinson.";
    assert_eq!(kind_of(text, "Brazilian"), EntityKind::Other);
    assert_eq!(kind_of(text, "Paris"), EntityKind::Place);
    assert_eq!(kind_of(text, "Nairobi"), EntityKind::Place);
    assert_eq!(kind_of(text, "Mary Robinson"), EntityKind::Person);
}

#[test]
fn short_forms_link_to_the_full_name() {
    let text = "President Vladimir Putin arrived. Mr Putin said Putin's plan stood, \
                and President Putin left.";
    let putin = entity_of(text, "Vladimir Putin");
    assert_eq!(putin.name, "Vladimir Putin");
    assert_eq!(putin.mentions.len(), 4);
    assert_eq!(putin.kind, EntityKind::Person);
}

#[test]
fn an_ambiguous_surname_links_to_the_most_recent_full_name() {
    let text = "Kim Jong Il met envoys.\nKim praised the food.\n\
                Later Kim Sung-hwan, the minister, arrived.\nKim said the talks went well.";
    let jong_il = entity_of(text, "Kim Jong Il");
    let sung_hwan = entity_of(text, "Kim Sung-hwan");
    assert_ne!(jong_il, sung_hwan);
    let second_line = text.find("Kim praised").unwrap();
    let last_line = text.find("Kim said").unwrap();
    assert!(jong_il.mentions.iter().any(|r| r.start == second_line));
    assert!(sung_hwan.mentions.iter().any(|r| r.start == last_line));
}

#[test]
fn a_surname_before_the_full_name_links_forward() {
    let text = "SHEARER SCORES AGAIN\nAlan Shearer scored twice for Newcastle.";
    let shearer = entity_of(text, "Alan Shearer");
    assert_eq!(shearer.mentions.len(), 2);
    assert_eq!(shearer.kind, EntityKind::Person);
}

#[test]
fn a_nationality_before_a_name_is_its_own_mention() {
    let text = "He will fight Mexican Ariel Cruz and the ex-England striker next month.";
    assert_eq!(mentions(text), ["Mexican", "Ariel Cruz", "ex-England"]);
    assert_eq!(kind_of(text, "Mexican"), EntityKind::Other);
    assert_eq!(kind_of(text, "Ariel Cruz"), EntityKind::Person);
    assert_eq!(kind_of(text, "ex-England"), EntityKind::Other);
    assert_eq!(
        kind_of("N. Korean officials came.", "N. Korean"),
        EntityKind::Other
    );
}

#[test]
fn teams_on_results_lines_are_clubs_or_countries() {
    let text = "Results on Sunday:\nPohang 3 Ulsan 2\nRomania 2 Lithuania 1";
    assert_eq!(kind_of(text, "Pohang"), EntityKind::Organization);
    assert_eq!(kind_of(text, "Ulsan"), EntityKind::Organization);
    assert_eq!(kind_of(text, "Romania"), EntityKind::Place);
    assert_eq!(kind_of(text, "Lithuania"), EntityKind::Place);
}

#[test]
fn title_case_headlines_use_the_lexicons() {
    let text =
        "Police Arrest Suspects In Berlin After Raid\nThe police said more arrests may follow.";
    assert_eq!(mentions(text), ["Berlin"]);
}

#[test]
fn cities_in_team_sports_reports_are_clubs_unless_tied_to_a_place() {
    let text = "SOCCER - HOLLOWAY STUN DERBY IN CUP.\nLEEDS 1997-03-02\n\
        Bristol beat Sheffield 2-1 in the league on Saturday, the club said.\n\
        The striker scored twice for Bristol before the halftime whistle in Leeds.\n\
        Wales drew with Moldova.";
    assert_eq!(kind_of(text, "Bristol"), EntityKind::Organization);
    assert_eq!(kind_of(text, "Sheffield"), EntityKind::Organization);
    assert_eq!(kind_of(text, "LEEDS"), EntityKind::Place);
    assert_eq!(kind_of(text, "Leeds"), EntityKind::Place);
    assert_eq!(kind_of(text, "Wales"), EntityKind::Place);
}

#[test]
fn cities_outside_team_sports_stay_places() {
    let text = "The mayor of Bristol said Sheffield would host the talks.";
    assert_eq!(kind_of(text, "Bristol"), EntityKind::Place);
    assert_eq!(kind_of(text, "Sheffield"), EntityKind::Place);
}

#[test]
fn a_city_and_its_club_in_one_report_are_two_entities() {
    let text = "BASKETBALL - RESULTS.\nChicago 98 Denver 91\n\
        In Chicago, the home side led at halftime in the league game.";
    let club = entity_of(text, "Chicago");
    assert_eq!(club.kind, EntityKind::Organization);
    assert_eq!(club.mentions.len(), 1);
    let city = entities(text)
        .into_iter()
        .find(|e| e.kind == EntityKind::Place && e.name == "Chicago");
    assert!(city.is_some(), "{:?}", entities(text));
}

#[test]
fn a_place_word_does_not_join_a_longer_name_of_another_kind() {
    let text = "Workers at Air France went on strike.\nFrance said on Monday it would talk.";
    assert_eq!(kind_of(text, "Air France"), EntityKind::Organization);
    assert_eq!(kind_of(text, "France"), EntityKind::Place);
}

#[test]
fn names_made_of_a_place_and_an_ordinary_word_are_bodies() {
    let text = "Analysts said Karachi Cement and Smith & Wesson gained, while shares \
        in the South China region fell.";
    assert_eq!(kind_of(text, "Karachi Cement"), EntityKind::Organization);
    assert_eq!(kind_of(text, "Smith & Wesson"), EntityKind::Organization);
    assert_eq!(kind_of(text, "South China"), EntityKind::Place);
}

#[test]
fn names_before_a_place_noun_are_places() {
    let text = "Rebels attacked a post in the Tavildara valley and near the Kofarnihon airport.";
    assert_eq!(kind_of(text, "Tavildara"), EntityKind::Place);
    assert_eq!(kind_of(text, "Kofarnihon"), EntityKind::Place);
}

#[test]
fn bodies_that_say_things_stay_bodies() {
    let text = "Shares in Norvik Holdings fell after the results.\nNorvik said it would cut \
        jobs.\nAnalysts expect Norvik to sell units, and the WTCA backed Norvik.";
    assert_eq!(kind_of(text, "WTCA"), EntityKind::Organization);
    let lone = "Velmar posted a loss.\nVelmar said it would cut jobs at Velmar plants.";
    assert_eq!(kind_of(lone, "Velmar"), EntityKind::Organization);
}

#[test]
fn based_and_led_compounds_are_not_part_of_the_next_name() {
    let text = "Shares of Ohio-based Kelbrook rose, and Toronto-based analysts agreed.";
    let found = mentions(text);
    assert!(found.contains(&"Kelbrook"), "{found:?}");
    assert!(
        !found.iter().any(|m| m.contains("Ohio-based ")),
        "{found:?}"
    );
}

#[test]
fn a_place_before_a_comma_and_a_country_is_a_place() {
    let text = "The plane came down over Dunmarra, Scotland, in 1990.";
    assert_eq!(kind_of(text, "Dunmarra"), EntityKind::Place);
}

#[test]
fn based_compounds_of_longer_names_are_other() {
    let text = "Analysts at the New York-based fund disagreed.";
    assert_eq!(kind_of(text, "New York-based"), EntityKind::Other);
}

#[test]
fn every_name_of_a_dateline_is_a_place() {
    let text =
        "RUGBY - HOSTS WIN AGAIN.\nHARLOW, Essex 1997-03-02\nHarlow beat Essex 12-9 in the league.";
    assert_eq!(kind_of(text, "HARLOW"), EntityKind::Place);
    let county = entities(text)
        .into_iter()
        .find(|e| e.kind == EntityKind::Place && e.name == "Essex");
    assert!(county.is_some(), "{:?}", entities(text));
}
