// Chapter 6.5: a natural transformation cannot look at the values
//
// A natural transformation turns one container into another, `Vec<A>` into
// `Option<A>` here, in the same way for every element type `A`. Because it
// knows nothing about `A`, it can only choose by position: keep, drop or
// reorder. In return it commutes with every relabelling: decoding the beam of
// candidates and then choosing gives the same word as choosing and then
// decoding.
//
// A decoder has already ranked its candidate tokens, best first. `TopCandidate`
// should return the best one, but it tries to compare the candidates, and for
// an arbitrary `A` there is nothing to compare with. Choose by position.
// Done when the file compiles and the tests pass; the tests at the bottom are
// the definition of done, do not edit them.

use typed_ai::{NaturalTransformation, OptionFunctor, TokenId, VecFunctor};

/// The answer of a decoder: the first of its ranked candidates.
struct TopCandidate;

impl NaturalTransformation<VecFunctor, OptionFunctor> for TopCandidate {
    fn transform<A>(&self, ranked: Vec<A>) -> Option<A> {
        // The beam is ranked best first, so the answer is the first element.
        // Choosing by position works for every `A` (no `Ord` needed), which
        // is what makes the choice natural: it commutes with decoding.
        ranked.into_iter().next()
    }
}

fn main() {
    // Ranked by the model's probability: token 1 first, then 2, then 0.
    let ranked = vec![TokenId::new(1), TokenId::new(2), TokenId::new(0)];
    println!("best candidate: {:?}", TopCandidate.transform(ranked));
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::check_naturality;

    const VOCABULARY: [&str; 3] = ["zebra", "apple", "mango"];

    fn decode(token: TokenId) -> &'static str {
        VOCABULARY[token.index()]
    }

    fn ranked() -> Vec<TokenId> {
        vec![TokenId::new(1), TokenId::new(2), TokenId::new(0)]
    }

    #[test]
    fn the_best_ranked_candidate_wins() {
        assert_eq!(
            TopCandidate.transform(ranked()),
            Some(TokenId::new(1)),
            "the beam [1, 2, 0] is ranked best first, so the answer is token 1, \
             not the largest id"
        );
    }

    #[test]
    fn an_empty_beam_has_no_answer() {
        assert_eq!(TopCandidate.transform(Vec::<TokenId>::new()), None);
    }

    #[test]
    fn choosing_commutes_with_decoding() {
        // Decode then choose: first of [apple, mango, zebra] = apple.
        // Choose then decode: decode(token 1) = apple.
        assert_eq!(check_naturality(&TopCandidate, ranked(), decode), Ok(()));
        assert_eq!(
            check_naturality(&TopCandidate, vec![2.5, -1.0], |x| x * 2.0),
            Ok(())
        );
    }
}

// Wrong fixes this file's tests reject: `ranked.into_iter().last()` (the
// worst-ranked candidate, token 0), and adding `A: Ord` to `transform`, as
// rustc suggests (the impl would ask more of `A` than the trait, E0276: a
// natural transformation works for every element type).
