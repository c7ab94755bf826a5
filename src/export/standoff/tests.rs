use super::*;
use crate::analysis::citation::parse;

fn standoff(text: &str) -> StandOff {
    let entry = FileEntry::new(text, false);
    let parsed = parse(text);
    let cites: Vec<&CiteTag> = parsed.cites.iter().collect();
    StandOff::new(&entry, None, &cites, &HashSet::new())
}

fn chars(text: &str, span: &Span) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

const TAGGED: &str = "<source publication=\"Harbour Post\"/>\n\
    Emoji 😀 and 東京 first. The ferry opened on Monday in Lisbon.\n\n\
    <cite speaker=\"Tomás Ribeiro\">“We listened,”</cite> said Mayor Tomás Ribeiro. \
    “This is their victory,” Ribeiro added.\n";

#[test]
fn text_is_the_article_without_tags_and_offsets_count_code_points() {
    let s = standoff(TAGGED);
    assert!(s.text.starts_with("Emoji 😀 and 東京 first."), "{}", s.text);
    assert!(!s.text.contains('<'));
    assert!(s.text.contains("“We listened,” said Mayor Tomás Ribeiro."));
    assert_eq!(s.len(), s.text.chars().count());
    assert!(!s.entities.is_empty() && s.quotes.len() == 2);
    for e in &s.entities {
        assert_eq!(chars(&s.text, &e.span), s.slice(&e.span));
        // A name's mention, under the id of an entity of its label's kind.
        let mention = s.slice(&e.span);
        assert!(!mention.is_empty() && mention == mention.trim(), "{e:?}");
        let kind = e.entity_id.split(':').next().unwrap();
        assert_eq!(label(kind), e.label, "{e:?}");
    }
    assert_eq!(s.slice(&s.quotes[0].span), "“We listened,”");
    assert_eq!(s.slice(&s.quotes[1].span), "“This is their victory,”");
    let speaker = s.quotes[0].speaker.as_ref().unwrap();
    assert!(s.slice(&speaker.span).contains("Ribeiro"), "{speaker:?}");
    assert_eq!(s.cites.len(), 1);
    assert_eq!(s.slice(&s.cites[0].span), "“We listened,”");
    assert_eq!(s.cites[0].fields.speaker, "Tomás Ribeiro");
}

#[test]
fn an_article_without_entities_or_tags_is_its_own_text() {
    let text = "nothing here at all, only lower case words.\n";
    let s = standoff(text);
    assert_eq!(&*s.text, text);
    assert!(s.entities.is_empty() && s.quotes.is_empty() && s.cites.is_empty());
    assert!(standoff("").is_empty());
}

#[test]
fn shift_moves_offsets_past_removed_ranges() {
    let shift = Shift::new(vec![2..4, 6..7]);
    let moved: Vec<usize> = (0..9).map(|o| shift.map(o)).collect();
    assert_eq!(moved, [0, 1, 2, 2, 2, 3, 4, 4, 5]);
}

#[test]
fn spans_quote_their_code_points_with_and_without_context() {
    let untagged = TAGGED
        .replace("</cite>", "")
        .replace("<cite speaker=\"Tomás Ribeiro\">", "");
    for text in [
        TAGGED,
        &untagged,
        "Emoji 😀 東京. “We are ready,” said Sergei Lavrov.\n",
    ] {
        let s = standoff(text);
        let spans = s.entities.iter().map(|e| &e.span);
        let spans = spans.chain(s.quotes.iter().map(|q| &q.span));
        for span in spans.chain(s.cites.iter().map(|c| &c.span)) {
            assert_eq!(s.slice(span), chars(&s.text, span));
            for affix in [0, 3, 32] {
                let around =
                    |from: usize, to: usize| chars(&s.text, &s.span(from..to.min(s.len())));
                let expected = [
                    around(span.start.saturating_sub(affix), span.start),
                    chars(&s.text, span),
                    around(span.end, span.end + affix),
                ];
                assert_eq!(
                    s.with_context(span, affix),
                    expected.each_ref().map(|e| &**e)
                );
            }
        }
    }
}

#[test]
fn context_walks_count_characters_both_ways() {
    let text = "aé😀東 b\n".repeat(6);
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for (cp, &at) in starts.iter().enumerate() {
        for n in [0, 1, 2, 5, 40] {
            assert_eq!(chars_back(&text, at, n), starts[cp.saturating_sub(n)]);
            assert_eq!(
                chars_on(&text, at, n),
                starts[(cp + n).min(starts.len() - 1)]
            );
        }
    }
}

proptest::proptest! {
    /// Whatever the article (tags, multibyte text, markup cut short), every span quotes the
    /// code points it names, and its context is the code points around them.
    #[test]
    fn every_span_quotes_its_code_points(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "Sergei Lavrov", " said ", "“We are ready,”", " in Moscow. ", "Tomás Ribeiro",
            "😀 東京 ", "\n\n", "<cite speaker=\"Lavrov\">", "</cite>", "<source date=\"2020\"/>\n",
            "<cite", "\u{feff}", "Donate now", "—", "\r\n",
        ]), 0..40),
    ) {
        let s = standoff(&pieces.concat());
        proptest::prop_assert_eq!(s.len(), s.text.chars().count());
        let spans = s.entities.iter().map(|e| &e.span).chain(s.quotes.iter().map(|q| &q.span));
        let speakers = s.quotes.iter().filter_map(|q| q.speaker.as_ref().map(|p| &p.span));
        let others = s.boilerplate.iter().map(|b| &b.span).chain(s.cites.iter().map(|c| &c.span));
        for span in spans.chain(speakers).chain(others) {
            proptest::prop_assert_eq!(s.slice(span), chars(&s.text, span));
            let [before, _, after] = s.with_context(span, 5);
            let from = span.start.saturating_sub(5);
            proptest::prop_assert_eq!(before, chars(&s.text, &s.span(from..span.start)));
            let to = (span.end + 5).min(s.len());
            proptest::prop_assert_eq!(after, chars(&s.text, &s.span(span.end..to)));
        }
    }
}
