//! The learner's progress in a course folder: what is done, what is current,
//! how far the hints have gone, kept in `.typed-ai-rustlings/state.toml`.
//!
//! Owns the file format, its atomic writes, the locks that let several
//! runner processes share it, and recovery from a damaged file. It knows
//! exercise *names* only: which names exist, their order and their hints come
//! from the course model, which the caller passes in where needed.

mod error;
mod holder;
mod lock;
mod model;
mod rules;
mod store;
mod timestamp;
mod watch_lock;

pub use error::{StateError, StateWarning};
pub use holder::Holder;
pub use model::{Attempt, State};
pub use rules::After;
pub use store::{STATE_DIR, Store};
pub use watch_lock::WatchLock;
