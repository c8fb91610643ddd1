/// Where "now" comes from: the wall clock in a live session, the data's own clock in a replay, a
/// hand-moved clock in tests. The loop never reads time any other way, so replay and live share it.
public protocol Clock: Sendable {
    /// The current moment on the session clock (nanoseconds since the exchange's midnight).
    func now() -> Timestamp
}
