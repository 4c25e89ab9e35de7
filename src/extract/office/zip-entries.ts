import yauzl from 'yauzl';

/** The entries of a ZIP-based document (DOCX, ODT, XLSX, PPTX), read on demand with a size cap. */
export interface ZipPackage {
  names: string[];
  read(name: string): Promise<Buffer | null>;
  close(): void;
}

export class ZipEntryTooLargeError extends Error {}

/** Open a ZIP package; entries larger than `maxEntryBytes` uncompressed refuse to be read. */
export function openZipPackage(file: string, maxEntryBytes: number): Promise<ZipPackage> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) => {
      if (error || !zip) {
        reject(error ?? new Error('cannot open zip'));
        return;
      }
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('error', reject);
      zip.on('end', () =>
        resolve({
          names: [...entries.keys()],
          close: () => zip.close(),
          read: (name) => {
            const entry = entries.get(name);
            if (!entry) return Promise.resolve(null);
            if (entry.uncompressedSize > maxEntryBytes) return Promise.reject(new ZipEntryTooLargeError(`${name} expands to ${entry.uncompressedSize} bytes`));
            return new Promise((res, rej) => {
              zip.openReadStream(entry, (err, stream) => {
                if (err || !stream) {
                  rej(err ?? new Error(`cannot read ${name}`));
                  return;
                }
                const chunks: Buffer[] = [];
                let size = 0;
                stream.on('data', (chunk: Buffer) => {
                  size += chunk.length;
                  if (size > maxEntryBytes) stream.destroy(new ZipEntryTooLargeError(`${name} is too large`));
                  else chunks.push(chunk);
                });
                stream.on('error', rej);
                stream.on('end', () => res(Buffer.concat(chunks)));
              });
            });
          },
        }),
      );
      zip.readEntry();
    });
  });
}
