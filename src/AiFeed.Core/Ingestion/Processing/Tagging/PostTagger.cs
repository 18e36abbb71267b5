using System.Security.Cryptography;
using System.Text;
using AiFeed.Catalog;
using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>
/// Tags posts with the catalog in force: the source's default tags plus the taxonomy's matches.
/// <see cref="Fingerprint"/> changes whenever either changes, which is how stored posts are known
/// to need re-tagging.
/// </summary>
public sealed class PostTagger(ICatalogProvider catalog)
{
    // Bump when the matching itself changes (normalisation, fields), so stored tags are recomputed.
    private const string AlgorithmVersion = "tagger-1";

    // A reference, so readers on other threads see a whole snapshot, never half of one.
    private Snapshot? compiled;

    public string Fingerprint => Compiled().Fingerprint;

    public List<string> Tag(Post post, SourceDefinition? source)
    {
        ArgumentNullException.ThrowIfNull(post);
        var input = new TagInput(post.Title, post.Summary, post.Categories, source is null ? post.SourceId : $"{source.Name} {source.Id}");
        return Compiled().Tagger.Tag(input, source?.Tags ?? []);
    }

    private Snapshot Compiled()
    {
        var current = catalog.Current;
        var cached = compiled;
        if (cached is not null && ReferenceEquals(cached.Catalog, current))
        {
            return cached;
        }

        var fresh = new Snapshot(current, new Tagger(current.Taxonomy), ComputeFingerprint(current));
        compiled = fresh;
        return fresh;
    }

    private static string ComputeFingerprint(FeedCatalog catalog)
    {
        var text = new StringBuilder(AlgorithmVersion).Append('\n');
        foreach (var tag in catalog.Taxonomy.Tags)
        {
            text.Append("tag ").Append(tag.Name).Append(' ').Append((int)tag.Fields).Append('\n');
            foreach (var keyword in tag.Keywords)
            {
                text.Append(" k ").Append(keyword).Append('\n');
            }

            foreach (var pattern in tag.Patterns)
            {
                text.Append(" r ").Append(pattern).Append('\n');
            }
        }

        foreach (var source in catalog.Sources.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            text.Append("source ").Append(source.Id).Append(' ').Append(source.Name).Append(' ').AppendJoin(',', source.Tags).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed record Snapshot(FeedCatalog Catalog, Tagger Tagger, string Fingerprint);
}
