-- Cluster nodes cache feed documents and API answers and drop them when posts are written. A write
-- by another node must drop them too: every statement that writes posts or stories notifies
-- 'aifeed_posts_written' (PostgreSQL sends it at commit, once per transaction), and every node
-- listens (Storage/Postgres/PostgresWriteListener.cs).
CREATE OR REPLACE FUNCTION aifeed_notify_posts_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('aifeed_posts_written', '');
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS aifeed_posts_written ON aifeed_posts;
CREATE TRIGGER aifeed_posts_written AFTER INSERT OR UPDATE OR DELETE ON aifeed_posts
    FOR EACH STATEMENT EXECUTE FUNCTION aifeed_notify_posts_written();

DROP TRIGGER IF EXISTS aifeed_stories_written ON aifeed_stories;
CREATE TRIGGER aifeed_stories_written AFTER INSERT OR UPDATE OR DELETE ON aifeed_stories
    FOR EACH STATEMENT EXECUTE FUNCTION aifeed_notify_posts_written();
