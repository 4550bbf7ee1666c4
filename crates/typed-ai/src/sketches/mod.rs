//! Small applied category-theory models, each a few dozen lines, in the
//! spirit of "applied sketches": where orders, adjunctions, functors and
//! matrices show up in ordinary engineering.
//!
//! | sketch | idea | types |
//! |---|---|---|
//! | `order` | a total order with joins: data-sensitivity labels | [`InformationLevel`] |
//! | `galois` | a Galois connection: examples ↔ mini-batches | [`GaloisConnection`], [`MiniBatching`], [`ExampleCount`], [`BatchCount`] |
//! | `database` | a schema as a category, an instance as a functor to sets | [`DatabaseInstance`], [`Employee`], [`Department`], [`DepartmentId`] |
//! | `signal` | matrices as arrows between signal spaces | [`SignalMatrix`] |
//!
//! These models are for teaching (course chapter 13 and the
//! `05_seven_sketches` example). They are deliberately tiny and are not a
//! general library of orders, databases or linear algebra.

mod database;
mod galois;
mod order;
mod signal;

pub use database::{DatabaseInstance, Department, DepartmentId, Employee};
pub use galois::{BatchCount, ExampleCount, GaloisConnection, MiniBatching, galois_counterexample};
pub use order::InformationLevel;
pub use signal::SignalMatrix;
