//! What a confined process may touch: a list of files and folders it may
//! read (and execute), and a list it may also write, each covering
//! everything beneath it. Anything else is refused by the kernel.
//!
//! A check's policy is built from the machine's places ([`Places`]): the
//! whole system is readable except the folders where people keep their
//! own things (the homes, the shared temporary folders, the user's runtime
//! folder, mounted drives); in the home, only the toolchain (rustup's
//! folder, `$CARGO_HOME/bin`, cargo's configuration) and cargo's registry
//! and git caches are readable. Writable are `/dev/null` and, per check,
//! its own temporary folder and its target folder ([`Policy::with_writable`]).
//!
//! This file decides places; restricting a process is `kernel.rs`'s.

use std::path::{Path, PathBuf};

/// The files and folders a confined process may read, and those it may
/// also write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    read: Vec<PathBuf>,
    write: Vec<PathBuf>,
}

impl Policy {
    /// A policy from its two lists (duplicates are dropped, order kept).
    pub fn new(read: Vec<PathBuf>, write: Vec<PathBuf>) -> Self {
        Self {
            read: dedup(read),
            write: dedup(write),
        }
    }

    /// What may be read and executed, with everything beneath.
    pub fn read(&self) -> &[PathBuf] {
        &self.read
    }

    /// What may also be written, with everything beneath.
    pub fn write(&self) -> &[PathBuf] {
        &self.write
    }

    /// The same policy, with `paths` writable too.
    pub fn with_writable(&self, paths: impl IntoIterator<Item = PathBuf>) -> Policy {
        let mut write = self.write.clone();
        write.extend(paths);
        Policy::new(self.read.clone(), write)
    }
}

fn dedup(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut kept: Vec<PathBuf> = Vec::with_capacity(paths.len());
    for path in paths {
        if !kept.contains(&path) {
            kept.push(path);
        }
    }
    kept
}

/// The places on this machine that a check's processes need or must not
/// see, found once per command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// `$HOME`.
    pub home: Option<PathBuf>,
    /// `$CARGO_HOME`, else `$HOME/.cargo`.
    pub cargo_home: Option<PathBuf>,
    /// `$RUSTUP_HOME`, else `$HOME/.rustup`.
    pub rustup_home: Option<PathBuf>,
    /// The toolchain's own folders: rustc's sysroot, the folders of the
    /// cargo and rustc binaries used.
    pub toolchain: Vec<PathBuf>,
    /// The library the challenges build against (read only: cargo builds
    /// it into the target folder, never beside its sources).
    pub library: PathBuf,
    /// The system's temporary folder (`std::env::temp_dir`).
    pub temp: PathBuf,
}

impl Places {
    /// The places this process's environment names, with `toolchain` and
    /// `library` as given.
    pub fn from_env(toolchain: Vec<PathBuf>, library: PathBuf) -> Self {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|value| !value.is_empty())
                .map(PathBuf::from)
                .filter(|path| path.is_absolute())
        };
        let home = var("HOME");
        Self {
            cargo_home: var("CARGO_HOME").or_else(|| home.as_ref().map(|h| h.join(".cargo"))),
            rustup_home: var("RUSTUP_HOME").or_else(|| home.as_ref().map(|h| h.join(".rustup"))),
            home,
            toolchain,
            library,
            temp: std::env::temp_dir(),
        }
    }

    /// Folders that are never readable as a whole: every user's home,
    /// this user's home, the temporary folders other programs share, the
    /// user's runtime folder (agent sockets, keyrings) and mounted drives
    /// (WSL's `/mnt/c` holds the Windows home); the fixed ones under `root`.
    fn private(&self, root: &Path) -> Vec<PathBuf> {
        let mut private: Vec<PathBuf> =
            ["home", "root", "tmp", "var/tmp", "run/user", "mnt", "media"]
                .iter()
                .map(|folder| root.join(folder))
                .collect();
        private.extend(self.home.iter().cloned());
        private.push(self.temp.clone());
        // A home reached through a symbolic link (`/home` -> `/var/home`)
        // is private under both names.
        let canonical: Vec<PathBuf> = private
            .iter()
            .filter_map(|path| path.canonicalize().ok())
            .collect();
        private.extend(canonical);
        dedup(private)
    }
}

/// The policy every check of one command starts from: the system under
/// `root` (`/`) minus the private folders, the toolchain, cargo's caches
/// and configuration, and the library, read only; `/dev/null` writable.
pub fn base_policy(places: &Places, root: &Path) -> Policy {
    let mut read = readable_roots(root, &places.private(root));
    if let Some(rustup) = &places.rustup_home {
        read.push(rustup.clone());
    }
    if let Some(cargo) = &places.cargo_home {
        // The rustup proxies and installed tools, the configuration cargo
        // reads at every start, and what it has downloaded. Never
        // `credentials.toml`.
        for part in ["bin", "config.toml", "config", "registry", "git"] {
            read.push(cargo.join(part));
        }
    }
    read.extend(places.toolchain.iter().cloned());
    read.push(places.library.clone());
    // cargo looks for the library's workspace in the folders above it (the
    // repository, a learner's course folder): their manifests, and nothing
    // else of them, even where they lie in a home or the temporary folder.
    read.extend(
        places
            .library
            .ancestors()
            .skip(1)
            .map(|folder| folder.join("Cargo.toml"))
            .filter(|manifest| manifest.is_file()),
    );
    let read = read.into_iter().filter(|path| path.exists()).collect();
    Policy::new(read, vec![PathBuf::from("/dev/null")])
}

/// Every entry of `root` that is not `excluded`, where an entry holding
/// an excluded path is replaced by its own entries, recursively: the
/// largest folders that can be granted whole while leaving every
/// excluded path out (Landlock only grants, it cannot carve an exception
/// out of a granted folder). Sorted by name at each level.
pub fn readable_roots(root: &Path, excluded: &[PathBuf]) -> Vec<PathBuf> {
    let mut roots = Vec::new();
    collect_roots(root, excluded, &mut roots);
    roots
}

fn collect_roots(dir: &Path, excluded: &[PathBuf], roots: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        if excluded.contains(&path) {
            continue;
        }
        let holds_excluded = excluded
            .iter()
            .any(|private| private.starts_with(&path) && *private != path);
        if holds_excluded {
            // Only a real folder is descended: a symbolic link to one is
            // left out rather than granted whole.
            if path.symlink_metadata().is_ok_and(|meta| meta.is_dir()) {
                collect_roots(&path, excluded, roots);
            }
        } else {
            roots.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// A small tree: `etc/`, `usr/lib/`, `home/alice/`, `home/bob/`,
    /// `var/tmp/`, `var/lib/`, `tmp/`.
    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for folder in [
            "etc",
            "usr/lib",
            "home/alice/.rustup",
            "home/bob",
            "var/tmp",
            "var/lib",
            "tmp",
        ] {
            fs::create_dir_all(dir.path().join(folder)).expect("a folder");
        }
        dir
    }

    #[test]
    fn private_folders_are_left_out_and_their_parents_split() {
        let root = tree();
        let at = |path: &str| root.path().join(path);
        let roots = readable_roots(root.path(), &[at("home/alice"), at("var/tmp"), at("tmp")]);
        assert_eq!(
            roots,
            vec![at("etc"), at("home/bob"), at("usr"), at("var/lib")],
            "home/ is split to leave alice out, var/ to leave var/tmp out"
        );
    }

    #[test]
    fn the_base_policy_reads_the_toolchain_in_the_home_and_nothing_else_there() {
        let root = tree();
        let at = |path: &str| root.path().join(path);
        fs::create_dir_all(at("home/alice/.cargo/bin")).expect("cargo bin");
        fs::create_dir_all(at("home/alice/.cargo/registry")).expect("registry");
        fs::write(at("home/alice/.cargo/credentials.toml"), "token").expect("credentials");
        fs::create_dir_all(at("home/alice/course/typed-ai")).expect("library");
        fs::write(at("home/alice/course/Cargo.toml"), "[workspace]").expect("workspace");
        fs::write(at("home/alice/course/notes.txt"), "private").expect("a note");
        let places = Places {
            home: Some(at("home/alice")),
            cargo_home: Some(at("home/alice/.cargo")),
            rustup_home: Some(at("home/alice/.rustup")),
            toolchain: vec![at("usr/lib")],
            library: at("home/alice/course/typed-ai"),
            temp: at("tmp"),
        };
        let policy = base_policy(&places, root.path());
        let read = policy.read();
        assert!(
            read.contains(&at("etc")) && read.contains(&at("var/lib")),
            "{read:?}"
        );
        assert!(
            !read
                .iter()
                .any(|path| path == &at("home") || path == &at("home/bob")),
            "no home is readable as a whole: {read:?}"
        );
        assert!(
            !read
                .iter()
                .any(|path| path.starts_with(at("tmp")) || path.starts_with(at("var/tmp"))),
            "{read:?}"
        );
        assert!(read.contains(&at("home/alice/.rustup")), "{read:?}");
        assert!(read.contains(&at("home/alice/.cargo/bin")), "{read:?}");
        assert!(read.contains(&at("home/alice/.cargo/registry")), "{read:?}");
        assert!(read.contains(&at("home/alice/course/typed-ai")), "{read:?}");
        assert!(
            read.contains(&at("home/alice/course/Cargo.toml")),
            "cargo finds the library's workspace: {read:?}"
        );
        assert!(
            !read
                .iter()
                .any(|path| at("home/alice/course/notes.txt").starts_with(path)),
            "nothing else beside the workspace manifest: {read:?}"
        );
        assert!(
            !read
                .iter()
                .any(|path| at("home/alice/.cargo/credentials.toml").starts_with(path)),
            "credentials stay unreadable: {read:?}"
        );
        assert!(
            !read.contains(&at("home/alice/.cargo/git")),
            "what does not exist is not granted: {read:?}"
        );
        assert_eq!(policy.write(), [PathBuf::from("/dev/null")]);
        let check = policy.with_writable([at("tmp/check-1"), at("target")]);
        assert_eq!(
            check.write(),
            [PathBuf::from("/dev/null"), at("tmp/check-1"), at("target")]
        );
        assert_eq!(check.read(), policy.read());
    }
}
