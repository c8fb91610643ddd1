extension ScriptedResponse {
    /// An OpenAI-compatible streaming `/v1/chat/completions` reply as llama.cpp's server sends it
    /// (`text/event-stream`): a role chunk, `reasoning_content` deltas, `content` deltas, a chunk
    /// with `finish_reason`, a usage chunk with empty `choices`, then `data: [DONE]`.
    public static func openAIStream(
        model: String = "gemma3-270m", reasoning: String = "", content: String, pieceSize: Int = 4,
        chunkBytes: Int = 64, promptTokens: Int = 1600, completionTokens: Int = 24, sendDone: Bool = true
    ) -> ScriptedResponse {
        chunked(
            contentType: "text/event-stream",
            body: Array(
                openAIStreamBody(
                    model: model, reasoning: reasoning, content: content, pieceSize: pieceSize,
                    promptTokens: promptTokens, completionTokens: completionTokens, sendDone: sendDone
                ).utf8),
            chunkBytes: chunkBytes)
    }

    /// The SSE text of `openAIStream`.
    public static func openAIStreamBody(
        model: String, reasoning: String, content: String, pieceSize: Int, promptTokens: Int, completionTokens: Int,
        sendDone: Bool = true
    ) -> String {
        let head =
            "\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1764072000,"
            + "\"model\":\(JSONText.string(model))"
        func event(_ choices: String, extra: String = "") -> String {
            "data: {\(head),\"choices\":\(choices)\(extra)}\n\n"
        }
        var body = event("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":null}]")
        for piece in JSONText.pieces(reasoning, size: pieceSize) {
            body += event(
                "[{\"index\":0,\"delta\":{\"reasoning_content\":\(JSONText.string(piece))},\"finish_reason\":null}]")
        }
        for piece in JSONText.pieces(content, size: pieceSize) {
            body += event("[{\"index\":0,\"delta\":{\"content\":\(JSONText.string(piece))},\"finish_reason\":null}]")
        }
        body += event("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]")
        body += event(
            "[]",
            extra: ",\"usage\":{\"completion_tokens\":\(completionTokens),\"prompt_tokens\":\(promptTokens),"
                + "\"total_tokens\":\(promptTokens + completionTokens)},\"timings\":{\"cache_n\":820,\"prompt_n\":795}")
        if sendDone { body += "data: [DONE]\n\n" }
        return body
    }

    /// The error ollama's `/v1` sends for a model it does not have.
    public static func openAIModelNotFound(_ model: String) -> ScriptedResponse {
        whole(
            status: 404,
            body: "{\"error\":{\"message\":\(JSONText.string("model \"\(model)\" not found, try pulling it first")),"
                + "\"type\":\"api_error\",\"param\":null,\"code\":null}}")
    }
}
