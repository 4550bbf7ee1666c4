// Chapter 6.3: the identity law
//
// A functor's `fmap` may change the values, never the structure around them.
// The identity law says it exactly: mapping the function that changes nothing
// must give back the very same container, `fmap(x, |a| a) == x`. For a batch,
// structure means order: the prediction for example i must stay at position
// i, or it will be scored against another example's target.
//
// `Examples` below is a hand-written functor for the library's non-empty
// `Batch`. It compiles, but its `fmap` breaks the identity law. Find out how
// from the failing test, and fix the loop. Done when the tests pass; the tests
// at the bottom are the definition of done, do not edit them.

use typed_ai::{Batch, Functor, MlResult, TokenId, TrainingExample};

/// A batch of examples, as a functor.
struct Examples;

impl Functor for Examples {
    type Wrapped<T> = Batch<T>;

    fn fmap<A, B, F>(wrapped: Batch<A>, mut f: F) -> Batch<B>
    where
        F: FnMut(A) -> B,
    {
        let (first, rest) = wrapped.into_parts();
        let mapped_first = f(first);
        let mut mapped_rest = Vec::with_capacity(rest.len());
        // Visit the rest front to back: `pop` took examples from the end and
        // reversed the batch, so prediction i no longer sat next to example i.
        for example in rest {
            mapped_rest.push(f(example));
        }
        Batch::from_parts(mapped_first, mapped_rest)
    }
}

fn main() -> MlResult<()> {
    let batch = Batch::new(vec![
        TrainingExample::new(TokenId::new(0), TokenId::new(1)),
        TrainingExample::new(TokenId::new(1), TokenId::new(2)),
        TrainingExample::new(TokenId::new(2), TokenId::new(0)),
    ])?;
    let inputs = Examples::fmap(batch.clone(), |e| e.input().index());
    let targets = Examples::fmap(batch, |e| e.target().index());
    println!("inputs  {:?}", inputs.as_slice());
    println!("targets {:?}", targets.as_slice());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::check_functor_composition;

    #[test]
    fn fmap_identity_is_identity() {
        let batch = Batch::new(vec![1, 2, 3]).unwrap();
        let mapped = Examples::fmap(batch.clone(), |x| x);
        assert_eq!(
            mapped.as_slice(),
            batch.as_slice(),
            "fmap(batch, identity) must give the batch back unchanged, in order"
        );
    }

    #[test]
    fn targets_stay_next_to_their_examples() {
        // Example i is (input i, target i + 1): the targets of [0, 1, 2] are [1, 2, 3].
        let batch = Batch::new(
            (0..3)
                .map(|i| TrainingExample::new(TokenId::new(i), TokenId::new(i + 1)))
                .collect(),
        )
        .unwrap();
        let targets = Examples::fmap(batch, |e| e.target().index());
        assert_eq!(
            targets.as_slice(),
            &[1, 2, 3],
            "target i must stay at position i, or it is scored against another example"
        );
    }

    #[test]
    fn f_meets_the_examples_front_to_back() {
        // `f` is `FnMut`: it may keep state, such as a counter that numbers
        // the examples (or one random generator drawing a dropout mask per
        // example). Called front to back, call k meets example k:
        // [(1, 10), (2, 20), (3, 30), (4, 40)].
        let batch = Batch::new(vec![10, 20, 30, 40]).unwrap();
        let mut calls = 0;
        let numbered = Examples::fmap(batch, |x| {
            calls += 1;
            (calls, x)
        });
        assert_eq!(
            numbered.as_slice(),
            &[(1, 10), (2, 20), (3, 30), (4, 40)],
            "the k-th call of f must meet the k-th example: a stateful f that \
             numbers its calls sees the batch in the order fmap visits it, and \
             restoring the order of the results afterwards does not change the \
             order of the calls"
        );
    }

    #[test]
    fn one_example_batches_map_too() {
        let mapped = Examples::fmap(Batch::single(20), |x| x + 1);
        assert_eq!(mapped.as_slice(), &[21]);
    }

    #[test]
    fn two_passes_equal_one_fused_pass() {
        let batch = Batch::new(vec![1, 2, 3, 4]).unwrap();
        let result =
            check_functor_composition::<Examples, _, _, _, _, _>(batch, |x| x * 10, |y| y + 1);
        assert_eq!(result, Ok(()));
    }
}

// Wrong fixes this file's tests reject: `for example in rest.into_iter().rev()`
// (the rest of the batch back to front again: [1, 3, 2] for [1, 2, 3]);
// keeping the `pop()` loop and calling `mapped_rest.reverse()` after it (the
// results land in order, but `f` still ran back to front, so the counting
// `f` of `f_meets_the_examples_front_to_back` gives [(1, 10), (4, 20),
// (3, 30), (2, 40)]); and sorting the mapped rest to restore the order (it
// does not compile: `B` has no order, and a functor may not look at the
// values it maps).
