import ArgumentParser
import Foundation
import Strategy

/// `fsd validate FILE…`: checks strategy files and reports every problem, compiler style.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check strategy files: YAML, schema, rules type-checked against the state vector.",
        discussion: """
            Prints one summary line per valid file, or every problem of an invalid file at once, \
            each as file:line:column: error: message, then the source line and a caret under the \
            mistake. Exit status: 0 when every file is valid, 1 when one is invalid, 2 when one \
            cannot be read.

            Examples:
              fsd validate strategies/momentum.yaml
              fsd validate strategies/*.yaml --json
            The rule language is described in docs/RULES.md.
            """
    )

    @Argument(help: "Strategy files (YAML).")
    var files: [String]

    @Flag(help: "Print the result as JSON: per file, validity, counts, risk and diagnostics.")
    var json = false

    @OptionGroup var overrideOptions: OverrideOptions

    func validate() throws {
        guard !files.isEmpty else {
            throw ValidationError("name at least one strategy file, e.g. strategies/momentum.yaml")
        }
    }

    func run() throws {
        var worst: CLIError?
        var reports: [FileReport] = []
        for file in files {
            do {
                let strategy = try StrategyLoader.load(contentsOf: file, overrides: overrideOptions.overrides)
                let report = FileReport(file: file, strategy: strategy)
                reports.append(report)
                if !json { Console.line(report.summary) }
            } catch let error as StrategyError {
                // The diagnostics are this command's report, so they go to stdout with the rest.
                if worst == nil || error.isUnreadable { worst = error.isUnreadable ? .runtimeFailureReported : .invalidInputReported }
                reports.append(FileReport(file: file, error: error))
                if !json { Console.line(error.description) }
            } catch let error as OverrideError {
                // An override that does not fit the file is the command line's mistake, not the file's.
                throw CLIError.invalidInput(error.description)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let document = Document(valid: worst == nil, files: reports)
            let data = try encoder.encode(document)
            Console.line(String(decoding: data, as: UTF8.self))
        }
        if let worst { throw worst }
    }

    struct Document: Encodable {
        var valid: Bool
        var files: [FileReport]
    }

    struct FileReport: Encodable {
        var file: String
        var valid: Bool
        var unreadable: Bool
        var name: String?
        var version: String?
        var longEntries: Int?
        var shortEntries: Int?
        var exitRules: Int?
        var risk: [String: String]?
        var diagnostics: [DiagnosticReport]
        /// The `params:` block as the rules read it, and the files this one extends.
        var parameters: [ParameterReport]?
        var extends: [String]?

        struct ParameterReport: Encodable {
            var name: String
            var type: String
            var value: String
            var doc: String?
        }

        enum CodingKeys: String, CodingKey {
            case file, valid, unreadable, name, version, risk, diagnostics, parameters, extends
            case longEntries = "long_entries", shortEntries = "short_entries", exitRules = "exit_rules"
        }

        init(file: String, strategy: CompiledStrategy) {
            let definition = strategy.definition
            self.file = file
            valid = true
            unreadable = false
            name = definition.name
            version = definition.version
            longEntries = definition.longEntries.count
            shortEntries = definition.shortEntries.count
            exitRules = Set(definition.longExits.map(\.name) + definition.shortExits.map(\.name)).count
            let r = definition.risk
            risk = [
                "max_daily_loss": r.maxDailyLoss.display, "max_position": "\(r.maxPosition)",
                "position_size": "\(r.positionSize)",
                "max_trades_per_day": "\(r.maxTradesPerDay)", "max_spread": r.maxSpread.description,
                "max_risk_per_share": r.maxRiskPerShare.description, "max_target": r.maxTarget.description,
                "level_buffer": r.levelBuffer.description,
                "max_slippage": r.maxSlippage.description, "max_decision_age_ms": "\(r.maxDecisionAgeMs)",
                "max_data_age_ms": "\(r.maxDataAgeMs)",
            ]
            diagnostics = []
            parameters = definition.parameters.map {
                ParameterReport(name: $0.name, type: $0.kind.rawValue, value: $0.valueText, doc: $0.doc)
            }
            extends = definition.baseFiles
        }

        init(file: String, error: StrategyError) {
            self.file = file
            valid = false
            unreadable = error.isUnreadable
            diagnostics = error.diagnostics.map(DiagnosticReport.init)
        }

        var summary: String {
            let rules = exitRules ?? 0
            return "\(file): ok — \(longEntries ?? 0) long, \(shortEntries ?? 0) short entry conditions, "
                + "\(rules) exit rule\(rules == 1 ? "" : "s"), risk: \(riskSummary)"
        }

        private var riskSummary: String {
            guard let risk else { return "" }
            return "max daily loss \(risk["max_daily_loss"] ?? ""), max position \(risk["max_position"] ?? ""), "
                + "\(risk["max_trades_per_day"] ?? "") trades/day, max spread \(risk["max_spread"] ?? ""), "
                + "risk/share \(risk["max_risk_per_share"] ?? ""), max target \(risk["max_target"] ?? "")"
        }
    }

    struct DiagnosticReport: Encodable {
        var file: String
        var line: Int
        var column: Int
        var length: Int
        var severity: String
        var message: String
        var note: String?
        var fixIt: String?

        enum CodingKeys: String, CodingKey {
            case file, line, column, length, severity, message, note
            case fixIt = "fix_it"
        }

        init(_ diagnostic: Diagnostic) {
            file = diagnostic.file
            line = diagnostic.location.line
            column = diagnostic.location.column
            length = diagnostic.length
            severity = diagnostic.severity.rawValue
            message = diagnostic.message
            note = diagnostic.note
            fixIt = diagnostic.fixIt
        }
    }
}
