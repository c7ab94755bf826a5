//! End-to-end tests of the classifier on small hand-written pages.

use super::*;
use crate::analysis::split_blocks;

/// The flagged blocks of `text` as (text, category, twin text).
fn flagged_with(text: &str, context: &Context) -> Vec<(String, Category)> {
    let blocks = split_blocks(text);
    let verdicts = classify_with(text, &blocks, context);
    for v in &verdicts {
        assert!(!v.reason.is_empty(), "verdict without a reason: {v:?}");
    }
    verdicts
        .into_iter()
        .map(|v| (blocks[v.block].text(text).to_string(), v.category))
        .collect()
}

fn flagged(text: &str) -> Vec<(String, Category)> {
    flagged_with(text, &Context::default())
}

fn category_of(flags: &[(String, Category)], line: &str) -> Option<Category> {
    flags.iter().find(|(t, _)| t == line).map(|(_, c)| *c)
}

const STORY: [&str; 5] = [
    "The harbour authority said on Monday that the northern pier would close for six months while engineers replace the timber supports, which have rotted after decades of salt water.",
    "Fishing crews who use the pier will be moved to a temporary berth on the eastern side of the bay, a change that some of them say will add an hour to every trip.",
    "\"We were told about it on Friday,\" said one skipper.",
    "The authority said the work had been planned for years but was brought forward after an inspection in the spring found that two of the main beams were close to failing.",
    "A public meeting about the closure will be held at the town hall next week, and the authority has promised to publish the full inspection report before then.",
];

fn news_page() -> String {
    let mut lines = vec![
        "Harbour pier to close for repairs - The Coastal Courier",
        "Home",
        "News",
        "Sport",
        "Weather",
        "Opinion",
        "Home › News › Local",
        "Harbour pier to close for repairs",
        "By Jane Example",
        "PORTVILLE, March 3, 2031",
    ];
    lines.extend(STORY);
    lines.extend([
        "If you enjoyed this story, please support our journalism: subscribe today and share it with your friends.",
        "More from the Courier",
        "Council approves the new budget after a long debate about…",
        "Local school wins a national science prize for its work on…",
        "Ferry timetable changes announced for the summer season as the…",
        "© 2031 Coastal Courier Media. All rights reserved. Privacy policy and cookie settings.",
    ]);
    lines.join("\n")
}

#[test]
fn empty_text_has_no_verdicts() {
    assert!(flagged("").is_empty());
}

#[test]
fn story_headline_byline_dateline_and_short_quote_stay() {
    let page = news_page();
    let flags = flagged(&page);
    for line in STORY {
        assert_eq!(
            category_of(&flags, line),
            None,
            "story line flagged: {line}"
        );
    }
    for line in [
        "Harbour pier to close for repairs",
        "By Jane Example",
        "PORTVILLE, March 3, 2031",
    ] {
        assert_eq!(category_of(&flags, line), None, "head line flagged: {line}");
    }
}

#[test]
fn each_kind_of_furniture_gets_its_category() {
    let page = news_page();
    let flags = flagged(&page);
    let expect = [
        (
            "Harbour pier to close for repairs - The Coastal Courier",
            Category::Title,
        ),
        ("Sport", Category::Navigation),
        ("Home › News › Local", Category::Navigation),
        (
            "If you enjoyed this story, please support our journalism: subscribe today and share it with your friends.",
            Category::Appeal,
        ),
        (
            "Council approves the new budget after a long debate about…",
            Category::TeaserList,
        ),
        (
            "© 2031 Coastal Courier Media. All rights reserved. Privacy policy and cookie settings.",
            Category::Notice,
        ),
    ];
    for (line, category) in expect {
        assert_eq!(category_of(&flags, line), Some(category), "{line}");
    }
}

#[test]
fn captions_are_flagged_inside_the_story() {
    let mut lines: Vec<&str> = STORY[..2].to_vec();
    lines.push("Workers inspect the pier on Monday. (John Roe/Example Press Photo)");
    lines.extend(&STORY[2..]);
    let page = lines.join("\n");
    let flags = flagged(&page);
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].1, Category::Caption);
}

#[test]
fn repeated_blocks_point_to_the_copy_that_stays() {
    let mut lines: Vec<&str> = STORY.to_vec();
    lines.push("Related");
    lines.push(STORY[0]);
    let page = lines.join("\n");
    let blocks = split_blocks(&page);
    let verdicts = classify(&page, &blocks);
    let dup = verdicts
        .iter()
        .find(|v| v.category == Category::Duplicate)
        .expect("a duplicate verdict");
    assert_eq!(dup.block, 6);
    assert_eq!(dup.twin, Some(0));
    assert!(verdicts.iter().all(|v| v.block != 0));
}

#[test]
fn blocks_recurring_across_files_are_templates() {
    let mut lines: Vec<&str> = STORY.to_vec();
    let template = "The Coastal Courier is an independent paper owned by its readers since 1901.";
    lines.push(template);
    let page = lines.join("\n");
    assert_eq!(category_of(&flagged(&page), template), None);
    let context = Context::with_recurring([fingerprint(template)]);
    assert!(context.recurs(fingerprint(
        "the coastal courier is an independent paper owned by its readers since 1901"
    )));
    assert_eq!(
        category_of(&flagged_with(&page, &context), template),
        Some(Category::Template)
    );
}

#[test]
fn german_story_stays_and_its_menu_goes() {
    let page = [
        "Startseite",
        "Politik",
        "Wirtschaft",
        "Kultur",
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss für ein halbes Jahr zu sperren, weil die Stützen nicht mehr sicher sind.",
        "Die Sanierung soll nach Angaben der Verwaltung rund zwei Millionen Euro kosten und im Herbst abgeschlossen werden, wenn das Wetter es zulässt.",
        "Anwohner kritisierten, dass sie erst aus der Zeitung von der Sperrung erfahren hätten, und forderten eine Umleitung für den Busverkehr.",
        "Impressum",
        "Datenschutz",
    ]
    .join("\n");
    let flags = flagged(&page);
    let kept: Vec<_> = split_blocks(&page)
        .iter()
        .map(|b| b.text(&page))
        .filter(|t| category_of(&flags, t).is_none())
        .collect();
    assert_eq!(kept.len(), 3, "{flags:?}");
    assert!(kept.iter().all(|t| t.ends_with('.')));
}

#[test]
fn story_in_a_language_without_a_word_list_stays() {
    let page = [
        "홈",
        "정치",
        "경제",
        "서울시는 월요일 새 교통 정책을 발표했다. 시민들은 대체로 환영했지만 일부는 우려를 나타냈다. 시는 다음 달부터 시범 운영을 시작할 계획이다.",
        "관계자는 시범 운영 결과를 보고 확대 여부를 결정하겠다고 말했다. 시는 또 버스 노선도 일부 조정할 예정이라고 밝혔다.",
        "Copyright © 2031 예시신문. All rights reserved.",
    ]
    .join("\n");
    let flags = flagged(&page);
    assert_eq!(flags.len(), 4, "{flags:?}");
    assert!(flags.iter().all(|(t, _)| !t.ends_with("밝혔다.")));
}

#[test]
fn reasons_are_short_specific_and_free_of_block_indices() {
    let page = news_page();
    let blocks = split_blocks(&page);
    let verdicts = classify(&page, &blocks);
    let appeal = verdicts
        .iter()
        .find(|v| v.category == Category::Appeal)
        .expect("an appeal");
    assert!(
        appeal.reason.contains("support") || appeal.reason.contains("subscribe"),
        "{:?}",
        appeal.reason
    );
    for v in &verdicts {
        for r in v.reasons() {
            assert!(r.len() <= 70, "long reason: {r}");
            assert!(!r.chars().any(|c| c.is_ascii_digit()), "index in: {r}");
        }
    }
}

#[test]
fn comment_thread_after_the_story_is_not_the_article() {
    let mut lines: Vec<&str> = vec!["Harbour pier to close for repairs"];
    lines.extend(STORY);
    lines.extend([
        "Comments",
        "Ann Lee on May 3, 2031 at 4:47 pm said:",
        "I have fished from that pier for thirty years and I never thought it would come to this, but the council should have acted long ago.",
        "Bo Smith on May 3, 2031 at 5:12 pm said:",
        "The timber was rotten when I was a boy, so it is no surprise to anyone who lives here that the beams are failing now.",
        "Cy Jones on May 4, 2031 at 9:03 pm said:",
        "Let us hope they finish the work before the summer season starts, or the town will lose a lot of visitors.",
    ]);
    let page = lines.join("\n");
    let flags = flagged(&page);
    for line in STORY {
        assert_eq!(
            category_of(&flags, line),
            None,
            "story line flagged: {line}"
        );
    }
    assert!(
        category_of(&flags, lines[lines.len() - 1]).is_some(),
        "comment kept: {flags:?}"
    );
    assert!(category_of(&flags, "Ann Lee on May 3, 2031 at 4:47 pm said:").is_some());
}

#[test]
fn a_recurring_line_inside_the_story_does_not_split_it() {
    let template = "The Coastal Courier is an independent paper owned by its readers since 1901.";
    for at in 1..STORY.len() {
        let mut lines: Vec<&str> = vec!["Harbour pier to close for repairs"];
        lines.extend(&STORY[..at]);
        lines.push(template);
        lines.extend(&STORY[at..]);
        lines.push("Comments");
        lines.push("Log in to reply");
        let page = lines.join("\n");
        let context = Context::with_recurring([fingerprint(template)]);
        let flags = flagged_with(&page, &context);
        assert!(category_of(&flags, template).is_some(), "{flags:?}");
        for line in STORY {
            assert_eq!(category_of(&flags, line), None, "split at {at}: {line}");
        }
    }
}

#[test]
fn a_long_comment_does_not_outweigh_a_short_post() {
    let long_comment = STORY[2..].join(" ");
    let mut lines: Vec<&str> = vec![STORY[0], STORY[1], "Posted in Harbour | 3 Comments"];
    lines.push("Comments");
    lines.extend([
        "Ann Lee on May 3, 2031 at 4:47 pm said:",
        "Is the pier going to reopen in time for the summer season?",
        "Bo Smith on May 3, 2031 at 9:12 am said:",
        long_comment.as_str(),
        "Cy Jones on May 4, 2031 at 10:03 am said:",
        "Thanks for the update.",
    ]);
    let page = lines.join("\n");
    let flags = flagged(&page);
    for line in &STORY[..2] {
        assert_eq!(category_of(&flags, line), None, "{flags:?}");
    }
    assert!(category_of(&flags, &long_comment).is_some(), "{flags:?}");
}

#[test]
fn a_story_cut_off_by_a_paywall_keeps_its_last_paragraph() {
    let cut = "The authority said the work had been planned for years but was brought forward after an inspection in the spring found that two of the main…";
    let mut lines: Vec<&str> = vec!["Harbour pier to close for repairs"];
    lines.extend(&STORY[..2]);
    lines.extend([cut, "Subscribe to read the full story", "Sign in"]);
    let page = lines.join("\n");
    let flags = flagged(&page);
    assert_eq!(category_of(&flags, cut), None, "{flags:?}");
    assert!(category_of(&flags, "Sign in").is_some(), "{flags:?}");
}

#[test]
fn a_table_after_the_story_stays_with_it() {
    let mut lines = vec!["Home", "News", "Sport"];
    lines.extend(STORY);
    lines.extend([
        "Tour dates",
        "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre",
        "June 10 – Tampa, FL @ Credit Union Amphitheatre",
        "June 14 – Alpharetta, GA @ Ameris Bank Amphitheatre",
        "June 17 – Nashville, TN @ Bridgestone Arena",
        "June 19 – Charlotte, NC @ Music Pavilion",
        "About us",
        "Contact",
    ]);
    let text = lines.join("\n");
    let flags = flagged(&text);
    assert_eq!(
        category_of(
            &flags,
            "June 14 – Alpharetta, GA @ Ameris Bank Amphitheatre"
        ),
        None
    );
    assert!(category_of(&flags, "About us").is_some());
}

#[test]
fn counts_in_brackets_are_a_menu_not_a_table() {
    let mut lines = vec!["Home", "News", "Sport"];
    lines.extend(STORY);
    lines.extend([
        "Categories",
        "Harbour News (15)",
        "Local Politics (47)",
        "Weather Reports (160)",
        "Fishing Fleet (5)",
        "Town Council (68)",
    ]);
    let text = lines.join("\n");
    let flags = flagged(&text);
    assert!(category_of(&flags, "Weather Reports (160)").is_some());
}

#[test]
fn a_button_repeated_under_each_comment_is_flagged_inside_the_story() {
    let mut lines = vec!["Home", "News", "Sport"];
    for (k, p) in STORY.iter().enumerate() {
        lines.push(p);
        if k < 3 {
            lines.push("Report");
        }
    }
    let text = lines.join("\n");
    let flags = flagged(&text);
    assert_eq!(category_of(&flags, "Report"), Some(Category::Navigation));
    assert_eq!(category_of(&flags, STORY[1]), None);
}

#[test]
fn the_paragraphs_of_an_appeal_letter_go_with_it() {
    let mut lines = vec!["Home", "News", "Sport"];
    lines.extend(STORY);
    let letter = [
        "A message from the Courier:",
        "Dear readers,",
        "We are facing hard times. Our newsroom has lost half of its income this year, and we do not know how long we can keep going.",
        "Your support, no matter how small, makes a world of difference. If you can, please donate to us today so that we can keep reporting.",
        "Remind me later.",
    ];
    lines.extend(letter);
    let text = lines.join("\n");
    let flags = flagged(&text);
    for line in letter {
        assert_eq!(category_of(&flags, line), Some(Category::Appeal), "{line}");
    }
    assert_eq!(category_of(&flags, STORY[4]), None);
}

#[test]
fn an_authors_box_after_the_story_is_an_aside() {
    let mut lines = vec!["Home", "News", "Sport"];
    lines.extend(STORY);
    lines.extend([
        "About Jane Example",
        "Jane Example has covered the harbour and the fishing fleet for the Courier since 2019, and lives in Portville with her two dogs.",
        "Contact",
    ]);
    let text = lines.join("\n");
    let flags = flagged(&text);
    assert_eq!(
        category_of(&flags, "About Jane Example"),
        Some(Category::Aside)
    );
    assert_eq!(category_of(&flags, STORY[4]), None);
}

#[test]
fn a_breadcrumb_above_the_article_is_navigation() {
    let mut lines = vec![
        "YOU ARE HERE: Example Home Collections",
        "Home",
        "News",
        "Harbour pier to close for repairs",
    ];
    lines.extend(STORY);
    let text = lines.join("\n");
    let flags = flagged(&text);
    assert_eq!(
        category_of(&flags, "YOU ARE HERE: Example Home Collections"),
        Some(Category::Navigation)
    );
}

#[test]
fn a_sign_off_after_the_story_is_its_byline() {
    let mut lines: Vec<&str> = STORY.to_vec();
    lines.extend([
        "Jane Doe, The Coastal Courier",
        "Most Read",
        "Storm closes coastal road for the second time this week",
        "Council votes to keep the library open on Sundays",
        "Local runner wins the harbour half marathon",
    ]);
    let text = lines.join("\n\n");
    let flags = flagged(&text);
    assert_eq!(
        category_of(&flags, "Jane Doe, The Coastal Courier"),
        None,
        "{flags:?}"
    );
    assert!(
        category_of(&flags, "Council votes to keep the library open on Sundays").is_some(),
        "{flags:?}"
    );
}
