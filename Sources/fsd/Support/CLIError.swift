import MarketData
import Strategy

/// The one error of the command line: the text for standard error and the exit status it maps
/// to. The statuses are the ones README's "Commands" documents: 0 ok, 1 invalid input (options,
/// data, strategy), 2 runtime failure (an unreadable file, a failed write, a model server or
/// broker that does not answer). `Termination` turns every other error into one of these.
struct CLIError: Error, CustomStringConvertible {
    private enum Status {
        case invalidInput
        case runtimeFailure
    }

    private let status: Status
    /// What goes to standard error, or nil when the command already printed its report.
    let text: String?

    private init(_ status: Status, text: String?) {
        self.status = status
        self.text = text
    }

    /// The process's exit status; the only place a number is given to a failure.
    var exitCode: Int32 {
        switch status {
        case .invalidInput: 1
        case .runtimeFailure: 2
        }
    }

    var description: String { text ?? "" }

    /// Bad options, data or strategy: `error: message`, or `file: error: message`.
    static func invalidInput(_ message: String, file: String? = nil) -> CLIError {
        CLIError(.invalidInput, text: Self.render(message, file: file))
    }

    /// Something failed at run time: `error: message`, or `file: error: message`.
    static func runtimeFailure(_ message: String, file: String? = nil) -> CLIError {
        CLIError(.runtimeFailure, text: Self.render(message, file: file))
    }

    /// A diagnostic that already names its place and says `error:` (a compiler-style message).
    static func invalidInput(diagnostic: String) -> CLIError { CLIError(.invalidInput, text: diagnostic) }

    /// A runtime diagnostic that already names its place and says `error:`.
    static func runtimeFailure(diagnostic: String) -> CLIError { CLIError(.runtimeFailure, text: diagnostic) }

    /// An error while the loop ran: a runtime failure whatever the module classed it as (the data
    /// was readable when the run started).
    static func runtimeFailure(_ error: any Error) -> CLIError {
        CLIError(.runtimeFailure, text: CLIError(error).text)
    }

    /// The command printed its own report (`fsd validate` lists every problem); exit 1 quietly.
    static let invalidInputReported = CLIError(.invalidInput, text: nil)

    /// The command printed its own report of a runtime failure; exit 2 quietly.
    static let runtimeFailureReported = CLIError(.runtimeFailure, text: nil)

    /// Bad content is the user's input; a file that cannot be opened, read or written is a runtime failure.
    init(_ error: ReplayError) {
        self.init(error.kind == .invalidData ? .invalidInput : .runtimeFailure, text: error.description)
    }

    /// A strategy with mistakes is invalid input; one that cannot be read is a runtime failure.
    init(_ error: StrategyError) {
        self.init(error.isUnreadable ? .runtimeFailure : .invalidInput, text: error.description)
    }

    /// Any error a module threw: the typed ones by their kind, the rest as runtime failures,
    /// printed as they describe themselves when that already says `error:`.
    init(_ error: any Error) {
        switch error {
        case let error as CLIError: self = error
        case let error as ReplayError: self.init(error)
        case let error as StrategyError: self.init(error)
        case let error as OverrideError: self = .invalidInput(error.description)
        default: self = .runtimeFailure(diagnostic: Self.render("\(error)", file: nil))
        }
    }

    private static func render(_ message: String, file: String?) -> String {
        if let file { return "\(file): error: \(message)" }
        // Messages of the modules often say where already (`path:line: error: …`).
        if message.hasPrefix("error: ") || message.contains(": error: ") { return message }
        return "error: \(message)"
    }
}
