//! Integration tests: the real binary on small fixture packs in temporary
//! folders. One binary, one module per feature.

mod challenge;
mod course_folder;
mod fixture;
mod progress;
