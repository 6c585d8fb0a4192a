/** The ledger key of the reconciler's watermark: no finding id looks like it, and it has no `state`, so queries skip it. */
const WATERMARK_KEY = 'reconcile#watermark';

export { WATERMARK_KEY };
