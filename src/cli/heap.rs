//! glibc's heap, set to grow in large steps.
//!
//! Each thread that reads a workbook allocates from a heap of its own, which glibc grows
//! 128 KB at a time by default: each step is a call into the kernel that holds the
//! process's memory map, so that the other thread, faulting its own pages in, waits for it.
//! Reading 2,000 reflections for an export took some 580 such steps. Growing by 16 MB at a
//! time takes a few: it reserves address space only, and memory is used as it is touched.

/// How far a heap grows past what was asked for, each time it grows.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const STEP_BYTES: libc::c_int = 16 << 20;

/// Sets glibc's heap to grow in steps of [`STEP_BYTES`]; whether it took the setting (always
/// false where glibc is not the allocator). Call it before the threads that read start.
pub fn grow_in_large_steps() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets a parameter of glibc's allocator, under its own lock.
        unsafe { libc::mallopt(libc::M_TOP_PAD, STEP_BYTES) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn glibc_takes_the_step() {
        let on_glibc = cfg!(all(target_os = "linux", target_env = "gnu"));
        assert_eq!(super::grow_in_large_steps(), on_glibc);
    }
}
