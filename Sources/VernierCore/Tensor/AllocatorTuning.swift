#if canImport(Glibc)
import CMalloc
#endif

/// glibc's allocator hands blocks above its mmap threshold (128 KiB at first) back to the kernel on
/// free, and trims the heap top beyond the trim threshold; every new coefficient matrix of that
/// size then costs page faults and kernel page clearing. Bound propagation allocates and frees
/// such matrices at every backward step (a 256-wide layer × a few hundred rows is ~0.5 MiB), so
/// the freed memory is better kept for reuse: mnist 256x6 CROWN went from 0.28 s to 0.20 s.
/// The process keeps its peak heap instead of returning it, which a verifier run can afford.
public enum AllocatorTuning {
    /// Keeps freed blocks up to 512 MiB in the heap and never trims below 1 GiB. Call once at start.
    public static func keepFreedMemory() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 512 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
    }
}
