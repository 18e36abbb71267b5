using AiFeed.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace AiFeed.Tests.Search;

/// <summary>
/// Time ranges (TimeRangeFilter) query with precision step 16 (PostFields.TimeStep), on new documents and on
/// documents an older AiFeed wrote with Lucene's default step 4, and decide whole segments by their bounds.
/// </summary>
public sealed class TimeFieldTests
{
    [Fact]
    public void TimeRange_DocumentsWrittenWithStep4AndStep16_SameMatches()
    {
        // Arrange: the same 200 times, sub-second apart and years apart, in two indexes.
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var times = Enumerable.Range(0, 200).Select(i => start + (i * 7_919_000_000_003L % 2_000_000_000_000_000L) + i).ToArray();
        using var old = Index(times, t => new Int64Field(PostFields.At, t, Field.Store.NO));
        using var current = Index(times, t => new Int64Field(PostFields.At, t, PostFields.TimeType));
        var ranges = new (long? Min, long? Max)[] { (times[17], times[150]), (null, times[3]), (times[99], null), (times[42], times[42]), (times.Min() - 1, times.Max() + 1) };

        foreach (var (min, max) in ranges)
        {
            // Act
            var expected = times.Count(t => (min is null || t >= min) && (max is null || t < max));
            var fromOld = Count(old, new ConstantScoreQuery(TimeRangeFilter.Of(PostFields.At, min, max)));
            var fromCurrent = Count(current, new ConstantScoreQuery(TimeRangeFilter.Of(PostFields.At, min, max)));

            // Assert
            Assert.Equal(expected, fromOld);
            Assert.Equal(expected, fromCurrent);
        }
    }

    [Fact]
    public void TimeRange_SegmentsWhollyInsideOutsideOrAcrossTheRange_SameMatchesAsTheTimes()
    {
        // Arrange: 200 times in time order, written in four segments with their doc values (as the
        // index writes times): a range can hold a segment whole, miss it, or cut it.
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var times = Enumerable.Range(0, 200).Select(i => start + (i * 3_000_000_000L) + i).ToArray();
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Shared)))
        {
            foreach (var chunk in times.Chunk(50))
            {
                foreach (var time in chunk)
                {
                    writer.AddDocument(new Document { new Int64Field(PostFields.At, time, PostFields.TimeType), new NumericDocValuesField(PostFields.At, time) });
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
                    doc.Add(new Int64Field(PostFields.At, time, PostFields.TimeType));
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

    private static RAMDirectory Index(long[] times, Func<long, Field> field)
    {
        var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Shared));
        foreach (var time in times)
        {
            writer.AddDocument(new Document { field(time) });
        }

        writer.Commit();
        return directory;
    }

    private static int Count(RAMDirectory directory, Query query)
    {
        using var reader = DirectoryReader.Open(directory);
        var count = new TotalHitCountCollector();
        new IndexSearcher(reader).Search(query, count);
        return count.TotalHits;
    }
}
