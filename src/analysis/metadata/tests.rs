use super::*;
use crate::analysis::blocks::split_blocks;

fn metadata(text: &str) -> Metadata {
    extract(text, &split_blocks(text))
}

fn value(field: &Option<Field>) -> Option<&str> {
    field.as_ref().map(|f| f.value.as_str())
}

fn values(fields: &[Field]) -> Vec<&str> {
    fields.iter().map(|f| f.value.as_str()).collect()
}

const BODY: &str = "The council voted on Tuesday to close the old bridge to all traffic after engineers found deep cracks in two of its supports, officials said.";

#[test]
fn headline_byline_and_date() {
    let text = format!(
        "Home | News\n\nBridge to close after cracks found\n\nMarch 3, 2020|By Ann Lee and Tom Park, The Daily Courier\n\n{BODY}"
    );
    let m = metadata(&text);
    assert_eq!(
        value(&m.headline),
        Some("Bridge to close after cracks found")
    );
    assert_eq!(values(&m.authors), ["Ann Lee", "Tom Park"]);
    assert_eq!(&text[m.authors[1].range.clone()], "Tom Park");
    assert_eq!(value(&m.publication), Some("The Daily Courier"));
    let date = m.date.unwrap();
    assert_eq!(
        (date.iso().as_deref(), &text[date.range]),
        (Some("2020-03-03"), "March 3, 2020")
    );
}

#[test]
fn no_headline_when_the_story_comes_first() {
    let m = metadata(BODY);
    assert_eq!(m.headline, None);
    assert_eq!(m.date, None);
}

#[test]
fn reader_appeals_and_shouting_are_not_headlines() {
    let text = format!(
        "SKIP TO MAIN CONTENT NOW\nSupport our newsroom today\nDid you enjoy this?\nMayor quits over budget row\n{BODY}"
    );
    assert_eq!(
        value(&metadata(&text).headline),
        Some("Mayor quits over budget row")
    );
}

#[test]
fn datelines() {
    for (line, place) in [
        ("BERLIN — The council voted.", "BERLIN"),
        ("NEW YORK (AP) — The council voted.", "NEW YORK"),
        (
            "SEOUL, South Korea — The council voted.",
            "SEOUL, South Korea",
        ),
        ("LIMA • The council voted.", "LIMA"),
        (
            "Reporting from Quito and Lima — The council voted.",
            "Quito and Lima",
        ),
    ] {
        let text = format!("Title of the story here\n{line} {BODY}");
        let m = metadata(&text);
        assert_eq!(value(&m.dateline), Some(place), "{line}");
    }
    assert_eq!(
        metadata(&format!("Title of the story here\n{BODY}")).dateline,
        None
    );
}

#[test]
fn agency_credits() {
    let text = format!("{BODY}\n(Reuters, DW)");
    assert_eq!(values(&metadata(&text).agencies), ["Reuters", "DW"]);
    let text = format!("{BODY}\n— Agence France-Presse");
    assert_eq!(values(&metadata(&text).agencies), ["Agence France-Presse"]);
    let text = format!("Title of the story here\nLONDON (Reuters) - {BODY}");
    assert_eq!(values(&metadata(&text).agencies), ["Reuters"]);
}

#[test]
fn sign_off_gives_author_and_agency() {
    let text = format!("{BODY}\n\nMaria Lopez, The Associated Press\n\nMost Read");
    let m = metadata(&text);
    assert_eq!(values(&m.authors), ["Maria Lopez"]);
    assert_eq!(values(&m.agencies), ["The Associated Press"]);
}

#[test]
fn publication_and_date_from_print_edition_note() {
    let text = format!(
        "{BODY}\nA version of this article appeared in the print edition of The Harbour Times on 5 May 2017, page 3."
    );
    let m = metadata(&text);
    assert_eq!(value(&m.publication), Some("The Harbour Times"));
    assert_eq!(m.date.and_then(|d| d.iso()).as_deref(), Some("2017-05-05"));
}

#[test]
fn dates_inside_sentences_are_not_publication_dates() {
    let text = format!("Since July 1, 2024, we have removed all the ads from this site.\n{BODY}");
    assert_eq!(metadata(&text).date, None);
}

#[test]
fn source_header_wins() {
    let text = format!(
        "<source publication=\"The Ledger\" title=\"Bridge closes\" date=\"2020-03-04\" authors=\"Ann Lee; Bo Chan\"/>\nOther headline here now\n{BODY}"
    );
    let m = metadata(&text);
    assert_eq!(value(&m.headline), Some("Bridge closes"));
    assert_eq!(value(&m.publication), Some("The Ledger"));
    assert_eq!(
        m.date.as_ref().and_then(|d| d.iso()).as_deref(),
        Some("2020-03-04")
    );
    assert_eq!(values(&m.authors), ["Ann Lee", "Bo Chan"]);
    assert_eq!(&text[m.authors[1].range.clone()], "Bo Chan");
}

proptest::proptest! {
    #[test]
    fn never_panics(text in "([A-Z]{1,5}|[a-z]{1,5}|By|\\(|\\)|, | — |\\||\n|2011|Aug\\. 25|é|<source title=\"x\"/>){0,30}") {
        let m = metadata(&text);
        for f in m.authors.iter().chain(&m.agencies).chain(m.headline.iter()).chain(m.publication.iter()) {
            proptest::prop_assert!(text.get(f.range.clone()).is_some());
        }
    }
}
