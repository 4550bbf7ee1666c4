//! A tiny seeded random-number generator, so that initialisation, dropout and
//! sampling are reproducible from a number and the library needs no
//! dependency.
//!
//! The generator is SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit
//! state, an add and three xor-shift-multiply rounds per draw. It is fast and
//! statistically good enough for teaching; it is **not** cryptographic and
//! this module makes no attempt to be.

/// The number a random draw starts from. Equal seeds give equal draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Seed(u64);

impl Seed {
    /// Wraps a seed value. Every `u64` is a valid seed.
    pub fn new(value: u64) -> Self {
        Self(value)
    }

    /// The raw seed value.
    pub fn value(self) -> u64 {
        self.0
    }
}

/// A SplitMix64 generator started from a [`Seed`].
///
/// ```
/// use typed_ai::{Seed, SeededRng};
/// let mut a = SeededRng::new(Seed::new(7));
/// let mut b = SeededRng::new(Seed::new(7));
/// assert_eq!(a.next_u64(), b.next_u64());
/// let x = a.next_f32();
/// assert!((0.0..1.0).contains(&x));
/// ```
#[derive(Debug, Clone)]
pub struct SeededRng {
    state: u64,
}

impl SeededRng {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: Seed) -> Self {
        Self { state: seed.0 }
    }

    /// The next 64 uniformly distributed bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform draw from `[0, 1)`, using the top 24 bits so every value is
    /// exactly representable as an `f32`.
    pub fn next_f32(&mut self) -> f32 {
        const SCALE: f32 = 1.0 / (1u32 << 24) as f32;
        (self.next_u64() >> 40) as f32 * SCALE
    }

    /// A uniform draw from `[low, high)`. The caller keeps `low < high`.
    pub fn uniform(&mut self, low: f32, high: f32) -> f32 {
        low + (high - low) * self.next_f32()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_splitmix64_reference_sequence() {
        // Reference values for seed 0 from the published SplitMix64 algorithm.
        let mut rng = SeededRng::new(Seed::new(0));
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn uniform_draws_have_the_right_mean() {
        let mut rng = SeededRng::new(Seed::new(42));
        let n = 20_000;
        let mean = (0..n).map(|_| rng.uniform(-1.0, 3.0)).sum::<f32>() / n as f32;
        // Uniform on [-1, 3) has mean 1 and standard deviation 4/sqrt(12);
        // the standard error over 20 000 draws is about 0.008.
        assert!((mean - 1.0).abs() < 0.05, "mean was {mean}");
    }
}
