import ArgumentParser
import Brain

/// `--model` and `--template`: who decides, and the prompt it is asked with.
struct ModelOptions: ParsableArguments {
    @Option(help: "ollama:NAME | ollama:URL#NAME | openai:URL#NAME | recorded:JOURNAL.jsonl | rules.")
    var model: String = ModelSpec.default.description

    @Option(help: "Prompt template (default: prompts/system.md beside the strategies folder, else built in).")
    var template: String?

    func validate() throws {
        do {
            _ = try ModelSpec.parse(model)
        } catch {
            throw ValidationError("--model: \(error)")
        }
    }

    /// The parsed `--model` (checked in `validate()`).
    func spec() throws(CLIError) -> ModelSpec {
        do {
            return try ModelSpec.parse(model)
        } catch {
            throw .invalidInput("--model: \(error)")
        }
    }
}
