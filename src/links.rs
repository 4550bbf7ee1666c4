//! Paths that must stay inside a folder: a course folder the runner writes
//! into (reference solutions, `reset`, `init --update`) and a challenge whose
//! files it reads (mutants). A symbolic link may lead anywhere; following one
//! out of the folder would write the course's files somewhere else on the
//! learner's disk, or read a file such as `/etc/passwd` into a compiler
//! error. [`leads_outside`] says where such a path really goes.
//!
//! Links that stay inside the folder are fine. It only answers; refusing is
//! the caller's business, with its own error.

use std::path::{Path, PathBuf};

/// Where `path` really is, when following the links on the way to it leads
/// out of `root`; `None` when it stays inside (or `root` cannot be
/// resolved, in which case nothing is known to escape).
///
/// `path` need not exist yet: the deepest part of it that exists is
/// resolved, which is where a write would land. A `path` that is itself a
/// link to nothing is judged by its folder: replacing it by rename (as every
/// write here does) replaces the link, not its target.
pub fn leads_outside(root: &Path, path: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    let real = path.ancestors().find_map(|part| part.canonicalize().ok())?;
    (!real.starts_with(&root)).then_some(real)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_that_stay_inside_are_fine_and_links_out_are_found() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        std::fs::create_dir_all(root.join("solutions")).unwrap();
        std::fs::create_dir_all(root.join("exercises/01")).unwrap();
        std::fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();

        // Not there yet, inside: fine.
        assert_eq!(
            leads_outside(&root, &root.join("solutions/01/intro.rs")),
            None
        );
        // A chapter folder linked out of the course.
        std::os::unix::fs::symlink(outside.path(), root.join("solutions/02")).unwrap();
        let escaped = leads_outside(&root, &root.join("solutions/02/x.rs")).expect("outside");
        assert_eq!(escaped, outside.path().canonicalize().unwrap());
        // A file linked out of the course.
        std::os::unix::fs::symlink(
            outside.path().join("passwd"),
            root.join("exercises/01/mutant.rs"),
        )
        .unwrap();
        assert!(leads_outside(&root, &root.join("exercises/01/mutant.rs")).is_some());
        // A link that stays inside.
        std::os::unix::fs::symlink(root.join("exercises/01"), root.join("solutions/01")).unwrap();
        assert_eq!(leads_outside(&root, &root.join("solutions/01/a.rs")), None);
        // A link to nothing is judged by its folder.
        std::os::unix::fs::symlink("/no/such/file", root.join("exercises/01/gone.rs")).unwrap();
        assert_eq!(
            leads_outside(&root, &root.join("exercises/01/gone.rs")),
            None
        );
        // The root reached through a link of its own is still the root.
        let alias = dir.path().join("alias");
        std::os::unix::fs::symlink(&root, &alias).unwrap();
        assert_eq!(leads_outside(&alias, &root.join("exercises/01/x.rs")), None);
    }
}
