//! Must not compile: the smoothed target in the prediction's place. The
//! loss is −Σ target·ln prediction; the two are both distributions over the
//! vocabulary, so only their types keep them in their places.

use label_smoothing::{Prediction, SmoothedTarget, SmoothingEpsilon, SoftCrossEntropy};
use typed_ai::{Distribution, Loss, MlResult, Morphism, Product, TokenId, VocabSize};

/// Feeds (target, prediction) where (prediction, target) belongs.
pub fn loss_with_roles_swapped() -> MlResult<Loss> {
    let target = SmoothedTarget::new(
        TokenId::new(0),
        VocabSize::new(4)?,
        SmoothingEpsilon::new(0.1)?,
    )?;
    let prediction = Prediction::new(Distribution::new(vec![0.7, 0.1, 0.1, 0.1])?);
    SoftCrossEntropy.apply(Product::new(target, prediction))
}
