// Files are rated with the catalog as it was when their transaction began. A price published meanwhile is
// applied by the re-rating that follows it, which must therefore see those files' records: it takes this lock
// exclusively, so it waits for every file in flight (they hold it shared) and files that start after it wait.
const KEY = "hashtext('usage-rating')";

export const RATING_SHARED_LOCK = `pg_advisory_xact_lock_shared(${KEY})`;
export const RATING_EXCLUSIVE_LOCK = `pg_advisory_lock(${KEY})`;
export const RATING_EXCLUSIVE_UNLOCK = `pg_advisory_unlock(${KEY})`;
