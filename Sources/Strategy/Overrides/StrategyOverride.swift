import Foundation

/// One `--set PATH=VALUE` of the command line: a value put into the strategy file's YAML before it
/// is checked and compiled, so an override meets every check a written value does.
///
/// PATH is dot-separated keys (`risk.max_spread`, `consult`, `features.wall_multiplier`); in a list
/// a component is an index (`entry.long.0`) or the `name:` of an element (`entry.long.imbalance`).
/// At an entry condition or exit rule, a number replaces the one number its rule compares with
/// (`entry.long.imbalance=1.8` turns `L2_IMBALANCE > 1.5` into `L2_IMBALANCE > 1.8`, and its
/// `text:` with it); `.when` replaces the whole rule (its `text:` then comes from the rule).
public struct StrategyOverride: Hashable, Sendable, CustomStringConvertible {
    public let path: [String]
    public let value: String

    public init(path: [String], value: String) {
        self.path = path
        self.value = value
    }

    /// `risk.max_spread=0.10`.
    public var description: String { path.joined(separator: ".") + "=" + value }

    /// Parses `PATH=VALUE`.
    /// - Throws: `OverrideError` for a missing `=`, an empty path or an empty component.
    public static func parse(_ argument: String) throws(OverrideError) -> StrategyOverride {
        guard let equals = argument.firstIndex(of: "=") else {
            throw OverrideError(argument: argument, message: "expected PATH=VALUE, such as risk.max_spread=0.10")
        }
        let path = argument[..<equals].split(separator: ".", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
            throw OverrideError(argument: argument, message: "the path has an empty part; write keys joined by dots, such as risk.max_spread")
        }
        let value = String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else {
            throw OverrideError(argument: argument, message: "no value after '='")
        }
        return StrategyOverride(path: path, value: value)
    }

    /// The values of a sweep's `PATH=V1,V2,…`: split at commas outside brackets, parentheses and
    /// quotes, so a rule such as `HOD_LOD_LOC in [NEAR_HOD, BREAKOUT]` stays one value.
    public static func values(_ list: String) -> [String] {
        var values: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in list {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" || character == "(" {
                depth += 1
            } else if character == "]" || character == ")" {
                depth = max(0, depth - 1)
            } else if character == ",", depth == 0 {
                values.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        values.append(current.trimmingCharacters(in: .whitespaces))
        return values
    }
}

/// An override that cannot be applied, with the argument as typed.
public struct OverrideError: Error, Hashable, Sendable, CustomStringConvertible {
    public let argument: String
    public let message: String

    public init(argument: String, message: String) {
        self.argument = argument
        self.message = message
    }

    public var description: String { "--set \(argument): \(message)" }
}
