// The Brain module. See docs/ARCHITECTURE.md for what it owns.
/// Namespace of the Brain module.
public enum BrainModule {}
