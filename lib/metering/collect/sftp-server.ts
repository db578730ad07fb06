import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import ssh2 from "ssh2";

const { Server, utils } = ssh2;
const { STATUS_CODE, OPEN_MODE } = utils.sftp;

export type SftpServerHandle = { port: number; close: () => Promise<void> };

/**
 * A fresh ed25519 host key that ssh2 itself can read: its generator strips leading zero bytes of the public key,
 * so about 1 key in 256 cannot be parsed (mscdex/ssh2#1390, #1513) and the server would fail to start.
 */
export function parseableHostKey(): string {
  for (;;) {
    const pair = utils.generateKeyPairSync("ed25519");
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair.private;
  }
}

/**
 * A read-only SFTP server over a local folder, in-process (the demo's provider drop and the tests' real SFTP peer).
 * Password and public-key auth; writes, renames and removals are refused; paths cannot leave the root.
 * The folder is presented at `virtualRoot` (e.g. /opt/meterfiles/uploads) like a provider's server.
 */
export async function startSftpServer(options: {
  root: string;
  virtualRoot?: string;
  username: string;
  password?: string;
  publicKey?: string;
  port?: number;
  host?: string;
}): Promise<SftpServerHandle> {
  const hostKey = parseableHostKey();
  const virtualRoot = (options.virtualRoot ?? "/").replace(/\/+$/, "") || "/";
  const allowedKey = options.publicKey ? utils.parseKey(options.publicKey) : null;
  const rootReal = fs.realpathSync(options.root);

  // Maps a client path to a local path inside the root, or null when it points outside.
  const resolve = (p: string): string | null => {
    const normal = path.posix.normalize(`/${p}`);
    let rel: string;
    if (virtualRoot === "/") rel = normal;
    else if (normal === virtualRoot || normal.startsWith(`${virtualRoot}/`)) rel = normal.slice(virtualRoot.length) || "/";
    else if (virtualRoot.startsWith(`${normal === "/" ? "" : normal}/`) || normal === "/") return null;
    else return null;
    const local = path.join(rootReal, rel);
    return local === rootReal || local.startsWith(rootReal + path.sep) ? local : null;
  };

  const clients = new Set<ssh2.Connection>();
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    clients.add(client);
    (client as unknown as { setNoDelay: (on: boolean) => void }).setNoDelay(true); // small request/response packets: Nagle plus delayed ACKs would add ~40 ms to each
    client.on("close", () => clients.delete(client));
    client.on("error", () => {});
    client.on("authentication", (ctx) => {
      if (ctx.username !== options.username) return ctx.reject();
      if (ctx.method === "password" && options.password !== undefined && ctx.password === options.password) return ctx.accept();
      if (ctx.method === "publickey" && allowedKey && !(allowedKey instanceof Error)) {
        const k = allowedKey as ssh2.ParsedKey;
        if (ctx.key.algo !== k.type || !k.getPublicSSH().equals(ctx.key.data)) return ctx.reject();
        if (!ctx.signature) return ctx.accept();
        if (k.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
      }
      ctx.reject();
    });
    client.on("ready", () => {
      client.on("session", (accept) => {
        const session = accept();
        session.on("sftp", (acceptSftp) => {
          const sftp = acceptSftp();
          const handles = new Map<number, { fd?: number; dir?: string; entries?: { filename: string; longname: string; attrs: ssh2.Attributes }[] }>();
          let next = 1;
          const handleOf = (buf: Buffer) => (buf.length === 4 ? handles.get(buf.readUInt32BE(0)) : undefined);
          const newHandle = (h: { fd?: number; dir?: string }) => {
            const id = next++;
            handles.set(id, h);
            const b = Buffer.alloc(4);
            b.writeUInt32BE(id, 0);
            return b;
          };
          const attrs = (st: fs.Stats) => ({ mode: st.mode, uid: st.uid, gid: st.gid, size: st.size, atime: Math.floor(st.atimeMs / 1000), mtime: Math.floor(st.mtimeMs / 1000) });
          const deny = (reqid: number) => sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED);

          sftp.on("OPEN", (reqid, filename, flags) => {
            if (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC)) return deny(reqid);
            const local = resolve(filename);
            if (!local) return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
            fs.open(local, "r", (err, fd) => (err ? sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE) : sftp.handle(reqid, newHandle({ fd }))));
          });
          sftp.on("READ", (reqid, handle, offset, length) => {
            const h = handleOf(handle);
            if (h?.fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
            const buf = Buffer.alloc(length);
            fs.read(h.fd, buf, 0, length, offset, (err, n) => {
              if (err) return sftp.status(reqid, STATUS_CODE.FAILURE);
              if (n === 0) return sftp.status(reqid, STATUS_CODE.EOF);
              sftp.data(reqid, buf.subarray(0, n));
            });
          });
          sftp.on("FSTAT", (reqid, handle) => {
            const h = handleOf(handle);
            if (h?.fd === undefined) return sftp.status(reqid, STATUS_CODE.FAILURE);
            fs.fstat(h.fd, (err, st) => (err ? sftp.status(reqid, STATUS_CODE.FAILURE) : sftp.attrs(reqid, attrs(st))));
          });
          const stat = (reqid: number, p: string) => {
            const local = resolve(p);
            if (!local) return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
            fs.stat(local, (err, st) => (err ? sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE) : sftp.attrs(reqid, attrs(st))));
          };
          sftp.on("STAT", stat);
          sftp.on("LSTAT", stat);
          sftp.on("REALPATH", (reqid, p) => {
            const normal = path.posix.normalize(p === "." || p === "" ? virtualRoot : p.startsWith("/") ? p : `${virtualRoot}/${p}`);
            sftp.name(reqid, [{ filename: normal, longname: normal, attrs: {} as never }]);
          });
          sftp.on("OPENDIR", (reqid, p) => {
            const local = resolve(p);
            if (!local) return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
            fs.stat(local, (err, st) => (err || !st.isDirectory() ? sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE) : sftp.handle(reqid, newHandle({ dir: local }))));
          });
          // Entries go out in slices: one SFTP packet may not exceed 256 KiB, and a folder can hold thousands of files.
          sftp.on("READDIR", (reqid, handle) => {
            const h = handleOf(handle);
            if (!h?.dir) return sftp.status(reqid, STATUS_CODE.FAILURE);
            const send = () => {
              const slice = h.entries!.splice(0, 200);
              if (!slice.length) return sftp.status(reqid, STATUS_CODE.EOF);
              sftp.name(reqid, slice);
            };
            if (h.entries) return send();
            fs.readdir(h.dir, { withFileTypes: true }, (err, entries) => {
              if (err) return sftp.status(reqid, STATUS_CODE.FAILURE);
              h.entries = entries.flatMap((e) => {
                try {
                  const st = fs.statSync(path.join(h.dir!, e.name));
                  return [{ filename: e.name, longname: `${st.isDirectory() ? "d" : "-"}r--r--r-- 1 cdr cdr ${st.size} Jan 1 00:00 ${e.name}`, attrs: attrs(st) }];
                } catch {
                  return []; // removed while listing
                }
              });
              send();
            });
          });
          sftp.on("CLOSE", (reqid, handle) => {
            const id = handle.length === 4 ? handle.readUInt32BE(0) : -1;
            const h = handles.get(id);
            handles.delete(id);
            if (h?.fd !== undefined) fs.close(h.fd, () => sftp.status(reqid, STATUS_CODE.OK));
            else sftp.status(reqid, h ? STATUS_CODE.OK : STATUS_CODE.FAILURE);
          });
          for (const op of ["WRITE", "REMOVE", "RENAME", "MKDIR", "RMDIR", "SETSTAT", "FSETSTAT", "SYMLINK"] as const) {
            sftp.on(op, (reqid: number) => deny(reqid));
          }
        });
      });
    });
  });

  await new Promise<void>((res, rej) => {
    server.once("error", rej);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => res());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((res) => {
      server.close(() => res());
      clients.forEach((c) => c.end()); // so that close() does not wait for connected clients
    }),
  };
}

/** A TCP server that accepts connections and never says a word: what a hung SFTP server looks like. */
export async function startSilentServer(): Promise<SftpServerHandle> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => { sockets.add(s); s.on("error", () => {}); s.on("close", () => sockets.delete(s)); });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", () => res()));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((res) => { sockets.forEach((s) => s.destroy()); server.close(() => res()); }),
  };
}
