//! Small general word lists: function words of common languages and the vocabulary of page
//! furniture (calls to action, legal notices, photo credits).
//!
//! These are the most frequent grammatical words of each language, as any frequency list gives
//! them, not phrases picked from particular sites. Running prose is dense in function words;
//! menus, teaser headlines and credits are not, which is jusText's main signal.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Languages with a function-word list, by ISO 639-1 code.
const FUNCTION_WORDS: &[(&str, &str)] = &[
    (
        "en",
        "the of and to a in is it that was for on are with as he she they be at by this had not \
         but from or have an which were there been has their his her its will would who we our \
         than then so if into about when what more can could also after them these those",
    ),
    (
        "de",
        "der die das und ist nicht ein eine einen dem den des zu mit sich auf für von im auch \
         es an als wie bei nach aus wird werden wurde hat haben sind war noch nur oder aber \
         dass wenn so schon um über vor dieser diese",
    ),
    (
        "fr",
        "le la les de des du un une et est en que qui dans pour pas sur au aux ce cette il elle \
         ils ne se son sa ses par plus avec mais ont été sont être comme leur lui où aussi fait \
         était nous",
    ),
    (
        "es",
        "el la los las de del que y en un una es por con para se no su sus al lo como más pero \
         fue ha han este esta son también entre sobre cuando muy sin hasta desde le ya porque",
    ),
    (
        "pt",
        "o a os as de do da dos das que e em um uma é para com não se no na nos nas por mais \
         ao foi ser como mas sua seu são também pelo pela isso ele ela ou já quando muito",
    ),
    (
        "it",
        "il lo la i gli le di del della dei che e è un una per in con non si da al alla sono \
         come ma più anche nel nella questo questa ha ho essere stato suo sua loro ci se",
    ),
    (
        "nl",
        "de het een en van is dat die in te op niet met voor zijn er aan ook als bij maar om \
         door naar heeft dan was werd wordt hij zij ze dit deze nog wel tot",
    ),
    (
        "ru",
        "и в не на что с по как это он она они к а из за от то но для о у же так его её их \
         был была были было бы до при уже если или только также когда ещё",
    ),
    (
        "pl",
        "i w nie na że się z do to jest jak o po a od za ale co tak przez dla jego jej ich był \
         była było są może już też tylko gdy oraz który która które",
    ),
    (
        "id",
        "yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga ada adalah saya \
         mereka kami kita oleh karena atau sudah telah bisa lebih seperti tersebut bahwa",
    ),
    (
        "tr",
        "ve bir bu da de için ile olarak daha çok gibi ama ne o olan en kadar sonra ise ya \
         değil her şey mi var diye bunu onun",
    ),
    (
        "sv",
        "och i att det som en på är av för med till den har de inte om ett han hon men var \
         sig så vid kan från när ska också efter",
    ),
    (
        "vi",
        "và của là có được cho không những các một trong người này với đã để khi đến về cũng \
         như từ thì ra theo sẽ nhiều",
    ),
];

/// Words that address the reader.
const SECOND_PERSON: &str = "you your yours you're yourself you'll you've du dich dir dein deine \
     deinen euch euer vous votre vos toi tu ton ta tes usted ustedes tú vosotros você vocês teu \
     tua voi vostro vostra jij jouw je uw вы вас вам ваш ваша ваше ты тебя твой anda kamu";

/// Words of the site speaking for itself ("support us", "our newsletter").
const FIRST_PLURAL: &str = "we us our ours wir uns unser unsere unseren nous notre nos \
     nosotros nuestro nuestra nuestros nós nosso nossa nossos noi nostro nostra wij ons onze \
     мы нас наш наша наши kami";

/// Verbs and nouns of calls to action, subscriptions and site accounts.
const ACTION_WORDS: &str = "subscribe subscription subscribers subscriber newsletter newsletters \
     donate donation donations sign login log unsubscribe follow share \
     click tap join download install support membership member members premium upgrade enable \
     disable browser adblock comment comments reply replies advertisement advertising \
     sponsored abonnieren abonnement anmelden registrieren newsletter teilen spenden \
     abonner abonnement inscrivez inscription connexion partager suscríbete suscribirse \
     suscripción regístrate compartir assine assinar inscreva cadastre compartilhe \
     iscriviti abbonati accedi condividi подписаться подписка поделиться войти \
     berlangganan daftar bagikan klik";

/// Vocabulary that marks legal and site notices on its own.
const NOTICE_STRONG: &str = "copyright cookie cookies privacy gdpr trademark trademarks \
     datenschutz impressum urheberrecht nutzungsbedingungen confidentialité réservés \
     reservados privacidad privacidade riservati informativa конфиденциальности защищены";

/// Vocabulary of notices that also occurs in news ("policy", "rights").
const NOTICE_WEAK: &str = "policy terms reserved rights consent disclaimer affiliate \
     reproduced permission droits mentions légales derechos aviso legal direitos termos \
     diritti права hak cipta dilindungi";

/// Vocabulary of photo and video credits.
const CREDIT_WORDS: &str = "photo photos photograph image images picture credit credits getty \
     afp reuters ap epa shutterstock istock foto fotos bild imagen imagem фото";

/// Lower-cased word → set of languages it is a function word of, as a bit mask.
fn function_word_table() -> &'static HashMap<&'static str, u32> {
    static TABLE: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in words.split_whitespace() {
                *table.entry(word).or_insert(0) |= 1 << i;
            }
        }
        table
    })
}

/// Number of languages with a function-word list.
pub fn language_count() -> usize {
    FUNCTION_WORDS.len()
}

/// The ISO code of language `index`.
#[cfg(test)]
pub fn language_code(index: usize) -> &'static str {
    FUNCTION_WORDS[index].0
}

/// Bit mask of the languages `word` (lower case) is a function word of; 0 for none.
pub fn function_word_languages(word: &str) -> u32 {
    function_word_table().get(word).copied().unwrap_or(0)
}

fn word_set(
    words: &'static str,
    cell: &'static OnceLock<Vec<&'static str>>,
) -> &'static [&'static str] {
    cell.get_or_init(|| {
        let mut v: Vec<_> = words.split_whitespace().collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

fn contains(words: &'static str, cell: &'static OnceLock<Vec<&'static str>>, word: &str) -> bool {
    word_set(words, cell).binary_search(&word).is_ok()
}

/// Whether `word` (lower case) addresses the reader.
pub fn is_second_person(word: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    contains(SECOND_PERSON, &CELL, word)
}

/// Whether `word` (lower case) is the site speaking as "we".
pub fn is_first_plural(word: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    contains(FIRST_PLURAL, &CELL, word)
}

/// Whether `word` (lower case) belongs to calls to action or site accounts.
pub fn is_action_word(word: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    contains(ACTION_WORDS, &CELL, word)
}

/// Weight of `word` (lower case) as notice vocabulary: 2 for words that mark a notice on
/// their own, 1 for words that also occur in news, 0 otherwise.
pub fn notice_weight(word: &str) -> usize {
    static STRONG: OnceLock<Vec<&'static str>> = OnceLock::new();
    static WEAK: OnceLock<Vec<&'static str>> = OnceLock::new();
    if contains(NOTICE_STRONG, &STRONG, word) {
        2
    } else {
        usize::from(contains(NOTICE_WEAK, &WEAK, word))
    }
}

/// Whether `word` (lower case) belongs to photo credits.
pub fn is_credit_word(word: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    contains(CREDIT_WORDS, &CELL, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_cover_several_languages() {
        let en = (0..language_count())
            .position(|i| language_code(i) == "en")
            .unwrap();
        assert_ne!(function_word_languages("the") & (1 << en), 0);
        assert_ne!(function_word_languages("und"), 0);
        assert_ne!(function_word_languages("что"), 0);
        assert_eq!(function_word_languages("pipeline"), 0);
    }

    #[test]
    fn vocabularies_are_lower_case_lookups() {
        assert!(is_second_person("your"));
        assert!(is_action_word("subscribe"));
        assert_eq!(notice_weight("copyright"), 2);
        assert_eq!(notice_weight("policy"), 1);
        assert!(is_credit_word("getty"));
        assert!(!is_action_word("pipeline"));
    }
}
