// The IBKR module. See docs/ARCHITECTURE.md for what it owns.
/// Namespace of the IBKR module.
public enum IBKRModule {}
