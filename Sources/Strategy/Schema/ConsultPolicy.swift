/// When the agent asks the model (ARCHITECTURE.md "The gate").
public enum ConsultPolicy: String, Hashable, Sendable, CaseIterable {
    /// Every tick, as the seed's design does.
    case everyTick = "every_tick"
    /// Only when a side's entry checklist passes.
    case onSetup = "on_setup"
    /// When a side's checklist passes or a position is open.
    case onSetupOrPosition = "on_setup_or_position"
}
