// Chapter 10.1: every mask kind is handled
//
// A mask says which keys each query may attend to. This course uses three
// policies, and `MaskKind` lists exactly those three:
//   - Full: every query sees every key.
//   - Causal: query i sees key j only if j <= i (no peeking at the future).
//   - Padding { valid_len }: to process sentences of different lengths
//     together, the short ones are padded with a filler token up to a
//     common length. "the cat sat" padded to 4 is "the cat sat <pad>":
//     valid length 3, length 4. The filler means nothing, so no query may
//     attend to it.
// Because the enum is closed, a `match` on it must say what happens in
// every case. Leave one out and the policy is undefined for that mask.
//
// Two things to get right for padding. Lengths count from 1 and positions
// from 0, so with a valid length of 3 the real tokens sit at positions 0, 1
// and 2. And padding is a property of KEYS: a filler must receive no
// attention. The filler's own query row still needs keys to spread its
// weight over (a row that allows nothing has no softmax); its output is
// simply never used.
//
// Fix `allowed` so it compiles and the tests pass. The tests at the bottom
// are the definition of done: read them, do not edit them.

use typed_ai::{MaskKind, MlResult, SequenceLength};

/// Whether `query` may attend to `key` under the policy `kind`.
fn allowed(kind: MaskKind, query: usize, key: usize) -> bool {
    match kind {
        MaskKind::Full => true,
        MaskKind::Causal => key <= query,
        // TODO: what may a query see when the mask is a padding mask?
    }
}

/// The policy drawn as a grid: one line per query, 1 = may attend.
fn grid(kind: MaskKind, len: usize) -> String {
    (0..len)
        .map(|query| {
            (0..len)
                .map(|key| if allowed(kind, query, key) { "1" } else { "0" })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() -> MlResult<()> {
    let padding = MaskKind::Padding {
        valid_len: SequenceLength::new(3)?,
    };
    for kind in [MaskKind::Full, MaskKind::Causal, padding] {
        println!("{kind:?}:\n{}\n", grid(kind, 4));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn padding(valid_len: usize) -> MaskKind {
        MaskKind::Padding {
            valid_len: SequenceLength::new(valid_len).unwrap(),
        }
    }

    #[test]
    fn full_allows_everything() {
        assert_eq!(grid(MaskKind::Full, 3), "1 1 1\n1 1 1\n1 1 1");
    }

    #[test]
    fn causal_is_the_lower_triangle() {
        assert_eq!(grid(MaskKind::Causal, 3), "1 0 0\n1 1 0\n1 1 1");
    }

    #[test]
    fn padding_blocks_the_filler_key_for_every_query() {
        // "the cat sat <pad>": 3 real tokens at positions 0, 1, 2 and the
        // filler at position 3, the valid length itself. Column 3 is
        // blocked in every row, the filler's own row included.
        assert_eq!(
            grid(padding(3), 4),
            "1 1 1 0\n1 1 1 0\n1 1 1 0\n1 1 1 0",
            "every query may see the 3 real tokens (positions 0, 1, 2), none may see \
             the filler at position 3, and the filler's own query still sees the real \
             tokens"
        );
    }

    #[test]
    fn a_sequence_without_padding_is_fully_visible() {
        assert_eq!(
            grid(padding(2), 2),
            "1 1\n1 1",
            "with valid length = length, every token is real and nothing is blocked"
        );
    }
}
