/** The workbench module's public face (a read-only aggregator of the other modules' to-do counts). Import only this file from outside the module. */
export { registerRoutes } from './routes.js';
export { workbench } from './service.js';
export { TODO_KINDS, TODOS_BY_ROLE, todoLink, todosFor } from './rules.js';
export type { TodoKind } from './rules.js';
export type { Todo, Workbench } from './schemas.js';
