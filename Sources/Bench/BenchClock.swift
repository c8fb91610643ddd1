#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The clocks and counters a measurement reads: monotonic wall time, the CPU time of all the
/// process's threads, the peak resident set.
enum BenchClock {
    /// Seconds of wall-clock time and of CPU time (all the process's threads).
    struct Elapsed {
        var wall: Double
        var cpu: Double
    }

    /// How long `body` takes.
    static func time(_ body: () throws -> Void) rethrows -> Elapsed {
        let start = Start()
        try body()
        return start.elapsed()
    }

    /// How long `body` takes, for an asynchronous body.
    static func timeAsync(_ body: () async throws -> Void) async rethrows -> Elapsed {
        let start = Start()
        try await body()
        return start.elapsed()
    }

    /// Both clocks at the start of a measurement.
    private struct Start {
        let wall = BenchClock.nanos()
        let cpu = BenchClock.nanos(CLOCK_PROCESS_CPUTIME_ID)

        func elapsed() -> Elapsed {
            Elapsed(
                wall: Double(max(1, BenchClock.nanos() - wall)) / 1e9,
                cpu: Double(max(1, BenchClock.nanos(CLOCK_PROCESS_CPUTIME_ID) - cpu)) / 1e9)
        }
    }

    /// Nanoseconds on `clock` (monotonic by default).
    static func nanos(_ clock: clockid_t = CLOCK_MONOTONIC) -> Int64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// The process's peak resident set in MiB (`ru_maxrss` is KiB on Linux, bytes on macOS).
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        #if canImport(Darwin)
            return Double(usage.ru_maxrss) / 1_048_576
        #else
            return Double(usage.ru_maxrss) / 1024
        #endif
    }

    /// Keeps `value` alive, so the optimiser cannot drop the loop that computed it: a branch it
    /// cannot prove is never taken, with a side effect (an empty write) it must keep.
    static func keep(_ value: Int64) {
        if value == 0x5EED_5EED { _ = write(STDERR_FILENO, "", 0) }
    }

    /// The value at `fraction` (0.5 for the median) of `values`, sorting them; 0 for none.
    static func percentile(_ values: inout [Int64], _ fraction: Double) -> Int64 {
        guard !values.isEmpty else { return 0 }
        values.sort()
        return values[min(values.count - 1, Int(Double(values.count) * fraction))]
    }

    /// The median of `values` (the upper one of an even count); 0 for none.
    static func median(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.sorted()[values.count / 2]
    }
}
