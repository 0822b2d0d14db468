/**
 * The line reader under `decodeSSEStream` (sse.ts): the `data` of each Server-Sent Events message. Not
 * part of `chatkit-chat/protocol` (internal).
 *
 * @module
 */

/**
 * The `data` of each SSE message in `text` fed piece by piece, by the WHATWG rules for the fields ChatKit
 * reads: lines end at CRLF, LF or CR; a `data` line (`data:value`, one space after the colon dropped, or a bare
 * `data`) adds a line to the message's data; an empty line ends the message, which is handed to `onData` if it
 * had a data line; any other line (a `:` comment, `event`, `id`, `retry`, an unknown field) is ignored. A CR
 * at the end of a piece is held back until the next piece shows whether an LF follows (feed `'\n'` after a
 * body that ended with it). A piece with no line end is only appended, so a long line arriving in many pieces
 * is scanned once; each line end is found with `indexOf` (as eventsource-parser does).
 *
 * @param onData - Called with each message's data, lines joined with `\n`.
 * @returns `feed`, which takes the next piece of text and returns how many characters are buffered (the
 *   unfinished line and the unfinished message's data), for a buffer limit.
 */
export function createDataReader(onData: (data: string) => void): (text: string) => number {
  let rest = '';
  let data: string | undefined;
  return (text) => {
    let s = rest + text;
    // A held CR ends a line whatever follows it.
    if (rest.endsWith('\r') || text.includes('\n') || text.includes('\r')) {
      let start = 0;
      let cr = s.indexOf('\r');
      let lf = s.indexOf('\n');
      for (;;) {
        if (cr >= 0 && cr < start) cr = s.indexOf('\r', start);
        if (lf >= 0 && lf < start) lf = s.indexOf('\n', start);
        const end = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
        // A CR at the very end may be the first half of a CRLF.
        if (end < 0 || (end === cr && end === s.length - 1)) break;
        const line = s.slice(start, end);
        start = end + (end === cr && lf === end + 1 ? 2 : 1);
        if (line === '') {
          if (data !== undefined) onData(data);
          data = undefined;
        } else if (line.startsWith('data:') || line === 'data') {
          const value = line.slice(line.charCodeAt(5) === 32 ? 6 : 5);
          data = data === undefined ? value : `${data}\n${value}`;
        }
      }
      s = s.slice(start);
    }
    rest = s;
    return rest.length + (data?.length ?? 0);
  };
}
