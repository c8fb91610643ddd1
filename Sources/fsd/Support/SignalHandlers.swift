import Agent
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT (Ctrl-C) and SIGTERM into a clean stop; a second signal exits at once (130), for
/// when the clean stop itself hangs (a broker that no longer answers).
final class SignalHandlers {
    private let sources: [any DispatchSourceSignal]

    /// Calls `onStop` with the reason on the first signal.
    init(onStop: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "fsd.signals")
        let stopped = StopRequest()
        sources = [(SIGINT, "interrupted (SIGINT)"), (SIGTERM, "terminated (SIGTERM)")].map { signalNumber, reason in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if stopped.reason != nil { exit(130) }
                stopped.request(reason)
                onStop(reason)
            }
            source.resume()
            return source
        }
    }

    /// A stop request the loop reads at its next turn.
    convenience init(stop: StopRequest) {
        self.init(onStop: { stop.request($0) })
    }

    /// Stops listening; the signals stay ignored until the process ends.
    func cancel() {
        for source in sources { source.cancel() }
    }
}
