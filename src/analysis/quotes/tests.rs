use super::*;
use crate::analysis::blocks::split_blocks;
use crate::analysis::entities::EntityKind;

fn quotes(text: &str) -> Vec<Quote> {
    find_quotes(text, &split_blocks(text), &[])
}

/// (quoted text, speaker name) pairs.
fn said(text: &str) -> Vec<(&str, Option<String>)> {
    quotes(text)
        .into_iter()
        .map(|q| (&text[q.range], q.speaker.map(|s| s.name)))
        .collect()
}

fn speakers(text: &str) -> Vec<Option<String>> {
    said(text).into_iter().map(|(_, s)| s).collect()
}

fn some(name: &str) -> Option<String> {
    Some(name.to_string())
}

#[test]
fn x_said_and_said_x() {
    let text = "\"The plan is sound,\" Maria Keller said.\n\"It will fail,\" said Tom Briggs.";
    assert_eq!(speakers(text), [some("Maria Keller"), some("Tom Briggs")]);
}

#[test]
fn x_told_reporters() {
    let text = "\"We are not leaving,\" Ahmed Saleh told reporters in Cairo.";
    let found = quotes(text);
    let speaker = found[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "Ahmed Saleh");
    assert_eq!(&text[speaker.range.clone()], "Ahmed Saleh");
    assert_eq!(found[0].how, Some(How::Adjacent));
}

#[test]
fn long_sentence_then_said_x() {
    let text = "The visit was a bid to win allies in the region, said analyst Ben Ode, a fellow at a think tank.\n\
        \"It may work,\" he said.";
    assert_eq!(speakers(text), [some("Ben Ode")]);
}

#[test]
fn x_a_y_said() {
    let text = "\"Prices will rise,\" Lena Ortiz, an economist at the Bank of Spain, said.";
    assert_eq!(speakers(text), [some("Lena Ortiz")]);
}

#[test]
fn according_to_x() {
    let text = "The talks were \"close to collapse,\" according to Hans Vogel.";
    assert_eq!(speakers(text), [some("Hans Vogel")]);
}

#[test]
fn x_was_quoted_as_saying_by_channel() {
    let text = "\"The border stays shut,\" Gen. Omar Bashir was quoted as saying by the Sudan News Agency.";
    let found = quotes(text);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Omar Bashir");
    assert_eq!(found[0].channel.as_ref().unwrap().name, "Sudan News Agency");
}

#[test]
fn agency_quoted_x_as_saying() {
    let text = "\"We expect results,\" Yonhap quoted Mr Park as saying on Monday.";
    let found = quotes(text);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Park");
    let channel = found[0].channel.as_ref().unwrap();
    assert_eq!(
        (channel.name.as_str(), &text[channel.range.clone()]),
        ("Yonhap", "Yonhap")
    );
}

#[test]
fn surname_expands_to_the_full_name_given_earlier() {
    let text = "Interior Minister Petra Lind spoke on Monday.\n\"No comment,\" Ms Lind said.";
    let found = quotes(text);
    let speaker = found[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "Petra Lind");
    assert_eq!(&text[speaker.range.clone()], "Lind");
}

#[test]
fn pronoun_resolves_to_latest_fitting_speaker() {
    let text = "Mr Grant said the vote was close. Ms Ruiz said it was not.\n\
        \"We lost by a hair,\" he said.\n\"We will try again,\" she added.";
    let found = quotes(text);
    let names: Vec<_> = found
        .iter()
        .map(|q| q.speaker.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(names, ["Grant", "Ruiz"]);
    assert_eq!(found[0].how, Some(How::Pronoun));
    assert_eq!(
        &text[found[0].speaker.as_ref().unwrap().range.clone()],
        "he"
    );
}

#[test]
fn pronoun_skips_organisations() {
    let text = "Dana White said the deal was done. The ministry said nothing.\n\"It is signed,\" she said.";
    assert_eq!(speakers(text), [some("Dana White")]);
}

#[test]
fn pronoun_without_antecedent_stays_unknown() {
    assert_eq!(speakers("\"We are done,\" he said."), [None]);
    let text = "The Senate said the bill passed.\n\"We are done,\" she said.";
    assert_eq!(speakers(text), [None]);
}

#[test]
fn pronoun_without_gender_evidence_offers_the_other_speaker() {
    let text = "Taru Kim said one thing. Okko Lee said another.\n\"Both are true,\" he said.";
    let found = quotes(text);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Okko Lee");
    let alternatives: Vec<_> = found[0]
        .alternatives
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(alternatives, ["Taru Kim"]);
}

#[test]
fn quote_split_around_he_said() {
    let text = "\"We have contacts,\" Ivan Petrov said, adding that talks went on. \"If experts agree, we will help.\"";
    let found = quotes(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].speaker.as_ref().unwrap().name, "Ivan Petrov");
    assert_eq!(found[1].how, Some(How::Continued));
}

#[test]
fn quote_split_by_the_clause_in_the_middle() {
    let text = "\"We tried,\" Ana Reyes said, \"but the money ran out.\"";
    let found = quotes(text);
    let names: Vec<_> = found
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(names, [Some("Ana Reyes"), Some("Ana Reyes")]);
    assert_eq!(found[1].how, Some(How::Adjacent));
    assert_eq!(found[1].kind, QuoteKind::Full);
}

#[test]
fn continued_quote_across_paragraphs_keeps_the_speaker() {
    let text = "\"It began in May,\" Ana Reyes said. \"Nobody knew.\n\"Then it spread.\"";
    let found = quotes(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].inner.len(), 2);
    assert_eq!(found[1].speaker.as_ref().unwrap().name, "Ana Reyes");
}

/// Inputs that once made the search quadratic still come out whole (their speed is
/// measured by `benches/analysis.rs` and `tests/analysis_scaling.rs`, not timed here).
#[test]
fn pathological_text_is_analysed_whole() {
    let many_quotes = "\"a\" said Lee ".repeat(20_000);
    assert_eq!(quotes(&many_quotes).len(), 20_000);
    let capitals = "Said ".repeat(40_000);
    assert!(quotes(&capitals).is_empty());
}

#[test]
fn speaker_named_after_the_second_part_covers_the_first() {
    let text = "\"This is the start.\" \"And it will go on,\" Sara Cole said.";
    assert_eq!(speakers(text), [some("Sara Cole"), some("Sara Cole")]);
}

#[test]
fn partial_quote_inside_a_sentence() {
    let text = "Mr Okafor said the government was \"ready to talk\" with the unions.";
    let found = quotes(text);
    assert_eq!(found[0].kind, QuoteKind::Partial);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Okafor");
    assert_eq!(found[0].how, Some(How::Sentence));
}

#[test]
fn speaker_before_colon_on_the_previous_line() {
    let text = "Chief Inspector Ruth Adams told the inquiry:\n\"Nobody warned us.\"";
    assert_eq!(speakers(text), [some("Ruth Adams")]);
}

#[test]
fn quote_across_paragraphs() {
    let text = "\"The first years were hard.\n\n\"Then the money came,\" Leo Marsh said.\nAfter.";
    let found = quotes(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].inner.len(), 2);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Leo Marsh");
}

#[test]
fn nested_quotes_stay_inside() {
    let text = "\"They called it 'a disaster' on air,\" Nina Hart said.";
    let found = quotes(text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].nested[0].clone()], "'a disaster'");
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Nina Hart");
}

#[test]
fn curly_quotes() {
    let text = "“The harvest failed,” the farmers’ union said.\n“Again,” she said.";
    let found = said(text);
    assert_eq!(found[0].0, "“The harvest failed,”");
    assert_eq!(found[1].0, "“Again,”");
}

#[test]
fn scare_quotes_get_no_invented_speaker() {
    let text = "Officials said the group was \"undesirable\" and closed it.";
    let found = quotes(text);
    assert_eq!(found[0].kind, QuoteKind::Scare);
    assert!(found[0].speaker.is_none());
    let text = "\"Never,\" Rosa Diaz said.";
    assert_eq!(speakers(text), [some("Rosa Diaz")]);
}

#[test]
fn no_reporting_clause_no_speaker() {
    let text = "A newspaper ran the headline: \"Rain Ruins Harvest Festival Again\".";
    assert_eq!(speakers(text), [None]);
}

#[test]
fn speakers_link_to_covering_entities() {
    let text = "Mr Lavrov spoke. \"Yes, we agree,\" Lavrov said.";
    let at = text.rfind("Lavrov").unwrap();
    let entities = vec![Entity {
        name: "Sergei Lavrov".into(),
        kind: EntityKind::Person,
        mentions: vec![3..9, at..at + 6],
    }];
    let found = find_quotes(text, &split_blocks(text), &entities);
    let speaker = found[0].speaker.as_ref().unwrap();
    assert_eq!(
        (speaker.name.as_str(), speaker.entity),
        ("Sergei Lavrov", Some(0))
    );
}

#[test]
fn citation_tags_are_not_quotes() {
    let text = "<cite speaker=\"Ann Roe\">\"We won,\"</cite> Ann Roe said.";
    let found = said(text);
    assert_eq!(found, [("\"We won,\"", some("Ann Roe"))]);
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_string(text in "\\PC{0,200}") {
        let _ = quotes(&text);
    }

    #[test]
    fn never_panics(text in "([\"“”‘’' ,.:\n]|he|said|Lavrov|Mr|<cite>|é){0,40}") {
        let found = quotes(&text);
        for q in found {
            proptest::prop_assert!(q.range.start <= q.range.end && q.range.end <= text.len());
        }
    }
}

#[test]
fn partial_quote_after_a_participle_belongs_to_the_clause_subject() {
    let text = "Nora Vance wrote a long post on Friday, calling the plan \"a gift to the rich\" and worse.";
    assert_eq!(speakers(text), [some("Nora Vance")]);
    let text = "Nora Vance on Friday called the plan \"a gift to the rich and nobody else\".";
    assert_eq!(speakers(text), [some("Nora Vance")]);
}

#[test]
fn sentence_subject_after_an_introductory_phrase() {
    let text = "On Sunday, Omar Reyes told voters the race was \"far from over, believe me\".";
    assert_eq!(speakers(text), [some("Omar Reyes")]);
}

#[test]
fn parenthesis_and_several_appositions_between_name_and_verb() {
    let text = "\"We will block it,\" Rep. Lena Park (D-Ore), the ranking member, said.";
    assert_eq!(speakers(text), [some("Lena Park")]);
    let text = "\"It is unlawful,\" Abe Stone, the Republican attorney general of Utah, one of the states suing, said.";
    assert_eq!(speakers(text), [some("Abe Stone")]);
}

#[test]
fn person_after_an_organisation_and_a_role() {
    let text = "\"He won the night,\" said Channel Nine host Dara Quinn.";
    assert_eq!(speakers(text), [some("Dara Quinn")]);
}

#[test]
fn dash_byline_names_the_speaker() {
    let text =
        "\"I will vote for the first time this year.\" ― Lucia Ferro\n\"Not me.\" — Tom Ashby.";
    assert_eq!(speakers(text), [some("Lucia Ferro"), some("Tom Ashby")]);
}

#[test]
fn speaker_name_comes_without_its_title() {
    let text = "\"We failed our customers,\" said Acme Bank CEO John Stamper.";
    let mention = text.find("Acme").unwrap()..text.len() - 1;
    let entities = vec![Entity {
        name: "Acme Bank CEO John Stamper".into(),
        kind: EntityKind::Person,
        mentions: vec![mention],
    }];
    let found = find_quotes(text, &split_blocks(text), &entities);
    let speaker = found[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "John Stamper");
    assert_eq!(speaker.descriptor.as_deref(), Some("Acme Bank CEO"));
}

#[test]
fn a_surname_that_is_also_a_title_stays_a_name() {
    let text = "\"Turnout decides it,\" said Charlie King, a party organiser.";
    assert_eq!(speakers(text), [some("Charlie King")]);
}

#[test]
fn pronoun_follows_first_name_gender_and_sentence_subjects() {
    let text = "Hillary Tran spoke after Donald Moss. Donald Moss said little.\n\
        \"We will win,\" she said.";
    assert_eq!(speakers(text), [some("Hillary Tran")]);
    let text = "Mr Oduya met the mayor. Grace Obi agreed with him on the budget.\n\
        \"It is fair,\" she said.";
    assert_eq!(speakers(text), [some("Grace Obi")]);
}

#[test]
fn quote_opening_a_paragraph_carries_on_the_previous_speaker() {
    let text = "\"The levy is fair,\" Ines Vola said.\n\"It pays for the schools and the roads.\"\n\
        The council met.\n\"Nobody asked us about any of this.\"";
    assert_eq!(speakers(text), [some("Ines Vola"), some("Ines Vola"), None]);
}

#[test]
fn single_marks_in_a_headline_are_not_quotations() {
    let text = "Senator Calls Budget Deal ‘Reckless Gamble’ After Vote\n\
        The senator called it a 'reckless gamble that nobody needed' on Friday.";
    let found = said(text);
    assert_eq!(found.len(), 1);
    assert!(found[0].0.starts_with("'reckless"));
}

#[test]
fn a_surname_is_not_the_place_that_ends_with_it() {
    let text = "Kate York met officials in New York. \"We are ready,\" York said.";
    let place = text.find("New York").unwrap();
    let surname = text.rfind("York").unwrap();
    let entities = vec![Entity {
        name: "New York".into(),
        kind: EntityKind::Place,
        mentions: vec![place..place + 8, surname..surname + 4],
    }];
    let found = find_quotes(text, &split_blocks(text), &entities);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Kate York");
}

#[test]
fn transcript_turns_are_quoted_by_their_labels() {
    let text = "Host Dana Whitfield asked Governor Sam Okafor about the pier on Sunday.\n\n\
                \"WHITFIELD: Will the pier close this year?\n\n\
                \"OKAFOR: Not this year. The money is not there.\n\n\
                \"It will have to wait.";
    let found = said(text);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0].1, some("Dana Whitfield"));
    assert_eq!(found[1].1, some("Sam Okafor"));
    // The paragraph after a turn carries on its speaker.
    assert_eq!(found[2].1, some("Sam Okafor"));
}

#[test]
fn the_outlet_of_an_interview_is_the_channel_not_the_speaker() {
    let text = "\"The pier will close,\" Jo Lee said in an interview with Reuters on Monday.";
    let found = quotes(text);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Jo Lee");
    assert_eq!(found[0].channel.as_ref().unwrap().name, "Reuters");
}

#[test]
fn a_function_word_opening_the_sentence_is_not_a_speaker() {
    let text =
        "During the debate, the mayor called the pier \"a danger to every boat in the bay.\"";
    assert_eq!(speakers(text), [None]);
}

#[test]
fn a_description_is_the_person_introduced_with_it() {
    let text = "Josh Earnest, the White House spokesman, spoke first. Ann Lee came later.\n\
\"We disagree,\" the spokesman said.";
    let found = quotes(text);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Josh Earnest");
    assert_eq!(found[0].how, Some(How::Description));
    let text = "White House spokesman Josh Earnest met Sen. Ann Lee.\n\
\"No,\" the senator said. \"Yes,\" the spokesman added.";
    assert_eq!(speakers(text), [some("Ann Lee"), some("Josh Earnest")]);
}

#[test]
fn a_description_is_the_latest_introduction_with_its_role_and_offers_the_others() {
    let text = "Senator Marco Diaz met Senator Bernie Sand.\n\"We will not,\" the senator said.";
    let found = quotes(text);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "Bernie Sand");
    let others: Vec<_> = found[0]
        .alternatives
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(others, ["Marco Diaz"]);
    // The vice president is not "the president"; a later "he" is the person described.
    let text = "President Ana Ruiz spoke. Vice President Tom Bell came later.\n\
\"We stand,\" the president said. \"We stay,\" she added.";
    assert_eq!(speakers(text), [some("Ana Ruiz"), some("Ana Ruiz")]);
}

#[test]
fn a_description_nobody_was_introduced_with_names_no_one() {
    assert_eq!(speakers("\"No,\" the spokesman said."), [None]);
    assert_eq!(speakers("\"No,\" the Republican nominee said."), [None]);
    // Unless it is the thing of a person or organisation: "the IMF report".
    let text = "\"Growth slows,\" the IMF report said.";
    let at = text.find("IMF").unwrap();
    let mention = at..at + 3;
    let entities = vec![Entity {
        name: "IMF".into(),
        kind: EntityKind::Organization,
        mentions: vec![mention],
    }];
    let found = find_quotes(text, &split_blocks(text), &entities);
    assert_eq!(found[0].speaker.as_ref().unwrap().name, "IMF");
}

#[test]
fn unsure_speakers_offer_the_neighbouring_speakers() {
    let text = "\"We will win,\" Ann Lee said.\n\n\"It is over now.\"\n\n\"No, it is not,\" Tom Bell said.";
    let found = quotes(text);
    assert_eq!(found[1].speaker.as_ref().unwrap().name, "Ann Lee");
    assert_eq!(found[1].how, Some(How::Carried));
    let others: Vec<_> = found[1]
        .alternatives
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(others, ["Tom Bell"]);
    assert!(found[0].alternatives.is_empty() && found[2].alternatives.is_empty());
}
