import MarketData

/// The `\r`-rewritten progress line of a conversion on stderr, at most four times a second.
struct ConversionProgress {
    let quiet: Bool
    private var lastShown = ContinuousClock.now
    private var shown = false

    init(quiet: Bool) { self.quiet = quiet }

    /// Rewrites the line, unless it was rewritten less than 250 ms ago.
    mutating func show(_ progress: RecordingConverter.Progress) {
        guard !quiet, ContinuousClock.now - lastShown > .milliseconds(250) else { return }
        lastShown = ContinuousClock.now
        shown = true
        let rowsText = progress.messages.map { "\($0.grouped) messages, " } ?? ""
        Console.progress(
            "\rconverting: \(rowsText)\(progress.events.grouped) events, data time \(progress.time.clock)")
    }

    /// Clears the line, if one was shown.
    func finish() {
        if shown { Console.progress("\r\u{1B}[K") }
    }
}
