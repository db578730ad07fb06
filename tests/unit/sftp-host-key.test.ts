// The in-process SFTP server's host key: ssh2 generates ed25519 keys it cannot parse about once in 256 times,
// which made a test server (and the demo's) fail to start now and then.
import ssh2 from "ssh2";
import { expect, test } from "vitest";
import { parseableHostKey } from "../../lib/metering/collect/sftp-server";

test("every host key the SFTP server generates is one ssh2 can read (2,000 keys: a 1-in-256 failure would show)", () => {
  const unreadable = Array.from({ length: 2000 }, parseableHostKey).filter((key) => ssh2.utils.parseKey(key) instanceof Error);
  expect(unreadable).toEqual([]);
});
