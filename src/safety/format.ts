/**
 * How the safety screens write times and sizes: in the chosen language (src/i18n), so an English
 * message never carries a Japanese date.
 */
export { formatDateTime as formatLocalTime, formatBytes } from '../i18n';
