/**
 * The ABNF files that `grammar-rule` checks point into, in one place so that a move of the
 * grammar files is a one-line change here.
 * @module
 */

/** Repository-relative paths of the grammar files the registry cites. */
export const GRAMMAR_FILES = {
  /**
   * room_id and user_id exactly as SIG-seed §3 and §4 give them, plus LM's server_name (which
   * SIG-seed leaves to another document).
   */
  identifiers: "spec/grammar/identifiers.abnf",
} as const;
