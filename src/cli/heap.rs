//! glibc's heap, set for a command that reads a whole workbook and exits (`list`, `show`,
//! `export`).
//!
//! Each thread that reads a workbook allocates from a heap of its own, which glibc makes
//! writable a little at a time as it fills: each step is a call into the kernel that holds the
//! process's memory map, so that the other thread, faulting its own pages in, waits for it.
//! Reading 2,000 reflections for an export took some 580 such steps. With a pad of 32 MB, a
//! thread's new heap is made writable 32 MB at once and the main heap grows 32 MB past each
//! request: a few steps. That is address space only; memory is used as it is touched.
//!
//! The pad has two costs, which is why the screens, which stay open and have a memory target,
//! keep glibc's defaults: memory freed at the top of a heap is kept, up to the pad, rather than
//! handed back, and glibc no longer raises the size from which it maps a large allocation
//! afresh (128 KB), which it otherwise learns from the blocks freed.

/// The pad: most of the 64 MB glibc gives a thread's heap at most, so that one reading
/// 10,000 reflections (some 17 MB) is made writable at once, and the pad and a request still
/// fit in one heap.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const PAD_BYTES: libc::c_int = 32 << 20;

/// Sets glibc's heap to grow in steps of [`PAD_BYTES`]; whether it took the setting (always
/// false where glibc is not the allocator). Call it before the threads that read start.
pub fn grow_in_large_steps() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only sets a parameter of glibc's allocator, under its own lock.
        unsafe { libc::mallopt(libc::M_TOP_PAD, PAD_BYTES) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    /// glibc refuses a pad it cannot hold (`mallopt` returns 0), which would leave the
    /// commands on its defaults unnoticed.
    #[test]
    fn glibc_takes_the_pad() {
        let on_glibc = cfg!(all(target_os = "linux", target_env = "gnu"));
        assert_eq!(super::grow_in_large_steps(), on_glibc);
    }
}
