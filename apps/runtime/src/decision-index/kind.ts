import type { DbKind } from '../sqlite-thread/kind.ts';
import { IndexCtx } from './context.ts';
import { eraseIndexed, getIndexed, listIndexed } from './query.ts';
import { catchUp, newestIndexed } from './tail.ts';

/** The decision index (index.sqlite beside the log's files) in the process's SQLite thread; its client is decision-index.ts. */
export const decisionIndexKind: DbKind<IndexCtx> = {
  open: (file) => new IndexCtx(file),
  ops: {
    catchUp: (ctx, _now, dir, maxLines, upTo) => catchUp(ctx, dir, maxLines, upTo),
    newest: (ctx) => newestIndexed(ctx),
    list: (ctx, _now, filter, cursor, limit) => listIndexed(ctx, filter, cursor, limit),
    get: (ctx, _now, id) => getIndexed(ctx, id),
    erase: (ctx, _now, values) => eraseIndexed(ctx, values),
  },
  erased: (ctx) => {
    const deleted = ctx.deleted;
    ctx.deleted = false;
    return deleted;
  },
  rolledBack: (ctx) => ctx.forgetFacets(),
};
