using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    private const string StoryRecordsKey = "story-records";

    private bool StoryRecordsMigrated()
    {
        using var gate = context.Gate.EnterScope();
        return context.Metadata.FindById(StoryRecordsKey) is not null;
    }

    /// <summary>
    /// Once per store: a store written before story records has multi-post stories only as posts
    /// sharing a ClusterId. Each gets its record; a record written since (by a poll meanwhile) stands.
    /// </summary>
    private void MigrateStoryRecords(List<Post> joined, Dictionary<string, Post> founders)
    {
        var records = new List<StoryRecord>();
        foreach (var story in joined.GroupBy(p => p.ClusterId, StringComparer.Ordinal))
        {
            var members = story.ToList();
            if (founders.TryGetValue(story.Key, out var founder))
            {
                members.Add(founder);
            }

            members = [.. members.OrderBy(p => p.SortAt).ThenBy(p => p.Id, StringComparer.Ordinal)];
            var anchor = members[0];
            records.Add(new StoryRecord
            {
                Id = story.Key,
                Members = [.. members.Select(p => p.Id)],
                AnchorId = anchor.Id,
                LeadId = members.FirstOrDefault(p => p.LeadKey.Length > 0)?.Id ?? anchor.Id,
                Keys = [.. members.SelectMany(p => p.StoryKeys).Distinct(StringComparer.Ordinal)],
                TitleKey = anchor.TitleKey,
                TextHash = anchor.TextHash,
                Links = anchor.Links,
            });
        }

        using var gate = context.Gate.EnterScope();
        context.Database.BeginTrans();
        try
        {
            foreach (var record in records)
            {
                if (context.Stories.FindById(record.Id) is null)
                {
                    context.Stories.Insert(record);
                }
            }

            context.Metadata.Upsert(new BsonDocument { ["_id"] = StoryRecordsKey, ["value"] = "1" });
            context.Database.Commit();
        }
        catch
        {
            context.Database.Rollback();
            throw;
        }
    }
}
