// The Agent module. See docs/ARCHITECTURE.md for what it owns.
/// Namespace of the Agent module.
public enum AgentModule {}
