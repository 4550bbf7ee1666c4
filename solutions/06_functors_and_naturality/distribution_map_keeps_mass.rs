// Chapter 6.4: relabelling moves probability, it never creates it
//
// A language model gives a distribution over next words. Often you want a
// coarser question answered: how likely is the next word an animal? Mapping
// each word to its kind relabels the outcomes, and each word must carry its
// own probability to its new label; words that land on the same label add
// up. That is the functor `map` of a distribution: mass moves, none is made.
//
// `by_kind` below finds the right labels but hands them the wrong amount of
// probability. The result still sums to 1, so no constructor complains: only
// the numbers are wrong. Fix it. Done when the tests pass; the tests at the
// bottom are the definition of done, do not edit them.

use typed_ai::{LabelledDistribution, MlResult};

/// What a word names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Animal,
    Vehicle,
}

fn kind_of(word: &str) -> Kind {
    match word {
        "car" | "bus" => Kind::Vehicle,
        _ => Kind::Animal,
    }
}

/// The distribution over kinds implied by a distribution over words.
fn by_kind(words: &LabelledDistribution<&str>) -> MlResult<LabelledDistribution<Kind>> {
    let mut kinds: Vec<(Kind, f32)> = Vec::new();
    for &(word, probability) in words.entries() {
        let kind = kind_of(word);
        // Each word brings its own probability, not an equal share: counting
        // words ("2 of 3 are animals") ignores how likely each word is.
        let carried = probability;
        match kinds.iter_mut().find(|(seen, _)| *seen == kind) {
            Some((_, mass)) => *mass += carried,
            None => kinds.push((kind, carried)),
        }
    }
    LabelledDistribution::new(kinds)
}

fn main() -> MlResult<()> {
    let next_word = LabelledDistribution::new(vec![("cat", 0.5), ("dog", 0.2), ("car", 0.3)])?;
    let kinds = by_kind(&next_word)?;
    println!("P(next word)      {next_word:?}");
    println!("P(kind of word)   {kinds:?}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next_word() -> LabelledDistribution<&'static str> {
        LabelledDistribution::new(vec![("cat", 0.5), ("dog", 0.2), ("car", 0.3)]).unwrap()
    }

    #[test]
    fn animal_gets_cat_plus_dog() {
        let kinds = by_kind(&next_word()).unwrap();
        let animal = kinds.probability(&Kind::Animal);
        assert!(
            (animal - 0.7).abs() < 1e-6,
            "P(Animal) should be P(cat) + P(dog) = 0.5 + 0.2 = 0.7, got {animal}"
        );
    }

    #[test]
    fn vehicle_gets_car() {
        let kinds = by_kind(&next_word()).unwrap();
        let vehicle = kinds.probability(&Kind::Vehicle);
        assert!(
            (vehicle - 0.3).abs() < 1e-6,
            "P(Vehicle) should be P(car) = 0.3, got {vehicle}"
        );
    }

    #[test]
    fn agrees_with_the_library_map() {
        let words =
            LabelledDistribution::new(vec![("bus", 0.25), ("cat", 0.125), ("car", 0.625)]).unwrap();
        // By hand: Vehicle = 0.25 + 0.625 = 0.875, Animal = 0.125.
        let expected = words.clone().map(kind_of);
        assert_eq!(by_kind(&words).unwrap(), expected);
    }

    #[test]
    fn total_mass_is_kept() {
        let total = by_kind(&next_word()).unwrap().total();
        assert!((total - 1.0).abs() < 1e-6, "total mass {total}, expected 1");
    }
}

// Wrong fixes this file's tests reject: `probability / words.len() as f32`
// (the mass is divided three ways: it sums to 1/3, and the constructor
// refuses it), and keeping the equal share, `1 / words.len()` (it counts
// words: P(Animal) = 2/3 instead of 0.5 + 0.2 = 0.7).
