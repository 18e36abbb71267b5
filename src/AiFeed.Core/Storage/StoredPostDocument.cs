using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// A post's document as the store's BsonMapper writes it, built by hand: the same fields in the same
/// order (the id in <c>_id</c> first, then every stored member in declaration order, null members
/// left out, the HTML as its marker only, <see cref="StoredHtml"/>), so the bytes LiteDB stores are
/// the mapper's. The single writer turned every post into a document through the mapper, which
/// looks up each member's type and list item type by reflection per value: the largest part of a
/// post's insert after LiteDB's own index walk (decision 0066). <see cref="Read"/> is the mapper's
/// read of such a document, by hand too: building the mapper's post mapping compiled a getter and a
/// setter per member, which a one-shot poll that reads a few stored posts paid for (decision 0071).
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

    /// <summary>
    /// The post BsonMapper reads from <paramref name="document"/>: a member whose field is absent keeps
    /// its default, a BSON null sets it to null, values are taken as stored (no conversion, as the
    /// mapper does for BSON's own types), the HTML field is its marker (<see cref="StoredHtml.Restore"/>).
    /// </summary>
    public static Post Read(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var post = new Post { Id = "", SourceId = "", Title = "" };
        post.ContentNotLoaded(hasContent: false);
        // Looked up by name as the mapper looks its members' fields up (LiteDB's documents ignore case).
        if (document.TryGetValue("_id", out var value)) post.Id = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.SourceId), out value)) post.SourceId = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.Title), out value)) post.Title = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.Url), out value)) post.Url = (string?)value.RawValue;
        if (document.TryGetValue(nameof(Post.PublishedAt), out value)) post.PublishedAt = (DateTime?)value.RawValue;
        if (document.TryGetValue(nameof(Post.FirstSeenAt), out value)) post.FirstSeenAt = (DateTime)value.RawValue;
        if (document.TryGetValue(nameof(Post.UpdatedAt), out value)) post.UpdatedAt = (DateTime)value.RawValue;
        if (document.TryGetValue(nameof(Post.ModifiedAt), out value)) post.ModifiedAt = (DateTime?)value.RawValue;
        if (document.TryGetValue(nameof(Post.SortAt), out value)) post.SortAt = (DateTime)value.RawValue;
        if (document.TryGetValue(nameof(Post.Author), out value)) post.Author = (string?)value.RawValue;
        if (document.TryGetValue(nameof(Post.Summary), out value)) post.Summary = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.ContentHtml), out value)) StoredHtml.Restore(post, value);
        if (document.TryGetValue(nameof(Post.ImageUrl), out value)) post.ImageUrl = (string?)value.RawValue;
        if (document.TryGetValue(nameof(Post.Categories), out value)) post.Categories = Strings(value)!;
        if (document.TryGetValue(nameof(Post.Tags), out value)) post.Tags = Strings(value)!;
        if (document.TryGetValue(nameof(Post.AlsoIn), out value)) post.AlsoIn = AlsoInList(value)!;
        if (document.TryGetValue(nameof(Post.Sources), out value)) post.Sources = Strings(value)!;
        if (document.TryGetValue(nameof(Post.SortKey), out value)) post.SortKey = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.RawHash), out value)) post.RawHash = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.ClusterId), out value)) post.ClusterId = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.LeadKey), out value)) post.LeadKey = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.StoryKeys), out value)) post.StoryKeys = Strings(value)!;
        if (document.TryGetValue(nameof(Post.TitleKey), out value)) post.TitleKey = (string)value.RawValue;
        if (document.TryGetValue(nameof(Post.TextHash), out value)) post.TextHash = (long)value.RawValue;
        if (document.TryGetValue(nameof(Post.TextBands), out value)) post.TextBands = Strings(value)!;
        if (document.TryGetValue(nameof(Post.FirstParty), out value)) post.FirstParty = (bool)value.RawValue;
        if (document.TryGetValue(nameof(Post.Links), out value)) post.Links = Strings(value)!;
        if (document.TryGetValue(nameof(Post.TextRepeated), out value)) post.TextRepeated = (bool)value.RawValue;
        if (document.TryGetValue(nameof(Post.DateUnknown), out value)) post.DateUnknown = (bool)value.RawValue;
        if (document.TryGetValue(nameof(Post.Revision), out value)) post.Revision = (long)value.RawValue;
        return post;
    }

    /// <summary>A list of strings as the mapper reads it: null for a BSON null, each item as stored (nulls kept).</summary>
    internal static List<string>? Strings(BsonValue value) => ListOf(value, static item => (string)item.RawValue);

    // The mapper makes an item with its parameterless constructor and sets the fields present.
    private static List<AlsoIn>? AlsoInList(BsonValue value) => ListOf(value, static item => item.IsNull
        ? null!
        : new AlsoIn
        {
            SourceId = item.AsDocument.TryGetValue(nameof(AlsoIn.SourceId), out var source) ? (string)source.RawValue : null!,
            Url = item.AsDocument.TryGetValue(nameof(AlsoIn.Url), out var url) ? (string)url.RawValue : null!,
        });

    // A list as the mapper reads it: null for a BSON null, else every item read in order.
    private static List<T>? ListOf<T>(BsonValue value, Func<BsonValue, T> read)
    {
        if (value.IsNull)
        {
            return null;
        }

        var array = value.AsArray;
        var list = new List<T>(array.Count);
        foreach (var item in array)
        {
            list.Add(read(item));
        }

        return list;
    }

    private static BsonDocument Of(AlsoIn item)
    {
        var document = new BsonDocument();
        Put(document, nameof(AlsoIn.SourceId), item.SourceId);
        Put(document, nameof(AlsoIn.Url), item.Url);
        return document;
    }

    // The mapper leaves a null member out (SerializeNullValues is off) and keeps strings as they are.
    internal static void Put(BsonDocument document, string name, string? value)
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
    internal static void Put(BsonDocument document, string name, List<string>? values)
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
