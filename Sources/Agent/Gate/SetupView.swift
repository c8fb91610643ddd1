/// What the compiled checklist says about the two entry sides at one moment: whether each passed, and
/// if not, the first failing condition as a trader reads it (`L2_IMBALANCE 1.32 ≤ 1.5`).
public struct SetupView: Hashable, Sendable {
    public var longPassed: Bool
    public var shortPassed: Bool
    /// The failing conditions of the long side with their values, first failure first.
    public var longFailures: [String]
    public var shortFailures: [String]

    public init(longPassed: Bool, shortPassed: Bool, longFailures: [String] = [], shortFailures: [String] = []) {
        self.longPassed = longPassed
        self.shortPassed = shortPassed
        self.longFailures = longFailures
        self.shortFailures = shortFailures
    }

    /// Neither side passes.
    public static let none = SetupView(longPassed: false, shortPassed: false)

    /// The checklist's own call: LONG, SHORT or NONE (LONG when both pass, which a sane strategy
    /// never allows).
    public var call: ChecklistCall {
        longPassed ? .long : shortPassed ? .short : .none
    }
}

/// The checklist's verdict on a state, the column of the agreement matrix.
public enum ChecklistCall: String, Hashable, Sendable, CaseIterable {
    case long = "LONG"
    case short = "SHORT"
    case none = "NONE"
}
