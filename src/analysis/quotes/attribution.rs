//! Who a reporting clause names as the speaker: "X said", "said X", "X, a Y, said",
//! "according to X", "X was quoted as saying by C", "C quoted X as saying".

use super::context::{self, Item};
use super::descriptions::{description, description_at_start};
use super::lexicon::{self, Gender};
use super::names::{NamePhrase, name_at_end, name_at_start};
use super::verbs;
use std::borrow::Cow;
use std::ops::Range;

/// The grammatical subject of a reporting verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Subject {
    Name(NamePhrase),
    Pronoun {
        range: Range<usize>,
        gender: Gender,
    },
    /// A description ("the White House spokesman"): the words after its determiner.
    Description(Range<usize>),
}

/// A speaker found in a reporting clause, and the outlet that relayed the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Clause {
    pub subject: Subject,
    pub channel: Option<NamePhrase>,
    /// The subject opens the clause rather than standing by the verb: a weaker reading.
    pub distant: bool,
}

/// The reporting clause right after a quotation (`items` is what follows it up to the end of
/// the sentence), as in `"…," Lavrov said` or `"…," said Lavrov`.
pub(super) fn after_quote(text: &str, items: &[Item]) -> Option<Clause> {
    let v = first_verb(text, items)?;
    let words = items[..v].iter().filter(|i| i.word(text).is_some()).count();
    (words <= 16).then(|| at_verb(text, items, v)).flatten()
}

/// A byline after a quotation, a dash and a name ending the sentence: `"…" ― Jane Roe`, as
/// in collected reader comments and epigraphs.
pub(super) fn byline(text: &str, items: &[Item]) -> Option<Clause> {
    let (Item::Punct(_, '―' | '—' | '–' | '-'), rest) = items.split_first()? else {
        return None;
    };
    let (name, end) = name_at_start(text, rest)?;
    let whole = end == rest.len() && rest.first()?.start() == Some(name.range.start);
    whole.then_some(Clause {
        subject: Subject::Name(name),
        channel: None,
        distant: false,
    })
}

/// The reporting clause of the sentence before a quotation (`items`), as in `Lavrov said:
/// "…"` or `Lavrov said Moscow was "ready"`: the last reporting verb that names a speaker.
pub(super) fn before_quote(text: &str, items: &[Item]) -> Option<Clause> {
    (0..items.len())
        .rev()
        .filter(|&v| is_verb_at(text, items, v))
        .find_map(|v| at_verb(text, items, v))
}

/// Every clause of `sentence` that names its speaker, with the verb's position.
pub(super) fn clauses(text: &str, sentence: &[Item]) -> Vec<(usize, Clause)> {
    (0..sentence.len())
        .filter(|&v| is_verb_at(text, sentence, v))
        .filter_map(|v| Some((sentence[v].start()?, at_verb(text, sentence, v)?)))
        .collect()
}

fn first_verb(text: &str, items: &[Item]) -> Option<usize> {
    (0..items.len()).find(|&v| is_verb_at(text, items, v))
}

/// Whether a reporting verb (or "according to") stands at `v`.
fn is_verb_at(text: &str, items: &[Item], v: usize) -> bool {
    let word = |i: usize| items.get(i).and_then(|item| item.word(text));
    match word(v) {
        Some(w) if w.eq_ignore_ascii_case("according") => word(v + 1) == Some("to"),
        // "quoted X as saying": the participle belongs to "quoted".
        Some(w) if verbs::is_participle(w) && v > 0 && word(v - 1) == Some("as") => false,
        Some(w) => verbs::is_saying_verb(w),
        None => false,
    }
}

/// The clause of the reporting verb at `v`.
fn at_verb(text: &str, items: &[Item], v: usize) -> Option<Clause> {
    let verb = items[v].word(text)?;
    let before = clause_start(&items[..v]);
    if verb.eq_ignore_ascii_case("according") {
        return according_to(text, &items[v + 2..]);
    }
    if verb == "quoted" {
        return quoted(text, before, &items[v + 1..]);
    }
    let participle = verbs::is_participle(verb);
    let inverted = !participle
        && (before.iter().all(|i| i.word(text).is_none())
            || matches!(before.last(), Some(Item::Punct(_, ','))));
    let near = subject_before(text, before).or_else(|| {
        inverted
            .then(|| subject_after(text, &items[v + 1..]))
            .flatten()
    });
    let distant = near.is_none();
    let subject = near.or_else(|| sentence_subject(text, before))?;
    let told = matches!(verb, "told" | "tells");
    Some(Clause {
        subject,
        channel: outlet_after(text, &items[v + 1..], told),
        distant,
    })
}

/// The news outlet the words went through: the listener of "told Reuters" (when `told`), or
/// "according to Interfax" later in the clause.
fn outlet_after(text: &str, rest: &[Item], told: bool) -> Option<NamePhrase> {
    let outlet = |items: &[Item]| {
        name_at_start(text, items)
            .map(|(name, _)| name)
            .filter(|name| lexicon::is_organisation(&text[name.range.clone()]))
    };
    let listener = told.then(|| outlet(rest)).flatten();
    listener.or_else(|| {
        let window = &rest[..rest.len().min(context::WINDOW)];
        // "according to Interfax", "in an interview with CNN", "in an interview on Fox".
        let via = (0..window.len()).find(|&i| {
            let next = window.get(i + 1).and_then(|w| w.word(text));
            match window[i].word(text) {
                Some("according") => next == Some("to"),
                Some("interview") => matches!(next, Some("with" | "on")),
                _ => false,
            }
        })?;
        outlet(&window[via + 2..])
    })
}

/// The part of `items` after the last quotation in them.
fn clause_start(items: &[Item]) -> &[Item] {
    let items = &items[items.len().saturating_sub(context::WINDOW)..];
    let start = items
        .iter()
        .rposition(|i| matches!(i, Item::Quote { .. }))
        .map_or(0, |q| q + 1);
    &items[start..]
}

/// "according to X": X speaks, unless X is a news outlet, which then only relays.
fn according_to(text: &str, rest: &[Item]) -> Option<Clause> {
    let (name, _) = name_at_start(text, rest)?;
    if lexicon::is_organisation(&text[name.range.clone()]) && !name.determiner {
        return None;
    }
    Some(Clause {
        subject: Subject::Name(name),
        channel: None,
        distant: false,
    })
}

/// "X was quoted as saying by C" and "C quoted X as saying".
fn quoted(text: &str, before: &[Item], rest: &[Item]) -> Option<Clause> {
    let passive = before
        .last()
        .and_then(|i| i.word(text))
        .is_some_and(|w| matches!(w, "was" | "were" | "is" | "been" | "being"));
    if passive {
        let subject = subject_before(text, before)?;
        let by = rest
            .iter()
            .take(12)
            .position(|i| i.word(text) == Some("by"));
        let channel = by
            .and_then(|b| name_at_start(text, &rest[b + 1..]))
            .map(|(n, _)| n);
        return Some(Clause {
            subject,
            channel,
            distant: false,
        });
    }
    let (speaker, end) = quoted_object(text, rest)?;
    let says = rest[end..]
        .iter()
        .take(2)
        .filter_map(|i| i.word(text))
        .collect::<Vec<_>>();
    if says != ["as", "saying"] {
        return None;
    }
    Some(Clause {
        subject: speaker,
        channel: subject_before(text, before).and_then(|s| match s {
            Subject::Name(n) => Some(n),
            _ => None,
        }),
        distant: false,
    })
}

/// Who "C quoted" speaks: a name, or "him" / "her".
fn quoted_object(text: &str, rest: &[Item]) -> Option<(Subject, usize)> {
    if let Some(Item::Word(range)) = rest.first() {
        let gender = match &text[range.clone()] {
            "him" => Some(Gender::Male),
            "her" => Some(Gender::Female),
            _ => None,
        };
        if let Some(gender) = gender {
            let range = range.clone();
            return Some((Subject::Pronoun { range, gender }, 1));
        }
    }
    name_at_start(text, rest).map(|(name, end)| (Subject::Name(name), end))
}

/// The subject that ends `items` (the words before a reporting verb): a pronoun, or a name,
/// possibly followed by appositions in commas ("Yin Zhuo, a rear admiral, said") or a
/// parenthesis ("Jo Lee (D-Ohio) said").
fn subject_before(text: &str, items: &[Item]) -> Option<Subject> {
    let items = without_parentheses(items);
    let items = items.as_ref();
    let mut end = items.len();
    while end > 0
        && items[end - 1]
            .word(text)
            .is_some_and(lexicon::is_verb_filler)
    {
        end -= 1;
    }
    let items = &items[..end];
    if let Some(last) = items.last() {
        if let (Some(word), Item::Word(range)) = (last.word(text), last) {
            let word = word.trim_end_matches("'s").trim_end_matches("’s");
            if let Some(gender) = lexicon::pronoun(word) {
                return Some(Subject::Pronoun {
                    range: range.clone(),
                    gender,
                });
            }
        }
    }
    let parts: Vec<&[Item]> = items
        .split(|i| matches!(i, Item::Punct(_, ',' | '—' | '–' | '(' | ')')))
        .collect();
    let count = |part: &[Item]| part.iter().filter(|i| i.word(text).is_some()).count();
    let mut appositions = 0;
    for (p, part) in parts.iter().enumerate().rev() {
        let words = count(part);
        if words == 0 {
            continue;
        }
        let named_before = parts[..p].iter().any(|earlier| count(earlier) > 0);
        if named_before && appositions < 3 && is_apposition(text, part) {
            appositions += 1;
            continue;
        }
        if words > 7 {
            return None;
        }
        let Some(name) = name_at_end(text, part) else {
            return description(text, part).map(Subject::Description);
        };
        return Some(Subject::Name(owner_of_place(text, part, name)));
    }
    None
}

/// "Jo Lee of Ohio said", "Jo Lee from the Post said": the person before the preposition
/// speaks, not the place or institution after it.
fn owner_of_place(text: &str, part: &[Item], name: NamePhrase) -> NamePhrase {
    let Some(mut at) = part
        .iter()
        .position(|i| i.start() == Some(name.range.start))
    else {
        return name;
    };
    while at > 0
        && part[at - 1]
            .word(text)
            .is_some_and(|w| lexicon::is_title(w) || w == "the")
    {
        at -= 1;
    }
    let preposition = at.checked_sub(1).and_then(|p| part[p].word(text));
    if !matches!(preposition, Some("of" | "from" | "in" | "at")) {
        return name;
    }
    match name_at_end(text, &part[..at - 1]) {
        Some(owner) if text[owner.range.clone()].contains(' ') || owner.gender.is_some() => owner,
        _ => name,
    }
}

/// Whether a comma-separated part describes rather than names: "a political analyst",
/// "the Republican nominee", "who leads X", "Twitter's director of sales".
fn is_apposition(text: &str, part: &[Item]) -> bool {
    let mut words = part.iter().filter_map(|i| i.word(text));
    let Some(first) = words.next() else {
        return false;
    };
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let possessive = first.ends_with("'s") || first.ends_with("’s") || first.ends_with(['\'', '’']);
    lower(first) || (possessive && words.next().is_some_and(lower))
}

/// `items` without what stands in parentheses: a party and state after a name, an aside.
fn without_parentheses(items: &[Item]) -> Cow<'_, [Item]> {
    if !items.iter().any(|i| matches!(i, Item::Punct(_, '('))) {
        return Cow::Borrowed(items);
    }
    let mut depth = 0usize;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Punct(_, '(') => depth += 1,
            Item::Punct(_, ')') => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(item.clone()),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// The subject of the clause a reporting verb hangs on, when no name stands right before
/// the verb: "Trump on Friday said", "Trump tweeted early Friday, saying". It is the name
/// that opens the clause (after any introductory phrase: "On Sunday, Trump …") and is
/// followed by a verb-like lower-case word or an apposition.
pub(super) fn sentence_subject(text: &str, items: &[Item]) -> Option<Subject> {
    let items = without_parentheses(items);
    for part in items.split(|i| matches!(i, Item::Punct(_, ','))) {
        let Some(first) = part.first().and_then(|i| i.word(text)) else {
            continue;
        };
        if !lexicon::can_be_name(first) && first.chars().next().is_some_and(char::is_uppercase) {
            continue; // "On Sunday", "In a statement", "After the debate"
        }
        if let (Item::Word(range), Some(gender)) = (&part[0], lexicon::pronoun(first)) {
            let range = range.clone();
            return Some(Subject::Pronoun { range, gender });
        }
        let Some((name, end)) = name_at_start(text, part) else {
            return description_at_start(text, part).map(Subject::Description);
        };
        let next = part.get(end).and_then(|i| i.word(text));
        let starts_clause = part[..end]
            .iter()
            .filter(|i| i.word(text).is_some())
            .count()
            <= 4;
        let verb_like = next.is_none_or(|w| w.chars().next().is_some_and(char::is_lowercase));
        return (starts_clause && verb_like).then_some(Subject::Name(name));
    }
    None
}

/// The subject of an inverted clause: `said Lavrov`, `said analyst Anthony Rinna`, `said he`.
fn subject_after(text: &str, rest: &[Item]) -> Option<Subject> {
    if let (Some(Item::Word(range)), Some(word)) =
        (rest.first(), rest.first().and_then(|i| i.word(text)))
    {
        if let Some(gender) = lexicon::pronoun(word) {
            return Some(Subject::Pronoun {
                range: range.clone(),
                gender,
            });
        }
    }
    name_at_start(text, rest)
        .map(|(name, _)| Subject::Name(name))
        .or_else(|| description_at_start(text, rest).map(Subject::Description))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::blocks::split_blocks;
    use crate::analysis::quotes::context::{self, items};
    use crate::analysis::quotes::marks::find_spans;

    /// The speaker and channel for the first quotation of `text`.
    fn attribute(text: &str) -> (Option<String>, Option<String>) {
        let blocks: Vec<_> = split_blocks(text).into_iter().map(|b| b.range).collect();
        let items = items(text, &blocks, &find_spans(text, &blocks));
        let q = items
            .iter()
            .position(|i| matches!(i, Item::Quote { .. }))
            .unwrap();
        let clause = after_quote(text, context::after(&items, q))
            .or_else(|| before_quote(text, context::before(&items, q)));
        let speaker = clause.as_ref().map(|c| match &c.subject {
            Subject::Name(n) => text[n.range.clone()].to_string(),
            Subject::Pronoun { range, .. } | Subject::Description(range) => {
                text[range.clone()].to_string()
            }
        });
        let channel = clause
            .and_then(|c| c.channel)
            .map(|n| text[n.range].to_string());
        (speaker, channel)
    }

    fn speaker(text: &str) -> Option<String> {
        attribute(text).0
    }

    #[test]
    fn name_then_verb() {
        assert_eq!(
            speaker("\"We will win,\" Jane Doe said."),
            Some("Jane Doe".into())
        );
        assert_eq!(
            speaker("\"We will win,\" the ministry's Mr Bo later told reporters."),
            Some("Bo".into())
        );
        assert_eq!(
            speaker("\"No,\" the Pentagon said in a statement."),
            Some("Pentagon".into())
        );
    }

    #[test]
    fn verb_then_name() {
        assert_eq!(
            speaker("\"Yes,\" said Prime Minister Ana Lopes, smiling."),
            Some("Ana Lopes".into())
        );
        assert_eq!(
            speaker("\"Yes,\" said economist Raj Patel."),
            Some("Raj Patel".into())
        );
        assert_eq!(speaker("\"Yes,\" said in a statement."), None);
    }

    #[test]
    fn name_with_apposition() {
        let text = "\"It failed,\" Omar Haddad, a lawyer for the family, said on Tuesday.";
        assert_eq!(speaker(text), Some("Omar Haddad".into()));
        let text = "\"It failed,\" Omar Haddad, a lawyer at the Ford Foundation told the court.";
        assert_eq!(speaker(text), Some("Omar Haddad".into()));
    }

    #[test]
    fn person_of_a_place() {
        let text = "\"We will see,\" Chairman Jo Ann Lee of North Carolina said.";
        assert_eq!(speaker(text), Some("Jo Ann Lee".into()));
        let text = "\"We will see,\" Bank of America said.";
        assert_eq!(speaker(text), Some("America".into()));
    }

    #[test]
    fn pronouns_are_subjects() {
        assert_eq!(speaker("\"Fine,\" she added."), Some("she".into()));
        assert_eq!(speaker("\"Fine,\" said he."), Some("he".into()));
    }

    #[test]
    fn speaker_before_the_quote() {
        assert_eq!(
            speaker("Maria Bell told reporters: \"Enough.\""),
            Some("Maria Bell".into())
        );
        assert_eq!(
            speaker("Mr Ito said the plan was \"dead in the water\" now."),
            Some("Ito".into())
        );
    }

    #[test]
    fn according_to() {
        assert_eq!(
            speaker("\"The deal is off,\" according to Paul Green."),
            Some("Paul Green".into())
        );
        assert_eq!(
            speaker("According to Reuters, the deal was \"off for now\"."),
            None
        );
    }

    #[test]
    fn quoted_as_saying() {
        let text = "\"We are ready,\" Mr Sato was quoted as saying by the state-run Kyodo agency.";
        assert_eq!(attribute(text), (Some("Sato".into()), Some("Kyodo".into())));
        let text = "\"We are ready,\" Xinhua quoted Li Wei as saying after the talks.";
        assert_eq!(
            attribute(text),
            (Some("Li Wei".into()), Some("Xinhua".into()))
        );
        let text = "\"We agree,\" Xinhua quoted her as saying.";
        assert_eq!(attribute(text), (Some("her".into()), Some("Xinhua".into())));
        let text = "Xinhua quoted Li Wei as saying that the talks were \"useful\".";
        assert_eq!(
            attribute(text),
            (Some("Li Wei".into()), Some("Xinhua".into()))
        );
    }

    #[test]
    fn outlets_told_or_cited_are_channels() {
        let text = "\"We will stay,\" she told Reuters on Monday.";
        assert_eq!(
            attribute(text),
            (Some("she".into()), Some("Reuters".into()))
        );
        let text = "\"We will stay,\" Ali Khan said, according to Interfax.";
        assert_eq!(
            attribute(text),
            (Some("Ali Khan".into()), Some("Interfax".into()))
        );
        let text = "\"We will stay,\" Ali Khan told Mr Brown.";
        assert_eq!(attribute(text), (Some("Ali Khan".into()), None));
    }

    #[test]
    fn no_reporting_verb_means_no_speaker() {
        assert_eq!(speaker("A paper carried the headline: \"War Ends\"."), None);
        assert_eq!(
            speaker("Critics read the sign \"closed for now\" and moved on."),
            None
        );
    }
}
