//! Attention heads, assembled from the other arrows: a
//! [`SelfAttentionHead`] (projections → scores → mask → softmax → mixing),
//! [`CausalSelfAttention`] (one head with the causal mask built for the
//! input's length), [`ConcatenateHeads`] and [`MultiHeadSelfAttention`].
//!
//! Multi-head attention runs several heads side by side and joins their
//! outputs *feature-wise at each position*: `h` heads of width `d` over `n`
//! positions give `n × (h·d)`, never `(h·n) × d`. Mapping that back to the
//! model width is `AttentionOutputProjection`'s job, and adding it to the
//! stream is `ResidualConnection`'s; neither happens here.

use crate::category::Morphism;
use crate::domain::{Matrix, Product, entry_count};
use crate::error::{MlError, MlResult};

use super::mask::{AttentionMask, MaskKind};
use super::masking::MaskedAttentionScores;
use super::mixing::WeightedValueMixing;
use super::projection::{KeyProjection, QueryProjection, ValueProjection};
use super::scores::ScaledDotProductScores;
use super::sequence::{AttentionOutput, HiddenSequence, MultiHeadOutput};
use super::softmax::AttentionSoftmax;

/// One self-attention head: its query, key and value projections.
///
/// As an arrow it maps `HiddenSequence × AttentionMask → AttentionOutput`,
/// and its `apply` spells out the whole of attention one typed step at a
/// time.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfAttentionHead {
    query: QueryProjection,
    key: KeyProjection,
    value: ValueProjection,
}

impl SelfAttentionHead {
    /// A head from its three projections. They must read the same model
    /// width, and queries and keys must have the same head dimension (a dot
    /// product needs equal lengths); values may be any width.
    pub fn new(
        query: QueryProjection,
        key: KeyProjection,
        value: ValueProjection,
    ) -> MlResult<Self> {
        let model_width = query.input_width();
        for (role, width) in [("key", key.input_width()), ("value", value.input_width())] {
            if width != model_width {
                return Err(MlError::ShapeMismatch {
                    op: "attention head",
                    expected: format!("{role} projection from model width {model_width}"),
                    got: format!("{role} projection from width {width}"),
                });
            }
        }
        if key.output_width() != query.output_width() {
            return Err(MlError::ShapeMismatch {
                op: "attention head",
                expected: format!(
                    "key projection to head dimension {} (as the queries)",
                    query.output_width()
                ),
                got: format!("key projection to width {}", key.output_width()),
            });
        }
        Ok(Self { query, key, value })
    }

    /// The query projection.
    pub fn query(&self) -> &QueryProjection {
        &self.query
    }

    /// The key projection.
    pub fn key(&self) -> &KeyProjection {
        &self.key
    }

    /// The value projection.
    pub fn value(&self) -> &ValueProjection {
        &self.value
    }

    /// The width of the hidden sequence this head reads.
    pub fn model_width(&self) -> usize {
        self.query.input_width()
    }

    /// `d_k`, the width of queries and keys.
    pub fn head_dim(&self) -> usize {
        self.query.output_width()
    }

    /// The width of the values, and so of this head's output.
    pub fn value_dim(&self) -> usize {
        self.value.output_width()
    }
}

impl Morphism<Product<HiddenSequence, AttentionMask>, AttentionOutput> for SelfAttentionHead {
    fn name(&self) -> String {
        "self_attention_head".to_string()
    }

    fn apply(&self, input: Product<HiddenSequence, AttentionMask>) -> MlResult<AttentionOutput> {
        let (hidden, mask) = input.into_parts();
        // One source, three roles.
        let queries = self.query.project(&hidden)?;
        let keys = self.key.project(&hidden)?;
        let values = self.value.project(&hidden)?;
        let scores = ScaledDotProductScores.apply(Product::new(queries, keys))?;
        let masked = MaskedAttentionScores.apply(Product::new(scores, mask))?;
        let weights = AttentionSoftmax.apply(masked)?;
        WeightedValueMixing.apply(Product::new(weights, values))
    }
}

/// `HiddenSequence → AttentionOutput`: one head that only looks back.
///
/// The causal mask depends on the sequence length, so it is built for each
/// input; fixing the *policy* rather than a mask of one length is what makes
/// this a plain arrow from hidden sequences of any length.
///
/// ```
/// use typed_ai::{
///     CausalSelfAttention, HiddenSequence, KeyProjection, Matrix, Morphism, QueryProjection,
///     SelfAttentionHead, ValueProjection,
/// };
/// // Zero query weights make every score 0, so query i averages values 0..=i.
/// let head = SelfAttentionHead::new(
///     QueryProjection::new(Matrix::zeros(1, 1)?),
///     KeyProjection::new(Matrix::zeros(1, 1)?),
///     ValueProjection::new(Matrix::new(vec![vec![1.0]])?),
/// )?;
/// let hidden = HiddenSequence::new(vec![vec![3.0], vec![5.0], vec![10.0]])?;
/// let output = CausalSelfAttention::new(head).apply(hidden)?;
/// // [3], (3 + 5) / 2, (3 + 5 + 10) / 3
/// for (got, want) in output.to_rows().iter().zip([3.0, 4.0, 6.0]) {
///     assert!((got[0] - want).abs() < 1e-5);
/// }
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CausalSelfAttention {
    head: SelfAttentionHead,
}

impl CausalSelfAttention {
    /// Causal self-attention with `head`'s projections.
    pub fn new(head: SelfAttentionHead) -> Self {
        Self { head }
    }

    /// The head's projections.
    pub fn head(&self) -> &SelfAttentionHead {
        &self.head
    }
}

impl Morphism<HiddenSequence, AttentionOutput> for CausalSelfAttention {
    fn name(&self) -> String {
        "causal_self_attention".to_string()
    }

    fn apply(&self, input: HiddenSequence) -> MlResult<AttentionOutput> {
        let mask = AttentionMask::causal(input.sequence_length());
        self.head.apply(Product::new(input, mask))
    }
}

/// `Vec<AttentionOutput> → MultiHeadOutput`: at each position, head 0's
/// features, then head 1's, and so on.
///
/// ```
/// use typed_ai::{AttentionOutput, ConcatenateHeads, Morphism};
/// let a = AttentionOutput::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]])?;
/// let b = AttentionOutput::new(vec![vec![5.0, 6.0], vec![7.0, 8.0]])?;
/// let joined = ConcatenateHeads.apply(vec![a, b])?;
/// // 2 positions × (2 heads · 2 features), not 4 × 2.
/// assert_eq!(joined.to_rows(), vec![vec![1.0, 2.0, 5.0, 6.0], vec![3.0, 4.0, 7.0, 8.0]]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConcatenateHeads;

impl Morphism<Vec<AttentionOutput>, MultiHeadOutput> for ConcatenateHeads {
    fn name(&self) -> String {
        "concatenate_heads".to_string()
    }

    fn apply(&self, heads: Vec<AttentionOutput>) -> MlResult<MultiHeadOutput> {
        let Some(first) = heads.first() else {
            return Err(MlError::EmptyInput("attention heads"));
        };
        let positions = first.len();
        if let Some((index, head)) = heads.iter().enumerate().find(|(_, h)| h.len() != positions) {
            return Err(MlError::ShapeMismatch {
                op: "head concatenation",
                expected: format!("{positions} positions in every head"),
                got: format!("head {index} with {} positions", head.len()),
            });
        }
        // The widths of existing heads cannot overflow when summed, but the
        // joined grid is one allocation and may be more than one can hold.
        let width: usize = heads.iter().map(AttentionOutput::width).sum();
        let mut data = Vec::with_capacity(entry_count("head concatenation", positions, width)?);
        for position in 0..positions {
            for head in &heads {
                data.extend_from_slice(head.row(position)?);
            }
        }
        Matrix::from_row_major(positions, width, data).map(MultiHeadOutput::from_matrix)
    }
}

/// `HiddenSequence → MultiHeadOutput`: several heads over the same hidden
/// sequence, each with the mask of one policy, joined feature-wise.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiHeadSelfAttention {
    heads: Vec<SelfAttentionHead>,
    mask: MaskKind,
}

impl MultiHeadSelfAttention {
    /// At least one head, all reading the same model width, masked by
    /// `mask` (for a decoder, [`MaskKind::Causal`]).
    pub fn new(heads: Vec<SelfAttentionHead>, mask: MaskKind) -> MlResult<Self> {
        let Some(first) = heads.first() else {
            return Err(MlError::EmptyInput("attention heads"));
        };
        let model_width = first.model_width();
        if let Some((index, head)) = heads
            .iter()
            .enumerate()
            .find(|(_, h)| h.model_width() != model_width)
        {
            return Err(MlError::ShapeMismatch {
                op: "multi-head attention",
                expected: format!("every head reading model width {model_width}"),
                got: format!("head {index} reading width {}", head.model_width()),
            });
        }
        Ok(Self { heads, mask })
    }

    /// The heads, in concatenation order.
    pub fn heads(&self) -> &[SelfAttentionHead] {
        &self.heads
    }

    /// The masking policy every head uses.
    pub fn mask(&self) -> MaskKind {
        self.mask
    }

    /// The width of the concatenated output: the sum of the value widths.
    pub fn output_width(&self) -> usize {
        self.heads.iter().map(SelfAttentionHead::value_dim).sum()
    }
}

impl Morphism<HiddenSequence, MultiHeadOutput> for MultiHeadSelfAttention {
    fn name(&self) -> String {
        format!("multi_head_self_attention({} heads)", self.heads.len())
    }

    fn apply(&self, input: HiddenSequence) -> MlResult<MultiHeadOutput> {
        let mask = AttentionMask::from_kind(self.mask, input.sequence_length())?;
        let outputs = self
            .heads
            .iter()
            .map(|head| head.apply(Product::new(input.clone(), mask.clone())))
            .collect::<MlResult<Vec<_>>>()?;
        ConcatenateHeads.apply(outputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::sequence::SequenceLength;

    fn matrix(rows: Vec<Vec<f32>>) -> Matrix {
        Matrix::new(rows).unwrap()
    }

    /// Identity projections on a width-2 stream: Q = K = V = hidden.
    fn identity_head() -> SelfAttentionHead {
        let eye = || matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
        SelfAttentionHead::new(
            QueryProjection::new(eye()),
            KeyProjection::new(eye()),
            ValueProjection::new(eye()),
        )
        .unwrap()
    }

    #[test]
    fn head_runs_the_card_example_end_to_end() {
        // Hidden rows [1, 0], [0, 1], [1, 1] with identity projections:
        // query 0 = [1, 0] scores [0.7071, 0, 0.7071]; masking key 1 leaves
        // weights [0.5, 0, 0.5] on values [1, 0] and [1, 1]: [1, 0.5].
        let hidden =
            HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap();
        let mask = AttentionMask::new(vec![
            vec![true, false, true],
            vec![true, true, true],
            vec![true, true, true],
        ])
        .unwrap();
        let output = identity_head().apply(Product::new(hidden, mask)).unwrap();
        assert_eq!(output.row(0).unwrap(), &[1.0, 0.5]);
        assert_eq!((output.len(), output.width()), (3, 2));
    }

    #[test]
    fn causal_attention_never_reads_the_future() {
        // Changing the last position must leave earlier outputs unchanged.
        let attend = CausalSelfAttention::new(identity_head());
        let a = HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap();
        let b = HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![-9.0, 4.0]]).unwrap();
        let (a, b) = (attend.apply(a).unwrap(), attend.apply(b).unwrap());
        assert_eq!(a.row(0).unwrap(), b.row(0).unwrap());
        assert_eq!(a.row(1).unwrap(), b.row(1).unwrap());
        assert_ne!(a.row(2).unwrap(), b.row(2).unwrap());
        // Position 0 sees only itself.
        assert_eq!(a.row(0).unwrap(), &[1.0, 0.0]);
    }

    #[test]
    fn a_very_negative_allowed_score_does_not_hand_the_row_to_the_future() {
        // Regression. Hidden rows [q | k | v] with d = 1: position 0 is
        // [-4e4, 1e5, 1], position 1 is [1, 0, 99]. Query 0 scores its own key
        // -4e4 · 1e5 = -4e9 and may not see key 1. When blocked cells held the
        // sentinel -1e9, the blocked key outscored the allowed one and output 0
        // became V of the future position, 99. It must be its own value, 1.
        let column = |c: usize| {
            matrix(
                (0..3)
                    .map(|r| vec![if r == c { 1.0 } else { 0.0 }])
                    .collect(),
            )
        };
        let head = SelfAttentionHead::new(
            QueryProjection::new(column(0)),
            KeyProjection::new(column(1)),
            ValueProjection::new(column(2)),
        )
        .unwrap();
        let hidden = HiddenSequence::new(vec![vec![-4e4, 1e5, 1.0], vec![1.0, 0.0, 99.0]]).unwrap();
        let output = CausalSelfAttention::new(head).apply(hidden).unwrap();
        assert_eq!(output.row(0).unwrap(), &[1.0]);
        // Query 1 = 1 scores keys 0 and 1 as 1e5 and 0: key 0 takes all of
        // it (e^-1e5 underflows to 0), so output 1 is V of position 0 as well.
        assert_eq!(output.row(1).unwrap(), &[1.0]);
    }

    #[test]
    fn head_rejects_mismatched_projections() {
        let eye = matrix(vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
        let wide_key = KeyProjection::new(matrix(vec![vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]]));
        assert_eq!(
            SelfAttentionHead::new(
                QueryProjection::new(eye.clone()),
                wide_key,
                ValueProjection::new(eye.clone()),
            ),
            Err(MlError::ShapeMismatch {
                op: "attention head",
                expected: "key projection to head dimension 2 (as the queries)".into(),
                got: "key projection to width 3".into(),
            })
        );
        let narrow_value = ValueProjection::new(matrix(vec![vec![1.0]]));
        assert!(matches!(
            SelfAttentionHead::new(
                QueryProjection::new(eye.clone()),
                KeyProjection::new(eye),
                narrow_value,
            ),
            Err(MlError::ShapeMismatch {
                op: "attention head",
                ..
            })
        ));
    }

    #[test]
    fn concatenation_joins_features_at_each_position() {
        // 2 heads × 2 positions × width 2 → 2 positions × width 4.
        let a = AttentionOutput::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap();
        let b = AttentionOutput::new(vec![vec![5.0, 6.0], vec![7.0, 8.0]]).unwrap();
        let joined = ConcatenateHeads.apply(vec![a.clone(), b]).unwrap();
        assert_eq!((joined.len(), joined.width()), (2, 4));
        assert_eq!(joined.row(1).unwrap(), &[3.0, 4.0, 7.0, 8.0]);
        assert_eq!(
            ConcatenateHeads.apply(vec![]),
            Err(MlError::EmptyInput("attention heads"))
        );
        let short = AttentionOutput::new(vec![vec![1.0]]).unwrap();
        assert_eq!(
            ConcatenateHeads.apply(vec![a, short]),
            Err(MlError::ShapeMismatch {
                op: "head concatenation",
                expected: "2 positions in every head".into(),
                got: "head 1 with 1 positions".into(),
            })
        );
    }

    #[test]
    fn multi_head_output_is_positions_by_heads_times_value_width() {
        // Three identity heads on a 4-position, width-2 stream: 4 × 6, and
        // each head's slice equals the single-head output.
        let heads = vec![identity_head(), identity_head(), identity_head()];
        let attend = MultiHeadSelfAttention::new(heads, MaskKind::Causal).unwrap();
        assert_eq!(attend.output_width(), 6);
        let hidden = HiddenSequence::new(vec![
            vec![1.0, 0.0],
            vec![0.0, 1.0],
            vec![1.0, 1.0],
            vec![2.0, -1.0],
        ])
        .unwrap();
        let single = CausalSelfAttention::new(identity_head())
            .apply(hidden.clone())
            .unwrap();
        let multi = attend.apply(hidden).unwrap();
        assert_eq!((multi.len(), multi.width()), (4, 6));
        for position in 0..4 {
            let row = multi.row(position).unwrap();
            for head in 0..3 {
                assert_eq!(&row[2 * head..2 * head + 2], single.row(position).unwrap());
            }
        }
    }

    #[test]
    fn multi_head_rejects_no_heads_and_mixed_widths() {
        assert_eq!(
            MultiHeadSelfAttention::new(vec![], MaskKind::Full),
            Err(MlError::EmptyInput("attention heads"))
        );
        let one = || matrix(vec![vec![1.0]]);
        let narrow = SelfAttentionHead::new(
            QueryProjection::new(one()),
            KeyProjection::new(one()),
            ValueProjection::new(one()),
        )
        .unwrap();
        assert!(matches!(
            MultiHeadSelfAttention::new(vec![identity_head(), narrow], MaskKind::Full),
            Err(MlError::ShapeMismatch {
                op: "multi-head attention",
                ..
            })
        ));
    }

    #[test]
    fn padding_policy_longer_than_the_input_is_an_error() {
        let policy = MaskKind::Padding {
            valid_len: SequenceLength::new(5).unwrap(),
        };
        let attend = MultiHeadSelfAttention::new(vec![identity_head()], policy).unwrap();
        let hidden = HiddenSequence::new(vec![vec![1.0, 0.0]; 3]).unwrap();
        assert!(matches!(
            attend.apply(hidden),
            Err(MlError::ShapeMismatch {
                op: "padding mask",
                ..
            })
        ));
    }
}
