/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its data files from its own package directory; bundling breaks that. The
  // logger and the metrics registry are shared with the custom server (lib/singleton.ts), so
  // Next loads the same copies of pino and prom-client from node_modules.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg', 'pino', 'prom-client'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
