export {
  type CompiledSql,
  compileSql,
  DECISION_COLUMNS,
  defaultColumn,
  type SqlOptions,
} from './compile-sql.ts';
export { SQL_DIALECTS, type SqlDialectName } from './dialect.ts';
export { SqlRefusedError } from './normalize-sql.ts';
