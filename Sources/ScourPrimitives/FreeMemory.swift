#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the allocator holds but no longer uses back to the system.
///
/// glibc's malloc keeps freed blocks in its arenas (one per thread that
/// allocated), so after a phase that built and dropped large buffers, a
/// process's resident size can be twice what it uses. The indexer calls
/// this after each segment it writes and between phases, so that what
/// `--memory-budget` bounds is what is resident. Elsewhere it does nothing.
public enum FreeMemory {
    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32
    // malloc_trim is not in the Glibc module (malloc.h is not part of it).
    private static let trim: Trim? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
    }()
    #endif

    public static func release() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
