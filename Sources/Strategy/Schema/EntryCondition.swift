public import StateVector

/// One named entry condition of a side (`entry.long[i]`).
public struct EntryCondition: Hashable, Sendable {
    public let name: String
    public let side: PositionSide
    /// The rule as written in `when:`.
    public let rule: String
    /// How the prompt states it (`text:`), or the rule itself when the file gives none.
    public let text: String
    /// Where `when:` stands in the file.
    public let location: SourceLocation
}
