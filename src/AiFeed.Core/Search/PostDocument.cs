using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// One post's index document (see <see cref="PostFields"/>). Only the id is stored; what a list
/// shows of the post is kept as binary doc values (<see cref="ListingCodec"/>), the rest is read
/// from the store.
/// </summary>
internal static class PostDocument
{
    public static Document Create(IndexedPost indexed)
    {
        var post = indexed.Post;
        var body = string.IsNullOrEmpty(post.Author) ? post.Summary : post.Summary + "\n" + post.Author;
        var at = PostFields.SortTicks(post.SortKey, post.SortAt);
        var doc = new Document
        {
            new StringField(PostFields.Id, post.Id, Field.Store.YES),
            new SortedDocValuesField(PostFields.Id, new BytesRef(post.Id)),
            new NumericDocValuesField(PostFields.HashOf(PostFields.Id), PostFields.Hash(post.Id)),
            new StringField(PostFields.Cluster, post.ClusterId.Length > 0 ? post.ClusterId : post.Id, Field.Store.NO),
            new TextField(PostFields.Title, post.Title, Field.Store.NO),
            new TextField(PostFields.Body, body, Field.Store.NO),
            new Int64Field(PostFields.At, at, Field.Store.NO),
            new NumericDocValuesField(PostFields.At, at),
        };

        if (ListingCodec.Encode(post) is { } listing)
        {
            doc.Add(new BinaryDocValuesField(PostFields.Listing, new BytesRef(listing)));
        }

        if (SearchAnalyzer.HasCjk(post.Title) || SearchAnalyzer.HasCjk(body))
        {
            doc.Add(new TextField(PostFields.TitleZh, post.Title, Field.Store.NO));
            doc.Add(new TextField(PostFields.BodyZh, body, Field.Store.NO));
        }

        AddKeys(doc, PostFields.StoryKey, post.StoryKeys.Concat(post.Links));
        AddKeys(doc, PostFields.TitleKey, post.TitleKey.Length > 0 ? [post.TitleKey] : []);
        AddKeys(doc, PostFields.TextBand, post.TextBands);
        doc.Add(new NumericDocValuesField(PostFields.Revision, post.Revision));
        AddKeywords(doc, PostFields.Source, [post.SourceId]);
        AddKeywords(doc, PostFields.Tag, post.Tags);
        if (post.LeadKey.Length > 0)
        {
            doc.Add(new StringField(PostFields.Lead, PostFields.Yes, Field.Store.NO));
        }

        if (indexed.Lead is { } lead)
        {
            doc.Add(new SortedDocValuesField(PostFields.StoryLead, new BytesRef(lead.Id)));
            doc.Add(new NumericDocValuesField(PostFields.HashOf(PostFields.StoryLead), PostFields.Hash(lead.Id)));
            doc.Add(new Int64Field(PostFields.StoryAt, lead.SortAt.Ticks, Field.Store.NO));
            doc.Add(new NumericDocValuesField(PostFields.StoryAt, lead.SortAt.Ticks));
            AddKeywords(doc, PostFields.StorySource, lead.Sources);
            AddKeywords(doc, PostFields.StoryTag, lead.Tags);
        }

        return doc;
    }

    // Indexed only: looked up, never counted.
    private static void AddKeys(Document doc, string field, IEnumerable<string> values)
    {
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(field, value, Field.Store.NO));
        }
    }

    // Indexed for filters and kept as doc values for facet counts.
    private static void AddKeywords(Document doc, string field, IEnumerable<string> values)
    {
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(field, value, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
        }
    }
}
