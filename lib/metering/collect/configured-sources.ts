import { env } from "../../env";
import type { SftpSource } from "./sftp-source";

/** The SFTP source given by the environment (SFTP_HOST etc.), or none. */
export function configuredSources(): SftpSource[] {
  if (!env.SFTP_HOST) return [];
  if (!env.SFTP_USERNAME) throw new Error("SFTP_HOST is set but SFTP_USERNAME is not");
  if (!env.SFTP_PASSWORD && !env.SFTP_PRIVATE_KEY_PATH) throw new Error("set SFTP_PASSWORD or SFTP_PRIVATE_KEY_PATH for the SFTP collector");
  return [{
    name: env.SFTP_SOURCE, host: env.SFTP_HOST, port: env.SFTP_PORT, username: env.SFTP_USERNAME, password: env.SFTP_PASSWORD,
    privateKeyPath: env.SFTP_PRIVATE_KEY_PATH, root: env.SFTP_ROOT, timeoutMs: env.SFTP_TIMEOUT_MS,
  }];
}
