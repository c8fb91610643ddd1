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
            does not carry: --adv gives it, or else the data's .meta.json sidecar (docs/DATA.md, \
            "Dataset metadata"; the bundled and shared days' say none is known: one day gives no \
            30-session average, and its own volume would look ahead); with neither \
            RVOL_DAY is null. When the sidecar says the prints are one venue's (LOBSTER: NASDAQ \
            only), --adv draws a warning unless --adv-coverage venue says it counts the same venues. \
            Feature parameters come from the strategy's features: block with --strategy, \
            FEATURES.md's defaults otherwise.

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

    @OptionGroup var replay: ReplayOptions

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

    @Flag(help: "With --at: one line instead of the seed's indented layout.")
    var compact = false

    func validate() throws {
        _ = try Plan(self)
    }

    func run() throws {
        let plan = try Plan(self)
        let path = try replay.path()
        let parameters = try strategy.map { path throws(CLIError) in try StrategyFile.load(path).definition.features }
        var source = try ReplaySource.open(path: path)
        let volume = try replay.volume(for: path, symbol: source.symbol, date: source.sessionDate)
        var stepper = StateStepper(
            engine: FeatureEngine(
                symbol: source.symbol, parameters: parameters ?? FeatureParameters(),
                averageDailyVolume: volume.averageDailyVolume))
        switch plan {
        case .at(let time):
            let state = StateVector(market: try stepper.state(at: time, from: &source))
            Console.line(StateVectorEncoder.encode(state, style: compact ? .compact : .pretty))
        case .every(let step, let from, let to):
            var output = BufferedOutput()
            let (first, printed) = try stepper.states(every: step, from: from, to: to, source: &source) { _, market in
                output.write(StateVectorEncoder.encode(StateVector(market: market), style: .compact))
            }
            output.flush()
            let range = first.map { "from \($0.clock) every \(every ?? "")" } ?? "none in range"
            Console.note("fsd state: \(printed) states \(range)")
        }
    }

    /// What to print, from the arguments.
    private enum Plan {
        case at(Timestamp)
        case every(step: Int64, from: Timestamp?, to: Timestamp?)

        init(_ command: StateCommand) throws(ValidationError) {
            switch (command.at, command.every) {
            case (let at?, nil):
                guard command.from == nil, command.to == nil else {
                    throw ValidationError("--from and --to go with --every, not with --at")
                }
                self = .at(try Self.clock(at, option: "--at"))
            case (nil, let every?):
                guard let step = Self.step(every) else {
                    throw ValidationError("--every '\(every)': expected a positive step such as 1s, 200ms or 5m")
                }
                let from = try command.from.map { text throws(ValidationError) in try Self.clock(text, option: "--from") }
                let to = try command.to.map { text throws(ValidationError) in try Self.clock(text, option: "--to") }
                if let from, let to, to < from {
                    throw ValidationError("--to \(to.clock) is before --from \(from.clock)")
                }
                self = .every(step: step, from: from, to: to)
            case (nil, nil):
                throw ValidationError("say when: --at HH:MM:SS[.fff] or --every STEP (e.g. --at 10:30:00)")
            case (_?, _?):
                throw ValidationError("--at and --every exclude each other: pick one")
            }
        }

        static func clock(_ text: String, option: String) throws(ValidationError) -> Timestamp {
            guard let time = Timestamp(clock: text) else {
                throw ValidationError("\(option) '\(text)': expected HH:MM:SS or HH:MM:SS.fff (24-hour, e.g. 09:45:00 or 13:05:30.250)")
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

