//! Surface features of one block, computed in one pass over its characters.
//!
//! Only what plain text shows: length, words, function words, punctuation, capitalisation and
//! a few vocabulary counts. No HTML, no language model.

use super::lexicon;

/// What one block looks like.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Word tokens (runs of letters/digits); each CJK ideograph or kana counts as half a word.
    pub words: f32,
    /// Tokens that contain a letter (not just digits).
    pub alpha_words: usize,
    /// Letter-words starting with an upper-case letter.
    pub capitalized: usize,
    /// Letter-words starting with a lower-case letter.
    pub lowercase: usize,
    /// Tokens that are only digits.
    pub numbers: usize,
    /// Per language, how many tokens are its function words.
    pub function_hits: [u16; lexicon::LANGUAGES],
    /// Sentence ends (`.`, `!`, `?` and their CJK forms) followed by a space or the end.
    pub sentence_marks: usize,
    /// Commas, semicolons and colons inside the block.
    pub clause_marks: usize,
    /// The block ends like a sentence (after closing quotes and brackets).
    pub ends_sentence: bool,
    /// The block ends in a truncation ellipsis, maybe followed by a short "read more" tail.
    pub truncated: bool,
    /// Words addressing the reader.
    pub second_person: usize,
    /// Words of the writer speaking as "we".
    pub first_plural: usize,
    /// Call-to-action and site-account words.
    pub action: usize,
    /// Verbs reporting speech ("said", "wrote").
    pub reporting: usize,
    /// Weighted legal-notice vocabulary (2 for a word like "copyright" or the © sign, 1 for a
    /// word like "policy").
    pub notice: usize,
    /// How many different notice words (and the © sign) the block has, at most 64: one word
    /// repeated ("cookie recipes … cookie poll") is a story's subject, not a notice.
    pub notice_kinds: u32,
    /// Photo-credit words.
    pub credit: usize,
    /// Words naming readers' comments ("Comments", "Reply").
    pub comment: usize,
    /// Words of headings over lists of other articles ("Related", "More stories").
    pub see_also: usize,
    /// Menu separators: `|`, `›`, `»`, `>`, `•`, `·`, `/` between spaces.
    pub separators: usize,
    /// Looks like a URL, e-mail address or markup.
    pub code_like: bool,
    /// The first token starts with an upper-case letter or digit.
    pub starts_upper: bool,
}

impl Features {
    /// Share of letter-words that are capitalised, 0 when there are none.
    pub fn title_case_ratio(&self) -> f32 {
        let total = self.capitalized + self.lowercase;
        if total == 0 {
            0.0
        } else {
            self.capitalized as f32 / total as f32
        }
    }

    /// Share of tokens that are function words of `language`.
    pub fn function_density(&self, language: usize) -> f32 {
        if self.words < 1.0 {
            0.0
        } else {
            f32::from(self.function_hits[language]) / self.words
        }
    }
}

/// Whether `c` is written without spaces between words (Han, kana).
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '」' | '』' | '）' | '“'
    )
}

/// Everything one pass over a block's characters yields: its features, the identities used to
/// find copies and templates, and (appended to a page-wide buffer) its word hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub features: Features,
    /// [`super::fingerprint`] of the block.
    pub fingerprint: u64,
    /// Fingerprint of the block's skeleton (names and numbers ignored), when it keeps a
    /// literal word.
    pub skeleton: Option<u64>,
}

/// Computes the features of `text` (one trimmed line).
#[cfg(test)]
pub fn features(text: &str) -> Features {
    scan(text, &mut String::new(), &mut Vec::new()).features
}

/// FNV-1a, the hash of fingerprints and word hashes (stable across runs and platforms).
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[inline]
pub fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// Feeds the lower-case UTF-8 bytes of `c` to the hash.
#[inline]
fn fnv_lower(hash: u64, c: char) -> u64 {
    if c.is_ascii() {
        fnv(hash, &[c.to_ascii_lowercase() as u8])
    } else {
        let mut buf = [0u8; 4];
        c.to_lowercase()
            .fold(hash, |h, l| fnv(h, l.encode_utf8(&mut buf).as_bytes()))
    }
}

/// A word of the fingerprint's tokenisation (a run of letters and digits) being read.
struct HashWord {
    start: usize,
    hash: u64,
    name: bool,
    digit: bool,
}

/// The skeleton of a line, hashed as it is read: numbers become `0`, each run of capitalised
/// words (names) becomes `A`, other words stay. See [`super::duplicates`].
struct Skeleton {
    hash: u64,
    previous_name: bool,
    previous_digit: bool,
    literal: bool,
}

impl Skeleton {
    fn word(&mut self, word: &str, name: bool, digit: bool) {
        // A unit or half of the day right after a number belongs to it ("4:47 pm", "6:34 am",
        // "5 h"), so comment headers keep one shape through the day.
        let digit = digit || self.previous_digit && word.len() <= 2;
        let name = name && !digit;
        let repeat = name && self.previous_name;
        self.previous_name = name;
        self.previous_digit = digit;
        let part: &[u8] = if repeat {
            return;
        } else if name {
            b"A"
        } else if digit {
            b"0"
        } else {
            self.literal = true;
            word.as_bytes()
        };
        self.hash = fnv(fnv(self.hash, part), b" ");
    }
}

/// One pass over `text`: features, fingerprint, skeleton, and the hash of each lower-cased
/// word pushed onto `word_hashes`. `scratch` is reused for lower-casing dictionary lookups.
pub fn scan(text: &str, scratch: &mut String, word_hashes: &mut Vec<u64>) -> Scan {
    let mut f = Features::default();
    let mut first = true;
    let mut prev: Option<char> = None;
    // The word of the features' tokenisation (apostrophes inside words kept).
    let mut word: Option<(usize, char, bool)> = None;
    let mut hash_word: Option<HashWord> = None;
    let mut fingerprint = FNV_OFFSET;
    let mut skeleton = Skeleton {
        hash: FNV_OFFSET,
        previous_name: false,
        previous_digit: false,
        literal: false,
    };
    let mut chars = text.char_indices().peekable();
    // Inside quotation marks, "we" and "you" are the speaker's, not the site's.
    let mut quoted = false;
    while let Some((i, c)) = chars.next() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        // The fingerprint's words: runs of letters and digits.
        if alnum {
            let w = hash_word.get_or_insert(HashWord {
                start: i,
                hash: FNV_OFFSET,
                name: c.is_uppercase(),
                digit: false,
            });
            w.hash = fnv_lower(w.hash, c);
            w.digit |= c.is_ascii_digit();
            fingerprint = fnv_lower(fingerprint, c);
        } else if let Some(w) = hash_word.take() {
            fingerprint = fnv(fingerprint, b" ");
            word_hashes.push(w.hash);
            skeleton.word(&text[w.start..i], w.name, w.digit);
        }
        // The features' words.
        if !c.is_ascii() && is_unspaced_script(c) {
            finish_word(&mut f, text, word.take(), i, (&mut first, quoted), scratch);
            f.words += 0.5;
            f.alpha_words += 1;
        } else if alnum || (is_apostrophe(c) && word.is_some()) {
            let w = word.get_or_insert((i, c, false));
            w.2 |= c.is_alphabetic();
        } else {
            finish_word(&mut f, text, word.take(), i, (&mut first, quoted), scratch);
            quoted = match c {
                '"' => !quoted,
                '\u{201c}' | '\u{ab}' | '\u{201e}' => true,
                '\u{201d}' | '\u{bb}' => false,
                _ => quoted,
            };
            let next = chars.peek().map(|&(_, n)| n);
            count_punctuation(&mut f, c, prev, next);
        }
        prev = Some(c);
    }
    if let Some(w) = hash_word.take() {
        fingerprint = fnv(fingerprint, b" ");
        word_hashes.push(w.hash);
        skeleton.word(&text[w.start..], w.name, w.digit);
    }
    finish_word(
        &mut f,
        text,
        word.take(),
        text.len(),
        (&mut first, quoted),
        scratch,
    );
    f.ends_sentence = ends_sentence(text);
    f.truncated = truncated(text);
    f.code_like = code_like(text);
    Scan {
        features: f,
        fingerprint,
        skeleton: skeleton.literal.then_some(skeleton.hash),
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn count_punctuation(f: &mut Features, c: char, prev: Option<char>, next: Option<char>) {
    let spaced = |x: Option<char>| x.is_none_or(char::is_whitespace);
    if is_sentence_end(c) && (spaced(next) || next.is_some_and(is_closer)) && c != '.'
        || c == '.' && spaced(next) && prev.is_some_and(|p| p.is_alphanumeric() || is_closer(p))
    {
        f.sentence_marks += 1;
    } else if matches!(c, ',' | ';' | ':' | '，' | '、' | '；') {
        f.clause_marks += 1;
    } else if matches!(c, '|' | '›' | '»' | '•' | '·' | '>' | '/' | '«' | '‹')
        && spaced(prev)
        && spaced(next)
    {
        f.separators += 1;
    } else if c == '©' {
        f.notice += 2;
        f.notice_kinds |= 1;
    }
}

/// Counts the word `text[start..end]` (`initial` its first character, `alpha` whether it has
/// a letter) and looks it up in the lexicon.
fn finish_word(
    f: &mut Features,
    text: &str,
    word: Option<(usize, char, bool)>,
    end: usize,
    (first, quoted): (&mut bool, bool),
    scratch: &mut String,
) {
    let Some((start, initial, alpha)) = word else {
        return;
    };
    let trimmed = text[start..end].trim_end_matches(is_apostrophe);
    if trimmed.is_empty() {
        return;
    }
    f.words += 1.0;
    if *first {
        f.starts_upper = initial.is_uppercase() || initial.is_numeric();
        *first = false;
    }
    if alpha {
        f.alpha_words += 1;
        if initial.is_uppercase() {
            f.capitalized += 1;
        } else if initial.is_lowercase() {
            f.lowercase += 1;
        }
    } else {
        f.numbers += 1;
        // No word list holds a number.
        return;
    }
    if trimmed.len() > lexicon::max_word_bytes() {
        return;
    }
    scratch.clear();
    if trimmed.is_ascii() {
        scratch.push_str(trimmed);
        scratch.make_ascii_lowercase();
    } else {
        for c in trimmed.chars() {
            if c == '’' {
                scratch.push('\'');
            } else {
                scratch.extend(c.to_lowercase());
            }
        }
    }
    let entry = lexicon::lookup(scratch);
    let mut mask = entry.languages;
    while mask != 0 {
        let i = mask.trailing_zeros() as usize;
        f.function_hits[i] = f.function_hits[i].saturating_add(1);
        mask &= mask - 1;
    }
    // Quoted words are someone else's; "US" in capitals is the country, not "us".
    f.second_person += usize::from(entry.second_person() && !quoted);
    f.first_plural += usize::from(entry.first_plural() && !quoted && trimmed != "US");
    f.action += usize::from(entry.action());
    f.reporting += usize::from(entry.reporting());
    f.notice += entry.notice_weight();
    if entry.notice_weight() > 0 {
        f.notice_kinds |= 1 << (1 + fnv(FNV_OFFSET, scratch.as_bytes()) % 31);
    }
    f.credit += usize::from(entry.credit());
    f.comment += usize::from(entry.comment());
    f.see_also += usize::from(entry.see_also());
}

fn ends_sentence(text: &str) -> bool {
    let body = text.trim_end_matches(is_closer);
    body.ends_with(is_sentence_end) && !body.ends_with("...") && !body.ends_with('…')
}

/// A truncation ellipsis at the end, or one followed by at most three words ("… Continue
/// reading", "... more").
fn truncated(text: &str) -> bool {
    let at = match (text.rfind('…'), text.rfind("...")) {
        (Some(a), Some(b)) => a.max(b),
        (a, b) => match a.or(b) {
            Some(at) => at,
            None => return false,
        },
    };
    let tail = text[at..].trim_start_matches(['…', '.']);
    at > 0 && tail.split_whitespace().count() <= 3 && !tail.contains(['.', '?', '!'])
}

/// Whether a short line carries a time stamp: a clock time ("07:52", "4:47 pm") or an age
/// like "32M ago" / "5h" (one or two digits followed by one or two letters, not an ordinal
/// like "2nd" or "1a"; "737s" is a plane). Comment headers and teaser
/// lists carry one on every record.
pub fn timestamp_like(text: &str) -> bool {
    let bytes = text.as_bytes();
    let clock = bytes.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    });
    clock
        || text.split_whitespace().any(|w| {
            let digits = w.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &w[digits..];
            (1..=2).contains(&digits)
                && (1..=2).contains(&rest.len())
                && rest.bytes().all(|b| b.is_ascii_alphabetic())
                && !is_ordinal_suffix(rest)
        })
}

/// Whether a short line is a date: a handful of words, one of them a year ("Tuesday November
/// 19, 2019", "19 de novembro de 2019", "2019-11-19"). Teaser lists carry one on every record.
pub fn date_line(text: &str, f: &Features) -> bool {
    f.words <= 5.0
        && f.numbers >= 2
        && !f.ends_sentence
        && text
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")))
}

/// Suffixes of ordinal numbers ("1st", "2nd", "1a", "2o" in Portuguese and Spanish).
fn is_ordinal_suffix(rest: &str) -> bool {
    ["st", "nd", "rd", "th", "a", "o", "e", "er", "re", "te"]
        .iter()
        .any(|s| rest.eq_ignore_ascii_case(s))
}

/// Web addresses are code when they make up this share of a block's characters; a tweet or
/// a sentence quoting a link stays prose.
const URL_SHARE: usize = 3;

fn code_like(text: &str) -> bool {
    // Two substring searches rule out nearly every block without splitting it into words.
    let urls: usize = if text.contains("://") || text.contains("www.") {
        text.split_whitespace()
            .filter(|w| w.contains("://") || w.starts_with("www."))
            .map(str::len)
            .sum()
    } else {
        0
    };
    urls * 10 >= text.len() * URL_SHARE && urls > 0
        || text.starts_with("www.")
        || text.starts_with('<') && text.ends_with('>')
        || text.starts_with('{') && text.ends_with('}')
        || text.contains("&lt;")
        || (text.contains('@') && !text.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_marks_and_case() {
        let f = features("The cat sat on the mat. Then it left, quietly!");
        assert_eq!(f.words, 10.0);
        assert_eq!(f.sentence_marks, 2);
        assert_eq!(f.clause_marks, 1);
        assert!(f.ends_sentence);
        assert!(f.starts_upper);
        assert_eq!(f.capitalized, 2);
    }

    #[test]
    fn closing_quote_after_period_still_ends_a_sentence() {
        assert!(features("He said: “We will go.”").ends_sentence);
        assert!(!features("Sports and Weather").ends_sentence);
    }

    #[test]
    fn truncation_ellipsis_with_a_short_tail() {
        assert!(features("The mayor announced on Monday that the bridge… Read on").truncated);
        assert!(features("The mayor announced on Monday that the bridge...").truncated);
        assert!(!features("He paused... then he spoke again at length to the crowd.").truncated);
    }

    #[test]
    fn cjk_characters_count_as_half_words() {
        let f = features("東京都は月曜日に発表した。");
        assert!(f.words > 5.0);
        assert!(f.ends_sentence);
    }

    #[test]
    fn time_stamps_of_comment_headers() {
        assert!(timestamp_like("2 days ago at 07:52 am"));
        assert!(timestamp_like("32M ago"));
        assert!(timestamp_like("Ann on May 3, 2019 at 4:47 pm said:"));
        assert!(!timestamp_like("Rating: 36 Votes"));
        assert!(!timestamp_like("Chapter 12"));
        assert!(!timestamp_like(
            "Safety officials urge Boeing to redesign part on 737s"
        ));
        assert!(!timestamp_like("1a etapa: 10 de março"));
        assert!(!timestamp_like("The 2nd round"));
    }

    #[test]
    fn date_lines_of_teaser_records() {
        let date = |t: &str| date_line(t, &features(t));
        assert!(date("Tuesday November 19, 2019"));
        assert!(date("19 de novembro de 2019"));
        assert!(!date("— The Nigerian Senate (@NGRSenate) October 9, 2018"));
        assert!(!date("The vote was held in 2019."));
        assert!(!date("Chapter 12"));
        assert!(!date("Calendário Stock Car 2018"));
    }

    #[test]
    fn separators_need_spaces_around_them() {
        assert_eq!(features("Home › News › World").separators, 2);
        assert_eq!(features("24/7 coverage").separators, 0);
    }
}
