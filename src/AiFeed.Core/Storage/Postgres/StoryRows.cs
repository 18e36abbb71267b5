using AiFeed.Model;
using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>Story records as rows of aifeed_stories (the record as a document).</summary>
internal static class StoryRows
{
    private const string Upsert = """
        INSERT INTO aifeed_stories (id, revision, doc) VALUES ($1, $2, $3::json)
        ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, doc = excluded.doc
        """;

    public static void AddWrites(NpgsqlBatch batch, IEnumerable<StoryRecord> stories, IReadOnlyCollection<string> removedIds)
    {
        foreach (var story in stories)
        {
            batch.BatchCommands.Add(Sql.Command(Upsert, story.Id, story.Revision, StoreJson.Write(story)));
        }

        if (removedIds.Count > 0)
        {
            batch.BatchCommands.Add(Sql.Command("DELETE FROM aifeed_stories WHERE id = ANY($1)", (object)removedIds.ToArray()));
        }
    }
}
