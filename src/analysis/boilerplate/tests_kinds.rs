//! Tests of what a block is, decided by its shape and place rather than one word: questions
//! over their answers, quotations in the story, letters and offers to the reader, captions.

use super::*;
use crate::analysis::split_blocks;

fn flagged(text: &str) -> Vec<(String, Category)> {
    let blocks = split_blocks(text);
    classify(text, &blocks)
        .into_iter()
        .map(|v| (blocks[v.block].text(text).to_string(), v.category))
        .collect()
}

fn category_of(flags: &[(String, Category)], line: &str) -> Option<Category> {
    flags.iter().find(|(t, _)| t == line).map(|(_, c)| *c)
}

const PARAGRAPHS: [&str; 4] = [
    "The harbour authority said on Monday that the northern pier would close for six months while engineers replace the timber supports, which have rotted after decades of salt water.",
    "Fishing crews who use the pier will be moved to a temporary berth on the eastern side of the bay, a change that some of them say will add an hour to every trip.",
    "The authority said the work had been planned for years but was brought forward after an inspection in the spring found that two of the main beams were close to failing.",
    "A public meeting about the closure will be held at the town hall next week, and the authority has promised to publish the full inspection report before then.",
];

#[test]
fn questions_over_their_answers_stay_and_their_list_above_goes() {
    let questions = [
        "When will the northern pier close for the repairs?",
        "Where will the fishing crews berth in the meantime?",
        "Who decided to bring the work forward this year?",
    ];
    let mut lines = vec!["Harbour pier questions answered", "In this article"];
    lines.extend(questions);
    for (q, a) in questions.iter().zip(&PARAGRAPHS) {
        lines.extend([*q, *a]);
    }
    let text = lines.join("\n");
    let flags = flagged(&text);
    let blocks = split_blocks(&text);
    let kept: Vec<&str> = (0..blocks.len())
        .filter(|&i| !classify(&text, &blocks).iter().any(|v| v.block == i))
        .map(|i| blocks[i].text(&text))
        .collect();
    for (q, a) in questions.iter().zip(&PARAGRAPHS) {
        let at = kept
            .iter()
            .position(|k| k == q)
            .expect("the question stays");
        assert_eq!(kept.get(at + 1), Some(a), "{q} is followed by its answer");
    }
    assert!(
        flags.iter().any(|(_, c)| *c == Category::Duplicate),
        "{flags:?}"
    );
}

#[test]
fn a_quotation_repeated_in_the_story_is_not_a_duplicate() {
    let quote = "\u{201c}We cannot keep patching a pier that is older than anyone who works on it,\u{201d} the harbour master said.";
    let mut lines = vec!["Harbour pier to close for repairs"];
    lines.extend([
        PARAGRAPHS[0],
        quote,
        PARAGRAPHS[1],
        PARAGRAPHS[2],
        quote,
        PARAGRAPHS[3],
    ]);
    let flags = flagged(&lines.join("\n"));
    assert_eq!(category_of(&flags, quote), None, "{flags:?}");
}

#[test]
fn a_letter_opening_with_a_favour_to_ask_goes_with_the_letter() {
    let opening = "\u{2026} we have a small favor to ask. As you may have heard, the Coastal Courier has reported on the harbour for ninety years without a single owner telling it what to print.";
    let mut lines = vec!["Harbour pier to close for repairs"];
    lines.extend(PARAGRAPHS);
    lines.extend([
        opening,
        "We, the journalists of the Courier, refuse to stop. But we need your help to continue our work, and we are asking you to join the readers who already support us.",
        "Your support, no matter how small, makes a world of difference. If you can, please support us monthly and donate from just two dollars.",
    ]);
    let flags = flagged(&lines.join("\n"));
    assert_eq!(
        category_of(&flags, opening),
        Some(Category::Appeal),
        "{flags:?}"
    );
    assert_eq!(category_of(&flags, PARAGRAPHS[3]), None);
}

#[test]
fn reported_speech_with_we_and_support_is_story() {
    let reported = "\u{201c}We will support every family that asks for help,\u{201d} the mayor wrote in a letter to residents on Sunday, adding that the council had set money aside.";
    let mut lines = vec!["Harbour pier to close for repairs"];
    lines.extend([PARAGRAPHS[0], PARAGRAPHS[1], reported, PARAGRAPHS[2]]);
    let flags = flagged(&lines.join("\n"));
    assert_eq!(category_of(&flags, reported), None, "{flags:?}");
}

#[test]
fn a_caption_and_its_full_text_are_captions() {
    let full = "Harbour workers unloading a container ship at the northern pier over the weekend.";
    let credited = "Harbour workers unloading a container ship at the northern\u{2026} (Jane Roe/Example Images)";
    let mut lines = vec!["Harbour pier to close for repairs", full, credited];
    lines.extend(PARAGRAPHS);
    let flags = flagged(&lines.join("\n"));
    assert_eq!(
        category_of(&flags, full),
        Some(Category::Caption),
        "{flags:?}"
    );
    assert_eq!(category_of(&flags, credited), Some(Category::Caption));
}

#[test]
fn the_site_offering_its_own_product_is_an_appeal() {
    let offer = "Get access to the fastest growing harbour newsletter, Coastal Courier Plus, for as little as $2 a month. Coastal Courier Plus offers you all the subscriptions and tide tables you need.";
    let mut lines = vec!["Harbour pier to close for repairs - Coastal Courier"];
    lines.extend(PARAGRAPHS);
    lines.push(offer);
    let flags = flagged(&lines.join("\n"));
    assert_eq!(
        category_of(&flags, offer),
        Some(Category::Appeal),
        "{flags:?}"
    );
}

#[test]
fn a_wire_headline_with_a_label_is_the_headline_not_a_link() {
    let mut lines = vec!["The Latest: Harbour pier to close for six months."];
    lines.extend(PARAGRAPHS);
    let text = lines.join("\n");
    let flags = flagged(&text);
    assert_eq!(flags, vec![], "{flags:?}");
    // The same line between two paragraphs is a link to another article.
    let mut lines = PARAGRAPHS[..2].to_vec();
    lines.push("Related: Harbour pier to close for six months");
    lines.extend(&PARAGRAPHS[2..]);
    let text = lines.join("\n");
    assert_eq!(
        category_of(
            &flagged(&text),
            "Related: Harbour pier to close for six months"
        ),
        Some(Category::TeaserList)
    );
}

#[test]
fn a_credit_line_over_a_review_stays_with_it() {
    let credit = "Tested by: Jane Roe RRP: £40 More info: www.example.com/pier-guide | +44 (0)20 7946 0000 extension 12 and 13";
    let mut lines = vec!["Home", "Reviews", "Shop", credit];
    lines.extend(PARAGRAPHS);
    lines.extend(["About us", "Contact"]);
    let text = lines.join("\n");
    let flags = flagged(&text);
    assert_eq!(category_of(&flags, credit), None, "{flags:?}");
    assert!(category_of(&flags, "Shop").is_some(), "{flags:?}");
}

#[test]
fn a_table_keeps_its_notes_and_a_list_of_teasers_beside_it_goes() {
    let mut lines = vec![
        "Menu",
        "Race calendar 2031",
        "Round 1: 10 March – Harbour Circuit",
        "Round 2: 8 April – North Ring",
        "Round 3: 22 April – Valley Park",
        "Round 4: 6 May – Coast Road",
        "Round 5: 20 May – Old Airfield",
        "Round 6: 5 August – Harbour Circuit",
        "Round 7: 19 August – to be announced",
        "Round 8: 9 September – Hill Ring",
        "Round 9: 23 September – Lake Circuit",
        "Round 10: 21 October – North Ring",
        "Round 11: 4 November – to be announced",
        "Round 12: 9 December – Harbour Circuit",
        "* Dates may change at the organiser's request",
        "* Calendar published by the series in January",
        "Share this",
        "Tags",
        "calendar 2031, harbour circuit, north ring, valley park, coast road",
        "Columns",
        "Advertising",
        "Rankings",
        "Videos",
        "Forum",
    ];
    let teasers = [
        "» Driver rankings",
        "Tap the picture above to see how the drivers stand after the latest round of the championship and over the whole season so far.",
        "» Race preview",
        "See the television times for the next race, learn about the circuit, the tyres, the weather for practice and the race, and watch videos of last year.",
        "» Podcast episode 29",
        "Our weekly talk about everything that has happened in motor sport this week returns for its twelfth season with guests from the paddock!",
        "» Practice times",
        "Use the picture beside this box to find every date, place and time of every practice session and race of the season.",
    ];
    lines.extend(teasers);
    lines.extend(["Privacy policy", "Contact"]);
    let text = lines.join("\n");
    let flags = flagged(&text);
    for kept in [
        "Round 3: 22 April – Valley Park",
        "* Dates may change at the organiser's request",
    ] {
        assert_eq!(category_of(&flags, kept), None, "{kept}: {flags:?}");
    }
    assert!(category_of(&flags, teasers[3]).is_some(), "{flags:?}");
}
