-- The store: every collection of the LiteDB file as a table. Keys and lists compare byte-wise
-- (COLLATE "C"), like LiteDB's ordinal collation, so cursors and id order agree across providers.
-- Times that must round-trip exactly (.NET ticks, 100 ns) are bigint ticks or live in the json document.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- What full-text search indexes of a text: the text, with each dotted version number ("3.1")
-- followed by its major part ("3"), so "llama 3" finds "Llama 3.1" as the embedded index does.
CREATE FUNCTION aifeed_search_text(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace($1, '(?<![[:alnum:].])([0-9]+)((\.[0-9]+)+)(?![[:alnum:].])', '\1\2 \1', 'g');

-- Each write batch takes the next revision (Post.Revision, StoryRecord.Revision); each post row
-- the next write number: "newest written first" for story lookups.
CREATE SEQUENCE aifeed_revisions;
CREATE SEQUENCE aifeed_post_writes;

CREATE TABLE aifeed_posts (
    id text COLLATE "C" PRIMARY KEY,
    source_id text COLLATE "C" NOT NULL,
    -- ClusterId, or the post's own id when it has none: the story the collapsed view groups by.
    story_id text COLLATE "C" NOT NULL,
    sort_key text COLLATE "C" NOT NULL,
    lead_key text COLLATE "C" NOT NULL,
    -- Sources (SourceId and every alsoIn source), never empty.
    sources text[] COLLATE "C" NOT NULL,
    tags text[] COLLATE "C" NOT NULL,
    -- Exact story keys and outbound links, one key space (IStoryStore.FindByKeysAsync).
    story_keys text[] COLLATE "C" NOT NULL,
    title_key text COLLATE "C" NOT NULL,
    text_bands text[] COLLATE "C" NOT NULL,
    revision bigint NOT NULL,
    written bigint NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    author text NOT NULL,
    -- The whole post but its HTML, exactly as the model has it.
    doc json NOT NULL,
    content_html text,
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', aifeed_search_text(title)), 'A')
        || setweight(to_tsvector('english', aifeed_search_text(summary || ' ' || author)), 'D')) STORED
);

CREATE INDEX aifeed_posts_sort_key ON aifeed_posts (sort_key);
CREATE INDEX aifeed_posts_lead_key ON aifeed_posts (lead_key);
CREATE INDEX aifeed_posts_story_id ON aifeed_posts (story_id);
CREATE INDEX aifeed_posts_source_id ON aifeed_posts (source_id);
CREATE INDEX aifeed_posts_title_key ON aifeed_posts (title_key) WHERE title_key <> '';
CREATE INDEX aifeed_posts_sources ON aifeed_posts USING gin (sources);
CREATE INDEX aifeed_posts_tags ON aifeed_posts USING gin (tags);
CREATE INDEX aifeed_posts_story_keys ON aifeed_posts USING gin (story_keys);
CREATE INDEX aifeed_posts_text_bands ON aifeed_posts USING gin (text_bands);
CREATE INDEX aifeed_posts_search ON aifeed_posts USING gin (search);

-- The lexemes of every post ever indexed: where a search word with a typo finds its near
-- spellings (pg_trgm), without reading the posts.
CREATE TABLE aifeed_search_words (
    word text COLLATE "C" PRIMARY KEY
);
CREATE INDEX aifeed_search_words_trgm ON aifeed_search_words USING gin (word gin_trgm_ops);

CREATE TABLE aifeed_stories (
    id text COLLATE "C" PRIMARY KEY,
    revision bigint NOT NULL,
    doc json NOT NULL
);

-- A pause is an operator's: kept in its own columns, so a poll's write never undoes it.
CREATE TABLE aifeed_source_states (
    source_id text COLLATE "C" PRIMARY KEY,
    paused boolean NOT NULL,
    paused_at bigint,
    doc json NOT NULL
);

CREATE TABLE aifeed_metadata (
    key text COLLATE "C" PRIMARY KEY,
    value text NOT NULL
);

-- The current version of each newsletter issue (by date), and the versions regenerations replaced.
CREATE TABLE aifeed_newsletters (
    date text COLLATE "C" PRIMARY KEY,
    version integer NOT NULL,
    composed_at bigint NOT NULL,
    window_start bigint NOT NULL,
    window_end bigint NOT NULL,
    subject text NOT NULL,
    post_count integer NOT NULL,
    json text NOT NULL,
    html text NOT NULL,
    markdown text NOT NULL,
    body_text text NOT NULL
);

-- The same columns (LIKE copies them, not the key), keyed "date/vN".
CREATE TABLE aifeed_newsletter_versions (
    id text COLLATE "C" PRIMARY KEY,
    LIKE aifeed_newsletters
);
CREATE INDEX aifeed_newsletter_versions_date ON aifeed_newsletter_versions (date);

CREATE TABLE aifeed_subscribers (
    id text COLLATE "C" PRIMARY KEY,
    email text NOT NULL,
    email_key text COLLATE "C" NOT NULL UNIQUE,
    subscribed_at bigint NOT NULL,
    confirmed_at bigint,
    last_confirmation_mail_at bigint NOT NULL,
    confirmation_mails integer NOT NULL
);

CREATE TABLE aifeed_deliveries (
    id text COLLATE "C" PRIMARY KEY,
    date text COLLATE "C" NOT NULL,
    recipient text COLLATE "C" NOT NULL,
    state text NOT NULL,
    attempts integer NOT NULL,
    claimed_at bigint NOT NULL,
    sent_at bigint,
    error text
);
CREATE INDEX aifeed_deliveries_date ON aifeed_deliveries (date);
CREATE INDEX aifeed_deliveries_recipient ON aifeed_deliveries (recipient);
