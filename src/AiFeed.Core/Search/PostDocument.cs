using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// One post's index document (see <see cref="PostFields"/>). Nothing is stored: every read takes
/// the id from its doc values, what a list shows of the post is kept as binary doc values
/// (<see cref="ListingCodec"/>), the rest is read from the store. Only fields some read uses are
/// written (decisions 0064, 0080): an index written before holds more (the id stored, a cluster
/// key, the times as indexed terms), which nothing reads, so it needs no rebuild.
/// </summary>
internal static class PostDocument
{
    // Each writing thread refills its own field instances for every document: IndexWriter has taken
    // a document whole when UpdateDocument returns, and a reused field keeps its token stream and
    // attributes, which a new field builds again (docs/performance.md, issue 24).
    private static readonly ThreadLocal<ReusedFields> Reused = new(() => new ReusedFields());

    public static Document Create(IndexedPost indexed)
    {
        var fields = Reused.Value!;
        fields.NextDocument();
        var post = indexed.Post;
        var body = string.IsNullOrEmpty(post.Author) ? post.Summary : post.Summary + "\n" + post.Author;
        var at = PostFields.SortTicks(post.SortKey, post.SortAt);
        var doc = new Document
        {
            fields.String(PostFields.Id, post.Id),
            Sorted(PostFields.Id, post.Id),
            Number(PostFields.HashOf(PostFields.Id), PostFields.Hash(post.Id)),
            fields.Text(PostFields.Title, post.Title),
            fields.Text(PostFields.Body, body),
            Number(PostFields.At, at),
        };

        if (ListingCodec.Encode(post) is { } listing)
        {
            doc.Add(new BinaryDocValuesField(PostFields.Listing, new BytesRef(listing)));
        }

        if (SearchAnalyzer.HasCjk(post.Title) || SearchAnalyzer.HasCjk(body))
        {
            doc.Add(fields.Text(PostFields.TitleZh, post.Title));
            doc.Add(fields.Text(PostFields.BodyZh, body));
        }

        AddKeys(doc, fields, PostFields.StoryKey, post.StoryKeys.Concat(post.Links));
        AddKeys(doc, fields, PostFields.TitleKey, post.TitleKey.Length > 0 ? [post.TitleKey] : []);
        AddKeys(doc, fields, PostFields.TextBand, post.TextBands);
        doc.Add(Number(PostFields.Revision, post.Revision));
        AddKeywords(doc, fields, PostFields.Source, [post.SourceId]);
        AddKeywords(doc, fields, PostFields.Tag, post.Tags);
        if (post.LeadKey.Length > 0)
        {
            doc.Add(fields.String(PostFields.Lead, PostFields.Yes));
        }

        if (indexed.Lead is { } lead)
        {
            doc.Add(Sorted(PostFields.StoryLead, lead.Id));
            doc.Add(Number(PostFields.HashOf(PostFields.StoryLead), PostFields.Hash(lead.Id)));
            doc.Add(Number(PostFields.StoryAt, lead.SortAt.Ticks));
            AddKeywords(doc, fields, PostFields.StorySource, lead.Sources);
            AddKeywords(doc, fields, PostFields.StoryTag, lead.Tags);
        }

        return doc;
    }

    // Indexed only: looked up, never counted.
    private static void AddKeys(Document doc, ReusedFields fields, string field, IEnumerable<string> values)
    {
        foreach (var value in fields.Distinct(values))
        {
            doc.Add(fields.String(field, value));
        }
    }

    // Indexed for filters and kept as doc values for facet counts.
    private static void AddKeywords(Document doc, ReusedFields fields, string field, IEnumerable<string> values)
    {
        foreach (var value in fields.Distinct(values))
        {
            doc.Add(fields.String(field, value));
            doc.Add(SortedSet(field, value));
        }
    }

    // Doc-values fields are made new: Lucene.Net 4.8's precompiled (ReadyToRun) setters of a
    // reused one aborted the process; they carry no token stream, so reuse would save little.
    private static NumericDocValuesField Number(string name, long value) => new NumericDocValuesField(name, value);

    private static SortedDocValuesField Sorted(string name, string value) => new SortedDocValuesField(name, new BytesRef(value));

    private static SortedSetDocValuesField SortedSet(string name, string value) => new SortedSetDocValuesField(name, new BytesRef(value));

    /// <summary>One thread's field instances by kind and name, handed out again for each document.</summary>
    private sealed class ReusedFields
    {
        // One table per kind of field (the Kind constants), each by field name.
        private readonly Dictionary<string, Slot>[] slots = [.. Enumerable.Range(0, Kind.Count).Select(_ => new Dictionary<string, Slot>(StringComparer.Ordinal))];
        // Reused by Distinct: Enumerable.Distinct built a set for every field of every document.
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);
        private int document;

        public void NextDocument() => document++;

        /// <summary>Each value once, in order of first appearance (one call at a time per thread).</summary>
        public IEnumerable<string> Distinct(IEnumerable<string> values)
        {
            seen.Clear();
            foreach (var value in values)
            {
                if (seen.Add(value))
                {
                    yield return value;
                }
            }
        }

        public Field String(string name, string value)
        {
            var field = Take(Kind.String, name, static n => new StringField(n, "", Field.Store.NO));
            field.SetStringValue(value);
            return field;
        }

        public Field Text(string name, string value)
        {
            var field = Take(Kind.Text, name, static n => new TextField(n, "", Field.Store.NO));
            field.SetStringValue(value);
            return field;
        }

        // The next unused field of this kind and name in the current document (a field may appear
        // several times in one document, each time as its own instance).
        private Field Take(int kind, string name, Func<string, Field> create)
        {
            if (!slots[kind].TryGetValue(name, out var slot))
            {
                slot = new Slot();
                slots[kind][name] = slot;
            }

            if (slot.Document != document)
            {
                slot.Document = document;
                slot.Used = 0;
            }

            if (slot.Used == slot.Fields.Count)
            {
                slot.Fields.Add(create(name));
            }

            return slot.Fields[slot.Used++];
        }

        private static class Kind
        {
            public const int String = 0;
            public const int Text = 1;
            public const int Count = 2;
        }

        private sealed class Slot
        {
            public List<Field> Fields { get; } = [];

            public int Used { get; set; }

            public int Document { get; set; } = -1;
        }
    }
}
