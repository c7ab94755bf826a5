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
