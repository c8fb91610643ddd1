// The Analytics module. See docs/ARCHITECTURE.md for what it owns.
/// Namespace of the Analytics module.
public enum AnalyticsModule {}
