/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its data files from its own package directory; bundling breaks that.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
