using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AiFeed.Model;
using AiFeed.Search;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>
/// q= on PostgreSQL's own full-text search: each clause through <c>websearch_to_tsquery</c> with the
/// English configuration; a word of 5+ letters that fewer than 3 posts have also matches its near
/// spellings (pg_trgm candidates within 1 edit, 2 from 8 letters); the word being typed also matches
/// as a prefix. Ranked by ts_rank (title weighted above summary and author, shorter texts first),
/// then newest; collapsed, a story matches through any of its posts and its lead is shown.
/// Highlights from ts_headline, facets by GROUP BY, all in the database.
/// </summary>
public sealed partial class PostgresPostStore
{
    internal const int FuzzyMinLength = 5;
    internal const int FuzzyTwoEditsLength = 8;
    internal const int FuzzyUnlessIn = 3;

    // Title (A) three times the summary and author (D); normalisation 1 divides by 1 + log(length).
    private const string Rank = "ts_rank('{0.33,0.33,0.33,1}', search, $1::tsquery, 1)";

    private const string TitleMarks = "StartSel=<mark>, StopSel=</mark>, HighlightAll=true";
    private const string SummaryMarks = "StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=\" … \"";

    /// <summary>
    /// Posts a search ranks at most before it stops reaching further back, <see cref="PostIndex.DefaultRankDepth"/>
    /// as the embedded index; smaller in tests, to reach it with a few hundred posts.
    /// </summary>
    internal int RankDepth { get; set; } = PostIndex.DefaultRankDepth;

    /// <summary>
    /// Unless <paramref name="exact"/>, only the newest <see cref="RankDepth"/> matching posts (or the
    /// page, if deeper) are ranked, grouped and counted: the date index read backwards with the
    /// tsquery as a filter for a common word, the GIN index and a top-N sort for a rare one (the
    /// planner picks by the word's statistics). A search that stopped short scales its total and
    /// facets by the store's time span over the window's (from the oldest post it ranked to the
    /// newest), and says they are estimates (<see cref="SearchOutcome.Exact"/> false).
    /// </summary>
    private async Task<PostPage> SearchAsync(PostQuery query, SearchText text, CancellationToken cancellationToken, bool exact = false)
    {
        var limit = PostOrder.Limit(query);
        var offset = PostOrder.SearchOffset(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        var tsquery = await TsQueryAsync(connection, query.Text!, text.Typing, cancellationToken);
        if (tsquery is null)
        {
            return new PostPage([], null, new SearchOutcome(0, new Dictionary<string, PostHighlight>(), [], []));
        }

        var values = new List<object?> { tsquery };
        var all = query with { After = null };
        // Collapsed, a story is found through any of its posts and filtered by its lead: the posts of
        // stories whose lead passes the filters, before the newest are taken.
        var leads = all.Expand || (all.Since is null && all.Until is null && all.Sources.Count == 0 && all.Tags.Count == 0)
            ? string.Empty
            : $" AND EXISTS (SELECT 1 FROM aifeed_posts WHERE story_id = p.story_id AND lead_key <> '' AND {Filter(all, "lead_key", values)})";
        var posts = all.Expand ? $" AND {Filter(all, "sort_key", values)}" : leads;
        var depth = Math.Max(RankDepth, offset + limit);
        values.Add(exact ? null : depth + 1);
        var bounded = $"""
            SELECT id, story_id, sort_key, source_id, tags, search FROM aifeed_posts p
            WHERE search @@ $1::tsquery{posts} ORDER BY sort_key DESC LIMIT ${values.Count}
            """;
        var matches = all.Expand
            ? $"SELECT id, sort_key AS at, ARRAY[source_id] AS facet_sources, tags, {Rank} AS score FROM b"
            : $"""
               SELECT l.id, l.sort_key AS at, l.sources AS facet_sources, l.tags, s.score
               FROM (SELECT story_id, max({Rank}) AS score FROM b GROUP BY story_id) s
               CROSS JOIN LATERAL (SELECT id, sort_key, lead_key, sources, tags FROM aifeed_posts l
                                   WHERE l.story_id = s.story_id AND l.lead_key <> '' ORDER BY l.lead_key DESC LIMIT 1) l
               WHERE {Filter(all, "lead_key", values)}
               """;
        values.Add(exact ? null : depth);
        var kept = values.Count;
        values.Add(limit);
        values.Add(offset);
        // 'w': whether the bound was reached, and where the window it read starts; 'o', 'y': the store's oldest and newest.
        var sql = $"""
            WITH f AS MATERIALIZED ({bounded}),
                 b AS MATERIALIZED (SELECT * FROM f ORDER BY sort_key DESC LIMIT ${kept}),
                 m AS MATERIALIZED ({matches})
            SELECT 'w', (SELECT min(sort_key) FROM b), CASE WHEN (SELECT count(*) FROM f) > ${kept} THEN 1::bigint ELSE 0 END
            UNION ALL SELECT 'o', min(sort_key), 0 FROM aifeed_posts
            UNION ALL SELECT 'y', max(sort_key), 0 FROM aifeed_posts
            UNION ALL SELECT 'n', NULL, count(*) FROM m
            UNION ALL (SELECT 'p', id, row_number() OVER (ORDER BY score DESC, at DESC) FROM m ORDER BY score DESC, at DESC LIMIT ${values.Count - 1} OFFSET ${values.Count})
            UNION ALL SELECT 't', tag, count(*) FROM m, unnest(m.tags) AS tag GROUP BY tag
            UNION ALL SELECT 's', source, count(*) FROM m, unnest(m.facet_sources) AS source GROUP BY source
            """;
        long total = 0;
        string? windowStart = null, oldest = null, newest = null;
        var stopped = false;
        var page = new List<(long Rank, string Id)>();
        var tags = new Dictionary<string, long>(StringComparer.Ordinal);
        var sources = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            foreach (var value in values)
            {
                command.Parameters.Add(Sql.Parameter(value));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt64(2);
                switch (reader.GetString(0))
                {
                    case "w":
                        windowStart = reader.IsDBNull(1) ? null : reader.GetString(1);
                        stopped = count > 0;
                        break;
                    case "o":
                        oldest = reader.IsDBNull(1) ? null : reader.GetString(1);
                        break;
                    case "y":
                        newest = reader.IsDBNull(1) ? null : reader.GetString(1);
                        break;
                    case "n":
                        total = count;
                        break;
                    case "p":
                        page.Add((count, reader.GetString(1)));
                        break;
                    case "t":
                        tags[reader.GetString(1)] = count;
                        break;
                    default:
                        sources[reader.GetString(1)] = count;
                        break;
                }
            }
        }

        var scale = stopped ? Scale(oldest, windowStart, newest) : 1;
        var ids = page.OrderBy(p => p.Rank).Select(p => p.Id).ToList();
        var (found, highlights) = await HighlightedAsync(connection, tsquery, ids, cancellationToken);
        var estimated = SearchEstimate.Scale(total, scale);
        return new PostPage(
            found,
            PostOrder.NextSearchCursor(offset, limit, estimated),
            new SearchOutcome(estimated, highlights, SearchEstimate.Facets(tags, scale), SearchEstimate.Facets(sources, scale), Exact: !stopped));
    }

    // The store's time span over the window's (from its oldest ranked post to the newest post): both
    // ends read from the date index, so the estimate costs two index probes, not a count.
    private static double Scale(string? oldest, string? windowStart, string? newest)
    {
        if (oldest is null || windowStart is null || newest is null)
        {
            return 1;
        }

        var newestTicks = Ticks(newest);
        return (double)Math.Max(1, newestTicks - Ticks(oldest)) / Math.Max(1, newestTicks - Ticks(windowStart));
    }

    // A sort key starts with its time: 19 digits of ticks.
    private static long Ticks(string sortKey) => long.Parse(sortKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture);

    // The page's posts in rank order, with their title and summary marked. The text is escaped
    // before ts_headline adds <mark>: the only markup in a highlight is the mark itself.
    private static async Task<(List<Post>, Dictionary<string, PostHighlight>)> HighlightedAsync(NpgsqlConnection connection, string tsquery, List<string> ids, CancellationToken cancellationToken)
    {
        var found = (await connection.QueryAsync(
            $"""
            SELECT {PostRows.Columns},
                   ts_headline('english', {Escaped("title")}, $1::tsquery, '{TitleMarks}'),
                   ts_headline('english', {Escaped("summary")}, $1::tsquery, '{SummaryMarks}')
            FROM aifeed_posts WHERE id = ANY($2)
            """,
            [tsquery, ids.ToArray()],
            reader => (Post: PostRows.Read(reader), Highlight: new PostHighlight(Marked(reader.GetString(2)), Marked(reader.GetString(3)))),
            cancellationToken)).ToDictionary(f => f.Post.Id, StringComparer.Ordinal);

        var posts = ids.Where(found.ContainsKey).Select(id => found[id].Post).ToList();
        return (posts, posts.ToDictionary(p => p.Id, p => found[p.Id].Highlight, StringComparer.Ordinal));
    }

    private static string Escaped(string column) =>
        $"replace(replace(replace(replace({column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '\"', '&quot;')";

    // ts_headline answers the text unmarked when the field did not match: that is no highlight.
    private static string? Marked(string headline) => headline.Contains("<mark>", StringComparison.Ordinal) ? headline : null;

    /// <summary>
    /// The tsquery of the text as typed, with words loosened; null when no clause has a searchable
    /// word (every word a stop word). Lexemes come from PostgreSQL (websearch_to_tsquery), so the
    /// text built here only joins what it returned.
    /// </summary>
    private static async Task<string?> TsQueryAsync(NpgsqlConnection connection, string text, string? typing, CancellationToken cancellationToken)
    {
        var groups = SearchClauses.Parse(text);
        var clauses = groups.SelectMany(g => g).ToList();
        var lexemes = await connection.QueryAsync(
            "SELECT websearch_to_tsquery('english', t)::text FROM unnest($1::text[]) WITH ORDINALITY AS c(t, o) ORDER BY o",
            [clauses.Select(c => c.Text).ToArray()],
            r => r.GetString(0),
            cancellationToken);

        var single = clauses.Select((c, i) => !c.Phrase && SingleLexeme().Match(lexemes[i]) is { Success: true } m ? m.Groups[1].Value : null).ToList();
        var fuzzy = clauses.Select((c, i) => !c.Negated && single[i] is { Length: >= FuzzyMinLength } word && word.All(char.IsAsciiLetterLower) ? word : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var near = fuzzy.Length > 0 ? await NearSpellingsAsync(connection, fuzzy, cancellationToken) : [];
        var last = clauses.Count - 1;
        var built = new List<string>();
        var index = 0;
        foreach (var group in groups)
        {
            var alternatives = new List<string>();
            foreach (var clause in group)
            {
                var i = index++;
                if (lexemes[i].Length == 0)
                {
                    continue;
                }

                var parts = new List<string> { lexemes[i] };
                if (single[i] is { } word)
                {
                    parts.AddRange(near.GetValueOrDefault(word, []).Select(Quote));
                    if (clause.Prefix || (i == last && typing is not null && !clause.Negated))
                    {
                        parts.Add(Quote(word) + ":*");
                    }
                }

                var joined = parts.Count == 1 ? parts[0] : $"( {string.Join(" | ", parts)} )";
                alternatives.Add(clause.Negated ? $"!( {joined} )" : joined);
            }

            if (alternatives.Count > 0)
            {
                built.Add(alternatives.Count == 1 ? alternatives[0] : $"( {string.Join(" | ", alternatives)} )");
            }
        }

        return built.Count == 0 ? null : string.Join(" & ", built);
    }

    // For each word few posts have, the indexed words within its edit budget that start with the
    // same letter: pg_trgm's index finds the candidates, levenshtein keeps the near ones.
    private static async Task<Dictionary<string, string[]>> NearSpellingsAsync(NpgsqlConnection connection, string[] words, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('pg_trgm.similarity_threshold', '0.1', true)"),
                Sql.Command(
                    """
                    SELECT w, ARRAY(SELECT s.word FROM aifeed_search_words s
                                    WHERE s.word % w AND s.word <> w AND left(s.word, 1) = left(w, 1)
                                      AND levenshtein(s.word, w) <= CASE WHEN length(w) >= $2 THEN 2 ELSE 1 END
                                    ORDER BY s.word)
                    FROM unnest($1::text[]) AS w
                    WHERE (SELECT count(*) FROM (SELECT 1 FROM aifeed_posts WHERE search @@ w::tsquery LIMIT $3) AS x) < $3
                    """,
                    words,
                    FuzzyTwoEditsLength,
                    FuzzyUnlessIn),
            },
        };
        var near = new Dictionary<string, string[]>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                near[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return near;
    }

    // A lexeme in tsquery text: quoted, with quotes and backslashes escaped.
    private static string Quote(string word) =>
        new StringBuilder("'").Append(word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString();

    [GeneratedRegex("^'([^'\\\\]+)'$", RegexOptions.CultureInvariant)]
    private static partial Regex SingleLexeme();
}
