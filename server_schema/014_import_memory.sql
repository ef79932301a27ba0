-- 014 import memory: finish_import runs with room to sort and hash a large batch in memory
-- and without JIT. Measured on a million-row first load (2 cores): the natural keys' sort and
-- the duplicate check went to disk in external merges under the default work_mem, and JIT
-- compiled the two largest statements for a single execution each.
-- Function-level settings apply only while the function runs and end with it.

SET LOCAL ROLE scribe_owner;

ALTER FUNCTION scribe.finish_import(bigint, integer)
    SET work_mem = '256MB'
    SET jit = off;

RESET ROLE;
