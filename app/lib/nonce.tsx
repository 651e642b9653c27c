import { createContext, useContext } from "react";

/** The per-request CSP nonce, set by entry.server and read by the document's scripts. */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
