#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A monotonic clock reading in nanoseconds, cheap enough to take twice per tick.
@inline(__always)
func monotonicNanos() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
}

/// True when the file descriptor is a terminal (the view and the progress bar draw only there).
public func isTerminal(_ descriptor: Int32) -> Bool {
    isatty(descriptor) == 1
}
