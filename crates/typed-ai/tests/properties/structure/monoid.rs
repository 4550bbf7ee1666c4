//! The monoid laws for pipeline traces, loss sums, running maxima and loss
//! totals, and the split-invariance of the mean loss.

use proptest::prelude::{Strategy, prop_assert_eq, proptest};
use typed_ai::{
    Loss, LossSum, LossTotal, MaxScore, Monoid, PipelineTrace, check_monoid_associativity,
    check_monoid_identity, fold_all,
};

fn loss(value: f32) -> Loss {
    Loss::new(value).unwrap()
}

/// Losses that are multiples of 1/4 below 1000: every sum of three is
/// exact in `f32`, so the laws can be checked with `==`.
fn quarter_loss() -> impl Strategy<Value = Loss> {
    (0u32..4000).prop_map(|q| loss(q as f32 / 4.0))
}

fn finite_score() -> impl Strategy<Value = MaxScore> {
    (-1.0e6f32..1.0e6).prop_map(|s| MaxScore::new(s).unwrap())
}

fn trace() -> impl Strategy<Value = PipelineTrace> {
    proptest::collection::vec("[a-z]{1,6}", 0..4)
        .prop_map(|names| fold_all(names.into_iter().map(PipelineTrace::step)))
}

proptest! {
    #[test]
    fn pipeline_trace_is_a_monoid(a in trace(), b in trace(), c in trace()) {
        prop_assert_eq!(check_monoid_identity(&a), Ok(()));
        prop_assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
        prop_assert_eq!(a.combine(&b).len(), a.len() + b.len());
    }

    #[test]
    fn loss_sum_is_a_monoid(a in quarter_loss(), b in quarter_loss(), c in quarter_loss()) {
        let (a, b, c) = (LossSum::of(a), LossSum::of(b), LossSum::of(c));
        prop_assert_eq!(check_monoid_identity(&a), Ok(()));
        prop_assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
    }

    #[test]
    fn max_score_is_a_monoid(a in finite_score(), b in finite_score(), c in finite_score()) {
        prop_assert_eq!(check_monoid_identity(&a), Ok(()));
        prop_assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
    }

    #[test]
    fn loss_total_is_a_monoid(a in quarter_loss(), b in quarter_loss(), c in quarter_loss()) {
        let (a, b, c) = (LossTotal::of(a), LossTotal::of(b), LossTotal::of(c));
        prop_assert_eq!(check_monoid_identity(&a), Ok(()));
        prop_assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
    }

    #[test]
    fn loss_total_mean_ignores_where_the_batch_is_split(
        losses in proptest::collection::vec(quarter_loss(), 1..12),
        cut in 0usize..12,
    ) {
        let cut = cut.min(losses.len());
        let all = fold_all(losses.iter().copied().map(LossTotal::of));
        let left = fold_all(losses[..cut].iter().copied().map(LossTotal::of));
        let right = fold_all(losses[cut..].iter().copied().map(LossTotal::of));
        prop_assert_eq!(left.combine(&right).mean(), all.mean());
    }
}
