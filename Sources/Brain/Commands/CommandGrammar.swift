/// The GBNF grammar of the six commands (llama.cpp's `grammar` field), with an optional leading
/// `<think>` block so reasoning models can still reason. Prices have two decimals, as quotes do.
public enum CommandGrammar {
    public static let gbnf = #"""
        root ::= think? command
        think ::= "<think>" think-char* "</think>" [ \n]*
        think-char ::= [^<] | "<" [^/]
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
