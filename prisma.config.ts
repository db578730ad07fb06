import "dotenv/config";
import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env by itself. Migrations run through `npm run cli -- db migrate` (offline WebAssembly engine).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
