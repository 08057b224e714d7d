/**
 * Line numbers of byte offsets in a stream, from the positions of its LF bytes. A line ends at
 * its LF, so CRLF and LF files count alike and a CR alone is not a line break.
 */

const LF = 0x0a;
const COMPACT_AFTER = 4096;

/** Line numbers for offsets asked in increasing order, with memory bounded by the read-ahead. */
export class LineIndex {
  private pending: number[] = [];
  private head = 0;
  private passed = 0;

  /** Note the LF bytes of `chunk`, which starts at byte `offset` of the stream. */
  scan(chunk: Buffer, offset: number): void {
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
      this.pending.push(offset + at);
    }
  }

  /** The 1-based line of the byte at `offset`; offsets must not decrease from call to call. */
  lineOf(offset: number): number {
    while (this.head < this.pending.length && this.pending[this.head]! < offset) {
      this.head += 1;
      this.passed += 1;
    }
    if (this.head > COMPACT_AFTER) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
    return this.passed + 1;
  }
}
