//! Small general word lists: function words of common languages and the vocabulary of page
//! furniture (calls to action, legal notices, photo credits).
//!
//! These are the most frequent grammatical words of each language, as any frequency list gives
//! them, not phrases picked from particular sites. Running prose is dense in function words;
//! menus, teaser headlines and credits are not, which is jusText's main signal.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Number of languages with a function-word list.
pub const LANGUAGES: usize = 13;

/// Languages with a function-word list, by ISO 639-1 code.
const FUNCTION_WORDS: [(&str, &str); LANGUAGES] = [
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
const ACTION_WORDS: &str = "subscribe subscription subscriptions subscribers subscriber newsletter newsletters \
     donate donation donations sign login log unsubscribe follow share \
     click tap join download install support membership member members premium upgrade enable \
     disable browser adblock comment comments reply replies advertisement advertising \
     sponsored abonnieren abonnement anmelden registrieren newsletter teilen spenden \
     abonner abonnement inscrivez inscription connexion partager suscríbete suscribirse \
     suscripción regístrate compartir assine assinar inscreva cadastre compartilhe \
     iscriviti abbonati accedi condividi подписаться подписка поделиться войти \
     berlangganan daftar bagikan klik";

/// Words that head a thread of readers' comments ("Comments", "Leave a reply"), in the
/// languages of the function-word lists.
const COMMENT_WORDS: &str = "comment comments commented reply replies responses discussion \
     kommentar kommentare kommentieren antworten diskussion commentaire commentaires \
     commenter répondre réponses comentario comentarios comentar responder respuestas \
     comentário comentários commento commenti commenta rispondi risposte reactie reacties \
     reageer reageren комментарий комментарии комментариев ответить обсуждение komentar \
     komentarze komentarzy odpowiedz balas tanggapan yorum yorumlar yanıtla svar svara \
     kommentarer kommentera";

/// Words of the headings over lists of other articles ("Related", "More stories", "Most
/// read", "Leia também"), in the languages of the function-word lists.
const SEE_ALSO_WORDS: &str = "related more also read popular trending recommended latest recent \
     similar stories articles top reads viewed watched mehr weitere lesen ähnliche verwandte \
     beliebt meistgelesen artikel lire aussi similaires populaires récents voir derniers \
     leer relacionados relacionadas artículos populares recientes leia artigos \
     lidas recentes veja leggi correlati articoli popolari meer lees gerelateerd artikelen \
     populair читайте похожие статьи популярное ещё еще terkait baca lainnya populer \
     terbaru artikel więcej czytaj podobne powiązane ilgili oku läs relaterade artiklar \
     liên quan";

/// Verbs that report what someone said or wrote ("said", "told", "according"): a block with
/// one reports speech, so its "we" and "you" are the speaker's, not the site's.
const REPORTING_WORDS: &str = "said says saying told tells wrote writes added asked according \
     stated explained noted argued claimed insisted announced replied responded warned \
     sagte sagt erklärte schrieb laut dit déclaré selon écrit dijo afirmó según escribió \
     disse afirmou segundo escreveu detto dichiarato secondo zei volgens сказал сказала \
     заявил заявила сообщил написал mengatakan kata katanya menurut powiedział według \
     dedi sade enligt";

/// Vocabulary that marks legal and site notices on its own.
const NOTICE_STRONG: &str = "copyright cookie cookies privacy gdpr trademark trademarks \
     datenschutz impressum urheberrecht nutzungsbedingungen confidentialité réservés \
     reservados privacidad privacidade riservati informativa конфиденциальности защищены";

/// Vocabulary of notices that also occurs in news ("policy", "rights").
const NOTICE_WEAK: &str = "policy terms reserved rights consent disclaimer affiliate \
     reproduced permission droits mentions légales derechos aviso legal direitos termos \
     diritti права hak cipta dilindungi print edition ausgabe édition edición edição \
     edizione";

/// Vocabulary of photo and video credits.
const CREDIT_WORDS: &str = "photo photos photograph image images picture credit credits getty \
     afp reuters ap epa shutterstock istock foto fotos bild imagen imagem фото caption legenda \
     légende bildunterschrift didascalia";

/// What a word is, as far as these lists know: a bit per language it is a function word of,
/// and a bit per vocabulary it belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    pub languages: u32,
    kinds: u16,
}

const SECOND: u16 = 1;
const FIRST: u16 = 2;
const ACTION: u16 = 4;
const NOTICE_STRONG_BIT: u16 = 8;
const NOTICE_WEAK_BIT: u16 = 16;
const CREDIT: u16 = 32;
const COMMENT: u16 = 64;
const SEE_ALSO: u16 = 128;
const REPORTING: u16 = 256;

impl Entry {
    /// The word addresses the reader.
    pub fn second_person(self) -> bool {
        self.kinds & SECOND != 0
    }

    /// The word is the site speaking as "we".
    pub fn first_plural(self) -> bool {
        self.kinds & FIRST != 0
    }

    /// The word belongs to calls to action or site accounts.
    pub fn action(self) -> bool {
        self.kinds & ACTION != 0
    }

    /// The word names readers' comments or replies.
    pub fn comment(self) -> bool {
        self.kinds & COMMENT != 0
    }

    /// The word belongs to headings over lists of other articles.
    pub fn see_also(self) -> bool {
        self.kinds & SEE_ALSO != 0
    }

    /// The word reports speech ("said", "wrote").
    pub fn reporting(self) -> bool {
        self.kinds & REPORTING != 0
    }

    /// The word belongs to photo credits.
    pub fn credit(self) -> bool {
        self.kinds & CREDIT != 0
    }

    /// Weight as notice vocabulary: 2 for words that mark a notice on their own, 1 for words
    /// that also occur in news ("policy", "rights"), 0 otherwise.
    pub fn notice_weight(self) -> usize {
        if self.kinds & NOTICE_STRONG_BIT != 0 {
            2
        } else {
            usize::from(self.kinds & NOTICE_WEAK_BIT != 0)
        }
    }
}

/// A fast multiplicative hasher (FxHash) for the short keys of the table; the keys are fixed
/// lists, so no protection against chosen collisions is needed.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        // The tail of a short word in one step, not a step per byte: most words are
        // shorter than eight bytes, and this runs for every word of every block.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            let word = u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59);
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Table = HashMap<&'static str, Entry, BuildHasherDefault<FxHasher>>;

/// One table for every list, so a token costs one hash lookup.
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table::default();
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in words.split_whitespace() {
                table.entry(word).or_default().languages |= 1 << i;
            }
        }
        let kinds = [
            (SECOND_PERSON, SECOND),
            (FIRST_PLURAL, FIRST),
            (ACTION_WORDS, ACTION),
            (NOTICE_STRONG, NOTICE_STRONG_BIT),
            (NOTICE_WEAK, NOTICE_WEAK_BIT),
            (CREDIT_WORDS, CREDIT),
            (COMMENT_WORDS, COMMENT),
            (SEE_ALSO_WORDS, SEE_ALSO),
            (REPORTING_WORDS, REPORTING),
        ];
        for (words, bit) in kinds {
            for word in words.split_whitespace() {
                table.entry(word).or_default().kinds |= bit;
            }
        }
        table
    })
}

/// What the lists know of `word` (lower case); the default entry for an unknown word.
pub fn lookup(word: &str) -> Entry {
    table().get(word).copied().unwrap_or_default()
}

/// Number of languages with a function-word list.
pub fn language_count() -> usize {
    FUNCTION_WORDS.len()
}

/// The longest word in any list, in bytes: longer tokens need no lookup.
pub fn max_word_bytes() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| table().keys().map(|k| k.len()).max().unwrap_or(0))
}

/// The ISO code of language `index`.
#[cfg(test)]
pub fn language_code(index: usize) -> &'static str {
    FUNCTION_WORDS[index].0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_cover_several_languages() {
        let en = (0..language_count())
            .position(|i| language_code(i) == "en")
            .unwrap();
        assert_ne!(lookup("the").languages & (1 << en), 0);
        assert_ne!(lookup("und").languages, 0);
        assert_ne!(lookup("что").languages, 0);
        assert_eq!(lookup("pipeline"), Entry::default());
    }

    #[test]
    fn language_count_matches_the_lists() {
        assert_eq!(language_count(), LANGUAGES);
    }

    #[test]
    fn vocabularies_are_lower_case_lookups() {
        assert!(lookup("your").second_person());
        assert!(lookup("our").first_plural());
        assert!(lookup("subscribe").action());
        assert_eq!(lookup("copyright").notice_weight(), 2);
        assert_eq!(lookup("policy").notice_weight(), 1);
        assert!(lookup("getty").credit());
        assert!(lookup("kommentare").comment());
        assert!(!lookup("pipeline").action());
    }
}
