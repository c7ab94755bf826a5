//! Quotations and who said them.
//!
//! Quotations are found by their marks ([`marks`]), then attributed from the reporting
//! clause around them ([`attribution`]): first the clause right after the quotation, then
//! the sentence before it. Pronouns resolve to the latest named speaker they fit; a
//! quotation with no clause of its own continues the speaker of the quotation before it in
//! the same paragraph. A speaker is never guessed: no clause, no speaker. One- and two-word
//! quotations ("undesirable") are kept but get a speaker only from an adjacent clause.

mod attribution;
mod carry;
mod context;
mod descriptions;
pub(crate) mod lexicon;
mod marks;
mod names;
mod resolve;
mod verbs;

use super::blocks::Block;
use super::citation;
use super::entities::Entity;
pub use carry::carried_over;
use context::Item;
use resolve::Resolver;
use std::ops::Range;

/// A quotation and its attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// From the opening to the closing mark; to the end of the last line when unclosed.
    pub range: Range<usize>,
    /// The quoted words without the outer marks, one range per paragraph they run across.
    pub inner: Vec<Range<usize>>,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Quotations inside this one (their speakers are not this quote's speaker).
    pub nested: Vec<Range<usize>>,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    /// Other people the speaker may be, when the text leaves it open.
    pub alternatives: Vec<Speaker>,
    /// The outlet that relayed the words ("Tass quoted X as saying").
    pub channel: Option<Channel>,
    /// How the speaker was found; `None` when there is no speaker.
    pub how: Option<How>,
}

/// The role a quotation plays in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// Starts its sentence or follows a colon or comma: reported speech.
    Full,
    /// Inside a sentence: `said Moscow was "ready to help"`.
    Partial,
    /// One or two words, often scare quotes: an "undesirable" organisation.
    Scare,
}

/// Who spoke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The fullest form of the name in the article ("Sergei Lavrov" for "Lavrov"), or the
    /// entity's name when linked.
    pub name: String,
    /// The titles and description written before the name ("Wells Fargo CEO"), if any.
    pub descriptor: Option<String>,
    /// The mention in the reporting clause: the name without titles, or the pronoun.
    pub range: Range<usize>,
    /// Index into the entities given to [`find_quotes`].
    pub entity: Option<usize>,
}

/// An outlet relaying the quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub name: String,
    pub range: Range<usize>,
}

/// How a speaker was found, from the surest to the least sure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// A reporting clause next to the quotation: `"…," Lavrov said`.
    Adjacent,
    /// A reporting verb earlier in the sentence: `Lavrov said Moscow was "ready"`.
    Sentence,
    /// A pronoun resolved to the latest named speaker it fits.
    Pronoun,
    /// No clause of its own: continues the quotation before it in the paragraph.
    Continued,
    /// The subject that opens the clause of a reporting verb standing further on:
    /// `Lavrov on Friday called it "odd"`, `Lavrov wrote a post, calling it "odd"`.
    Subject,
    /// A paragraph of its own carrying on the speaker of the paragraph before.
    Carried,
    /// A description ("the senator") resolved to the person the article introduced with it.
    Description,
}

impl How {
    /// A rough confidence in `0.0..=1.0` for display and ranking.
    pub fn confidence(self) -> f32 {
        match self {
            How::Adjacent => 0.9,
            How::Sentence => 0.75,
            How::Continued => 0.7,
            How::Subject => 0.65,
            How::Carried => 0.55,
            How::Pronoun => 0.6,
            How::Description => 0.6,
        }
    }
}

/// Finds the quotations of `text` and their speakers. Citation tags are ignored (masked), so
/// `text` may contain them. `entities` may be empty.
pub fn find_quotes(text: &str, blocks: &[Block], entities: &[Entity]) -> Vec<Quote> {
    let masked = citation::mask(text);
    let text = masked.as_ref();
    let lines: Vec<Range<usize>> = blocks
        .iter()
        .filter_map(|b| trimmed(text, &b.range))
        .collect();
    let mut spans = marks::find_spans(text, &lines);
    spans.retain(|s| !in_headline_single_marks(text, &lines, s));
    let items = context::items(text, &lines, &spans);
    let roles = descriptions::Roles::new(text, &items);
    let resolver = Resolver {
        text,
        entities,
        names: names::NameIndex::new(text, &items),
        speakers: named_speakers(text, &items, &roles),
        mentions: resolve::Mentions::new(entities),
        roles,
    };
    let mut quotes: Vec<Quote> = Vec::with_capacity(spans.len());
    for (at, item) in items.iter().enumerate() {
        if let Item::Quote { index, .. } = item {
            quotes.push(quote(&resolver, &items, at, &spans[*index]));
        }
    }
    continue_speakers(&mut quotes, &lines);
    offer_neighbours(&mut quotes);
    quotes
}

/// Whether a span is in single marks on a headline-styled line: `Trump Calls Deal ‘Disgusting
/// Fraud’` cites a phrase for the headline; it is not a quotation of its own.
fn in_headline_single_marks(text: &str, lines: &[Range<usize>], span: &marks::Span) -> bool {
    let single = text[span.range.start..].starts_with(['‘', '\'']);
    let at = lines.partition_point(|l| l.end <= span.range.start);
    single && lines.get(at).is_some_and(|l| is_headline(&text[l.clone()]))
}

/// Longest line read as a headline. Headlines are short, and without a bound a long line
/// would be scanned again for every single-marked span on it (quadratic in one-line files).
const HEADLINE_BYTES: usize = 400;

/// Whether a line is styled as a headline: short, with nearly all of its longer words
/// capitalised.
fn is_headline(line: &str) -> bool {
    if line.len() > HEADLINE_BYTES {
        return false;
    }
    let long = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4);
    let (mut words, mut capitals) = (0, 0);
    for word in long {
        words += 1;
        capitals += usize::from(word.chars().next().is_some_and(char::is_uppercase));
    }
    words >= 3 && capitals * 4 >= words * 3
}

/// The block's range shrunk to its non-blank text (masking may blank part of a line).
fn trimmed(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let line = text.get(range.clone())?;
    let start = range.start + (line.len() - line.trim_start().len());
    let end = range.start + line.trim_end().len();
    (start < end).then_some(start..end)
}

/// The named speakers of every reporting clause and the named subject of every sentence
/// (a description as the person it stands for), by position: who pronouns may refer to.
fn named_speakers(
    text: &str,
    items: &[Item],
    roles: &descriptions::Roles,
) -> Vec<(usize, names::NamePhrase)> {
    let name = |subject| match subject {
        attribution::Subject::Name(name) => Some(name),
        attribution::Subject::Pronoun { .. } => None,
        attribution::Subject::Description(range) => {
            roles.resolve(text, &range).first().cloned().cloned()
        }
    };
    let mut out: Vec<(usize, names::NamePhrase)> = Vec::new();
    for s in context::sentences(items) {
        let sentence = &items[s];
        let subject = attribution::sentence_subject(text, sentence).and_then(name);
        out.extend(subject.map(|n| (n.range.start, n)));
        let clauses = attribution::clauses(text, sentence).into_iter();
        out.extend(clauses.filter_map(|(pos, c)| Some((pos, name(c.subject)?))));
    }
    out.sort_by_key(|(pos, _)| *pos);
    out
}

/// Builds the quote for the quotation item at `at`.
fn quote(resolver: &Resolver, items: &[Item], at: usize, span: &marks::Span) -> Quote {
    let before = context::before(items, at);
    let kind = kind(resolver.text, span, before);
    let mut quote = Quote {
        range: span.range.clone(),
        inner: span.inner.clone(),
        closed: span.closed,
        nested: span.nested.clone(),
        kind,
        speaker: None,
        alternatives: Vec::new(),
        channel: None,
        how: None,
    };
    // A transcript turn names its speaker in its label ("WALLACE: …").
    if let Some(first) = span.inner.first()
        && let Some(len) = marks::speaker_label(&resolver.text[first.clone()])
    {
        quote.speaker = Some(resolver.labelled(first.start..first.start + len));
        quote.how = Some(How::Adjacent);
        return quote;
    }
    let found = clause(resolver.text, items, at, span, kind);
    let found = found.and_then(|(c, how)| Some((resolver.resolve(&c)?, how, c.distant)));
    if let Some((resolved, how, distant)) = found {
        quote.speaker = Some(resolved.speaker);
        quote.alternatives = resolved.alternatives;
        quote.channel = resolved.channel;
        quote.how = Some(match (resolved.how, distant) {
            (Some(how), _) => how,
            (None, true) => How::Subject,
            (None, false) => how,
        });
    }
    quote
}

/// The reporting clause of the quotation at `at`: the one right after it (unless its words
/// end the sentence), else, except for scare quotes, the one earlier in its sentence.
fn clause(
    text: &str,
    items: &[Item],
    at: usize,
    span: &marks::Span,
    kind: QuoteKind,
) -> Option<(attribution::Clause, How)> {
    if let Some(clause) = attribution::byline(text, context::after(items, at)) {
        return Some((clause, How::Adjacent));
    }
    let last = span.inner.last().map_or("", |r| text[r.clone()].trim_end());
    if !last.ends_with('.') {
        if let Some(clause) = attribution::after_quote(text, context::after(items, at)) {
            return Some((clause, How::Adjacent));
        }
    }
    if kind == QuoteKind::Scare {
        return None;
    }
    let how = if kind == QuoteKind::Full {
        How::Adjacent
    } else {
        How::Sentence
    };
    attribution::before_quote(text, context::before(items, at)).map(|c| (c, how))
}

/// Scare quotes are one or two words; a full quotation opens its sentence or follows a colon
/// or comma; anything else is partial.
fn kind(text: &str, span: &marks::Span, before: &[Item]) -> QuoteKind {
    let words: usize = span
        .inner
        .iter()
        .map(|r| text[r.clone()].split_whitespace().count())
        .sum();
    if words <= 2 {
        return QuoteKind::Scare;
    }
    let opens = before.iter().rev().find(|i| !matches!(i, Item::Break));
    match opens {
        None | Some(Item::Punct(_, ':' | ',')) => QuoteKind::Full,
        _ => QuoteKind::Partial,
    }
}

/// How many quotations away a continued quotation may find its speaker.
const NEIGHBOURS: usize = 8;

/// From this confidence on a speaker counts as sure (the editor marks the others with "?").
const SURE: f32 = 0.8;

/// Offers, for every quotation whose speaker is not sure, the other speakers of the nearest
/// quotations before and after it: news alternates between a few voices, so when the reading
/// is wrong the speaker is most often a neighbour's.
fn offer_neighbours(quotes: &mut [Quote]) {
    for i in 0..quotes.len() {
        let (Some(speaker), Some(how)) = (&quotes[i].speaker, quotes[i].how) else {
            continue;
        };
        if how.confidence() >= SURE {
            continue;
        }
        let other = |q: &&Quote| q.speaker.as_ref().is_some_and(|s| s.name != speaker.name);
        let before = quotes[..i].iter().rev().take(NEIGHBOURS).find(other);
        let after = quotes[i + 1..].iter().take(NEIGHBOURS).find(other);
        let found: Vec<Speaker> = before
            .into_iter()
            .chain(after)
            .filter_map(|q| q.speaker.clone())
            .collect();
        let alternatives = &mut quotes[i].alternatives;
        for speaker in found {
            let known = alternatives.iter().any(|a| a.name == speaker.name);
            if !known && alternatives.len() < resolve::ALTERNATIVES {
                alternatives.push(speaker);
            }
        }
    }
}

/// Gives quotations without a speaker the speaker of the previous (else the next) attributed
/// quotation of the same paragraph, as in `"A," he said. "B."`, else of the quotation that
/// ends the paragraph before when this one opens its own.
fn continue_speakers(quotes: &mut [Quote], lines: &[Range<usize>]) {
    let line_of = |pos: usize| lines.partition_point(|l| l.end < pos);
    let own =
        |q: &Quote| q.speaker.is_some() && !matches!(q.how, Some(How::Continued | How::Carried));
    for i in 0..quotes.len() {
        if quotes[i].speaker.is_some() || quotes[i].kind == QuoteKind::Scare {
            continue;
        }
        let (first, last) = (line_of(quotes[i].range.start), line_of(quotes[i].range.end));
        let previous = quotes[..i]
            .iter()
            .rev()
            .take(NEIGHBOURS)
            .take_while(|q| line_of(q.range.end) == first)
            .find(|q| own(q));
        let next = || {
            quotes[i + 1..]
                .iter()
                .take(NEIGHBOURS)
                .take_while(|q| line_of(q.range.start) == last)
                .find(|q| own(q) && q.how == Some(How::Adjacent))
        };
        // A paragraph that opens with a quotation and names no one carries on the speaker
        // of the quotation that ends the paragraph before it.
        let opens = lines
            .get(first)
            .is_some_and(|l| l.start == quotes[i].range.start);
        let carried = || {
            let q = quotes[..i].last()?;
            let before = first.checked_sub(1)?;
            (opens && quotes[i].kind == QuoteKind::Full && line_of(q.range.end) == before)
                .then_some(q)
                .filter(|q| q.speaker.is_some())
        };
        let found = previous.or_else(next).map(|q| (q, How::Continued));
        if let Some((source, how)) = found.or_else(|| carried().map(|q| (q, How::Carried))) {
            let source = source.clone();
            let quote = &mut quotes[i];
            quote.speaker = source.speaker;
            quote.alternatives = source.alternatives;
            quote.channel = source.channel;
            quote.how = Some(how);
        }
    }
}

#[cfg(test)]
mod tests;
