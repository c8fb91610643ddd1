import Analytics
import ArgumentParser
import Foundation
import MarketData
import StateVector
import Strategy

/// `fsd state`: the state vector JSON at one moment of a replay, or at every step of it.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Print the state vector JSON at a moment of a replay (or every N seconds of it).",
        discussion: """
            Replays --data through the L2 book and every feature of FEATURES.md and prints the state \
            vector in the seed's JSON shape as of the last event at or before --at. Every window \
            (tape, current bar, CVD slope, developing POC, breakout, absorption) is measured back \
            from --at itself. ACCOUNT_STATE is flat: no strategy trades here.

            With --every STEP it prints one compact JSON object per line (JSON Lines) at each \
            multiple of STEP of the session clock, from the first event (or --from) to the last \
            (or --to). Line k is the state at the first time + k x STEP; the range goes to stderr.

            RVOL_DAY needs the average daily volume of the last 30 sessions, which a replay file \
            does not carry: pass it with --adv, or RVOL_DAY is null. Feature parameters come from \
            the strategy's features: block with --strategy, FEATURES.md's defaults otherwise.

            Examples:
              fsd state --at 10:30:00
              fsd state --data data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz \\
                        --at 12:00:00.250 --adv 2100000
              fsd state --at 10:00:00 --strategy strategies/momentum.yaml > state.json
              fsd explain --strategy strategies/momentum.yaml --state state.json
              fsd state --every 1s --from 09:30:00 --to 09:35:00 > open.jsonl

            Exit codes: 0 printed, 1 invalid arguments, data or strategy, 2 unreadable file.
            """
    )

    @Option(help: "A LOBSTER message file (.csv or .csv.gz) or an .fsdr recording; default: the bundled GOOG sample.")
    var data: String?

    @Option(help: "The moment, HH:MM:SS or HH:MM:SS.fff on the data's clock (US/Eastern).")
    var at: String?

    @Option(help: "Print a state every STEP instead, e.g. 1s, 200ms, 5m (JSON Lines).")
    var every: String?

    @Option(help: "With --every: the first moment, HH:MM:SS[.fff].")
    var from: String?

    @Option(help: "With --every: the last moment, HH:MM:SS[.fff].")
    var to: String?

    @Option(help: "A strategy YAML whose features: block sets the feature parameters.")
    var strategy: String?

    @Option(help: "Average daily volume (shares, last 30 sessions) for RVOL_DAY.")
    var adv: Int64?

    @Flag(help: "With --at: one line instead of the seed's indented layout.")
    var compact = false

    func run() throws {
        do {
            try execute()
        } catch let failure as CommandFailure {
            CommandFailure.report(failure.message)
            throw ExitCode(failure.exitCode)
        }
    }

    private func execute() throws {
        let plan = try Plan(self)
        let path = try ReplayInput.resolve(data)
        let parameters = try ReplayInput.featureParameters(strategy)
        let source = try ReplayInput.open(path)
        if adv == nil {
            CommandFailure.report(
                "note: RVOL_DAY is null: a replay file carries no average daily volume; pass --adv N "
                    + "(the 30-session average, in shares) to compute it")
        }
        var engine = FeatureEngine(symbol: source.symbol, parameters: parameters, averageDailyVolume: adv)
        switch plan {
        case .at(let time):
            try ReplayInput.replay(source, path: path) { event in
                guard event.time <= time else { return false }
                engine.apply(event)
                return true
            }
            let state = StateVector(market: engine.marketState(at: time))
            print(StateVectorEncoder.encode(state, style: compact ? .compact : .pretty))
        case .every(let step, let from, let to):
            try printEvery(step: step, from: from, to: to, source: source, path: path, engine: &engine)
        }
    }

    private func printEvery(
        step: Int64, from: Timestamp?, to: Timestamp?, source: ReplaySource, path: String, engine: inout FeatureEngine
    ) throws {
        var next: Int64?
        var printed = 0
        var first: Timestamp?
        var output = BufferedOutput()
        func emit(until limit: Int64, engine: inout FeatureEngine) {
            while let tick = next, tick < limit, to.map({ tick <= $0.nanos }) ?? true {
                let state = StateVector(market: engine.marketState(at: Timestamp(nanos: tick)))
                output.write(StateVectorEncoder.encode(state, style: .compact))
                if first == nil { first = Timestamp(nanos: tick) }
                printed += 1
                next = tick + step
            }
        }
        var lastTime: Int64?
        try ReplayInput.replay(source, path: path) { event in
            if next == nil {
                let start = max(from?.nanos ?? event.time.nanos, 0)
                next = (start + step - 1) / step * step
            }
            emit(until: event.time.nanos, engine: &engine)
            if let to, event.time > to { return false }
            engine.apply(event)
            lastTime = event.time.nanos
            return true
        }
        // The states at or after the last event, up to it (or to --to).
        if let lastTime { emit(until: (to?.nanos).map { $0 + 1 } ?? lastTime + 1, engine: &engine) }
        output.flush()
        let range = first.map { "from \($0.clock) every \(every ?? "")" } ?? "none in range"
        CommandFailure.report("fsd state: \(printed) states \(range)")
    }

    /// What to print, from the arguments.
    private enum Plan {
        case at(Timestamp)
        case every(step: Int64, from: Timestamp?, to: Timestamp?)

        init(_ command: StateCommand) throws {
            if let adv = command.adv, adv <= 0 {
                throw CommandFailure("error: --adv \(adv): expected a positive number of shares", exitCode: 1)
            }
            switch (command.at, command.every) {
            case (let at?, nil):
                guard command.from == nil, command.to == nil else {
                    throw CommandFailure("error: --from and --to go with --every, not with --at", exitCode: 1)
                }
                self = .at(try Self.clock(at, option: "--at"))
            case (nil, let every?):
                guard let step = Self.step(every) else {
                    throw CommandFailure(
                        "error: --every '\(every)': expected a positive step such as 1s, 200ms or 5m", exitCode: 1)
                }
                let from = try command.from.map { try Self.clock($0, option: "--from") }
                let to = try command.to.map { try Self.clock($0, option: "--to") }
                if let from, let to, to < from {
                    throw CommandFailure("error: --to \(to.clock) is before --from \(from.clock)", exitCode: 1)
                }
                self = .every(step: step, from: from, to: to)
            case (nil, nil):
                throw CommandFailure(
                    "error: say when: --at HH:MM:SS[.fff] or --every STEP (e.g. --at 10:30:00)", exitCode: 1)
            case (_?, _?):
                throw CommandFailure("error: --at and --every exclude each other: pick one", exitCode: 1)
            }
        }

        static func clock(_ text: String, option: String) throws -> Timestamp {
            guard let time = Timestamp(clock: text) else {
                throw CommandFailure(
                    "error: \(option) '\(text)': expected HH:MM:SS or HH:MM:SS.fff (24-hour, e.g. 09:45:00 or 13:05:30.250)",
                    exitCode: 1)
            }
            return time
        }

        /// `200ms`, `1s`, `5m` in nanoseconds; nil for anything else or for zero.
        static func step(_ text: String) -> Int64? {
            let units: [(suffix: String, nanos: Int64)] = [
                ("ms", Timestamp.nanosPerMillisecond), ("s", Timestamp.nanosPerSecond),
                ("m", 60 * Timestamp.nanosPerSecond),
            ]
            for unit in units where text.hasSuffix(unit.suffix) {
                let number = text.dropLast(unit.suffix.count)
                guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), number.count <= 9,
                    let value = Int64(number), value > 0
                else { return nil }
                return value * unit.nanos
            }
            return nil
        }
    }
}

/// Lines to stdout through one buffer: JSON Lines of a whole session are tens of megabytes.
private struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// An error a command reports on stderr before exiting with `exitCode` (1 invalid input, 2
/// unreadable file or runtime failure).
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }

    /// Writes one line to stderr.
    static func report(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Finding, opening and reading the replay data of `fsd state` and `fsd bench`.
enum ReplayInput {
    /// The session bundled with the repository, used when no --data is given.
    static let samplePath = "data/sample/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"

    /// `data`, or the bundled sample found under the current directory or beside the executable
    /// (in it or in one of its parent folders, as `.build/release/fsd` sits in the repository).
    static func resolve(_ data: String?) throws -> String {
        if let data { return data }
        let manager = FileManager.default
        var candidates = [manager.currentDirectoryPath + "/" + samplePath]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(folder.appendingPathComponent(samplePath).path)
                folder = folder.deletingLastPathComponent()
            }
        }
        if let found = candidates.first(where: { manager.fileExists(atPath: $0) }) { return found }
        throw CommandFailure(
            "error: no --data given and the bundled sample \(samplePath) is neither under the current "
                + "directory nor beside the fsd executable; run from the repository's root or pass --data FILE",
            exitCode: 2)
    }

    /// The `features:` block of `strategy`, or FEATURES.md's defaults without one.
    static func featureParameters(_ strategy: String?) throws -> FeatureParameters {
        guard let strategy else { return FeatureParameters() }
        do {
            return try StrategyLoader.load(contentsOf: strategy).definition.features
        } catch let error as StrategyError {
            throw CommandFailure("\(error)", exitCode: error.isUnreadable ? 2 : 1)
        }
    }

    static func open(_ path: String, prefetch: Bool = true) throws -> ReplaySource {
        do {
            return try ReplaySource.open(path: path, prefetch: prefetch)
        } catch let error as ReplayError {
            throw CommandFailure("\(error)", exitCode: error.exitCode)
        }
    }

    /// Hands every event to `body` until it returns false or the data ends.
    static func replay(_ source: ReplaySource, path: String, _ body: (TimedEvent) -> Bool) throws {
        do {
            while let event = try source.next() {
                guard body(event) else { return }
            }
        } catch let error as ReplayError {
            throw CommandFailure("\(error)", exitCode: error.exitCode)
        }
    }
}
