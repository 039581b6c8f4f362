export { GalleyClient, type GalleyClientOptions, type ReadOptions } from './client.js';
export { GalleyError } from './errors.js';
export {
  renderContent,
  renderTemplate,
  type PlaceholderError,
  type PlaceholderMessages,
  type RenderResult,
  type VariableError,
} from './render.js';
export type * from './types.js';
