//! Property tests of the library, through its public API only.
//!
//! They live here rather than in `src/` because `init` copies the library
//! into each learner's course folder with a manifest that has no
//! dev-dependencies (so it builds offline). A `proptest` use inside
//! `src/**/mod tests` would then show up as "unresolved crate `proptest`"
//! in the learner's editor and break `cargo test` there. An integration
//! test target is only built here, in the workspace, where `proptest` is
//! available.
//!
//! One module per library module, mirroring `src/`: the property
//! `attention::softmax::every_weight_row_sums_to_one` guards
//! `src/attention/softmax.rs`. Plain hand-worked unit tests stay next to
//! the code in `src/`. Everything is one test binary so the suite links
//! once.

mod attention {
    mod layer_norm;
    mod residual;
    mod scores;
    mod softmax;
}

mod calculus {
    mod chain;
    mod cross_entropy;
    mod ops;
}

mod category;
mod ml;

mod optim {
    mod adam;
    mod adamw;
}

mod sketches {
    mod galois;
    mod order;
    mod signal;
}

mod structure {
    mod functor;
    mod labelled;
    mod monoid;
    mod natural;
}

mod transformer {
    mod composition;
    mod forward;
}
