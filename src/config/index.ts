/** Config files, their validation, and the settings each linted file gets. */
export { ConfigError, type ConfigIssue } from './errors.js';
export { CONFIG_FILE_NAMES, CONFIG_KEYS, DEFAULT_TARGET_VERSION, TARGET_VERSIONS, type TargetVersion } from './keys.js';
export { SettingsResolver, type ConfigMode, type Exclusion } from './resolve.js';
export type { CliSettings, FileSettings, Origin, ScopeSettings } from './settings.js';
export { formatShownSettings, showSettings, type ShownSettings } from './show-settings.js';
