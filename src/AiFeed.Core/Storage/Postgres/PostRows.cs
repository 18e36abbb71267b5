using AiFeed.Model;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// A post as a row of aifeed_posts: the document (everything but the HTML), the HTML, and the
/// columns queries filter, order and search on. One mapping for the store's writes and copy-store.
/// Posts are read without their HTML (whether they have any is <see cref="HasHtml"/>, which
/// compares lengths without fetching it); <see cref="LoadHtml"/> reads it for the posts a page shows.
/// </summary>
internal static class PostRows
{
    /// <summary>Whether a row has HTML: NULL (how a post without HTML is written) and '' (rows written before) are none.</summary>
    public const string HasHtml = "(content_html IS NOT NULL AND content_html <> '')";

    public const string Columns = "doc, " + HasHtml;

    private const string Upsert = """
        INSERT INTO aifeed_posts (id, source_id, story_id, sort_key, lead_key, sources, tags, story_keys, title_key, text_bands,
                                  revision, written, title, summary, author, doc, content_html)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, nextval('aifeed_post_writes'), $12, $13, $14, $15::json, $16)
        ON CONFLICT (id) DO UPDATE SET
            source_id = excluded.source_id, story_id = excluded.story_id, sort_key = excluded.sort_key, lead_key = excluded.lead_key,
            sources = excluded.sources, tags = excluded.tags, story_keys = excluded.story_keys, title_key = excluded.title_key,
            text_bands = excluded.text_bands, revision = excluded.revision, written = excluded.written, title = excluded.title,
            summary = excluded.summary, author = excluded.author, doc = excluded.doc,
            -- A post read without its HTML ($17 false) keeps the stored HTML; one written with it replaces or removes it.
            content_html = CASE WHEN $17 THEN excluded.content_html ELSE aifeed_posts.content_html END
        """;

    /// <summary>The HTML of the posts with these ids that have some.</summary>
    public const string LoadHtml = "SELECT id, content_html FROM aifeed_posts WHERE id = ANY($1) AND " + HasHtml;

    // The words of what was just written join the vocabulary typos are corrected against; in word
    // order, so two nodes adding the same words never wait on each other in a cycle.
    private const string AddWords = """
        INSERT INTO aifeed_search_words (word)
        SELECT DISTINCT unnest(tsvector_to_array(search)) FROM aifeed_posts WHERE id = ANY($1) ORDER BY 1
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Adds the upsert of each post (in order: a post named twice keeps its last version) and the vocabulary update.</summary>
    public static void AddWrites(NpgsqlBatch batch, IEnumerable<Post> posts)
    {
        var ids = new List<string>();
        foreach (var post in posts)
        {
            ids.Add(post.Id);
            var sources = post.Sources.Count > 0 ? post.Sources : [post.SourceId];
            batch.BatchCommands.Add(Sql.Command(
                Upsert,
                post.Id,
                post.SourceId,
                post.ClusterId.Length > 0 ? post.ClusterId : post.Id,
                post.SortKey,
                post.LeadKey,
                sources.Distinct(StringComparer.Ordinal).ToArray(),
                post.Tags.ToArray(),
                post.StoryKeys.Concat(post.Links).Distinct(StringComparer.Ordinal).ToArray(),
                post.TitleKey,
                post.TextBands.Distinct(StringComparer.Ordinal).ToArray(),
                post.Revision,
                Text(post.Title),
                Text(post.Summary),
                Text(post.Author ?? ""),
                StoreJson.Write(post),
                post.ContentLoaded && post.ContentHtml is { Length: > 0 } html ? html : DBNull.Value,
                post.ContentLoaded));
        }

        if (ids.Count > 0)
        {
            batch.BatchCommands.Add(Sql.Command(AddWords, (object)ids.ToArray()));
        }
    }

    /// <summary>The post of a row read as <see cref="Columns"/> from <paramref name="first"/>.</summary>
    public static Post Read(NpgsqlDataReader reader, int first = 0)
    {
        var post = StoreJson.Read<Post>(reader.GetString(first));
        post.ContentNotLoaded(hasContent: reader.GetBoolean(first + 1));
        return post;
    }

    // PostgreSQL text cannot hold NUL; the searchable copies drop it (the document keeps it).
    private static string Text(string value) => value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value;
}
