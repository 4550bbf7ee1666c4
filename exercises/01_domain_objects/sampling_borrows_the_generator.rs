// Chapter 1.4: a generator is borrowed, never copied
//
// A language model writes text by sampling: it draws each next token at
// random, every token with the probability the model gives it. The draws
// come from a random-number generator, a small state that moves on with
// every number it hands out. The library's `SeededRng` starts from a `Seed`,
// so a run can be replayed exactly.
//
// Ownership says where that state goes. A `TokenId` is `Copy`: a small
// index, copied freely, and every copy means the same token. A generator is
// different: a copy of it repeats the numbers the original is about to
// give, so a sampler that draws from copies writes the same token again and
// again. Every draw must move the one generator the caller holds, which
// means borrowing it mutably (`&mut SeededRng`), just as
// `SeededRng::next_f32(&mut self)` does.
//
// `sample_tokens` draws `count` tokens with the caller's generator, but it
// cannot hand the generator to `sample`. Done when the file compiles and the
// tests pass (do not edit the tests), and `sample` can no longer be handed a
// copy of a generator: the runner compiles such a call against your file and
// expects rustc to refuse it, even when the tokens come out right.

use typed_ai::{Distribution, MlResult, Seed, SeededRng, TokenId};

/// One token drawn from `distribution`: with a uniform draw u in [0, 1),
/// the first token whose cumulative probability exceeds u.
fn sample(distribution: &Distribution, mut rng: SeededRng) -> TokenId {
    let draw = rng.next_f32();
    let mut cumulative = 0.0;
    for (index, &probability) in distribution.probabilities().iter().enumerate() {
        cumulative += probability;
        if draw < cumulative {
            return TokenId::new(index);
        }
    }
    // Rounding can leave the total a hair below 1: the last token takes it.
    TokenId::new(distribution.len() - 1)
}

/// `count` tokens drawn one after another from `distribution`, with the
/// caller's generator, which moves on by one draw per token.
fn sample_tokens(distribution: &Distribution, rng: &mut SeededRng, count: usize) -> Vec<TokenId> {
    let mut tokens = Vec::with_capacity(count);
    for _ in 0..count {
        // TODO: every draw must move the caller's generator on.
        tokens.push(sample(distribution, *rng));
    }
    tokens
}

fn main() -> MlResult<()> {
    let alphabet = ['a', 'b', 'c'];
    let next = Distribution::new(vec![0.5, 0.3, 0.2])?;
    let mut rng = SeededRng::new(Seed::new(1));
    let text: String = sample_tokens(&next, &mut rng, 5)
        .into_iter()
        .map(|token| alphabet[token.index()])
        .collect();
    println!("five tokens sampled from [a: 0.5, b: 0.3, c: 0.2] with seed 1: {text}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(tokens: &[TokenId]) -> Vec<usize> {
        tokens.iter().map(|token| token.index()).collect()
    }

    fn next_token() -> Distribution {
        Distribution::new(vec![0.5, 0.3, 0.2]).unwrap()
    }

    #[test]
    fn each_draw_moves_the_generator_on() {
        // Seed 1's first five draws are 0.5666, 0.7458, 0.9710, 0.4444 and
        // 0.4443 (SplitMix64, recomputed outside Rust). With the cumulative
        // probabilities 0.5, 0.8 and 1.0 they pick tokens 1, 1, 2, 0, 0.
        let mut rng = SeededRng::new(Seed::new(1));
        assert_eq!(
            ids(&sample_tokens(&next_token(), &mut rng, 5)),
            [1, 1, 2, 0, 0],
            "five draws must be five different numbers from one generator; \
             drawing from copies repeats the first draw, 0.5666, and so token 1"
        );
    }

    #[test]
    fn the_callers_generator_continues_where_sampling_stopped() {
        // Draws 4 and 5 of seed 1 are 0.4444 and 0.4443: tokens 0 and 0.
        let mut rng = SeededRng::new(Seed::new(1));
        sample_tokens(&next_token(), &mut rng, 3);
        assert_eq!(
            ids(&sample_tokens(&next_token(), &mut rng, 2)),
            [0, 0],
            "after three tokens the caller's generator must have moved on by \
             three draws, so the next two tokens come from draws 4 and 5"
        );
    }

    #[test]
    fn a_certain_prediction_is_always_drawn() {
        let certain = Distribution::new(vec![0.0, 1.0, 0.0]).unwrap();
        let mut rng = SeededRng::new(Seed::new(7));
        assert_eq!(
            ids(&sample_tokens(&certain, &mut rng, 4)),
            [1, 1, 1, 1],
            "token 1 has probability 1, so every draw picks it"
        );
    }
}
