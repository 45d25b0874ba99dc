/**
 * Files the CLI writes (`deny-logs --out`, the bundle's three files): created for us alone (0600),
 * never over an existing file unless `--force`, and never through a symbolic link planted where
 * the file goes. Without `--force` a file is opened with O_CREAT|O_EXCL|O_NOFOLLOW, which fails on
 * anything already at the path, a link included; with `--force` it is written to a new temporary
 * file beside it and renamed over the path, which replaces a link instead of following it.
 */
import { randomBytes } from 'node:crypto';
import { constants, type WriteStream } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputFileError, type OutputFileProblem } from '../errors/index.js';

/** Owner read and write only: a bundle and a rows file describe an estate and its clients. */
export const OUTPUT_FILE_MODE = 0o600;

const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export interface OutputOptions {
  /** Replace an existing file (never writing through a link). */
  force: boolean;
}

export interface OutputFile {
  path: string;
  /** Where to write; `commit` or `discard` ends it. */
  stream: WriteStream;
  /** Flushes and closes the file, and (with --force) moves it into place. */
  commit(): Promise<void>;
  /** Closes and removes what was written: the command failed. */
  discard(): Promise<void>;
}

/** What a system error code means for a file to create (its sentence is in errors/describe.ts). */
const PROBLEM_BY_ERRNO: Record<string, OutputFileProblem> = {
  EEXIST: 'exists',
  ELOOP: 'link',
  EISDIR: 'directory',
  ENOENT: 'no-directory',
  ENOTDIR: 'not-directory',
  EACCES: 'permission',
  EPERM: 'permission',
};

/** The coded error of a failed create, naming the file. */
function explain(path: string, error: unknown, force: boolean): OutputFileError {
  const problem = PROBLEM_BY_ERRNO[(error as { code?: string }).code ?? ''] ?? 'other';
  const detail = (error as Error).message ?? String(error);
  return new OutputFileError(path, problem, { force, ...(problem === 'other' ? { detail } : {}) });
}

/**
 * Creates the directory `dir` (and its parents) for files to come, when it is not there.
 * @throws OutputFileError naming the directory
 */
export async function createOutputDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    // A file where the directory goes (EEXIST) is not one --force may replace.
    const problem = code === 'EEXIST' || code === 'ENOTDIR' ? 'not-directory' : undefined;
    throw problem ? new OutputFileError(dir, problem) : explain(dir, error, false);
  }
}

async function openExclusive(path: string): Promise<FileHandle> {
  return open(path, EXCLUSIVE, OUTPUT_FILE_MODE);
}

/** Ends the stream and waits until its descriptor is closed. */
function finish(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.closed) return resolve();
    stream.once('error', reject);
    stream.once('close', () => resolve());
    if (!stream.writableEnded) stream.end();
  });
}

/**
 * Creates `path` for writing, as described above.
 * @throws OutputFileError with a one-line reason
 */
export async function createOutputFile(path: string, options: OutputOptions): Promise<OutputFile> {
  let target = path;
  if (options.force) {
    const existing = await lstat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw new OutputFileError(path, 'directory', { force: true });
    target = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  }
  let handle: FileHandle;
  try {
    handle = await openExclusive(target);
  } catch (error) {
    throw explain(path, error, options.force);
  }
  const stream = handle.createWriteStream();
  const written = target;
  return {
    path,
    stream,
    async commit() {
      try {
        await finish(stream);
        if (written !== path) await rename(written, path);
      } catch (error) {
        await unlink(written).catch(() => {});
        throw explain(path, error, options.force);
      }
    },
    async discard() {
      await finish(stream).catch(() => {});
      await unlink(written).catch(() => {});
    },
  };
}

/**
 * Writes several files, all or none: every one is created first (so an existing one stops the
 * command before anything is written), then filled and committed.
 * @throws OutputFileError naming the first file that could not be written
 */
export async function writeOutputFiles(
  files: { path: string; content: string }[],
  options: OutputOptions,
): Promise<void> {
  const opened: OutputFile[] = [];
  try {
    for (const file of files) opened.push(await createOutputFile(file.path, options));
    for (const [i, file] of opened.entries()) file.stream.write(files[i]!.content);
    for (const file of opened) await file.commit();
  } catch (error) {
    await Promise.all(opened.map((file) => file.discard()));
    throw error;
  }
}
