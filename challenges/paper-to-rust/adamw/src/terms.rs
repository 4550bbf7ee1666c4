//! The two forces on an AdamW weight as two types: the [`LossGradient`],
//! which is all Adam's [`Moments`] may average, and the [`DecayPull`] λ·p,
//! which only ever moves the parameters.
//!
//! This is the paper's point in types. L2 regularisation adds λ·p to the
//! gradient, so the decay passes through m and v and is divided by √v̂;
//! decoupled decay keeps it out. Here a decay pull cannot be added to a
//! loss gradient (there is no `+` between them) nor observed by the moments
//! (`Moments::observe` takes a `&LossGradient`), and a `LossGradient` can
//! only be made by evaluating the loss's gradient at the parameters. Where
//! the pull enters the parameter update, and scaled by what, is the
//! arrow's (`adamw.rs`), and the regression test's to check.

use typed_ai::{
    AdamConfig, FirstMoment, Gradient, MlError, MlResult, ParameterVector, SecondMoment,
    WeightDecay,
};

/// ∇L at the incoming parameters: the gradient of the loss alone.
///
/// ```
/// use adamw::LossGradient;
/// use typed_ai::{Gradient, ParameterVector};
/// let p = ParameterVector::new(vec![2.0])?;
/// let g = LossGradient::at(&|p: &ParameterVector| Gradient::new(vec![p.values()[0] / 2.0]), &p)?;
/// assert_eq!(g.values(), &[1.0]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LossGradient(Gradient);

impl LossGradient {
    /// Evaluates `loss_gradient` at `params`: the only way to make one.
    /// A gradient of another width than the parameters is
    /// `ShapeMismatch { op: "AdamW gradient" }`.
    pub fn at<G>(loss_gradient: &G, params: &ParameterVector) -> MlResult<Self>
    where
        G: Fn(&ParameterVector) -> MlResult<Gradient>,
    {
        let gradient = loss_gradient(params)?;
        if gradient.len() != params.len() {
            return Err(MlError::ShapeMismatch {
                op: "AdamW gradient",
                expected: format!(
                    "gradient of width {} (one entry per parameter)",
                    params.len()
                ),
                got: format!("width {}", gradient.len()),
            });
        }
        Ok(Self(gradient))
    }

    /// One entry per parameter.
    pub fn values(&self) -> &[f32] {
        self.0.values()
    }
}

/// Adam's moving averages: m of the loss gradient, v of its square.
#[derive(Debug, Clone, PartialEq)]
pub struct Moments {
    first: FirstMoment,
    second: SecondMoment,
}

impl Moments {
    /// The moments as a state holds them.
    pub fn new(first: FirstMoment, second: SecondMoment) -> Self {
        Self { first, second }
    }

    /// One observation of the loss gradient g, and nothing else:
    /// `m ← β1·m + (1 − β1)·g`, `v ← β2·v + (1 − β2)·g²`.
    ///
    /// ```
    /// use adamw::{LossGradient, Moments};
    /// use typed_ai::{AdamConfig, FirstMoment, Gradient, LearningRate, ParameterVector, SecondMoment};
    /// let p = ParameterVector::new(vec![1.0])?;
    /// let g = LossGradient::at(&|_: &ParameterVector| Gradient::new(vec![0.5]), &p)?;
    /// let config = AdamConfig::with_defaults(LearningRate::new(0.1)?);
    /// let moments = Moments::new(FirstMoment::zeros_like(&p), SecondMoment::zeros_like(&p));
    /// let moments = moments.observe(&g, &config)?;
    /// // m = 0.1·0.5 = 0.05; v = 0.001·0.25 = 0.00025
    /// assert!((moments.first().values()[0] - 0.05).abs() < 1e-7);
    /// assert!((moments.second().values()[0] - 0.000_25).abs() < 1e-8);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn observe(self, gradient: &LossGradient, config: &AdamConfig) -> MlResult<Self> {
        let (beta1, beta2) = (config.beta1(), config.beta2());
        let g = gradient.values();
        let first = self
            .first
            .values()
            .iter()
            .zip(g)
            .map(|(m, g)| beta1 * m + (1.0 - beta1) * g)
            .collect();
        let second = self
            .second
            .values()
            .iter()
            .zip(g)
            .map(|(v, g)| beta2 * v + (1.0 - beta2) * g * g)
            .collect();
        Ok(Self {
            first: FirstMoment::new(first)?,
            second: SecondMoment::new(second)?,
        })
    }

    /// m.
    pub fn first(&self) -> &FirstMoment {
        &self.first
    }

    /// v.
    pub fn second(&self) -> &SecondMoment {
        &self.second
    }

    /// (m, v), for the next state.
    pub fn into_parts(self) -> (FirstMoment, SecondMoment) {
        (self.first, self.second)
    }
}

/// λ·p, the decoupled decay's pull on each weight: a term of the parameter
/// update, never of the gradient.
///
/// ```
/// use adamw::DecayPull;
/// use typed_ai::{ParameterVector, WeightDecay};
/// let pull = DecayPull::of(&ParameterVector::new(vec![1.0, -4.0])?, WeightDecay::new(0.1)?);
/// assert_eq!(pull.values(), &[0.1, -0.4]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DecayPull(Vec<f32>);

impl DecayPull {
    /// λ·p for every weight of `params`.
    pub fn of(params: &ParameterVector, decay: WeightDecay) -> Self {
        let lambda = decay.value();
        Self(params.values().iter().map(|p| lambda * p).collect())
    }

    /// One entry per parameter.
    pub fn values(&self) -> &[f32] {
        &self.0
    }
}
