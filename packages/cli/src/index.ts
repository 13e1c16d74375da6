export { defineConfig, type StrataConfig } from './config/strata-config.js';
export { findConfig, loadConfig, type LoadedConfig } from './config/load-config.js';
export { CliError } from './errors/cli-error.js';
export { createProgram, main } from './program.js';
