//! The compiler command line of one check: the single place that says which
//! flags rustc (or clippy-driver) gets. The engine, `verify --pack` and the
//! benchmarks (which time bare rustc with exactly the runner's flags) all
//! build it here.
//!
//! The engine compiles a snapshot in its scratch folder, not the learner's
//! file (`source.rs`), and [`Remap`] makes rustc name it by the learner's
//! path everywhere: in diagnostics, in `file!()` and in panic messages.

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
    /// The file to compile.
    pub file: &'a Path,
    /// How rustc should name `file`, when not by its own path.
    pub remap: Option<Remap<'a>>,
}

/// rustc's `--remap-path-prefix FROM=TO`: paths under the folder `from` are
/// named as under `to`. rustc splits the flag at its last `=`, so `from`
/// may hold one and `to` may not ([`Remap::new`] says `None` then).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remap<'a> {
    from: &'a Path,
    to: &'a Path,
}

impl<'a> Remap<'a> {
    /// Files in the folder `from` named as in the folder `to` (which may be
    /// empty: relative to where rustc runs); `None` when `to` holds a `=`
    /// or either is not UTF-8.
    pub fn new(from: &'a Path, to: &'a Path) -> Option<Self> {
        let to_text = to.to_str()?;
        from.to_str()?;
        (!to_text.contains('=')).then_some(Self { from, to })
    }

    /// The flag, e.g. `--remap-path-prefix=/tmp/checks-x/intro=exercises/01`.
    fn flag(&self) -> String {
        format!(
            "--remap-path-prefix={}={}",
            self.from.display(),
            self.to.display()
        )
    }
}

impl CompileArgs<'_> {
    /// Every argument but the output path (`-o`, which does not change the
    /// verdict and so stays out of the cache key):
    ///
    /// ```text
    /// --edition 2024 --error-format=json --json=diagnostic-rendered-ansi
    /// --crate-type bin --crate-name NAME [--test] [-D warnings]
    /// --extern typed_ai=<rlib> -L dependency=<deps> [--remap-path-prefix=DIR=SHOWN] FILE
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
        ]);
        if let Some(remap) = &self.remap {
            args.push(remap.flag());
        }
        args.push(self.file.to_string_lossy().into_owned());
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
            remap: None,
        };
        assert_eq!(
            args.to_vec().join(" "),
            "--edition 2024 --error-format=json --json=diagnostic-rendered-ansi \
             --crate-type bin --crate-name intro --test -D warnings \
             --extern typed_ai=/t/libtyped_ai.rlib -L dependency=/t/deps exercises/01/intro.rs"
        );
    }

    #[test]
    fn a_snapshot_is_named_by_the_learners_folder() {
        let from = Path::new("/t/checks-1/intro");
        let to = Path::new("exercises/01");
        let args = CompileArgs {
            crate_name: "intro",
            test: false,
            deny_warnings: false,
            library_crate: "typed_ai",
            rlib: Path::new("/t/libtyped_ai.rlib"),
            deps: Path::new("/t/deps"),
            file: Path::new("/t/checks-1/intro/intro.rs"),
            remap: Remap::new(from, to),
        };
        let args = args.to_vec();
        assert_eq!(
            args[args.len() - 2..],
            [
                "--remap-path-prefix=/t/checks-1/intro=exercises/01",
                "/t/checks-1/intro/intro.rs"
            ]
        );
        assert!(Remap::new(Path::new("/a=b"), Path::new("")).is_some());
        assert!(
            Remap::new(from, Path::new("course=1/exercises")).is_none(),
            "rustc would split at the last `=`"
        );
    }
}
