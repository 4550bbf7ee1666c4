//! The compiler command line of one check: the single place that says which
//! flags rustc (or clippy-driver) gets. The engine, `verify --pack` and the
//! benchmarks (which time bare rustc with exactly the runner's flags) all
//! build it here.

use std::path::Path;

/// What one compile needs to know to build its command line.
#[derive(Debug, Clone, Copy)]
pub struct CompileArgs<'a> {
    /// The crate name (the exercise's name).
    pub crate_name: &'a str,
    /// Compile with the test harness (`--test`).
    pub test: bool,
    /// Deny warnings (`-D warnings`, with clippy-driver).
    pub deny_warnings: bool,
    /// The library crate's name as exercises `use` it (`typed_ai`).
    pub library_crate: &'a str,
    /// The library's rlib.
    pub rlib: &'a Path,
    /// The folder of the library's dependencies.
    pub deps: &'a Path,
    /// The file to compile, as rustc should name it in diagnostics.
    pub file: &'a Path,
}

impl CompileArgs<'_> {
    /// Every argument but the output path (`-o`, which does not change the
    /// verdict and so stays out of the cache key):
    ///
    /// ```text
    /// --edition 2024 --error-format=json --json=diagnostic-rendered-ansi
    /// --crate-type bin --crate-name NAME [--test] [-D warnings]
    /// --extern typed_ai=<rlib> -L dependency=<deps> FILE
    /// ```
    ///
    /// `-L dependency=` is needed as soon as the library has a dependency of
    /// its own: without it rustc blames the learner's `use` line (E0463).
    pub fn to_vec(&self) -> Vec<String> {
        let mut args = vec![
            "--edition".to_owned(),
            "2024".to_owned(),
            "--error-format=json".to_owned(),
            "--json=diagnostic-rendered-ansi".to_owned(),
            "--crate-type".to_owned(),
            "bin".to_owned(),
            "--crate-name".to_owned(),
            self.crate_name.to_owned(),
        ];
        if self.test {
            args.push("--test".to_owned());
        }
        if self.deny_warnings {
            args.extend(["-D".to_owned(), "warnings".to_owned()]);
        }
        args.extend([
            "--extern".to_owned(),
            format!("{}={}", self.library_crate, self.rlib.display()),
            "-L".to_owned(),
            format!("dependency={}", self.deps.display()),
            self.file.to_string_lossy().into_owned(),
        ]);
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_mode_check_under_clippy_has_every_flag_in_order() {
        let args = CompileArgs {
            crate_name: "intro",
            test: true,
            deny_warnings: true,
            library_crate: "typed_ai",
            rlib: Path::new("/t/libtyped_ai.rlib"),
            deps: Path::new("/t/deps"),
            file: Path::new("exercises/01/intro.rs"),
        };
        assert_eq!(
            args.to_vec().join(" "),
            "--edition 2024 --error-format=json --json=diagnostic-rendered-ansi \
             --crate-type bin --crate-name intro --test -D warnings \
             --extern typed_ai=/t/libtyped_ai.rlib -L dependency=/t/deps exercises/01/intro.rs"
        );
    }
}
