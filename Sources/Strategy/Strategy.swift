// The Strategy module. See docs/ARCHITECTURE.md for what it owns.
/// Namespace of the Strategy module.
public enum StrategyModule {}
