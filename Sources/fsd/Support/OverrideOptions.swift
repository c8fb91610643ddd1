import ArgumentParser
import Strategy

/// `--set PATH=VALUE`, repeatable: a strategy value changed for this run without editing the file.
struct OverrideOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a value of the strategy file for this run (repeatable): a parameter of its params: block "
                + "(imbalance_long=1.8), risk.max_spread=0.25, consult=on_setup, entry.long.imbalance=1.8 (the one number "
                + "of that condition's rule), entry.long.imbalance.when='L2_IMBALANCE > 1.8'.",
            valueName: "path=value"))
    var values: [String] = []

    func validate() throws {
        for argument in values {
            do { _ = try StrategyOverride.parse(argument) } catch { throw ValidationError(error.description) }
        }
    }

    /// The parsed overrides, in the order given.
    var overrides: [StrategyOverride] {
        values.compactMap { try? StrategyOverride.parse($0) }
    }
}
