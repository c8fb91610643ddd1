import Strategy

/// Loading a strategy for a command: its diagnostics as the one error type.
enum StrategyFile {
    /// The compiled strategy at `path`.
    /// - Throws: invalid input with every diagnostic, or a runtime failure when it cannot be read.
    static func load(_ path: String, overrides: [StrategyOverride] = []) throws(CLIError) -> CompiledStrategy {
        do {
            return try StrategyLoader.load(contentsOf: path, overrides: overrides)
        } catch let error as StrategyError {
            throw CLIError(error)
        } catch let error as OverrideError {
            throw .invalidInput(error.description)
        } catch {
            throw .runtimeFailure("\(error)", file: path)
        }
    }
}
