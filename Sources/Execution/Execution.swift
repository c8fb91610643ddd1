// The Execution module. See docs/ARCHITECTURE.md for what it owns.
/// Namespace of the Execution module.
public enum ExecutionModule {}
