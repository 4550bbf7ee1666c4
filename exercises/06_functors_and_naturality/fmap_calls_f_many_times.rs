// Chapter 6.1: fmap calls f once per example
//
// Mapping a batch calls the function once for every example in it. Rust's
// closure traits say how often a closure may be called: `FnOnce` at most once,
// `FnMut` any number of times (and it may update what it captured, such as a
// counter or a random generator), `Fn` any number of times without changing
// anything.
//
// `map_batch` is `fmap` for a batch stored as a `Vec`. Its bound on `f`
// promises the caller something the loop does not keep. Fix the bound.
// Done when the file compiles and the tests pass; the tests at the bottom are
// the definition of done, do not edit them.

use typed_ai::TokenId;

/// Applies `f` to every example of `batch`, in order.
fn map_batch<A, B, F>(batch: Vec<A>, f: F) -> Vec<B>
where
    // TODO: how many times does the loop below call `f`?
    F: FnOnce(A) -> B,
{
    let mut mapped = Vec::with_capacity(batch.len());
    for example in batch {
        mapped.push(f(example));
    }
    mapped
}

fn main() {
    let vocabulary = ["zebra".to_string(), "apple".into(), "mango".into()];
    let tokens = vec![TokenId::new(2), TokenId::new(0), TokenId::new(1)];
    // The closure owns the vocabulary and only reads it on each call.
    let words = map_batch(tokens, move |t| vocabulary[t.index()].clone());
    println!("decoded batch: {words:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{Functor, VecFunctor};

    #[test]
    fn every_token_is_decoded_in_order() {
        let vocabulary = ["zebra", "apple", "mango"];
        let tokens = vec![TokenId::new(2), TokenId::new(0), TokenId::new(1)];
        let words = map_batch(tokens.clone(), |t| vocabulary[t.index()]);
        assert_eq!(words, ["mango", "zebra", "apple"]);
        assert_eq!(words, VecFunctor::fmap(tokens, |t| vocabulary[t.index()]));
    }

    #[test]
    fn f_runs_once_per_example() {
        // Numbering tokens as they stream past, as a positional encoding
        // needs: the closure updates its counter on every call.
        let mut position = 0;
        let numbered = map_batch(vec!['a', 'b', 'c'], |c| {
            position += 1;
            (position - 1, c)
        });
        assert_eq!(numbered, [(0, 'a'), (1, 'b'), (2, 'c')]);
        assert_eq!(position, 3, "a batch of 3 examples calls f exactly 3 times");
    }
}
