// Crash-safe file writes for run folders (checkpoints, run state): a reader, or a resumed run,
// sees either the previous file or the new one, never a half-written one. The data goes to a
// temp file in the same folder (so rename stays on one file system), is fsynced, renamed over
// the target, and the folder is fsynced so the rename itself survives a power cut.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SousError } from './errors.js';

let tempCounter = 0;

/** `.name.<pid>.<n>.tmp` beside the target: the pid lets a later write tell a dead writer's
 * leftover (removed) from a live one's (kept). */
function tempPathFor(file: string): string {
  tempCounter += 1;
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${tempCounter}.tmp`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files of `file` left by writers that were killed mid-write. */
async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !processIsAlive(pid)) {
      await fs.rm(path.join(dir, name), { force: true });
    }
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** The file a write to `file` must replace: a symbolic link is followed (even one whose target
 * does not exist yet), so that the link itself stays. */
async function resolveLinks(file: string): Promise<string> {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    const link = await fs.readlink(current).catch(() => undefined); // not a link, or missing
    if (link === undefined) return current;
    current = path.resolve(path.dirname(current), link);
  }
  throw new SousError('cannot write the file: too many levels of symbolic links', { file });
}

/** The permission bits of `file`, or undefined when it does not exist yet. */
async function modeOf(file: string): Promise<number | undefined> {
  try {
    return (await fs.stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Replaces `file` with `data` atomically. A symbolic link keeps pointing at the (new) file and
 * an existing file keeps its permissions. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const target = await resolveLinks(file);
  const temp = tempPathFor(target);
  try {
    await removeStaleTemps(target);
    const mode = await modeOf(target);
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new SousError(`cannot write the file: ${(error as Error).message}`, { file, cause: error });
  }
  await fsyncDirectory(path.dirname(target));
}

/** `writeFileAtomic` of `JSON.stringify(value, null, 2)` and a final newline. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
