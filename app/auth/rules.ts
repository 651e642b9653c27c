/** Limits shared by forms (client hints) and schemas (server checks). */
export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
