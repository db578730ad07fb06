import fs from "node:fs";
import SftpClient from "ssh2-sftp-client";

/** Where a provider drops its CDR files. */
export type SftpSource = {
  /** the name files are registered under: the same relative path under the same source is the same file */
  name: string;
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKeyPath?: string;
  root: string;
  /** every SFTP operation (connect, list, get, end) gives up after this long */
  timeoutMs: number;
};

export class SftpTimeoutError extends Error {}

/** Runs an SFTP operation with a deadline; on expiry the connection is torn down so nothing keeps waiting. */
export async function withTimeout<T>(what: string, ms: number, op: Promise<T>, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { onTimeout(); reject(new SftpTimeoutError(`SFTP ${what} timed out after ${ms} ms`)); }, ms);
  });
  try {
    return await Promise.race([op, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export type SftpSession = {
  list(dir: string): Promise<SftpClient.FileInfo[]>;
  download(remotePath: string, localPath: string): Promise<void>;
  end(): Promise<void>;
};

export async function openSftp(source: SftpSource): Promise<SftpSession> {
  const client = new SftpClient(`collector:${source.name}`);
  const kill = () => { void client.end().catch(() => {}); (client as unknown as { client?: { destroy?: () => void } }).client?.destroy?.(); };
  const t = <T>(what: string, op: Promise<T>) => withTimeout(what, source.timeoutMs, op, kill);
  await t(`connect to ${source.host}:${source.port}`, client.connect({
    host: source.host, port: source.port, username: source.username, password: source.password,
    privateKey: source.privateKeyPath ? fs.readFileSync(source.privateKeyPath) : undefined,
    readyTimeout: source.timeoutMs + 1000, retries: 0, // our deadline speaks first, with one kind of error
  }));
  (client as unknown as { client?: { setNoDelay?: (on: boolean) => void } }).client?.setNoDelay?.(true); // see sftp-server.ts
  return {
    list: (dir) => t(`list ${dir}`, client.list(dir)),
    download: async (remotePath, localPath) => { await t(`get ${remotePath}`, client.fastGet(remotePath, localPath, { concurrency: 4 })); },
    end: async () => { await t("end", client.end()).catch(() => kill()); },
  };
}
