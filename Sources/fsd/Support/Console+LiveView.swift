import Agent

extension Console {
    /// One line (or one redrawn screen) of `fsd run`'s view. A view that can no longer be written
    /// stops the run the way Ctrl-C does — cancel, flatten, journal — because an agent that nobody
    /// can watch any more should not go on trading; the journal keeps the day either way.
    static func view(_ line: String, stop: StopRequest) {
        guard !write(line + (line.hasSuffix("\u{1B}[J") ? "" : "\n")), let reason = outputStopReason else { return }
        if stop.reason == nil, outputState != .closed {
            note("fsd run: \(reason); stopping the run cleanly (cancel, flatten, journal)")
        }
        stop.request(reason)
    }
}
