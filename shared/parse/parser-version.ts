/**
 * The parser's version, stamped on every record. Bump it whenever parsing
 * output changes, so records parsed by an older parser can be found and
 * re-parsed (record.md: parserVersion).
 */
export const PARSER_VERSION = "1.2.0";
