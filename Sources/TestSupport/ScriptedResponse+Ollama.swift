extension ScriptedResponse {
    /// ollama's streaming `/api/chat` reply (NDJSON, `application/x-ndjson`): one line per piece of
    /// `thinking`, then per piece of `content`, then the final `done: true` line with its stats.
    /// - Parameters:
    ///   - pieceSize: characters per streamed line (a token's worth).
    ///   - chunkBytes: the body is written in chunks of this many bytes, whatever the line breaks.
    public static func ollamaChat(
        model: String = "deepseek-r1:8b", thinking: String = "", content: String, pieceSize: Int = 4,
        chunkBytes: Int = 64, promptEvalCount: Int = 1600, evalCount: Int = 120
    ) -> ScriptedResponse {
        chunked(
            contentType: "application/x-ndjson",
            body: Array(
                ollamaChatBody(
                    model: model, thinking: thinking, content: content, pieceSize: pieceSize,
                    promptEvalCount: promptEvalCount, evalCount: evalCount
                ).utf8),
            chunkBytes: chunkBytes)
    }

    /// The NDJSON text of `ollamaChat`.
    public static func ollamaChatBody(
        model: String, thinking: String, content: String, pieceSize: Int, promptEvalCount: Int, evalCount: Int
    ) -> String {
        let created = "\"created_at\":\"2026-11-25T12:00:00.000000Z\""
        var lines: [String] = []
        for piece in JSONText.pieces(thinking, size: pieceSize) {
            lines.append(
                "{\"model\":\(JSONText.string(model)),\(created),\"message\":{\"role\":\"assistant\",\"content\":\"\","
                    + "\"thinking\":\(JSONText.string(piece))},\"done\":false}")
        }
        for piece in JSONText.pieces(content, size: pieceSize) {
            lines.append(
                "{\"model\":\(JSONText.string(model)),\(created),\"message\":{\"role\":\"assistant\","
                    + "\"content\":\(JSONText.string(piece))},\"done\":false}")
        }
        lines.append(
            "{\"model\":\(JSONText.string(model)),\(created),\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":2345000000,\"load_duration\":1000000,"
                + "\"prompt_eval_count\":\(promptEvalCount),\"prompt_eval_duration\":900000000,"
                + "\"eval_count\":\(evalCount),\"eval_duration\":1400000000}")
        return lines.map { $0 + "\n" }.joined()
    }

    /// ollama's answer for a model it does not have.
    public static func ollamaModelNotFound(_ model: String) -> ScriptedResponse {
        whole(status: 404, body: "{\"error\":\(JSONText.string("model \"\(model)\" not found, try pulling it first"))}")
    }
}
