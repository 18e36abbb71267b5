using AiFeed.Catalog;

namespace AiFeed.Tests.Ingestion.Processing.Tagging;

/// <summary>The labelled set is what docs/tags.md says it is: large, varied, split by the hash rule, sourced.</summary>
public sealed class TagSetTests
{
    [Fact]
    public void TagSet_Parts_FollowTheHashOfEachId()
    {
        // Act
        var misplaced = TagSet.All.Where(i => i.Part != TagSet.PartOf(i.Id, i.Legacy)).Select(i => i.Id).ToList();

        // Assert
        Assert.Empty(misplaced);
        Assert.Equal(TagSet.All.Count, TagSet.All.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TagSet_TestPart_IsTheFrozenOne()
    {
        // Arrange: SHA-256 of the test part's lines in id order, pinned when it was frozen (514 posts,
        // 2026-12-04). Changing it means the test part was relabelled, edited or grown: say so in
        // docs/tags.md and report the figures of the new part as new, never as before.
        const string Frozen = "4708db7e9aed7eff9cbd778c8cb1aa0be7614f006d1657ce7d5661ff9f5691c1";

        // Act
        var fingerprint = TagSet.Fingerprint(TagSet.Test);

        // Assert
        Assert.Equal(514, TagSet.Part(TagSet.Test).Count());
        Assert.Equal(Frozen, fingerprint);
    }

    [Fact]
    public void TagSet_Size_AtLeast600PostsFromManySourcesWithEveryTagInBothParts()
    {
        // Arrange
        var names = Taxonomy.Default.Tags.Select(t => t.Name).ToList();

        // Act
        var sources = TagSet.All.Select(i => i.Source).Distinct(StringComparer.Ordinal).Count();

        // Assert
        Assert.True(TagSet.All.Count >= 600, $"{TagSet.All.Count} posts");
        Assert.True(sources >= 40, $"{sources} sources");
        foreach (var part in new[] { TagSet.Tuning, TagSet.Test })
        {
            foreach (var name in names)
            {
                Assert.True(TagSet.Part(part).Count(i => i.Tags.Contains(name)) >= 8, $"{part} part: too few posts labelled {name}");
            }
        }
    }

    [Fact]
    public void TagSet_EveryPost_HasOriginLicenceAndKnownTags()
    {
        // Arrange
        var names = Taxonomy.Default.Tags.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        // Act & Assert
        Assert.All(TagSet.All, item =>
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Origin), item.Id);
            Assert.False(string.IsNullOrWhiteSpace(item.Licence), item.Id);
            Assert.False(string.IsNullOrWhiteSpace(item.Input.Title), item.Id);
            Assert.All(item.Tags, t => Assert.Contains(t, names));
        });
    }
}
