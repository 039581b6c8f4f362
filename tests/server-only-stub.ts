// Test-only: 'server-only' guards bundles, not Node test processes.
export {};
