// Chapter 13.3: a Galois connection needs the ceiling
//
// "y batches are enough for x examples" must mean the same as "x examples
// fit in y batches".
//
// Splitting examples into mini-batches of 4 links two orders. `abstraction`
// says how many batches x examples need; `concretisation` says how many
// examples y batches hold (4 * y). They form a Galois connection when, for
// every x and y,
//     abstraction(x) <= y   exactly when   x <= concretisation(y).
// The law pins down the rounding. 9 examples need 3 batches: the last one is
// partial. Rounding down says 2, and 2 batches hold only 8 examples; that is a
// data loader's `drop_last`. Without shuffling it drops the same 9th example
// every epoch, so the model never trains on it; with shuffling a different
// example is left out each epoch.
//
// Counts of examples are integers, and the rounding must be done on them:
// a real corpus easily passes 2^24 = 16 777 216 examples, beyond which `f32`
// cannot even hold every whole number.
//
// Fix the marked line. Done means the tests pass; they are the definition
// of done, do not edit them.

use typed_ai::{BatchCount, ExampleCount, GaloisConnection};

/// Mini-batches of a fixed size.
struct Batching {
    batch_size: usize,
}

impl GaloisConnection for Batching {
    type Concrete = ExampleCount;
    type Abstract = BatchCount;

    /// The number of batches that `examples` examples need.
    fn abstraction(&self, examples: ExampleCount) -> BatchCount {
        // TODO: what happens to a last batch that is not full?
        BatchCount::new(examples.get() / self.batch_size)
    }

    /// The number of examples that `batches` batches hold.
    fn concretisation(&self, batches: BatchCount) -> ExampleCount {
        ExampleCount::new(batches.get() * self.batch_size)
    }
}

fn main() {
    let batching = Batching { batch_size: 4 };
    for x in [4, 5, 8, 9] {
        let batches = batching.abstraction(ExampleCount::new(x));
        let held = batching.concretisation(batches);
        println!(
            "{x} examples -> {} batches, which hold {} examples",
            batches.get(),
            held.get()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both sides of the law at (x, y), and a sentence saying what each one is.
    fn both_sides(batching: &Batching, x: usize, y: usize) -> (bool, bool, String) {
        let needed = batching.abstraction(ExampleCount::new(x)).get();
        let held = batching.concretisation(BatchCount::new(y)).get();
        let (enough, fits) = (needed <= y, x <= held);
        let story = format!(
            "Galois law broken at ({x} examples, {y} batches): abstraction says \
             {x} examples need {needed} batches, so \"{needed} <= {y}\" is {enough}; \
             {y} batches hold {held} examples, so \"{x} <= {held}\" is {fits}"
        );
        (enough, fits, story)
    }

    #[test]
    fn nine_examples_need_three_batches() {
        let batching = Batching { batch_size: 4 };
        let (enough, fits, story) = both_sides(&batching, 9, 2);
        assert_eq!(enough, fits, "{story}");
        assert_eq!(
            batching.abstraction(ExampleCount::new(9)),
            BatchCount::new(3),
            "9 examples in batches of 4 need 3 batches, the last one partial"
        );
    }

    #[test]
    fn a_corpus_past_the_precision_of_f32() {
        // 16 777 217 = 2^24 + 1 examples need 4 194 305 batches of 4, the last
        // one holding a single example. f32 has 24 significant bits, so
        // 16 777 217 as f32 is 16 777 216, and any rounding done in f32
        // answers 4 194 304 batches, which hold one example too few.
        let batching = Batching { batch_size: 4 };
        let (enough, fits, story) = both_sides(&batching, 16_777_217, 4_194_304);
        assert_eq!(enough, fits, "{story}");
        assert_eq!(
            batching.abstraction(ExampleCount::new(16_777_217)),
            BatchCount::new(4_194_305),
            "16 777 217 examples in batches of 4 need 4 194 305 batches; a count \
             of examples must be rounded as an integer, not through f32"
        );
    }

    #[test]
    fn law_holds_for_all_small_counts() {
        let batching = Batching { batch_size: 4 };
        for x in 0..=40 {
            for y in 0..=12 {
                let (enough, fits, story) = both_sides(&batching, x, y);
                assert_eq!(enough, fits, "{story}");
                // The library's own law checker agrees with the sentence above.
                assert!(batching.law_holds(ExampleCount::new(x), BatchCount::new(y)));
            }
        }
    }
}
