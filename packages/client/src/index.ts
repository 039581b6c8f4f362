export { GalleyClient, type GalleyClientOptions, type ReadOptions } from './client.js';
export { GalleyError } from './errors.js';
export { renderContent, renderTemplate, type RenderResult, type VariableError } from './render.js';
export type * from './types.js';
