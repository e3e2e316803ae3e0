import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (generate; migrate status where Prisma's engines are installed).
// The app applies prisma/migrations itself: see lib/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/lateral" },
});
