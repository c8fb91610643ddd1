/// The longest each list of the state vector may be. The decoder refuses a longer list at once,
/// naming the field, its length and the maximum, so a hostile or broken state file (200,000 walls)
/// costs one pass over its JSON and nothing after it. Each maximum is at least what the features
/// can produce (`FeatureParameters` bounds `max_walls`, `stack_levels`, `max_large_prints`), so every
/// state `fsd state` prints decodes again. docs/STATE.md ("List lengths") lists them.
public enum StateLimits {
    /// `ACTIVE_ORDERS`: one bracket is three orders; a hundred is far past any strategy's.
    public static let activeOrders = 100
    /// `HISTORY`: the agent keeps the last 3 decisions.
    public static let history = 100
    /// `DOM_WALLS`: the `max_walls` feature parameter is at most 100.
    public static let domWalls = 100
    /// `BID_STACK` and `ASK_STACK`: the `stack_levels` feature parameter is at most 50.
    public static let stackLevels = 50
    /// `LARGE_PRINTS_1M`: the `max_large_prints` feature parameter is at most 1,000.
    public static let largePrints = 1_000
    /// `FOOTPRINT_CURR_BAR.imbalances`: one per traded price of the bar with an imbalance; a
    /// one-minute bar over 10,000 distinct prices ($100 at one cent) is not a market.
    public static let imbalances = 10_000
}
