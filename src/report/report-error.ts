/** A report that cannot be made (unknown format, file not writable): the message is one line for the user, no stack needed. */
export class ReportError extends Error {
  override name = "ReportError";
}
