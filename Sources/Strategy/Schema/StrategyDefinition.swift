public import StateVector

/// Everything a strategy file says, checked: what the prompt renders and the gate enforces.
public struct StrategyDefinition: Hashable, Sendable {
    public let name: String
    public let version: String
    /// The default symbol, if the file names one.
    public let symbol: String?
    /// Decisions per second.
    public let loopHz: Int
    public let consult: ConsultPolicy
    /// How the gate judges a late entry (`gate:`).
    public var gate: GateMode = .arrival
    public let longEntries: [EntryCondition]
    public let shortEntries: [EntryCondition]
    public let longExits: [ExitRule]
    public let shortExits: [ExitRule]
    public let hints: [StrategyHint]
    public let risk: RiskSettings
    public let features: FeatureParameters
    /// The prompt template the file names (`prompt:`), relative to the file's folder; nil uses
    /// `prompts/<name>.md` or `prompts/system.md`.
    public let prompt: String?
    /// How the model is asked (`model:`); what it leaves out, the command line or the defaults decide.
    public let model: ModelSettings
    /// FNV-1a 64-bit of the file's bytes, 16 hex digits: tells a reload that the file changed.
    public let sourceHash: String
    /// The `params:` block, in file order, as the rules and settings read it (overrides applied).
    public var parameters: [StrategyParameter] = []
    /// The `--set` overrides applied to the file (`risk.max_spread=0.10`), in order; `sourceHash`
    /// covers them.
    public var overrides: [String] = []
    /// The files this one `extends:`, nearest first: a hot reload watches them too.
    public var baseFiles: [String] = []

    /// The entry conditions of one side, in file order.
    public func entries(for side: PositionSide) -> [EntryCondition] {
        side == .long ? longEntries : shortEntries
    }

    /// The exit rules for a position on one side, in file order.
    public func exits(for side: PositionSide) -> [ExitRule] {
        side == .long ? longExits : shortExits
    }

    static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
