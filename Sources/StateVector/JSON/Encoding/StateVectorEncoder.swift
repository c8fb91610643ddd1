/// Writes a state vector as the seed's JSON: same keys, nesting and order (the schema's), the
/// `"// …": "---"` separator keys in place, `DISTANCE_TO_LOD_PCT` after `DISTANCE_TO_HOD_PCT`,
/// `HISTORY` only when non-empty. Prices show 2 decimals (4 when sub-penny), sizes are integers,
/// ratios and percentages 2 decimals rounded half away from zero, nil is null.
///
/// Output is a pure function of the state: the same state always gives the same bytes, so a
/// prompt prefix stays cacheable. No trailing newline.
public enum StateVectorEncoder {
    public enum Style: Sendable {
        /// Two-space indentation like the seed, list elements one per line, `[price, size]` pairs
        /// on one line.
        case pretty
        /// One line without spaces, for JSON Lines.
        case compact
    }

    /// The whole state document.
    public static func encode(_ state: StateVector, style: Style = .pretty) -> String {
        var writer = StateJSONWriter(state: state, pretty: style == .pretty)
        writer.writeDocument()
        return writer.out
    }

    /// The `MARKET_STATE` object alone (`{market_state_json}` of the prompt).
    public static func encodeMarket(_ state: StateVector, style: Style = .pretty) -> String {
        encodeSection("MARKET_STATE", of: state, style: style)
    }

    /// The `ACCOUNT_STATE` object alone (`{account_state_json}` of the prompt).
    public static func encodeAccount(_ state: StateVector, style: Style = .pretty) -> String {
        encodeSection("ACCOUNT_STATE", of: state, style: style)
    }

    /// The `ACTIVE_ORDERS` array alone.
    public static func encodeActiveOrders(_ state: StateVector, style: Style = .pretty) -> String {
        encodeSection("ACTIVE_ORDERS", of: state, style: style)
    }

    /// The `HISTORY` array alone (`[]` when empty).
    public static func encodeHistory(_ state: StateVector, style: Style = .pretty) -> String {
        encodeSection("HISTORY", of: state, style: style)
    }

    private static func encodeSection(_ name: String, of state: StateVector, style: Style) -> String {
        var writer = StateJSONWriter(state: state, pretty: style == .pretty)
        writer.writeSection(named: name)
        return writer.out
    }
}
