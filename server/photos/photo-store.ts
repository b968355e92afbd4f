import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where photo bytes live. The default keeps them as files under a directory (DATA_DIR/photos); an
 * S3-compatible store would implement the same two calls (docs/field-use.md).
 */
export interface PhotoStore {
  /** keeps the bytes and answers the key to find them by */
  put(bytes: Buffer, extension: string): Promise<string>;
  /** the bytes kept under a key; null if they are gone */
  get(key: string): Promise<Buffer | null>;
}

// keys are ours (random hex + extension), never a client's file name
const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{32}\.(jpg|png|webp)$/;

/** Photos as files under `dir`, spread over 256 subdirectories by the key's first byte. */
export class DirectoryPhotoStore implements PhotoStore {
  constructor(private readonly dir: string) {}

  async put(bytes: Buffer, extension: string): Promise<string> {
    const name = crypto.randomBytes(16).toString('hex');
    const key = `${name.slice(0, 2)}/${name}.${extension}`;
    const file = this.fileOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // written aside then renamed: a crash never leaves half a photo under its key
    await fs.writeFile(`${file}.part`, bytes, { mode: 0o600 });
    await fs.rename(`${file}.part`, file);
    return key;
  }

  async get(key: string): Promise<Buffer | null> {
    return fs.readFile(this.fileOf(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
  }

  private fileOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`Not a photo key: ${key}`);
    return path.join(this.dir, key);
  }
}
