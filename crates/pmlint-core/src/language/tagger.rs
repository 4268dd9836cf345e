//! Part of speech: a Brill tagger (transformation-based, Brill 1995) reading Harper's
//! trained model (`brill_lexicon.txt`, `brill_patches.txt`: harper-brill 3.0.0,
//! Apache-2.0). Each word gets its most frequent tag from the lexicon, or a guess from
//! its shape when unknown; then the patches, in order, retag words by their context.
//! ARCHITECTURE.md says why this tagger and what it costs.

use super::Pos;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

enum Criterion {
    /// The word `offset` away starts with `word` (Harper compares over the shorter of
    /// the two; the patches were trained with that comparison, so it is kept).
    WordIs(isize, Box<str>),
    TagIs(isize, Pos),
    /// A word tagged so from here (inclusive) up to `offset` away (exclusive), or from
    /// `offset` back (inclusive) to here (exclusive).
    AnyTagged(isize, Pos),
    Between(Pos, Pos),
}

struct Patch {
    from: Pos,
    to: Pos,
    criteria: Vec<Criterion>,
}

pub(super) struct Tagger {
    lexicon: FxHashMap<&'static str, Pos>,
    patches: Vec<Patch>,
}

pub(super) static TAGGER: LazyLock<Tagger> = LazyLock::new(|| Tagger {
    lexicon: parse_lexicon(include_str!("brill_lexicon.txt")),
    patches: include_str!("brill_patches.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(parse_patch)
        .collect(),
});

fn parse_lexicon(source: &'static str) -> FxHashMap<&'static str, Pos> {
    let mut lexicon = FxHashMap::default();
    for line in source.lines().filter(|l| !l.starts_with('#')) {
        let mut words = line.split(' ');
        let Some(pos) = words.next().and_then(Pos::from_ud) else {
            continue;
        };
        lexicon.extend(words.map(|w| (w, pos)));
    }
    lexicon
}

fn parse_patch(line: &str) -> Patch {
    let mut parts = line.splitn(3, ' ');
    let tag = |s: Option<&str>| s.and_then(Pos::from_ud).expect("a valid patch tag");
    let from = tag(parts.next());
    let to = tag(parts.next());
    let criteria = parts
        .next()
        .unwrap_or("")
        .split(" & ")
        .map(|c| {
            let (key, value) = c.split_once('=').expect("criterion has a value");
            if key == "between" {
                let (a, b) = value.split_once(',').expect("two tags");
                return Criterion::Between(tag(Some(a)), tag(Some(b)));
            }
            let split = key.find(['+', '-']).expect("criterion has an offset");
            let offset: isize = key[split..].parse().expect("numeric offset");
            match &key[..split] {
                "word" => Criterion::WordIs(offset, value.into()),
                "tag" => Criterion::TagIs(offset, tag(Some(value))),
                "any" => Criterion::AnyTagged(offset, tag(Some(value))),
                other => panic!("unknown criterion {other}"),
            }
        })
        .collect();
    Patch { from, to, criteria }
}

impl Tagger {
    /// The lexicon's tag for a lower-case word.
    pub fn lookup(&self, lower: &str) -> Option<Pos> {
        self.lexicon.get(lower).copied()
    }

    /// Tags `words` (lower case) in place of `tags`, which hold the initial guesses.
    pub fn apply_patches(&self, words: &[&str], tags: &mut [Pos]) {
        // How many words carry each tag: a patch from a tag no word has is skipped, which
        // is most of them on a short sentence.
        let mut counts = [0u32; 16];
        for &t in tags.iter() {
            counts[t as usize] += 1;
        }
        for patch in &self.patches {
            if counts[patch.from as usize] == 0 {
                continue;
            }
            for i in 0..tags.len() {
                if tags[i] == patch.from && patch.criteria.iter().all(|c| holds(c, words, tags, i))
                {
                    tags[i] = patch.to;
                    counts[patch.from as usize] -= 1;
                    counts[patch.to as usize] += 1;
                }
            }
        }
    }
}

fn at(i: usize, offset: isize) -> Option<usize> {
    i.checked_add_signed(offset)
}

fn holds(criterion: &Criterion, words: &[&str], tags: &[Pos], i: usize) -> bool {
    match criterion {
        Criterion::WordIs(offset, word) => at(i, *offset)
            .and_then(|j| words.get(j))
            .is_some_and(|w| w.chars().zip(word.chars()).all(|(a, b)| a == b)),
        Criterion::TagIs(offset, pos) => at(i, *offset).and_then(|j| tags.get(j)) == Some(pos),
        Criterion::AnyTagged(offset, pos) => at(i, *offset).is_some_and(|far| {
            let range = far.min(i)..far.max(i).min(tags.len());
            tags[range].contains(pos)
        }),
        Criterion::Between(before, after) => {
            i > 0 && tags.get(i - 1) == Some(before) && tags.get(i + 1) == Some(after)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TAGGER;

    #[test]
    fn the_model_loads() {
        assert!(TAGGER.lexicon.len() > 20_000);
        assert!(TAGGER.patches.len() > 150);
    }
}
