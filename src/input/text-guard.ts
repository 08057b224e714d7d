/**
 * A pass-through stream that refuses what is not UTF-8 text (NUL bytes, invalid UTF-8) and
 * computes the SHA-256 of the bytes it passed, so a file is read once for both.
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** The input is not UTF-8 text; `offset` is the byte offset of (about) the first bad byte. */
export class NotTextError extends Error {
  override name = 'NotTextError';
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at byte ${offset}`);
  }
}

/** Passes bytes through unchanged after checking they are UTF-8 text without NUL bytes. */
export class TextGuard extends Transform {
  private readonly hash = createHash('sha256');
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;
  private digest: string | null = null;
  private observer: ((chunk: Buffer, offset: number) => void) | null = null;

  /** Call `observer` with every chunk (and its byte offset) before it is passed on. */
  observe(observer: (chunk: Buffer, offset: number) => void): void {
    this.observer = observer;
  }

  /** The SHA-256 (hex) of every byte read; available once the stream has ended. */
  get sha256(): string {
    if (this.digest === null) throw new Error('TextGuard: the stream has not ended');
    return this.digest;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const problem = this.check(chunk);
    if (problem) {
      done(problem);
      return;
    }
    this.hash.update(chunk);
    this.observer?.(chunk, this.offset);
    this.offset += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
    } catch {
      done(new NotTextError('invalid UTF-8 (truncated character at the end)', this.offset));
      return;
    }
    this.digest = this.hash.digest('hex');
    done();
  }

  private check(chunk: Buffer): NotTextError | null {
    const nul = chunk.indexOf(0);
    const invalid = this.decodes(chunk) ? -1 : firstInvalidByte(chunk);
    if (invalid !== -1 && (nul === -1 || invalid <= nul)) {
      return new NotTextError('invalid UTF-8', this.offset + invalid);
    }
    return nul === -1 ? null : new NotTextError('NUL byte (binary data)', this.offset + nul);
  }

  private decodes(chunk: Buffer): boolean {
    try {
      this.decoder.decode(chunk, { stream: true });
      return true;
    } catch {
      return false;
    }
  }
}

/** Offset in `chunk` of the first byte that does not decode (0 when it is split off before). */
function firstInvalidByte(chunk: Buffer): number {
  const text = new TextDecoder('utf-8').decode(chunk);
  const bad = text.indexOf('\uFFFD');
  return bad <= 0 ? 0 : Buffer.byteLength(text.slice(0, bad));
}
