import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ProblemError } from './problem.ts';

/** The most a backtest writes to disk to read its upload twice (docs/runtime.md, "Backtest"). */
export const MAX_SPOOL_BYTES = 1024 ** 3;

/**
 * A copy of an upload on disk, written as the upload is read, so a backtest whose as-of date is the
 * latest date in the file can read it a second time to evaluate it. Memory stays at one chunk; the
 * disk holds the upload (at most `maxBytes`) until `dispose`, which every path of the request calls.
 */
export class Spool {
  private writing = true;
  private bytes = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private reader: ReturnType<typeof createReadStream> | null = null;

  private constructor(
    private readonly dir: string,
    private readonly file: Awaited<ReturnType<typeof open>>,
    private readonly maxBytes: number,
  ) {}

  static async create(maxBytes = MAX_SPOOL_BYTES): Promise<Spool> {
    const dir = await mkdtemp(join(tmpdir(), 'qualify-backtest-'));
    return new Spool(dir, await open(join(dir, 'upload'), 'w'), maxBytes);
  }

  /** The body as it arrives, each chunk on disk before it is handed on (so a slow disk slows the upload). */
  tee(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform: async (chunk, controller) => {
          if (this.writing) {
            this.bytes += chunk.byteLength;
            if (this.bytes > this.maxBytes) {
              throw new ProblemError(
                413,
                'upload_too_large',
                `The upload is over ${this.maxBytes / 1024 ** 2} MiB, too large to be read twice for its latest date: give asOf (one date for the file) to read it once.`,
              );
            }
            const write = this.chain.then(() => this.file.write(chunk));
            this.chain = write;
            await write;
          }
          controller.enqueue(chunk);
        },
      }),
    );
  }

  /** Stops copying: the upload is read once after all. */
  async stop(): Promise<void> {
    this.writing = false;
    await this.dispose();
  }

  /** The copy, from its first byte, once the upload has been read (as far as it will be). */
  async read(): Promise<ReadableStream<Uint8Array>> {
    this.writing = false;
    await this.chain;
    await this.file.close();
    this.reader = createReadStream(join(this.dir, 'upload'));
    return Readable.toWeb(this.reader) as ReadableStream<Uint8Array>;
  }

  /** Removes the copy; safe to call more than once. */
  async dispose(): Promise<void> {
    this.writing = false;
    await this.chain.catch(() => {});
    await this.file.close().catch(() => {});
    this.reader?.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
