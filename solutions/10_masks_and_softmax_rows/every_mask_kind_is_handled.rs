// Every mask kind is handled.
//
// A mask says which keys each query may attend to. This course uses three
// policies, and `MaskKind` lists exactly those three:
//   - Full: every query sees every key.
//   - Causal: query i sees key j only if j <= i (no peeking at the future).
//   - Padding { valid_len }: sequences in a batch are padded to one length
//     with filler tokens; keys at positions valid_len and later are filler,
//     and nobody may attend to them.
// Because the enum is closed, a `match` on it must say what happens in every
// case. Leave one out and the policy would be undefined for that mask.
//
// Fix `allowed` so it compiles and the tests pass. The tests at the bottom
// are the definition of done: read them, do not edit them.

use typed_ai::{MaskKind, MlResult, SequenceLength};

/// Whether `query` may attend to `key` under the policy `kind`.
fn allowed(kind: MaskKind, query: usize, key: usize) -> bool {
    match kind {
        MaskKind::Full => true,
        MaskKind::Causal => key <= query,
        // Real tokens sit at positions 0..valid_len; from valid_len on, the
        // keys are filler and must never receive attention.
        MaskKind::Padding { valid_len } => key < valid_len.get(),
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

    #[test]
    fn full_allows_everything() {
        assert_eq!(grid(MaskKind::Full, 3), "1 1 1\n1 1 1\n1 1 1");
    }

    #[test]
    fn causal_is_the_lower_triangle() {
        assert_eq!(grid(MaskKind::Causal, 3), "1 0 0\n1 1 0\n1 1 1");
    }

    #[test]
    fn padding_blocks_the_filler_keys_for_every_query() {
        // "the cat sat <pad>": 3 real tokens, 1 filler at position 3.
        let kind = MaskKind::Padding {
            valid_len: SequenceLength::new(3).unwrap(),
        };
        assert_eq!(
            grid(kind, 4),
            "1 1 1 0\n1 1 1 0\n1 1 1 0\n1 1 1 0",
            "every query may see the 3 real tokens and none may see the filler key 3"
        );
    }
}
