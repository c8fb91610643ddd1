import ArgumentParser
import Foundation
import StateVector
import Strategy

/// `fsd explain`: the compiled checklist of a strategy evaluated on one state file.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Evaluate a strategy's checklist on a state vector JSON file, condition by condition.",
        discussion: """
            Prints every entry condition of both sides as ✓ or ✗ with the values it read, the \
            chase guards, the verdict (LONG setup, SHORT setup or none), the exit rules of the \
            position in the file and which of them fire, and the hints that apply. A condition \
            that reads a null (a value that cannot be computed yet) never passes.

            The state file has the shape of the seed's example (docs/STATE.md); `fsd state` \
            prints one for any moment of a replay. --previous gives the tick before, which \
            rules read with prev(x) (the chase guard does); without it prev(x) is null.

            Exit status: 0 when the checklist was evaluated (whatever the verdict), 1 when the \
            strategy or the state is invalid, 2 when a file cannot be read.

            Examples:
              fsd explain --strategy strategies/momentum.yaml --state Tests/Fixtures/seed-state.json
              fsd explain --strategy strategies/momentum.yaml --state now.json --previous before.json --json
            """
    )

    @Option(help: "The strategy file (YAML).")
    var strategy: String

    @Option(help: "The state vector JSON file.")
    var state: String

    @Option(help: "The previous tick's state vector JSON file, for prev(x).")
    var previous: String?

    @Flag(help: "Print the checklist as JSON.")
    var json = false

    @OptionGroup var overrideOptions: OverrideOptions

    func run() throws {
        let compiled = try StrategyFile.load(strategy, overrides: overrideOptions.overrides)
        let current = try Self.decodeState(state)
        let before = try previous.map { path throws(CLIError) in try Self.decodeState(path) }
        let checklist = compiled.evaluate(current, previous: before)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let report = ExplainReport(
                strategy: compiled.definition, file: strategy, state: state, checklist: checklist)
            Console.line(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            Console.line("strategy \(compiled.definition.name) (\(strategy)) on \(state)")
            Console.line(checklist.report())
        }
    }

    /// Reads and decodes a state file.
    /// - Throws: a runtime failure when it cannot be read, invalid input (the decoder's precise
    ///   diagnostic) when it is not a state vector.
    static func decodeState(_ path: String) throws(CLIError) -> StateVector {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .runtimeFailure("cannot read the state file; check the path", file: path)
        }
        let bytes = [UInt8](data)
        do {
            return try StateVectorDecoder.decode(bytes, fileName: path)
        } catch {
            throw .invalidInput(diagnostic: error.rendered(source: bytes))
        }
    }
}
