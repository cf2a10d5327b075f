// Loaded before every test file (see .mocharc.json).
process.env.TZ = process.env.TZ ?? 'UTC';
