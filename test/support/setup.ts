// Loaded before every test file (see .mocharc.cjs).
process.env.TZ = process.env.TZ ?? 'UTC';
