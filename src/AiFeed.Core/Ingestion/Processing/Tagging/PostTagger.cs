using System.Security.Cryptography;
using System.Text;
using AiFeed.Catalog;
using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>
/// Tags posts with the catalog in force: the source's default tags plus the taxonomy's, and says
/// why a post has its tags. <see cref="Fingerprint"/> changes whenever the taxonomy, a source's tags or the
/// matching itself changes, which is how stored posts are known to need re-tagging.
/// </summary>
public sealed class PostTagger(ICatalogProvider catalog)
{
    // Bump when the matching itself changes (normalisation, fields, evidence), so stored tags are recomputed.
    private const string AlgorithmVersion = "tagger-2";

    // A reference, so readers on other threads see a whole snapshot, never half of one.
    private Snapshot? compiled;

    public string Fingerprint => Compiled().Fingerprint;

    /// <summary>Sets the post's tags; true when they changed.</summary>
    public bool Apply(Post post, SourceDefinition? source) => Apply(post, source, null);

    /// <summary><see cref="Apply(Post, SourceDefinition?)"/> with the post's title and summary already split (<see cref="PostWords"/>).</summary>
    internal bool Apply(Post post, SourceDefinition? source, PostWords? words)
    {
        ArgumentNullException.ThrowIfNull(post);
        var tags = Compiled().Tagger.Value.Tag(Input(post, source) with { Words = words }, source?.Tags ?? []);
        var changed = !tags.SequenceEqual(post.Tags, StringComparer.Ordinal);
        post.Tags = tags;
        return changed;
    }

    /// <summary>
    /// Why the post has each of its stored tags, in their order, worked out again under the catalog in
    /// force: the same matching that gave them, so nothing is stored for it (stored, the reasons made
    /// the store 18 % larger; docs/performance.md). A stored tag the catalog in force does not give
    /// (feeds.json changed while the service ran) says so with <see cref="TagReason.EarlierCode"/>.
    /// </summary>
    public List<TagReason> Explain(Post post, SourceDefinition? source)
    {
        ArgumentNullException.ThrowIfNull(post);
        var reasons = Compiled().Tagger.Value.Explain(Input(post, source), source?.Tags ?? []);
        return post.Tags.ConvertAll(tag =>
            reasons.Find(r => string.Equals(r.Tag, tag, StringComparison.Ordinal)) ?? new TagReason(tag, TagReason.EarlierCode));
    }

    /// <summary>What the tagger reads of a post: its fields, its source's name and id, and its link.</summary>
    public static TagInput Input(Post post, SourceDefinition? source)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new TagInput(post.Title, post.Summary, post.Categories, source is null ? post.SourceId : $"{source.Name} {source.Id}") { Url = post.Url };
    }

    private Snapshot Compiled()
    {
        var current = catalog.Current;
        var cached = compiled;
        if (cached is not null && ReferenceEquals(cached.Catalog, current))
        {
            return cached;
        }

        // The tagger is built at the first post tagged: a poll where nothing is new reads only the
        // fingerprint (the re-tag check at every start).
        var fresh = new Snapshot(current, new Lazy<Tagger>(() => new Tagger(current.Taxonomy)), ComputeFingerprint(current));
        compiled = fresh;
        return fresh;
    }

    private static string ComputeFingerprint(FeedCatalog catalog)
    {
        var taxonomy = catalog.Taxonomy;
        var text = new StringBuilder(AlgorithmVersion).Append('\n');
        // By name, not over the (name, words) pairs: sorting those JIT-compiles LINQ's sorter over a
        // value type at every start (decision 0074).
        foreach (var name in taxonomy.Vocabulary.Keys.Order(StringComparer.Ordinal))
        {
            text.Append("vocabulary ").Append(name).Append(' ').AppendJoin('|', taxonomy.Vocabulary[name]).Append('\n');
        }

        foreach (var tag in taxonomy.Tags)
        {
            text.Append("tag ").Append(tag.Name).Append(' ').Append((int)tag.Fields).Append('\n');
            Append(text, " k ", tag.Keywords);
            Append(text, " x ", tag.Exclude);
            Append(text, " r ", tag.Patterns.Select(p => p.ToString()));
            Append(text, " l ", tag.Links);
        }

        foreach (var source in catalog.Sources.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            text.Append("source ").Append(source.Id).Append(' ').Append(source.Name).Append(' ').AppendJoin(',', source.Tags).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Append(StringBuilder text, string prefix, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            text.Append(prefix).Append(value).Append('\n');
        }
    }

    private sealed record Snapshot(FeedCatalog Catalog, Lazy<Tagger> Tagger, string Fingerprint);
}
