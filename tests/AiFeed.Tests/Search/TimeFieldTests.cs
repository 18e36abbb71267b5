using AiFeed.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace AiFeed.Tests.Search;

/// <summary>
/// Time ranges (TimeRangeFilter) read the times' doc values, which is all the index writes of a time
/// now (decision 0080), and answer the same on documents an older AiFeed wrote with indexed time
/// terms beside the doc values (precision step 4, then 16), alone or merged with new ones; whole
/// segments are decided by their bounds.
/// </summary>
public sealed class TimeFieldTests
{
    [Fact]
    public void TimeRange_OldDocumentsWithTimeTermsAndNewWithDocValuesOnly_SameMatchesBeforeAndAfterAMerge()
    {
        // Arrange: 300 times, sub-second apart and years apart, in three segments: written as AiFeed
        // wrote them with precision step 4, with step 16, and as it writes them now.
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var times = Enumerable.Range(0, 300).Select(i => start + (i * 7_919_000_000_003L % 2_000_000_000_000_000L) + i).ToArray();
        var step16 = new FieldType(Int64Field.TYPE_NOT_STORED) { NumericPrecisionStep = 16 };
        var writes = new Func<long, Document>[]
        {
            t => [new Int64Field(PostFields.At, t, Field.Store.NO), new NumericDocValuesField(PostFields.At, t)],
            t => [new Int64Field(PostFields.At, t, step16), new NumericDocValuesField(PostFields.At, t)],
            t => [new NumericDocValuesField(PostFields.At, t)],
        };
        using var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Shared));
        for (var part = 0; part < writes.Length; part++)
        {
            foreach (var time in times.Skip(part * 100).Take(100))
            {
                writer.AddDocument(writes[part](time));
            }

            writer.Commit();
        }

        var ranges = new (long? Min, long? Max)[] { (times[17], times[250]), (null, times[3]), (times[99], null), (times[142], times[142] + 1), (times.Min() - 1, times.Max() + 1), (times.Max() + 1, null) };

        foreach (var merged in new[] { false, true })
        {
            if (merged)
            {
                writer.ForceMerge(1);
                writer.Commit();
            }

            foreach (var (min, max) in ranges)
            {
                // Act
                var expected = times.Count(t => (min is null || t >= min) && (max is null || t < max));
                var found = Count(directory, new ConstantScoreQuery(TimeRangeFilter.Of(PostFields.At, min, max)));
                using var reader = DirectoryReader.Open(directory);
                var counted = TimeRangeFilter.Of(PostFields.At, min, max).Count(reader);

                // Assert
                Assert.Equal(expected, found);
                Assert.Equal(expected, counted);
            }
        }
    }

    [Fact]
    public void PostDocument_PostAndStoryTimes_DocValuesOnlyNoIndexedTerms()
    {
        // Arrange: a post that leads its story, as the store hands it to the index.
        var post = Storage.TestPosts.Make(1, "Sparse attention kernels");
        var lead = new StoryLead(post.Id, post.SortAt, [post.SourceId], post.Tags);

        // Act
        var document = PostDocument.Create(new IndexedPost(post, lead));

        // Assert: each time is one numeric doc-values field, and nothing indexes it as terms.
        foreach (var name in new[] { PostFields.At, PostFields.StoryAt })
        {
            var fields = document.GetFields(name);
            var field = Assert.Single(fields);
            Assert.Equal(DocValuesType.NUMERIC, field.IndexableFieldType.DocValueType);
            Assert.False(field.IndexableFieldType.IsIndexed);
        }
    }

    [Fact]
    public void TimeRange_SegmentWithoutTheField_MatchesNothing()
    {
        // Arrange: a segment none of whose documents has a story time (no lead among them).
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Shared)))
        {
            writer.AddDocument([new NumericDocValuesField(PostFields.At, 42)]);
            writer.Commit();
        }

        using var reader = DirectoryReader.Open(directory);

        // Act
        var found = Count(directory, new ConstantScoreQuery(TimeRangeFilter.Of(PostFields.StoryAt, null, null)));
        var counted = TimeRangeFilter.Of(PostFields.StoryAt, null, null).Count(reader);

        // Assert
        Assert.Equal(0, found);
        Assert.Equal(0, counted);
    }

    [Fact]
    public void TimeRange_SegmentsWhollyInsideOutsideOrAcrossTheRange_SameMatchesAsTheTimes()
    {
        // Arrange: 200 times in time order, written in four segments as doc values (as the index
        // writes times): a range can hold a segment whole, miss it, or cut it.
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var times = Enumerable.Range(0, 200).Select(i => start + (i * 3_000_000_000L) + i).ToArray();
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Shared)))
        {
            foreach (var chunk in times.Chunk(50))
            {
                foreach (var time in chunk)
                {
                    writer.AddDocument(new Document { new NumericDocValuesField(PostFields.At, time) });
                }

                writer.Commit();
            }

            writer.DeleteDocuments(new Term("none", "x"));
        }

        var ranges = new (long? Min, long? Max)[] { (times[50], times[100]), (times[49], times[151]), (times[120], null), (null, times[10]), (times[199] + 1, null), (times[60], times[60] + 1) };

        foreach (var (min, max) in ranges)
        {
            // Act
            var expected = times.Count(t => (min is null || t >= min) && (max is null || t < max));
            var found = Count(directory, new ConstantScoreQuery(TimeRangeFilter.Of(PostFields.At, min, max)));

            // Assert
            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public void TimeRange_BlocksOutOfOrderWithGapsAndDeletions_SameMatchesAsTheTimes()
    {
        // Arrange: 1,500 documents in one segment (several blocks of SegmentTimes): mostly in time
        // order with runs written out of order, one in seven without a time, one in five deleted.
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var times = Enumerable.Range(0, 1_500).Select(i => (long?)(i % 7 == 3 ? null : start + (i % 300 < 40 ? (1_500 - i) : i) * 3_000_000_000L)).ToArray();
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Shared)))
        {
            for (var i = 0; i < times.Length; i++)
            {
                var doc = new Document { new StringField("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO) };
                if (times[i] is { } time)
                {
                    doc.Add(new NumericDocValuesField(PostFields.At, time));
                }

                writer.AddDocument(doc);
            }

            for (var i = 0; i < times.Length; i += 5)
            {
                writer.DeleteDocuments(new Term("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            writer.Commit();
        }

        var live = times.Where((_, i) => i % 5 != 0).OfType<long>().ToArray();
        var at = (int i) => start + (i * 3_000_000_000L);
        var ranges = new (long? Min, long? Max)[] { (at(100), at(700)), (at(255), at(257)), (null, at(20)), (at(1_400), null), (at(1_460), at(1_499)), (null, null), (at(1_600), null), (at(30), at(31)) };
        using var reader = DirectoryReader.Open(directory);

        foreach (var (min, max) in ranges)
        {
            // Act
            var expected = live.Count(t => (min is null || t >= min) && (max is null || t < max));
            var filter = TimeRangeFilter.Of(PostFields.At, min, max);
            var found = Count(directory, new ConstantScoreQuery(filter));
            var counted = filter.Count(reader);

            // Assert
            Assert.Equal(expected, found);
            Assert.Equal(expected, counted);
        }
    }

    private static int Count(RAMDirectory directory, Query query)
    {
        using var reader = DirectoryReader.Open(directory);
        var count = new TotalHitCountCollector();
        new IndexSearcher(reader).Search(query, count);
        return count.TotalHits;
    }
}
