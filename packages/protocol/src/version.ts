/** The protocol version a client states in `hello` and the server repeats in `welcome`. */
export const PROTOCOL_VERSION = 1;
