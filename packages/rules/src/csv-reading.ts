/**
 * The csv-parse options of the product's one reading of CSV uploads (docs/api-contract.md, "Reading
 * uploads"), shared by the runtime's reader (apps/runtime/src/batch/csv-records.ts) and the studio's
 * scan of the file for its default as-of date and rows (apps/studio/src/backtest/scan-file.ts), so both split a file
 * into the same records. Plain data: this package does not depend on csv-parse. What csv-parse has
 * no option for each reader does itself: a UTF-8 byte order mark is dropped before parsing, blank
 * lines and rows whose every cell is blank are skipped (their lines still count), and text after a
 * closing quote other than spaces stops the runtime's reading.
 * @example new Parser({ ...CSV_READING, record_delimiter: [...CSV_READING.record_delimiter] })
 */
export const CSV_READING = {
  /** CRLF, LF and a lone CR each end a record (outside quotes), whatever the file used first; csv-parse's default takes one kind from the first line ending. */
  record_delimiter: ['\r\n', '\n', '\r'],
  /** A quote inside an unquoted cell is a character (`5" screen`); a quote opens a quoted cell only at its start. */
  relax_quotes: true,
  /** Rows shorter or longer than the header are read: they are the reader's bad rows, not a stop. */
  relax_column_count: true,
} as const;
