/// Counts of model answers against the checklist's call at arrival (ARCHITECTURE.md gate rule 5):
/// the diagonal is agreement, the rest is disagreement in one direction or the other.
public struct AgreementMatrix: Hashable, Sendable {
    /// The model's side of the matrix.
    public enum ModelCall: String, Hashable, Sendable, CaseIterable {
        case enterLong = "ENTER_LONG"
        case enterShort = "ENTER_SHORT"
        case wait = "WAIT"
        /// UPDATE_STOP, UPDATE_TARGET, CANCEL_ALL: position management, not a view on a setup.
        case manage = "MANAGE"
        case parseFailure = "PARSE_FAILURE"
    }

    private var counts = [Int](repeating: 0, count: ModelCall.allCases.count * ChecklistCall.allCases.count)

    public init() {}

    private static func index(_ model: ModelCall, _ checklist: ChecklistCall) -> Int {
        let row = ModelCall.allCases.firstIndex(of: model) ?? 0
        let column = ChecklistCall.allCases.firstIndex(of: checklist) ?? 0
        return row * ChecklistCall.allCases.count + column
    }

    public mutating func record(model: ModelCall, checklist: ChecklistCall) {
        counts[Self.index(model, checklist)] += 1
    }

    public subscript(model: ModelCall, checklist: ChecklistCall) -> Int {
        counts[Self.index(model, checklist)]
    }

    /// Answers counted.
    public var total: Int { counts.reduce(0, +) }

    /// Answers where the model and the checklist meant the same thing: an entry on the side that
    /// passed, or a wait when neither passed.
    public var agreements: Int {
        self[.enterLong, .long] + self[.enterShort, .short] + self[.wait, .none]
    }

    /// Entries the checklist refused (model wanted in, rules said no).
    public var modelEntriesRefused: Int {
        self[.enterLong, .none] + self[.enterLong, .short] + self[.enterShort, .none] + self[.enterShort, .long]
    }

    /// Setups the model declined (rules said go, the model waited or failed to answer).
    public var setupsDeclined: Int {
        self[.wait, .long] + self[.wait, .short] + self[.parseFailure, .long] + self[.parseFailure, .short]
    }

    /// The matrix as text rows, for the summary.
    public func table() -> [String] {
        let columns = ChecklistCall.allCases
        func pad(_ text: String, _ width: Int) -> String { text.padded(toWidth: width, leading: true) }
        var lines = ["model \\ checklist".padded(toWidth: 18) + columns.map { pad($0.rawValue, 8) }.joined()]
        for model in ModelCall.allCases {
            let row = columns.map { pad(String(self[model, $0]), 8) }.joined()
            lines.append(model.rawValue.padded(toWidth: 18) + row)
        }
        return lines
    }

    /// The matrix as a JSON object `{"ENTER_LONG": {"LONG": n, …}, …}`.
    public var jsonObject: JSONLine {
        var object = JSONLine()
        for model in ModelCall.allCases {
            var row = JSONLine()
            for column in ChecklistCall.allCases { row.field(column.rawValue, self[model, column]) }
            object.field(model.rawValue, object: row)
        }
        return object
    }
}
