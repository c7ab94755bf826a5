//! Whether an article reports on a team sport. There a city or county stands for its club
//! ("Bolton beat Chelsea", "Essex need 148 to win"), so a place name that the context does
//! not tie to a location names a team, an organization; a country names its national team,
//! a place, as news style has it. In reports on golf, tennis or athletics a city is where
//! the event is.

use super::document::Document;
use super::tokens::Shape;

/// How many distinct words of team sports make an article a report on one.
const MIN_SPORTS_WORDS: usize = 3;

/// A team sports report: its first line names a team sport ("SOCCER - ...",
/// "Baseball-Results of ..."), or it uses several distinct words that only reports on team
/// sports use.
pub fn is_sports(doc: &Document) -> bool {
    let tokens = &doc.tokens;
    let Some(first) = tokens.first() else {
        return false;
    };
    let headline = tokens
        .iter()
        .take_while(|t| t.block == first.block)
        .take(4)
        .enumerate()
        .any(|(i, t)| t.is_word() && is_sport(prefix(doc.lower(i))));
    if headline {
        return true;
    }
    // Each word of the list numbered once in the document's vocabulary, then one look at
    // each token's number: no string comparison per token.
    let mut bit_of = vec![0u8; doc.vocabulary_len()];
    for (bit, word) in SPORTS_WORDS.iter().enumerate() {
        if let Some(id) = doc.word_id(word) {
            bit_of[id as usize] = bit as u8 + 1;
        }
    }
    // A bit per word of the list: distinct words counted without a set.
    let mut seen: u64 = 0;
    for t in tokens {
        if t.shape == Shape::Lower || t.is_word() && t.sentence_start {
            let bit = bit_of.get(t.word as usize).copied().unwrap_or(0);
            if bit > 0 {
                seen |= 1 << (bit - 1);
                if seen.count_ones() as usize >= MIN_SPORTS_WORDS {
                    return true;
                }
            }
        }
    }
    false
}

/// The part of a word before its first hyphen ("baseball" in "baseball-results").
fn prefix(word: &str) -> &str {
    word.split('-').next().unwrap_or(word)
}

/// The name of a team sport, as a news headline starts with it.
fn is_sport(word: &str) -> bool {
    matches!(
        word,
        "soccer"
            | "football"
            | "cricket"
            | "baseball"
            | "basketball"
            | "rugby"
            | "hockey"
            | "volleyball"
            | "handball"
            | "nfl"
            | "nba"
            | "nhl"
    )
}

/// Words that reports on team sports use and other news hardly does.
const SPORTS_WORDS: [&str; 26] = [
    "goal",
    "goals",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "innings",
    "wicket",
    "wickets",
    "batsman",
    "bowler",
    "homer",
    "inning",
    "pitcher",
    "league",
    "club",
    "halftime",
    "squad",
    "penalty",
    "standings",
    "soccer",
    "cricket",
    "rugby",
    "baseball",
    "basketball",
    "hockey",
];
