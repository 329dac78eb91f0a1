#!/usr/bin/env node
// Placeholder until the runtime issue lands the real bundler.
console.error('build: nothing to build yet');
