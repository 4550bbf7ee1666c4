// Chapter 11.3: heads concatenate features
//
// Multi-head attention runs several small heads side by side over the same
// positions, each free to attend to something different (one to the
// previous word, one to the subject, ...). Their outputs are then joined
// PER POSITION: at position p, head 0's features, then head 1's, and so on.
// With h heads of width d over n positions the result is n x (h·d): the same
// positions, more features each. Stacking the heads' rows instead would
// invent h·n "positions" that do not exist.
//
// `concatenate` below joins the heads. Fix it so the tests pass. The tests at
// the bottom are the definition of done: read them, do not edit them.

use typed_ai::{AttentionOutput, MlResult, MultiHeadOutput};

/// Joins the heads' outputs feature-wise at each position. Every head has
/// the same number of positions.
fn concatenate(heads: &[AttentionOutput]) -> MlResult<MultiHeadOutput> {
    let mut rows = Vec::new();
    // TODO: what should one row of the multi-head output hold?
    for head in heads {
        for row in head.rows() {
            rows.push(row.to_vec());
        }
    }
    MultiHeadOutput::new(rows)
}

fn main() -> MlResult<()> {
    let head_a = AttentionOutput::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]])?;
    let head_b = AttentionOutput::new(vec![vec![5.0, 6.0], vec![7.0, 8.0]])?;
    let joined = concatenate(&[head_a, head_b])?;
    println!("{} positions x {} features", joined.len(), joined.width());
    for row in joined.rows() {
        println!("  {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_heads() -> Vec<AttentionOutput> {
        vec![
            AttentionOutput::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap(),
            AttentionOutput::new(vec![vec![5.0, 6.0], vec![7.0, 8.0]]).unwrap(),
        ]
    }

    #[test]
    fn shape_is_positions_by_heads_times_width() {
        let joined = concatenate(&two_heads()).unwrap();
        let shape = (joined.len(), joined.width());
        assert_eq!(
            shape,
            (2, 4),
            "2 heads of width 2 over 2 positions must give 2 positions x 4 features, \
             got {} x {}",
            shape.0,
            shape.1
        );
    }

    #[test]
    fn each_position_lists_head_zero_then_head_one() {
        let joined = concatenate(&two_heads()).unwrap();
        assert_eq!(
            joined.to_rows(),
            vec![vec![1.0, 2.0, 5.0, 6.0], vec![3.0, 4.0, 7.0, 8.0]],
            "position 0 must be head 0's [1, 2] followed by head 1's [5, 6]"
        );
    }

    #[test]
    fn three_narrow_heads() {
        let heads = [
            AttentionOutput::new(vec![vec![1.0], vec![2.0]]).unwrap(),
            AttentionOutput::new(vec![vec![3.0], vec![4.0]]).unwrap(),
            AttentionOutput::new(vec![vec![5.0], vec![6.0]]).unwrap(),
        ];
        let joined = concatenate(&heads).unwrap();
        assert_eq!(
            joined.to_rows(),
            vec![vec![1.0, 3.0, 5.0], vec![2.0, 4.0, 6.0]],
            "3 heads of width 1 over 2 positions give 2 rows of 3 features"
        );
    }
}
