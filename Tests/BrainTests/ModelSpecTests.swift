import Brain
import Testing

@Suite struct ModelSpecTests {
    @Test func validSpellings() throws {
        #expect(try ModelSpec.parse("rules") == .rules)
        #expect(try ModelSpec.parse("ollama") == .ollama(baseURL: "http://127.0.0.1:11434", model: "deepseek-r1:8b"))
        #expect(try ModelSpec.parse("ollama:qwen3:8b") == .ollama(baseURL: "http://127.0.0.1:11434", model: "qwen3:8b"))
        #expect(
            try ModelSpec.parse("ollama:http://gpu-box:11434#deepseek-r1:14b")
                == .ollama(baseURL: "http://gpu-box:11434", model: "deepseek-r1:14b"))
        #expect(
            try ModelSpec.parse("openai:http://127.0.0.1:8765#gemma3-270m")
                == .openAI(baseURL: "http://127.0.0.1:8765", model: "gemma3-270m"))
        #expect(try ModelSpec.parse("openai:https://host/v1#a#b") == .openAI(baseURL: "https://host/v1#a", model: "b"))
        #expect(try ModelSpec.parse("recorded:data/logs/run.jsonl") == .recorded(path: "data/logs/run.jsonl"))
        #expect(ModelSpec.default.description == "ollama:deepseek-r1:8b")
        #expect(
            try ModelSpec.parse("openai:http://127.0.0.1:8765#gemma3-270m").description
                == "openai:http://127.0.0.1:8765#gemma3-270m")
    }

    @Test func invalidSpellingsSayWhatIsExpected() {
        func message(_ text: String) -> String? {
            do {
                _ = try ModelSpec.parse(text)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message("gpt4")?.hasPrefix("unknown model 'gpt4': expected ollama:NAME") == true)
        #expect(
            message("openai:http://127.0.0.1:8765")
                == "'openai:http://127.0.0.1:8765' needs the model's name after '#', e.g. openai:http://127.0.0.1:8765#gemma3-270m"
        )
        #expect(
            message("openai:localhost:8765#m")
                == "'openai:localhost:8765#m': 'localhost:8765' is not an http:// or https:// URL")
        #expect(message("openai:http://h#") == "'openai:http://h#' names no model after '#'")
        #expect(message("ollama:") == "'ollama:' names no model: write ollama:NAME, e.g. ollama:deepseek-r1:8b")
    }
}
