use super::*;

/// An article of `site` with text of its own and the site's footer.
fn site_article(site: &str, n: usize) -> String {
    format!(
        "Story number {n} from the {site} desk\n\n\
         The {site} reporters covered event {n} this week, talking to {} witnesses who \
         described what they had seen in the market square on day {n}.\n\n\
         Officials said the inquiry into event {n} would report within {} months, and that \
         no further details would be released before then.\n\n\
         {}\n",
        n + 3,
        n + 2,
        footer(site)
    )
}

fn footer(site: &str) -> String {
    format!("The {site} Courier is published by the {site} Media Cooperative, 12 Harbour Road.")
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn offsets_count_code_points_past_emoji_and_cjk() {
    let text = "Emoji 😀 and 東京 first.\n\n“We will go,” said Vladimir Putin in Moscow.\n";
    let record = record(text).unwrap();
    assert!(!record.entities.is_empty());
    for entity in &record.entities {
        for m in &entity.mentions {
            assert_eq!(chars(text, m.start, m.end), m.text);
        }
    }
    let quote = &record.quotes[0];
    assert_eq!(quote.text, "“We will go,”");
    assert_eq!(chars(text, quote.start, quote.end), quote.text);
    assert_eq!(quote.start, text[..text.find('“').unwrap()].chars().count());
}

#[test]
fn text_clean_is_strip() {
    for text in [
        site_article("Elm", 1),
        "Subscribe to our newsletter today!\n\nA story.\n".into(),
    ] {
        assert_eq!(
            record(&text).unwrap().text_clean,
            crate::analysis::strip(&text)
        );
    }
}

#[test]
fn one_record_per_text_in_order_and_large_texts_refused() {
    let texts: Vec<String> = (0..12).map(|n| site_article(&format!("S{n}"), n)).collect();
    let options = Options {
        max_bytes: texts.iter().map(String::len).max().unwrap(),
        ..Options::default()
    };
    let mut inputs = texts.clone();
    inputs[5].push_str(&"and more text to make it longer than the limit. ".repeat(20));
    let records = annotate(&inputs, &options);
    assert_eq!(records.len(), texts.len());
    for (i, (text, result)) in inputs.iter().zip(&records).enumerate() {
        match result {
            Err(RecordError::TooLarge { bytes, .. }) => assert_eq!((i, *bytes), (5, text.len())),
            Ok(r) => assert_eq!(r, &record(text).unwrap()),
            Err(e) => panic!("{e}"),
        }
    }
    assert!(
        records[5]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("over the limit")
    );
}

#[test]
fn blocks_shared_by_three_texts_are_templates_when_asked() {
    let texts: Vec<String> = (0..4).map(|n| site_article("Elm", n)).collect();
    let footer = footer("Elm");
    let category = |text: &str, record: &Record| -> Vec<&str> {
        let start = text[..text.find(&footer).unwrap()].chars().count();
        record
            .boilerplate
            .iter()
            .filter(|b| b.start == start)
            .map(|b| b.category)
            .collect()
    };
    let options = Options {
        site_templates: true,
        ..Options::default()
    };
    for (text, result) in texts.iter().zip(annotate(&texts, &options)) {
        let record = result.unwrap();
        assert_eq!(category(text, &record), ["template"]);
        assert!(!record.text_clean.contains(&footer));
    }
    for (text, result) in texts.iter().zip(annotate(&texts, &Options::default())) {
        assert!(category(text, &result.unwrap()).is_empty());
    }
}

#[test]
fn the_corrections_of_the_settings_apply_to_the_records() {
    use crate::config::{EntityOverride, KindOverride};
    let text = "“We will go,” said Vladimir Putin in Moscow. The Kremlin agreed.\n";
    let plain = record(text).unwrap();
    let ids =
        |record: &Record| -> Vec<String> { record.entities.iter().map(|e| e.id.clone()).collect() };
    assert!(
        ids(&plain).contains(&"place:moscow".to_string()),
        "{plain:?}"
    );
    let rules = [
        EntityOverride {
            name: "Moscow".into(),
            kind: Some(KindOverride::None),
            ..Default::default()
        },
        EntityOverride {
            name: "Vladimir Putin".into(),
            display: Some("Vladimir V. Putin".into()),
            ..Default::default()
        },
    ];
    let corrections = Corrections::new(&rules);
    let options = Options {
        corrections: Some(&corrections),
        ..Options::default()
    };
    let fixed = annotate(&[text], &options).pop().unwrap().unwrap();
    assert!(
        !ids(&fixed).iter().any(|id| id.ends_with(":moscow")),
        "{fixed:?}"
    );
    let speaker = fixed.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(speaker.name, "Vladimir V. Putin");
}
