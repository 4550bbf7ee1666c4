//! The `typed-ai-rustlings` runner. The commands arrive with the runner issue;
//! for now it prints its version and help.

// Wired into the commands once the runner's CLI lands; until then only the
// unit tests use these modules.
mod atomic_file;
#[cfg_attr(
    not(test),
    expect(dead_code, reason = "used by commands that arrive with the CLI")
)]
#[expect(
    unused_imports,
    reason = "the public API is used by commands that arrive with the CLI"
)]
mod course_folder;
#[cfg_attr(
    not(test),
    expect(dead_code, reason = "used by commands that arrive with the CLI")
)]
#[expect(
    unused_imports,
    reason = "the public API is used by commands that arrive with the CLI"
)]
mod state;

fn main() {
    println!(
        "typed-ai-rustlings {}\nLearn machine learning through Rust types.",
        env!("CARGO_PKG_VERSION")
    );
}
