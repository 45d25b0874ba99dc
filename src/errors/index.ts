/**
 * Coded errors, imported by every layer: the codes, one class per error, the sentence and exit
 * code of each. A leaf: it imports nothing else of ours (test/unit/architecture/imports.test.ts).
 */
export * from './classes.js';
export * from './codes.js';
export * from './describe.js';
export * from './exit.js';
export * from './google.js';
