import StateVector

/// Compiled code: reads the state (and the previous tick's state, for `prev`), with the cursor
/// giving the current element of a quantifier and, when tracing, where readings go.
typealias Code<T> = @Sendable (_ state: StateVector, _ previous: StateVector?, _ cursor: inout EvaluationCursor) -> T

/// Per-evaluation scratch: the quantifier's element index and the optional trace.
struct EvaluationCursor {
    var index = 0
    /// Label of the list being quantified, set only while tracing.
    var list: String?
    var trace: ReadingTrace?

    init(trace: ReadingTrace? = nil) { self.trace = trace }

    @inline(__always)
    func record(_ expression: String, element: Bool, _ value: @autoclosure () -> Reading.Value) {
        guard let trace else { return }
        trace.record(
            Reading(expression: expression, list: element ? list : nil, index: index, value: value()))
    }
}

/// Collects what one condition read, once per expression and element.
final class ReadingTrace {
    private(set) var readings: [Reading] = []
    /// What is already in `readings`: a quantifier over n elements records n readings per
    /// expression, and looking each one up in the list made a traced evaluation quadratic (a state
    /// with 200,000 walls took minutes in `fsd explain`).
    private var seen: Set<Key> = []

    private struct Key: Hashable {
        let expression: String
        let list: String?
        let index: Int
    }

    /// Starts over for the next condition.
    func reset() {
        readings.removeAll(keepingCapacity: true)
        seen.removeAll(keepingCapacity: true)
    }

    func record(_ reading: Reading) {
        guard seen.insert(Key(expression: reading.expression, list: reading.list, index: reading.index)).inserted
        else { return }
        readings.append(reading)
    }
}

/// Compiled code kept inside a struct: a closure stored directly in an array or an optional is
/// kept at its most general abstraction and called through a thunk that copies the whole
/// `StateVector` on every call; inside a struct it keeps its own calling convention.
struct TruthCode: Sendable {
    let run: Code<Truth>
}

/// See `TruthCode`.
struct NumberCode: Sendable {
    let run: Code<Double?>
}

/// See `TruthCode`.
struct IntCode: Sendable {
    let run: Code<Int?>
}

/// See `TruthCode`.
struct TextCode: Sendable {
    let run: Code<String?>
}
