// Chapter 7.1: a monoid needs an empty value
//
// A dataset is often split into shards, and each shard's loss is computed on
// its own machine. To get the total, the shard totals are combined, and the
// combining must not care how the data was grouped (associativity). One more
// thing is needed: a shard with no examples must have a total too, the value
// that changes nothing when combined. Combine plus that empty value is a
// monoid, the `Monoid` trait in `typed_ai`.
//
// `ShardLoss` says how to combine but not what the empty total is. Give it
// one. Done when the file compiles and the tests pass; the tests at the bottom
// are the definition of done, do not edit them.

use typed_ai::{Monoid, fold_all};

/// The summed loss of one shard of a dataset.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ShardLoss(f32);

// TODO: a monoid is `combine` *and* something more.
impl Monoid for ShardLoss {
    fn combine(&self, other: &Self) -> Self {
        ShardLoss(self.0 + other.0)
    }
}

fn main() {
    let shards = [ShardLoss(0.5), ShardLoss(0.25), ShardLoss(1.25)];
    println!("total loss over all shards: {:?}", fold_all(shards));
    println!(
        "total loss over no shards:  {:?}",
        fold_all(Vec::<ShardLoss>::new())
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{check_monoid_associativity, check_monoid_identity};

    #[test]
    fn shard_totals_add_up() {
        // 0.5 + 0.25 + 1.25 = 2.0
        let total = fold_all([ShardLoss(0.5), ShardLoss(0.25), ShardLoss(1.25)]);
        assert_eq!(total, ShardLoss(2.0));
    }

    #[test]
    fn a_shard_with_no_examples_adds_nothing() {
        assert_eq!(
            fold_all(Vec::<ShardLoss>::new()),
            ShardLoss(0.0),
            "the total loss of no examples is 0"
        );
        assert_eq!(check_monoid_identity(&ShardLoss(0.75)), Ok(()));
    }

    #[test]
    fn grouping_the_shards_does_not_matter() {
        let (a, b, c) = (ShardLoss(0.5), ShardLoss(0.25), ShardLoss(1.25));
        assert_eq!(check_monoid_associativity(&a, &b, &c), Ok(()));
    }
}
