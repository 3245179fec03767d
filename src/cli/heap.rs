//! glibc's heap, tuned for a command that reads a large workbook, writes what was asked and
//! exits (`list`, `show`, `export`).
//!
//! Reading 2,000 reflections puts some 8 MB of fresh memory to use, and this kind of machine
//! (a virtual one) takes about 2 µs for each 4 KB page first touched: some 3,000 pages, a
//! sixth of such a command's processor time. Given transparent huge pages, glibc takes that
//! memory 2 MB at a time instead, in a tenth of the faults. Only the `GLIBC_TUNABLES`
//! variable asks for that, and glibc reads it only as a program starts, so such a command
//! starts itself once more with it set: the same program, arguments and process. That costs
//! 0.6 to 1.4 ms, more than a small workbook gains, so it is done only for a large one. Peak
//! memory grows by a few megabytes (the rest of the last huge page of each heap); the
//! screens, which stay open and have a memory target of their own, keep glibc's defaults.

use std::ffi::OsStr;

use crate::workbook::store::{self, Location};

/// The tunables set: huge pages where the system gives them when asked (`madvise`, the
/// usual setting), and each growth of a heap by at least 64 MB of address space, so that
/// whole huge pages fit in it. Only what is touched is memory used.
const TUNABLES: &str = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864";

/// The variable glibc reads them from.
const VARIABLE: &str = "GLIBC_TUNABLES";

/// From the size at which a workbook is read on two threads, starting again costs less than
/// it saves.
const LARGE_FROM_BYTES: u64 = store::SPLIT_FROM_BYTES as u64;

/// Starts this command again with the heap tuned, if the workbook at `location` is large
/// and nothing has set glibc's tunables yet; returns only if it is not started again (or
/// could not be, which changes nothing but the speed). Call it before anything is written
/// or read, so that nothing is done twice.
pub fn tune_for_reading(location: &Location) {
    let size = std::fs::metadata(location.workbook_path())
        .ok()
        .map(|m| m.len());
    if !wanted(std::env::var_os(VARIABLE).as_deref(), size) {
        return;
    }
    start_again();
}

/// Whether to start again: glibc's tunables unset (by the owner, or by this very step, so it
/// is taken once) and a large workbook.
fn wanted(tunables: Option<&OsStr>, workbook_size: Option<u64>) -> bool {
    cfg!(all(target_os = "linux", target_env = "gnu"))
        && tunables.is_none()
        && workbook_size.is_some_and(|size| size >= LARGE_FROM_BYTES)
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn start_again() {
    use std::os::unix::process::CommandExt;
    let mut arguments = std::env::args_os();
    let Some(name) = arguments.next() else {
        return;
    };
    // /proc/self/exe is this very program, even if its file has since been replaced; the
    // name it was started by is kept, as its messages use it.
    let error = std::process::Command::new("/proc/self/exe")
        .arg0(name)
        .args(arguments)
        .env(VARIABLE, TUNABLES)
        .exec();
    // Not started again: carried on untuned, which is only slower.
    drop(error);
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn start_again() {}

/// Keeps the tunables this module set from a program wheelbook starts (a pager), which
/// should run as it always does. Tunables the owner set are theirs, and are passed on.
pub fn untuned(command: &mut std::process::Command) {
    if std::env::var_os(VARIABLE).is_some_and(|value| is_ours(&value)) {
        command.env_remove(VARIABLE);
    }
}

/// Whether `value` is what [`start_again`] set. glibc (2.36) ends each tunable it takes where
/// it stands in the variable, which then reads as its first tunable only.
fn is_ours(value: &OsStr) -> bool {
    let value = value.as_encoded_bytes();
    let ours = TUNABLES.as_bytes();
    ours.starts_with(value) && matches!(ours.get(value.len()), None | Some(b':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_large_workbook_with_the_tunables_unset_is_started_again() {
        let on_gnu_linux = cfg!(all(target_os = "linux", target_env = "gnu"));
        assert_eq!(wanted(None, Some(LARGE_FROM_BYTES)), on_gnu_linux);
        assert!(!wanted(None, Some(LARGE_FROM_BYTES - 1)));
        assert!(!wanted(None, None), "no workbook: nothing to read");
        assert!(
            !wanted(Some(OsStr::new(TUNABLES)), Some(LARGE_FROM_BYTES)),
            "started again once only"
        );
        assert!(
            !wanted(Some(OsStr::new("glibc.malloc.arena_max=1")), Some(u64::MAX)),
            "the owner's own tunables are left alone"
        );
    }

    #[test]
    fn the_tunables_set_are_known_as_set_or_as_glibc_leaves_them() {
        assert!(is_ours(OsStr::new(TUNABLES)));
        assert!(is_ours(OsStr::new("glibc.malloc.hugetlb=1")));
        assert!(!is_ours(OsStr::new("glibc.malloc.hugetlb=")));
        assert!(!is_ours(OsStr::new("glibc.malloc.arena_max=1")));
        assert!(!is_ours(OsStr::new("")));
    }
}
