//! The release binary's allocator and how it is set up; also compiled into the throughput
//! benchmark (`#[path]`), so that its in-process runs measure the same. Not part of the
//! library, which has no unsafe code.

// A third of the time went to glibc's malloc and free (one allocation per tree node, JSON
// value and string); mimalloc halves that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tells mimalloc never to hand freed memory back to the OS. A run is short and its memory
/// peaks near the end; memory given back (after 10 ms by default) is soon needed again and
/// comes back as fresh pages, each zeroed by the kernel on first touch: up to half a second
/// of system time on 20,000 objects (`cargo bench --bench throughput`). Peak memory is the
/// same either way.
#[allow(unsafe_code)]
pub fn keep_freed_memory() {
    // `mi_option_purge_delay` is entry 15 of `mi_option_t` in mimalloc.h (v2 and v3, which keep
    // deprecated entries in place); -1 means "never purge".
    const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;
    extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    // SAFETY: mimalloc is linked (the global allocator above) and `mi_option_set` only stores
    // the value; options may be set at any time.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}
