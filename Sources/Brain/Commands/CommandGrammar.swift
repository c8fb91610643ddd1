/// GBNF grammars of the six commands (llama.cpp's `grammar` field). Prices have two decimals, as
/// quotes do.
///
/// `commands` is exactly one command and nothing else: the grammar ends the reply, so even a tiny
/// model answers in a few tokens. `allowingThink` first lets a reasoning model write one
/// `<think>…</think>` block of at most 4,000 characters; use it only with models that reason, as
/// a model that does not may fill the block and run into the deadline (measured with Gemma 3 270M
/// on llama-server: no command within 60 s, against about 2 s with `commands`).
public enum CommandGrammar {
    /// One command, nothing before or after it.
    public static let commands = rules(root: "root ::= command")

    /// An optional leading think block, then one command.
    public static let allowingThink = rules(
        root: #"""
            root ::= think? command
            think ::= "<think>" think-char{0,4000} "</think>" [ \n]{0,4}
            think-char ::= [^<] | "<" [^/]
            """#)

    private static func rules(root: String) -> String {
        root + "\n" + #"""
            command ::= enter-long | enter-short | update-stop | update-target | cancel-all | wait
            enter-long ::= "ENTER_LONG(" price ", " price ", " price ")"
            enter-short ::= "ENTER_SHORT(" price ", " price ", " price ")"
            update-stop ::= "UPDATE_STOP(" price ")"
            update-target ::= "UPDATE_TARGET(" price ")"
            cancel-all ::= "CANCEL_ALL()"
            wait ::= "WAIT(\"" reason "\")"
            price ::= [0-9]{1,6} "." [0-9]{2}
            reason ::= [a-zA-Z0-9 ,.%'-]{1,80}

            """#
    }
}
