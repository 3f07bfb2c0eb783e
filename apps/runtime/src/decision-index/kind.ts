import type { DbKind } from '../sqlite-thread/kind.ts';
import { IndexCtx } from './context.ts';
import { eraseIndexed, getIndexed, listIndexed } from './query.ts';
import { catchUp, newestUpTo } from './tail.ts';

/** The decision index (index.sqlite beside the log's files) in the process's SQLite thread; its client is decision-index.ts. */
export const decisionIndexKind: DbKind<IndexCtx> = {
  open: (file) => new IndexCtx(file),
  ops: {
    catchUp: (ctx, _now, dir, maxLines) => catchUp(ctx, dir, maxLines),
    newestUpTo: (ctx, _now, dir, sizes) => newestUpTo(ctx, dir, sizes),
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
