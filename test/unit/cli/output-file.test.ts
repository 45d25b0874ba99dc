/** Files the CLI writes: 0600, never over an existing file nor through a link unless --force. */
import { lstat, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutputFile, writeOutputFiles } from '../../../src/cli/output-file.js';
import { OutputFileError } from '../../../src/errors/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apigee-doctor-out-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(path: string, content: string, force = false): Promise<void> {
  const file = await createOutputFile(path, { force });
  file.stream.write(content);
  await file.commit();
}

describe('createOutputFile', () => {
  it('creates a new file readable by its owner only', async () => {
    const path = join(dir, 'rows.csv');
    await write(path, 'a,b\n');
    expect(await readFile(path, 'utf8')).toBe('a,b\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses an existing file, in one line that names it and says how to replace it', async () => {
    const path = join(dir, 'rows.csv');
    await writeFile(path, 'precious');
    const refused = createOutputFile(path, { force: false });
    await expect(refused).rejects.toBeInstanceOf(OutputFileError);
    await expect(refused).rejects.toThrow(
      `${path} already exists: choose another name, or add --force to replace it`,
    );
    expect(await readFile(path, 'utf8')).toBe('precious');
  });

  it('never writes through a symbolic link planted at the path, dangling or not', async () => {
    const target = join(dir, 'victim');
    await writeFile(target, 'precious');
    const planted = join(dir, 'rows.csv');
    await symlink(target, planted);
    await expect(createOutputFile(planted, { force: false })).rejects.toThrow(/already exists/);
    const dangling = join(dir, 'dangling.csv');
    await symlink(join(dir, 'nowhere'), dangling);
    await expect(createOutputFile(dangling, { force: false })).rejects.toThrow(/already exists/);
    await expect(stat(join(dir, 'nowhere'))).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('precious');
  });

  it('with --force replaces a file, 0600 even if the old one was not', async () => {
    const path = join(dir, 'rows.csv');
    await writeFile(path, 'old', { mode: 0o644 });
    await write(path, 'new', true);
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('with --force replaces a planted link itself, leaving its target alone', async () => {
    const target = join(dir, 'victim');
    await writeFile(target, 'precious');
    const planted = join(dir, 'rows.csv');
    await symlink(target, planted);
    await write(planted, 'rows', true);
    expect((await lstat(planted)).isSymbolicLink()).toBe(false);
    expect(await readFile(planted, 'utf8')).toBe('rows');
    expect(await readFile(target, 'utf8')).toBe('precious');
  });

  it('explains a missing directory and a directory in the way', async () => {
    await expect(createOutputFile(join(dir, 'no', 'rows.csv'), { force: false })).rejects.toThrow(
      /its directory does not exist/,
    );
    await expect(createOutputFile(dir, { force: true })).rejects.toThrow(`${dir} is a directory, not a file`);
  });

  it('removes what it wrote when the command fails', async () => {
    const path = join(dir, 'rows.csv');
    const file = await createOutputFile(path, { force: false });
    file.stream.write('half');
    await file.discard();
    await expect(stat(path)).rejects.toThrow();
  });
});

describe('writeOutputFiles', () => {
  it('writes all the files or none: one existing file stops them all before any is written', async () => {
    await writeFile(join(dir, 'b.md'), 'precious');
    await expect(
      writeOutputFiles(
        [
          { path: join(dir, 'a.json'), content: '{}' },
          { path: join(dir, 'b.md'), content: '# b' },
        ],
        { force: false },
      ),
    ).rejects.toThrow(/b\.md already exists/);
    await expect(stat(join(dir, 'a.json'))).rejects.toThrow();
    expect(await readFile(join(dir, 'b.md'), 'utf8')).toBe('precious');
  });

  it('with --force leaves no temporary file behind', async () => {
    const planted = join(dir, 'a.json');
    await symlink('/etc/hostname', planted);
    await writeOutputFiles([{ path: planted, content: '{}' }], { force: true });
    expect(await readFile(planted, 'utf8')).toBe('{}');
    await expect(readlink(planted)).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['a.json']);
  });
});
