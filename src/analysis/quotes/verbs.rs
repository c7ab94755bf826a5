//! Reporting verbs: the words that tell a quotation has a speaker ("said", "told",
//! "argued", "calling"), in every form news prose uses them.

use hashbrown::HashSet;
use std::sync::OnceLock;

/// Verbs that report speech or writing, by stem: "note" covers noted, notes, noting.
/// Common cue verbs of attribution in English news prose.
const SAYING_STEMS: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "note",
    "ask",
    "reply",
    "warn",
    "insist",
    "explain",
    "declare",
    "announce",
    "claim",
    "argue",
    "write",
    "remark",
    "comment",
    "respond",
    "answer",
    "acknowledge",
    "admit",
    "concede",
    "suggest",
    "stress",
    "emphasize",
    "emphasise",
    "urge",
    "testify",
    "predict",
    "conclude",
    "complain",
    "caution",
    "quip",
    "joke",
    "boast",
    "promise",
    "vow",
    "pledge",
    "confirm",
    "deny",
    "report",
    "tweet",
    "quote",
    "contend",
    "counter",
    "muse",
    "exclaim",
    "shout",
    "wonder",
    "recall",
    "continue",
    "demand",
    "call",
    "describe",
    "liken",
    "agree",
    "assert",
    "recount",
    "reiterate",
    "repeat",
    "retort",
    "scoff",
    "observe",
    "maintain",
    "allege",
    "lament",
    "proclaim",
    "post",
    "email",
    "text",
    "assure",
    "mock",
    "blast",
    "slam",
    "praise",
    "criticize",
    "criticise",
    "accuse",
    "dismiss",
    "question",
    "label",
    "dub",
    "speculate",
    "point",
    "yell",
    "whisper",
    "tout",
    "echo",
    "chant",
    "elaborate",
    "advise",
    "recommend",
    "propose",
    "mutter",
    "interject",
    "summarize",
    "summarise",
];

/// Irregular forms of the stems above.
const IRREGULAR: &[&str] = &["said", "says", "told", "wrote", "written"];

/// Stems whose bare form is mostly a verb in news prose ("they say"); the others ("a call",
/// "the report") are nouns when bare.
const BARE_VERBS: &[&str] = &[
    "say",
    "tell",
    "ask",
    "add",
    "write",
    "argue",
    "insist",
    "warn",
    "explain",
    "agree",
    "admit",
    "predict",
    "contend",
    "recall",
    "acknowledge",
    "concede",
];

/// Stems whose -s form is mostly a plural noun ("his comments", "the charges").
const PLURAL_NOUNS: &[&str] = &[
    "call", "point", "post", "text", "question", "label", "charge", "comment", "quote", "tweet",
    "email", "answer", "echo", "praise", "promise", "joke", "remark", "demand", "pledge", "vow",
    "quip", "state",
];

/// Whether `word` (any case) is a form of a reporting verb.
pub(super) fn is_saying_verb(word: &str) -> bool {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    let forms = FORMS.get_or_init(saying_forms);
    let mut buf = [0u8; 24];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|w| forms.contains(w))
}

/// Every form of the reporting verbs: irregular forms, bare verbs, and the -s, -ed and -ing
/// forms of each stem (with -y to -ied, a silent -e dropped, a final consonant doubled).
fn saying_forms() -> HashSet<String> {
    let mut forms: HashSet<String> = IRREGULAR
        .iter()
        .chain(BARE_VERBS)
        .map(|w| w.to_string())
        .collect();
    for &stem in SAYING_STEMS {
        let (base, last) = stem.split_at(stem.len() - 1);
        if last == "y" && !base.ends_with(['a', 'e', 'o']) {
            forms.extend([
                format!("{base}ied"),
                format!("{base}ies"),
                format!("{stem}ing"),
            ]);
            continue;
        }
        if !PLURAL_NOUNS.contains(&stem) {
            let es = stem.ends_with(['s', 'x', 'z', 'h', 'o']);
            forms.insert(if es {
                format!("{stem}es")
            } else {
                format!("{stem}s")
            });
        }
        if last == "e" {
            forms.extend([format!("{stem}d"), format!("{base}ing")]);
        } else {
            forms.extend([format!("{stem}ed"), format!("{stem}ing")]);
            forms.extend([format!("{stem}{last}ed"), format!("{stem}{last}ing")]);
        }
    }
    forms
}

/// Whether a reporting verb is a participle ("saying", "asking"), whose subject is the
/// subject of the clause it hangs on rather than the word before it.
pub(super) fn is_participle(word: &str) -> bool {
    word.ends_with("ing")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_forms() {
        assert!(is_saying_verb("Said") && is_saying_verb("told") && !is_saying_verb("visited"));
        for form in [
            "replied", "replies", "noting", "admitted", "stated", "argues", "calling",
        ] {
            assert!(is_saying_verb(form), "{form}");
        }
        for word in [
            "bed", "things", "visiting", "tied", "stalled", "report", "comments",
        ] {
            assert!(!is_saying_verb(word), "{word}");
        }
    }
}
