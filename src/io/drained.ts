import { once, type EventEmitter } from "node:events";

/**
 * Wait until a stream that refused a write takes more ("drain") or has closed. The listener for
 * the event that did not come is taken off again: a long run waits thousands of times on the same
 * stream (a report, stdout in a JSON Lines pipeline), and listeners left behind pile up.
 */
export async function drained(stream: EventEmitter): Promise<void> {
  const done = new AbortController();
  const { signal } = done;
  try {
    await Promise.race([once(stream, "drain", { signal }), once(stream, "close", { signal })]);
  } finally {
    done.abort();
  }
}
