//! Lemmas and verb forms: irregular English verbs from a table, regular ones by their
//! endings, checked against the tagger's lexicon ("caused" → "cause", "stopped" →
//! "stop", "copied" → "copy").

use super::tagger::TAGGER;
use super::{Pos, VerbForm};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Base, past tense and past participle of irregular verbs common in incident writing.
const IRREGULAR: &str = "
arise arose arisen|awake awoke awoken|be was been|be were been|bear bore borne|beat beat beaten|
become became become|begin began begun|bend bent bent|bind bound bound|bite bit bitten|
bleed bled bled|blow blew blown|break broke broken|bring brought brought|build built built|
burn burnt burnt|burst burst burst|buy bought bought|catch caught caught|choose chose chosen|
come came come|cost cost cost|creep crept crept|cut cut cut|deal dealt dealt|dig dug dug|
do did done|draw drew drawn|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|
feed fed fed|feel felt felt|fight fought fought|find found found|flee fled fled|fly flew flown|
forbid forbade forbidden|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|
get got gotten|get got got|give gave given|go went gone|grow grew grown|hang hung hung|
have had had|hear heard heard|hide hid hidden|hit hit hit|hold held held|hurt hurt hurt|
keep kept kept|know knew known|lay laid laid|lead led led|leave left left|lend lent lent|
let let let|lie lay lain|light lit lit|lose lost lost|make made made|mean meant meant|
meet met met|mislead misled misled|misread misread misread|mistake mistook mistaken|
overlook overlooked overlooked|override overrode overridden|overrun overran overrun|
oversee oversaw overseen|overwrite overwrote overwritten|pay paid paid|prove proved proven|
put put put|quit quit quit|read read read|rebuild rebuilt rebuilt|rerun reran rerun|
rewrite rewrote rewritten|ride rode ridden|ring rang rung|rise rose risen|run ran run|
say said said|see saw seen|seek sought sought|sell sold sold|send sent sent|set set set|
shake shook shaken|shed shed shed|shine shone shone|shoot shot shot|show showed shown|
shrink shrank shrunk|shut shut shut|sing sang sung|sink sank sunk|sit sat sat|sleep slept slept|
slide slid slid|speak spoke spoken|spend spent spent|spin spun spun|split split split|
spread spread spread|spring sprang sprung|stand stood stood|steal stole stolen|stick stuck stuck|
strike struck struck|swear swore sworn|sweep swept swept|swim swam swum|swing swung swung|
take took taken|teach taught taught|tear tore torn|tell told told|think thought thought|
throw threw thrown|undergo underwent undergone|understand understood understood|
undo undid undone|upset upset upset|wake woke woken|wear wore worn|win won won|wind wound wound|
withdraw withdrew withdrawn|write wrote written|mislay mislaid mislaid|misunderstand misunderstood misunderstood";

struct Irregular {
    /// Form → (lemma, whether it is a past tense, whether it is a participle).
    forms: FxHashMap<&'static str, (&'static str, bool, bool)>,
}

static IRREGULARS: LazyLock<Irregular> = LazyLock::new(|| {
    let mut forms: FxHashMap<&'static str, (&'static str, bool, bool)> = FxHashMap::default();
    for entry in IRREGULAR.split('|') {
        let mut parts = entry.split_whitespace();
        let (Some(base), Some(past), Some(participle)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let e = forms.entry(past).or_insert((base, false, false));
        e.1 = true;
        let e = forms.entry(participle).or_insert((base, false, false));
        e.2 = true;
    }
    Irregular { forms }
});

/// The lemma and, for a verb, its form.
pub(super) fn analyse(lower: &str, pos: Pos) -> (String, VerbForm) {
    let verbal = matches!(pos, Pos::Verb | Pos::Aux);
    if let Some(&(lemma, past, participle)) = IRREGULARS.forms.get(lower) {
        if verbal || pos == Pos::Adj {
            let form = match (past, participle) {
                (true, true) => VerbForm::PastOrParticiple,
                (true, false) => VerbForm::Past,
                _ => VerbForm::Participle,
            };
            return (lemma.to_string(), form);
        }
    }
    if verbal {
        return verb(lower);
    }
    if matches!(pos, Pos::Noun | Pos::Propn) {
        return (singular(lower), VerbForm::None);
    }
    (lower.to_string(), VerbForm::None)
}

fn verb(lower: &str) -> (String, VerbForm) {
    match lower {
        "is" | "am" | "are" | "was" | "were" | "been" | "being" | "be" | "'s" | "'re" => {
            let form = match lower {
                "was" | "were" => VerbForm::Past,
                "been" => VerbForm::Participle,
                "being" => VerbForm::Gerund,
                "be" => VerbForm::Base,
                _ => VerbForm::Present,
            };
            return ("be".to_string(), form);
        }
        "has" | "have" | "had" | "'ve" | "'d" => {
            let form = if lower == "had" {
                VerbForm::PastOrParticiple
            } else {
                VerbForm::Present
            };
            return ("have".to_string(), form);
        }
        "does" | "did" | "do" => {
            let form = if lower == "did" {
                VerbForm::Past
            } else {
                VerbForm::Present
            };
            return ("do".to_string(), form);
        }
        _ => {}
    }
    if let Some(stem) = lower.strip_suffix("n't") {
        return verb(match stem {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            other => other,
        });
    }
    if let Some(stem) = lower.strip_suffix("ed").filter(|s| s.len() >= 2) {
        return (regular_stem(stem, true), VerbForm::PastOrParticiple);
    }
    if let Some(stem) = lower.strip_suffix("ing").filter(|s| s.len() >= 2) {
        return (regular_stem(stem, false), VerbForm::Gerund);
    }
    if let Some(stem) = lower.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return (format!("{stem}y"), VerbForm::Present);
    }
    if let Some(stem) = lower
        .strip_suffix("es")
        .filter(|s| s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
    {
        return (stem.to_string(), VerbForm::Present);
    }
    if let Some(stem) = lower.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        return (stem.to_string(), VerbForm::Present);
    }
    (lower.to_string(), VerbForm::Base)
}

/// The base of a regular verb from what is left of it without "-ed"/"-ing".
fn regular_stem(stem: &str, past: bool) -> String {
    let known = |w: &str| TAGGER.lookup(w).is_some();
    if past {
        if let Some(y) = stem.strip_suffix('i') {
            return format!("{y}y");
        }
    }
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 3
        && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
        && !matches!(bytes[bytes.len() - 1], b'l' | b's' | b'z' | b'f' | b'e');
    let with_e = format!("{stem}e");
    if doubled {
        let single = &stem[..stem.len() - 1];
        if known(single) && !known(stem) {
            return single.to_string();
        }
    }
    if known(stem) {
        return stem.to_string();
    }
    if known(&with_e) {
        return with_e;
    }
    if doubled {
        return stem[..stem.len() - 1].to_string();
    }
    // Unknown: a silent "e" after a vowel and a consonant ("mistyped" → "mistype"),
    // but not after an unstressed ending ("fingered", "targeted").
    let b = stem.as_bytes();
    let vowel = |c: u8| b"aeiouy".contains(&c);
    let unstressed = ["er", "en", "el", "on", "or", "et", "it", "al", "ow", "ew"]
        .iter()
        .any(|e| stem.ends_with(e));
    if past && b.len() >= 3 && !vowel(b[b.len() - 1]) && vowel(b[b.len() - 2]) && !unstressed {
        return with_e;
    }
    stem.to_string()
}

/// A plural noun's singular ("alerts" → "alert", "policies" → "policy").
pub(super) fn singular(lower: &str) -> String {
    let lower = lower.trim_end_matches("'s").trim_end_matches('\'');
    if lower.len() <= 3 || lower.ends_with("ss") || lower.ends_with("us") || lower.ends_with("is") {
        return lower.to_string();
    }
    if let Some(stem) = lower.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = lower
        .strip_suffix("es")
        .filter(|s| s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
    {
        return stem.to_string();
    }
    lower.strip_suffix('s').unwrap_or(lower).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas_of_regular_and_irregular_verbs() {
        for (word, lemma) in [
            ("caused", "cause"),
            ("stopped", "stop"),
            ("copied", "copy"),
            ("forgot", "forget"),
            ("overlooked", "overlook"),
            ("missed", "miss"),
            ("ignored", "ignore"),
            ("didn't", "do"),
            ("checking", "check"),
            ("pushes", "push"),
        ] {
            assert_eq!(analyse(word, Pos::Verb).0, lemma, "{word}");
        }
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("engineers"), "engineer");
        assert_eq!(singular("process"), "process");
    }
}
