//! Giving freed memory back to the system after the moments that build a whole state (the
//! start, from a seed or a state file, and a reset). glibc's allocator keeps what it freed for
//! reuse; after a 100k-user seed that was a hundred megabytes of parsing garbage held for the
//! process's life. Elsewhere (musl, macOS, Windows) the allocator's own policy applies.

/// Returns the free memory the allocator holds to the system, where that is possible.
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of glibc's own heaps; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}
