//! Seeded Glorot and He draws with their measured statistics.
//! `challenge.toml`'s ledger names the lines this example must print.

use glorot_he_initialization::{FanIn, FanOut, InitScheme, glorot_limit, initialize};
use typed_ai::{MlResult, Seed};

fn variance(values: &[f32]) -> f32 {
    let n = values.len() as f32;
    let mean = values.iter().sum::<f32>() / n;
    values.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / n
}

fn main() -> MlResult<()> {
    let (fan_in, fan_out) = (FanIn::new(64)?, FanOut::new(64)?);
    let glorot = initialize(fan_in, fan_out, InitScheme::Glorot, Seed::new(1))?;
    let limit = glorot_limit(fan_in, fan_out);
    let largest = glorot.values().iter().fold(0.0_f32, |m, w| m.max(w.abs()));
    println!("Glorot 64 x 64: limit √(6/128) = {limit:.6}");
    println!(
        "Glorot 64 x 64: every |w| within the limit: {}",
        largest <= limit
    );
    let v = variance(glorot.values());
    let target = InitScheme::Glorot.variance(fan_in, fan_out);
    println!(
        "Glorot 64 x 64: variance {v:.5} vs 2/(fan_in + fan_out) = {target:.5}, within 10%: {}",
        (v / target - 1.0).abs() < 0.1
    );

    let (fan_in, fan_out) = (FanIn::new(256)?, FanOut::new(64)?);
    let he = initialize(fan_in, fan_out, InitScheme::He, Seed::new(2))?;
    println!("He 256 x 64: shape {} x {}", he.fan_in(), he.fan_out());
    let v = variance(he.values());
    let target = InitScheme::He.variance(fan_in, fan_out);
    println!(
        "He 256 x 64: variance {v:.5} vs 2/fan_in = {target:.5}, within 10%: {}",
        (v / target - 1.0).abs() < 0.1
    );
    let again = initialize(fan_in, fan_out, InitScheme::He, Seed::new(2))?;
    println!("the same seed gives the same matrix: {}", again == he);
    Ok(())
}
