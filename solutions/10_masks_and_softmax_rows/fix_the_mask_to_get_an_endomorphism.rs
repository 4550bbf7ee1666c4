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
// `with_fixed_mask` should return that arrow: one value, of a type that is
// an `Endomorphism<HiddenSequence>`, which `repeat_block` (and the tests)
// can hand to the library's `apply_endomorphism_n_times`. A loop that calls
// the two-input block by hand repeats it too, but gives no such value: the
// tests ask for the arrow. Fix `with_fixed_mask` so it compiles and the tests
// pass. The tests at the bottom are the definition of done: read them, do
// not edit them.

use typed_ai::{
    AttentionMask, AttentionOutputProjection, ConcatenateHeads, Endomorphism, HiddenSequence,
    KeyProjection, Matrix, MlResult, Morphism, Product, QueryProjection, ResidualConnection,
    SelfAttentionHead, SequenceLength, StepCount, ValueProjection, apply_endomorphism_n_times,
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

/// The block with its mask fixed: `HiddenSequence → HiddenSequence`, so it
/// can be applied to its own output.
struct WithFixedMask {
    mask: AttentionMask,
}

impl Morphism<HiddenSequence, HiddenSequence> for WithFixedMask {
    fn name(&self) -> String {
        "masked_attention_block with a fixed mask".to_string()
    }

    fn apply(&self, hidden: HiddenSequence) -> MlResult<HiddenSequence> {
        MaskedAttentionBlock.apply(Product::new(hidden, self.mask.clone()))
    }
}

/// The block with `mask` fixed once: an arrow from hidden sequences to hidden
/// sequences, one value that can be applied to its own output.
fn with_fixed_mask(mask: AttentionMask) -> impl Endomorphism<HiddenSequence> {
    // The mask moves from the input into the arrow: what is left takes a
    // hidden sequence and returns one, an endomorphism.
    WithFixedMask { mask }
}

/// Applies the block `steps` times, always with the same mask.
fn repeat_block(
    mask: AttentionMask,
    hidden: HiddenSequence,
    steps: StepCount,
) -> MlResult<HiddenSequence> {
    apply_endomorphism_n_times(&with_fixed_mask(mask), hidden, steps)
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

    fn blocks_by_hand(mask: &AttentionMask, times: usize) -> MlResult<HiddenSequence> {
        (0..times).try_fold(three_positions(), |hidden, _| {
            MaskedAttentionBlock.apply(Product::new(hidden, mask.clone()))
        })
    }

    #[test]
    fn the_fixed_block_is_an_arrow_you_can_repeat() {
        // The library repeats the arrow `with_fixed_mask` returns; it must
        // give what two blocks give by hand, each with the same mask.
        let block = with_fixed_mask(causal(3));
        let repeated = apply_endomorphism_n_times(&block, three_positions(), StepCount::new(2));
        assert_eq!(
            repeated,
            blocks_by_hand(&causal(3), 2),
            "the arrow from with_fixed_mask, applied twice, must equal two causal \
             blocks applied by hand"
        );
    }

    #[test]
    fn the_fixed_block_keeps_the_mask_it_was_given() {
        // Under the full mask position 0 sees all three positions: its
        // scores against [1, 0], [0, 1], [1, 1] are [1, 0, 1]/√2, the
        // softmax gives [0.4011, 0.1978, 0.4011], the mixed value is
        // [0.8022, 0.5989], and the residual makes [1.8022, 0.5989], not the
        // causal block's [2, 0]. The arrow must use the mask it was given.
        let full = AttentionMask::full(SequenceLength::new(3).unwrap());
        let once = with_fixed_mask(full.clone()).apply(three_positions());
        assert_eq!(
            once,
            blocks_by_hand(&full, 1),
            "with_fixed_mask(full mask) must apply the block under the full mask"
        );
    }
}

// Wrong fixes this file's tests reject:
// - a struct whose `apply` builds a mask of its own (causal, or full)
//   instead of keeping the mask it was given: it repeats, but
//   `the_fixed_block_keeps_the_mask_it_was_given` (or, for a full mask,
//   `the_first_position_doubles_at_every_block`) gets other numbers.
// - a loop in `repeat_block` that calls `MaskedAttentionBlock` by hand: the
//   numbers of `repeat_block` come out right, but `with_fixed_mask` still has
//   to return an `Endomorphism<HiddenSequence>`, and the tests repeat that
//   arrow with `apply_endomorphism_n_times`.
// - a closure `move |hidden| MaskedAttentionBlock.apply(...)`, as
//   `functools.partial` would do in Python: a closure is not a `Morphism`
//   here (an arrow also has a name), so it does not compile.
