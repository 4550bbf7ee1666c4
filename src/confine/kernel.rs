//! The kernel's side of confinement: whether this system can hold a
//! process to a [`Policy`], and doing so.
//!
//! On Linux this is Landlock, through the `landlock` crate (the Landlock
//! maintainers' safe binding). ABI 4 (Linux 6.7) is required: it is the
//! first that can refuse TCP connections and binds as well as files.
//! What newer kernels add is taken when present: device ioctls (ABI 5),
//! abstract Unix sockets and signals to processes outside the confinement
//! (ABI 6), UDP and connecting to a Unix socket by its path (later ABIs).
//! Elsewhere (macOS, Windows) nothing here can confine, and says so.
//!
//! Restricting applies to the calling thread and everything it starts
//! afterwards; the runner only does it in its `__confined` process, which
//! is single-threaded and becomes the confined program right after.

use super::policy::Policy;

/// Whether this system can confine a check's processes: `Err` says why
/// not, in one line.
pub fn support() -> Result<(), String> {
    imp::support()
}

/// Restricts this process's thread, and every program it execs from now
/// on, to `policy`: reads only under `policy.read()` and `policy.write()`,
/// writes only under `policy.write()`, no TCP connection or bind.
pub fn restrict(policy: &Policy) -> Result<(), String> {
    imp::restrict(policy)
}

#[cfg(target_os = "linux")]
mod imp {
    use landlock::{
        ABI, Access, AccessFs, AccessNet, CompatLevel, Compatible, Ruleset, RulesetAttr,
        RulesetCreated, RulesetCreatedAttr, RulesetError, RulesetStatus, Scope, path_beneath_rules,
    };

    use super::Policy;

    /// The oldest ABI that can confine a check: the first with network rules.
    const REQUIRED: ABI = ABI::V4;

    /// The newest ABI the crate knows; what the kernel lacks of it is dropped.
    const WANTED: ABI = ABI::V10;

    /// A ruleset handling every file and network access the required ABI
    /// knows (the kernel must support all of them), and, best effort,
    /// whatever newer kernels add.
    fn ruleset() -> Result<RulesetCreated, RulesetError> {
        Ruleset::default()
            .set_compatibility(CompatLevel::HardRequirement)
            .handle_access(AccessFs::from_all(REQUIRED))?
            .handle_access(AccessNet::from_all(REQUIRED))?
            .set_compatibility(CompatLevel::BestEffort)
            .handle_access(AccessFs::from_all(WANTED))?
            .handle_access(AccessNet::from_all(WANTED))?
            .scope(Scope::from_all(WANTED))?
            .create()
    }

    pub fn support() -> Result<(), String> {
        // Creating a ruleset asks the kernel without restricting anything.
        ruleset().map(drop).map_err(|error| {
            format!(
                "this Linux kernel cannot confine a challenge check: it needs Landlock ABI 4 \
                 (Linux 6.7 or newer, with `landlock` in the boot's lsm= list) for network \
                 rules ({error})"
            )
        })
    }

    pub fn restrict(policy: &Policy) -> Result<(), String> {
        let status = ruleset()
            .and_then(|ruleset| {
                ruleset
                    .add_rules(path_beneath_rules(
                        policy.read(),
                        AccessFs::from_read(WANTED),
                    ))?
                    .add_rules(path_beneath_rules(
                        policy.write(),
                        AccessFs::from_all(WANTED),
                    ))?
                    .restrict_self()
            })
            .map_err(|error| format!("could not confine the process: {error}"))?;
        if status.ruleset == RulesetStatus::NotEnforced {
            return Err("the kernel accepted the confinement but does not enforce it".to_owned());
        }
        Ok(())
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::Policy;

    const NONE: &str = "this system has no confinement typed-ai-rustlings can use (Landlock is \
                        Linux's); a challenge's builds and tests would run with your rights";

    pub fn support() -> Result<(), String> {
        Err(NONE.to_owned())
    }

    pub fn restrict(_policy: &Policy) -> Result<(), String> {
        Err(NONE.to_owned())
    }
}
