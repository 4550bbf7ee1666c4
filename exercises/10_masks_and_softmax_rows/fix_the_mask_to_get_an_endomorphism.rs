// Chapter 10.6: fix the mask to get an endomorphism
//
// A transformer stacks the same kind of block again and again, feeding each
// block's output to the next. Only an arrow from a type to ITSELF can be
// repeated like that: an endomorphism `HiddenSequence → HiddenSequence`.
//
// `MaskedAttentionBlock` below needs two inputs, the hidden sequence and a
// mask: it is an arrow `HiddenSequence × AttentionMask → HiddenSequence`. Its
// output is not its input type, so it cannot be fed to itself. But in a
// decoder the mask never changes from one block to the next. Fix the mask
// once, keep it inside a new arrow, and what is left takes a hidden sequence
// and returns one: an endomorphism. (Mathematicians call this currying, or
// fixing one argument.)
//
// Fix `repeat_block` so it compiles and the tests pass. The tests at the
// bottom are the definition of done: read them, do not edit them.

use typed_ai::{
    AttentionMask, AttentionOutputProjection, ConcatenateHeads, HiddenSequence, KeyProjection,
    Matrix, MlResult, Morphism, Product, QueryProjection, ResidualConnection, SelfAttentionHead,
    SequenceLength, StepCount, ValueProjection, apply_endomorphism_n_times,
};

/// One attention block with a residual: x + attention(x) under the given
/// mask. Every projection is the identity, so the numbers stay checkable by
/// hand.
struct MaskedAttentionBlock;

impl Morphism<Product<HiddenSequence, AttentionMask>, HiddenSequence> for MaskedAttentionBlock {
    fn name(&self) -> String {
        "masked_attention_block".to_string()
    }

    fn apply(&self, input: Product<HiddenSequence, AttentionMask>) -> MlResult<HiddenSequence> {
        let (hidden, mask) = input.into_parts();
        let identity = || Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
        let head = SelfAttentionHead::new(
            QueryProjection::new(identity()?),
            KeyProjection::new(identity()?),
            ValueProjection::new(identity()?),
        )?;
        let attended = head.apply(Product::new(hidden.clone(), mask))?;
        let heads = ConcatenateHeads.apply(vec![attended])?;
        let projected = AttentionOutputProjection::new(identity()?).apply(heads)?;
        ResidualConnection.apply(Product::new(hidden, projected))
    }
}

/// Applies the block `steps` times, always with the same mask.
fn repeat_block(
    mask: AttentionMask,
    hidden: HiddenSequence,
    steps: StepCount,
) -> MlResult<HiddenSequence> {
    // TODO: only an arrow from hidden sequences to hidden sequences can be repeated.
    apply_endomorphism_n_times(&MaskedAttentionBlock, hidden, steps)
}

fn main() -> MlResult<()> {
    let hidden = HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let mask = AttentionMask::causal(hidden.sequence_length());
    let out = repeat_block(mask, hidden, StepCount::new(3))?;
    for (position, row) in out.rows().enumerate() {
        println!("position {position}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three_positions() -> HiddenSequence {
        HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap()
    }

    fn causal(n: usize) -> AttentionMask {
        AttentionMask::causal(SequenceLength::new(n).unwrap())
    }

    #[test]
    fn the_first_position_doubles_at_every_block() {
        // Under the causal mask position 0 sees only itself, so attention
        // returns its own value and the residual adds it: x + x = 2x.
        // Three blocks: [1, 0] → [2, 0] → [4, 0] → [8, 0].
        let out = repeat_block(causal(3), three_positions(), StepCount::new(3)).unwrap();
        assert_eq!(
            out.row(0).unwrap(),
            &[8.0, 0.0],
            "position 0 after 3 causal blocks should be 2·2·2·[1, 0]"
        );
    }

    #[test]
    fn zero_blocks_change_nothing() {
        let out = repeat_block(causal(3), three_positions(), StepCount::new(0)).unwrap();
        assert_eq!(
            out,
            three_positions(),
            "applying a block 0 times is the identity"
        );
    }

    #[test]
    fn repeating_is_applying_the_block_by_hand() {
        let by_hand = [0, 1].iter().try_fold(three_positions(), |hidden, _| {
            MaskedAttentionBlock.apply(Product::new(hidden, causal(3)))
        });
        let repeated = repeat_block(causal(3), three_positions(), StepCount::new(2));
        assert_eq!(
            repeated, by_hand,
            "two repeated blocks must equal two blocks by hand"
        );
    }
}
