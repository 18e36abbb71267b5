using LiteDB;

namespace AiFeed.Storage;

/// <summary>IMetadataStore over a LiteDB collection of key/value documents.</summary>
public sealed class LiteDbMetadataStore(LiteDbContext context) : IMetadataStore
{
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        var doc = context.Metadata.FindById(key);
        return Task.FromResult(doc is null ? null : doc["value"].AsString);
    }

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.EnterWrite();
        context.Metadata.Upsert(new BsonDocument { ["_id"] = key, ["value"] = value });
        return Task.CompletedTask;
    }
}
