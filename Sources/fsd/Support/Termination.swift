import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a command ends: the one mapping from whatever a command threw to standard error and an exit
/// status. Argument-parser's usage errors (an unknown option, a missing value, a `ValidationError`
/// from `validate()`) are invalid input like any other and exit 1, not 64 (EX_USAGE): a script
/// reads one set of statuses from every command.
enum Termination {
    /// Prints what `error` says and returns the status to exit with. Help and `--version`
    /// requests print on standard output and exit 0 inside argument-parser.
    static func report(_ error: any Error) -> Int32 {
        let failure: CLIError
        if error is CLIError {
            failure = CLIError(error)
        } else {
            let parsed = FSD.exitCode(for: error)
            if parsed.isSuccess { FSD.exit(withError: error) }
            if parsed == .validationFailure {
                failure = .invalidInput(FSD.message(for: error))
            } else if let exit = error as? ExitCode {
                return exit.rawValue
            } else {
                failure = CLIError(error)
            }
        }
        if let text = failure.text, !text.isEmpty { Console.note(text) }
        return failure.exitCode
    }

    /// Ends the process with `status`: the one call to `exit` apart from a second Ctrl-C.
    static func end(_ status: Int32) -> Never {
        exit(status)
    }
}
