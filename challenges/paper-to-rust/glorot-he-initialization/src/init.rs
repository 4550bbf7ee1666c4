//! The two initialisation schemes and the seeded draw:
//! [`initialize`]`(FanIn, FanOut, InitScheme, Seed) → WeightMatrix`.
//!
//! - Glorot (normalised initialisation, equation 16 of the paper): uniform
//!   on `[−a, a)` with `a = √(6/(fan_in + fan_out))`. A uniform on `[−a, a)`
//!   has variance `a²/3 = 2/(fan_in + fan_out)`: the compromise between
//!   keeping forward variance (`1/fan_in`) and backward variance
//!   (`1/fan_out`) constant.
//! - He (section 2.2 of the paper): zero-mean normal with variance
//!   `2/fan_in`, twice the forward-only value, because a ReLU zeroes half
//!   its inputs and so halves the variance it passes on.
//!
//! Randomness is `typed_ai::SeededRng` (uniform draws); normal draws come
//! from the Box–Muller transform, so the crate needs no dependency and the
//! same seed always gives the same matrix.

use std::f32::consts::PI;

use typed_ai::{Matrix, MlError, MlResult, Seed, SeededRng};

use crate::fans::{FanIn, FanOut};

/// Which rule sets the scale of the initial weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InitScheme {
    /// Glorot and Bengio (2010): uniform, variance 2/(fan_in + fan_out),
    /// for tanh or linear layers.
    Glorot,
    /// He et al. (2015): normal, variance 2/fan_in, for ReLU layers.
    He,
}

impl InitScheme {
    /// The variance the scheme aims for.
    ///
    /// ```
    /// use glorot_he_initialization::{FanIn, FanOut, InitScheme};
    /// let (fan_in, fan_out) = (FanIn::new(256)?, FanOut::new(64)?);
    /// assert_eq!(InitScheme::He.variance(fan_in, fan_out), 2.0 / 256.0);
    /// assert_eq!(InitScheme::Glorot.variance(fan_in, fan_out), 2.0 / 320.0);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn variance(self, fan_in: FanIn, fan_out: FanOut) -> f32 {
        match self {
            InitScheme::Glorot => 2.0 / (fan_in.get() + fan_out.get()) as f32,
            InitScheme::He => 2.0 / fan_in.get() as f32,
        }
    }
}

/// Glorot's uniform bound `√(6/(fan_in + fan_out))`: 0.216506 for 64 × 64.
pub fn glorot_limit(fan_in: FanIn, fan_out: FanOut) -> f32 {
    (6.0 / (fan_in.get() + fan_out.get()) as f32).sqrt()
}

/// A layer's initial weights: fan-in rows × fan-out columns, so that an
/// input row vector `x` (length fan-in) maps to `x·W` (length fan-out).
#[derive(Debug, Clone, PartialEq)]
pub struct WeightMatrix(Matrix);

impl WeightMatrix {
    /// The number of rows: the fan-in.
    pub fn fan_in(&self) -> usize {
        self.0.rows()
    }

    /// The number of columns: the fan-out.
    pub fn fan_out(&self) -> usize {
        self.0.cols()
    }

    /// Every weight, row by row.
    pub fn values(&self) -> &[f32] {
        self.0.as_row_major()
    }

    /// The weights as a `typed_ai::Matrix`.
    pub fn as_matrix(&self) -> &Matrix {
        &self.0
    }
}

/// One standard normal draw from two uniform draws (Box–Muller).
fn standard_normal(rng: &mut SeededRng) -> f32 {
    // 1 − u is in (0, 1], so the logarithm is finite.
    let u1 = 1.0 - rng.next_f32();
    let u2 = rng.next_f32();
    (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos()
}

/// A fan-in × fan-out weight matrix drawn by `scheme` from `seed`.
///
/// Fails only if `fan_in·fan_out` overflows `usize`
/// (`ShapeMismatch { op: "weight initialization", .. }`).
///
/// ```
/// use glorot_he_initialization::{FanIn, FanOut, InitScheme, initialize};
/// use typed_ai::Seed;
/// let w = initialize(FanIn::new(3)?, FanOut::new(2)?, InitScheme::Glorot, Seed::new(1))?;
/// assert_eq!((w.fan_in(), w.fan_out()), (3, 2));
/// // a = √(6/5) ≈ 1.0954
/// assert!(w.values().iter().all(|x| x.abs() <= 1.0955));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn initialize(
    fan_in: FanIn,
    fan_out: FanOut,
    scheme: InitScheme,
    seed: Seed,
) -> MlResult<WeightMatrix> {
    let mut rng = SeededRng::new(seed);
    let Some(count) = fan_in.get().checked_mul(fan_out.get()) else {
        return Err(MlError::ShapeMismatch {
            op: "weight initialization",
            expected: "fan_in x fan_out weights that fit in memory".to_string(),
            got: format!("{} x {}", fan_in.get(), fan_out.get()),
        });
    };
    let weights = match scheme {
        InitScheme::Glorot => {
            let limit = glorot_limit(fan_in, fan_out);
            (0..count).map(|_| rng.uniform(-limit, limit)).collect()
        }
        InitScheme::He => {
            let std = scheme.variance(fan_in, fan_out).sqrt();
            (0..count)
                .map(|_| std * standard_normal(&mut rng))
                .collect()
        }
    };
    Matrix::from_row_major(fan_in.get(), fan_out.get(), weights).map(WeightMatrix)
}
