// The TestSupport module. See docs/ARCHITECTURE.md for what it owns.
/// Namespace of the TestSupport module.
public enum TestSupportModule {}
