// Chapter 6.2: fmap keeps the wrapper
//
// A functor maps what is inside a container and keeps the container: a list
// of logits maps to a list, a maybe-answer maps to a maybe-answer. In
// `typed_ai` a functor names its container once, as `type Wrapped<T>`, and
// `fmap` goes from `Wrapped<A>` to `Wrapped<B>`: the same container on both
// sides.
//
// A classifier that may abstain answers with an `Option<TokenId>`, where
// `None` means "not sure enough to say". `Abstaining` is the functor for such
// answers, but its `fmap` turns the answer into a list on the way. Make
// `fmap` hand back the container it was given. Done when the file compiles
// and the tests pass; the tests at the bottom are the definition of done, do
// not edit them.

use typed_ai::{Functor, TokenId};

/// The functor of answers that may be missing.
struct Abstaining;

impl Functor for Abstaining {
    type Wrapped<T> = Option<T>;

    fn fmap<A, B, F>(wrapped: Self::Wrapped<A>, f: F) -> Self::Wrapped<B>
    where
        F: FnMut(A) -> B,
    {
        // An Option maps to an Option: a present answer is decoded and an
        // abstention stays an abstention. Collecting into a Vec would change
        // the container, which a functor never does.
        wrapped.map(f)
    }
}

/// The words of a three-token vocabulary.
const WORDS: [&str; 3] = ["cat", "dog", "car"];

fn decode(token: TokenId) -> &'static str {
    WORDS[token.index()]
}

fn main() {
    let sure = Some(TokenId::new(1));
    let unsure: Option<TokenId> = None;
    println!(
        "sure answer   {sure:?} decodes to {:?}",
        Abstaining::fmap(sure, decode)
    );
    println!(
        "abstention    {unsure:?} decodes to {:?}",
        Abstaining::fmap(unsure, decode)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::check_functor_identity;

    #[test]
    fn a_given_answer_is_decoded() {
        let answer = Abstaining::fmap(Some(TokenId::new(1)), decode);
        assert_eq!(answer, Some("dog"), "token 1 of [cat, dog, car] is \"dog\"");
    }

    #[test]
    fn an_abstention_stays_an_abstention() {
        let answer = Abstaining::fmap(None, decode);
        assert_eq!(answer, None, "decoding no answer must give no answer");
    }

    #[test]
    fn mapping_the_identity_changes_nothing() {
        assert_eq!(check_functor_identity::<Abstaining, _>(Some(2)), Ok(()));
        assert_eq!(check_functor_identity::<Abstaining, u8>(None), Ok(()));
    }
}

// Wrong fixes this file's tests reject: `Some(f(wrapped.unwrap()))` (it keeps
// the type but not the structure: an abstention panics instead of staying
// `None`), and declaring `type Wrapped<T> = Vec<T>` to match the body (the
// answers in `main` and in the tests are `Option`s, so nothing fits any more).
