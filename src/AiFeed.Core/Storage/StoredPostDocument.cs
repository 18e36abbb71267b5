using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// A post's document as the store's BsonMapper writes it, built by hand: the same fields in the same
/// order (the id in <c>_id</c> first, then every stored member in declaration order, null members
/// left out, the HTML as its marker only, <see cref="StoredHtml"/>), so the bytes LiteDB stores are
/// the mapper's. The single writer turned every post into a document through the mapper, which
/// looks up each member's type and list item type by reflection per value: the largest part of a
/// post's insert after LiteDB's own index walk (decision 0066). Reads keep the mapper.
/// </summary>
internal static class StoredPostDocument
{
    public static BsonDocument Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var document = new BsonDocument { ["_id"] = post.Id };
        Put(document, nameof(Post.SourceId), post.SourceId);
        Put(document, nameof(Post.Title), post.Title);
        Put(document, nameof(Post.Url), post.Url);
        Put(document, nameof(Post.PublishedAt), post.PublishedAt);
        document[nameof(Post.FirstSeenAt)] = post.FirstSeenAt;
        document[nameof(Post.UpdatedAt)] = post.UpdatedAt;
        Put(document, nameof(Post.ModifiedAt), post.ModifiedAt);
        document[nameof(Post.SortAt)] = post.SortAt;
        Put(document, nameof(Post.Author), post.Author);
        Put(document, nameof(Post.Summary), post.Summary);
        if (post.HasContent)
        {
            document[nameof(Post.ContentHtml)] = true;
        }

        Put(document, nameof(Post.ImageUrl), post.ImageUrl);
        Put(document, nameof(Post.Categories), post.Categories);
        Put(document, nameof(Post.Tags), post.Tags);
        if (post.AlsoIn is { } alsoIn)
        {
            var array = new BsonArray();
            foreach (var item in alsoIn)
            {
                array.Add(item is null ? BsonValue.Null : Of(item));
            }

            document[nameof(Post.AlsoIn)] = array;
        }

        Put(document, nameof(Post.Sources), post.Sources);
        Put(document, nameof(Post.SortKey), post.SortKey);
        Put(document, nameof(Post.RawHash), post.RawHash);
        Put(document, nameof(Post.ClusterId), post.ClusterId);
        Put(document, nameof(Post.LeadKey), post.LeadKey);
        Put(document, nameof(Post.StoryKeys), post.StoryKeys);
        Put(document, nameof(Post.TitleKey), post.TitleKey);
        document[nameof(Post.TextHash)] = post.TextHash;
        Put(document, nameof(Post.TextBands), post.TextBands);
        document[nameof(Post.FirstParty)] = post.FirstParty;
        Put(document, nameof(Post.Links), post.Links);
        document[nameof(Post.TextRepeated)] = post.TextRepeated;
        document[nameof(Post.DateUnknown)] = post.DateUnknown;
        document[nameof(Post.Revision)] = post.Revision;
        return document;
    }

    private static BsonDocument Of(AlsoIn item)
    {
        var document = new BsonDocument();
        Put(document, nameof(AlsoIn.SourceId), item.SourceId);
        Put(document, nameof(AlsoIn.Url), item.Url);
        return document;
    }

    // The mapper leaves a null member out (SerializeNullValues is off) and keeps strings as they are.
    private static void Put(BsonDocument document, string name, string? value)
    {
        if (value is not null)
        {
            document[name] = value;
        }
    }

    private static void Put(BsonDocument document, string name, DateTime? value)
    {
        if (value is { } date)
        {
            document[name] = date;
        }
    }

    // A list's null items stay as BSON nulls, as the mapper writes them.
    private static void Put(BsonDocument document, string name, List<string>? values)
    {
        if (values is null)
        {
            return;
        }

        var array = new BsonArray();
        foreach (var value in values)
        {
            array.Add(value is null ? BsonValue.Null : new BsonValue(value));
        }

        document[name] = array;
    }
}
