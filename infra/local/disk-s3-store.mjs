// fauxqs's S3 store with every object also kept on disk, so buckets survive a restart (or a SIGKILL):
// an object is written (one file, renamed into place) before fauxqs answers the write, so whatever a
// client was told is stored is on disk. Bodies are read back from disk on demand rather than held
// in memory. Plain JavaScript: it runs on the emulator thread, without the TypeScript loader.
import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

// fauxqs exports buildApp but not its store; the class sits beside app.js in the package.
const { S3Store } = await import(new URL("./s3/s3Store.js", import.meta.resolve("fauxqs")).href);

/** File layout: 4-byte big-endian header length, the header JSON, then the body. */
const HEADER_LENGTH_BYTES = 4;

export class DiskS3Store extends S3Store {
  #dir;

  constructor(dir) {
    super();
    this.#dir = dir;
    mkdirSync(dir, { recursive: true });
    this.#load();
  }

  createBucket(name) {
    super.createBucket(name);
    mkdirSync(this.#bucketDir(name), { recursive: true });
  }

  putObject(bucket, key, body, contentType, metadata) {
    const object = super.putObject(bucket, key, body, contentType, metadata);
    this.#save(bucket, object);
    return object;
  }

  completeMultipartUpload(uploadId, partSpecs) {
    const bucket = this.multipartUploads.get(uploadId)?.bucket;
    const object = super.completeMultipartUpload(uploadId, partSpecs);
    this.#save(bucket, object);
    return object;
  }

  deleteObject(bucket, key) {
    super.deleteObject(bucket, key);
    rmSync(this.#file(bucket, key), { force: true });
  }

  #bucketDir(bucket) {
    return join(this.#dir, bucket);
  }

  /** Keys may hold anything (slashes, dot segments, 1,024 bytes): files are named by the key's hash. */
  #file(bucket, key) {
    return join(this.#bucketDir(bucket), createHash("sha256").update(key).digest("hex"));
  }

  #save(bucket, object) {
    const header = Buffer.from(
      JSON.stringify({
        key: object.key,
        contentType: object.contentType,
        etag: object.etag,
        lastModified: object.lastModified.toISOString(),
        metadata: object.metadata,
      }),
    );
    const length = Buffer.alloc(HEADER_LENGTH_BYTES);
    length.writeUInt32BE(header.length);
    const file = this.#file(bucket, object.key);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([length, header, object.body]));
    renameSync(temporary, file);
    lazyBody(object, file, HEADER_LENGTH_BYTES + header.length);
  }

  #load() {
    for (const bucket of readdirSync(this.#dir, { withFileTypes: true })) {
      if (!bucket.isDirectory()) continue;
      super.createBucket(bucket.name);
      const objects = this.buckets.get(bucket.name);
      for (const entry of readdirSync(join(this.#dir, bucket.name))) {
        const file = join(this.#dir, bucket.name, entry);
        if (entry.endsWith(".tmp")) {
          rmSync(file, { force: true }); // a write cut short: never acknowledged
          continue;
        }
        const { header, bodyOffset, size } = readHeader(file);
        const object = {
          key: header.key,
          contentType: header.contentType,
          contentLength: size - bodyOffset,
          etag: header.etag,
          lastModified: new Date(header.lastModified),
          metadata: header.metadata ?? {},
        };
        lazyBody(object, file, bodyOffset);
        objects.set(header.key, object);
      }
    }
  }
}

function lazyBody(object, file, offset) {
  Object.defineProperty(object, "body", {
    configurable: true,
    enumerable: true,
    get: () => readFileSync(file).subarray(offset),
  });
}

function readHeader(file) {
  const fd = openSync(file, "r");
  try {
    const length = Buffer.alloc(HEADER_LENGTH_BYTES);
    readSync(fd, length, 0, HEADER_LENGTH_BYTES, 0);
    const header = Buffer.alloc(length.readUInt32BE());
    readSync(fd, header, 0, header.length, HEADER_LENGTH_BYTES);
    const { size } = fstatSync(fd);
    return { header: JSON.parse(header.toString("utf8")), bodyOffset: HEADER_LENGTH_BYTES + header.length, size };
  } finally {
    closeSync(fd);
  }
}
