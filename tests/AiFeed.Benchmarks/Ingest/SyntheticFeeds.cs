using System.Globalization;
using System.Text;

namespace AiFeed.Benchmarks.Ingest;

/// <summary>One story as a feed carries it; a cross-post is the same story with another link.</summary>
internal sealed record SyntheticItem(string StoryKey, string Guid, string Title, string Link, DateTimeOffset Published, string Html);

/// <summary>One synthetic blog: RSS or Atom, its newest items first.</summary>
internal sealed class SyntheticFeed(int index)
{
    public int Index { get; } = index;

    /// <summary>Every third feed is Atom; a function of the index alone, so a catalog needs no items.</summary>
    public bool Atom { get; } = index % 3 == 2;

    public string Id => string.Create(CultureInfo.InvariantCulture, $"blog{Index:D4}");

    public string Path => "/feeds/" + Id + (Atom ? ".atom" : ".xml");

    public string Site => "https://" + Id + ".example.com/";

    public List<SyntheticItem> Items { get; } = [];
}

/// <summary>
/// Deterministic AI-blog feeds: ~3 KB of HTML per item (paragraphs, links, images, code, a script
/// the sanitiser must drop), real-world date spellings, and a share of items cross-posted to another
/// feed under the original link plus tracking parameters.
/// </summary>
internal sealed class SyntheticFeeds
{
    private static readonly string[] Words =
    [
        "model", "training", "inference", "agents", "benchmark", "reasoning", "dataset", "tokens", "latency", "alignment",
        "safety", "vision", "speech", "robotics", "policy", "gradient", "transformer", "attention", "context", "retrieval",
        "evaluation", "weights", "kernel", "cluster", "throughput", "distillation", "sparse", "mixture", "experts", "quantized",
        "multimodal", "embedding", "fine-tuning", "reward", "preference", "scaling", "compute", "checkpoint", "pipeline", "serving",
    ];

    private static readonly string[] Names = ["Orion", "Kestrel", "Lumen", "Atlas", "Nimbus", "Quill", "Vega", "Pico", "Helix", "Tundra", "Sable", "Juniper"];

    private readonly Random random;
    private int serial;

    public SyntheticFeeds(int feeds, int itemsPerFeed, double crossPostShare, int seed)
    {
        random = new Random(seed);
        for (var f = 0; f < feeds; f++)
        {
            var feed = new SyntheticFeed(f);
            for (var i = 0; i < itemsPerFeed; i++)
            {
                feed.Items.Add(NewItem(feed, DateTimeOffset.UnixEpoch.AddDays(20_000).AddHours(-(i * 7) - f)));
            }

            All.Add(feed);
        }

        // Cross-posts replace own items (each feed keeps its item count); the original stays in its feed.
        var slots = (int)Math.Round(feeds * itemsPerFeed * crossPostShare);
        for (var n = 0; n < slots; n++)
        {
            var target = All[random.Next(feeds)];
            var origin = All[(target.Index + 1 + random.Next(feeds - 1)) % feeds];
            var original = origin.Items[random.Next(origin.Items.Count)];
            var slot = random.Next(target.Items.Count);
            if (original.StoryKey.StartsWith(target.Id, StringComparison.Ordinal) || target.Items.Any(i => i.StoryKey == original.StoryKey)
                || All.Any(f => f.Items.Any(i => i.StoryKey == target.Items[slot].StoryKey && !ReferenceEquals(f, target))))
            {
                n--;
                continue;
            }

            target.Items[slot] = original with
            {
                Guid = target.Id + "-x" + n.ToString(CultureInfo.InvariantCulture),
                Link = original.Link + "?utm_source=" + target.Id + "&utm_medium=rss&utm_campaign=crosspost",
            };
            CrossPosts++;
        }
    }

    public List<SyntheticFeed> All { get; } = [];

    /// <summary>
    /// The same feeds' ids, paths and formats without items: what the bench process needs for its
    /// catalog and URLs, while the HTML lives only in the feed server's process.
    /// </summary>
    public static List<SyntheticFeed> Catalog(int feeds) => [.. Enumerable.Range(0, feeds).Select(f => new SyntheticFeed(f))];

    public int CrossPosts { get; private set; }

    /// <summary>Distinct stories across every feed: what the store must hold collapsed.</summary>
    public int UniqueStories => All.SelectMany(f => f.Items).Select(i => i.StoryKey).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Every item of every feed: what the store must hold expanded.</summary>
    public int TotalItems => All.Sum(f => f.Items.Count);

    /// <summary>A new post on top of the feed; the oldest falls off, as on a real blog.</summary>
    public void Publish(SyntheticFeed feed, DateTimeOffset at)
    {
        feed.Items.Insert(0, NewItem(feed, at));
        feed.Items.RemoveAt(feed.Items.Count - 1);
    }

    private SyntheticItem NewItem(SyntheticFeed feed, DateTimeOffset published)
    {
        var n = serial++;
        var key = feed.Id + "-" + n.ToString(CultureInfo.InvariantCulture);
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"{Names[random.Next(Names.Length)]}-{n}: {Capital(Word())} {Word()} for {Word()} {Word()} at scale");
        var link = feed.Site + "posts/" + n.ToString(CultureInfo.InvariantCulture) + "-" + Word();
        return new SyntheticItem(key, key, title, link, published, Html(feed, n));
    }

    private string Html(SyntheticFeed feed, int n)
    {
        var html = new StringBuilder(3300);
        html.Append(CultureInfo.InvariantCulture, $"<p>Post {n} from <a href=\"{feed.Site}\">{feed.Id}</a>: <strong>{Sentence(10)}</strong></p>");
        while (html.Length < 2900)
        {
            switch (random.Next(6))
            {
                case 0:
                    html.Append(CultureInfo.InvariantCulture, $"<ul><li>{Sentence(6)}</li><li>{Sentence(7)}</li><li><em>{Sentence(5)}</em></li></ul>");
                    break;
                case 1:
                    html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"/img/{n}-{random.Next(99)}.png\" alt=\"{Word()} chart\" width=\"640\" height=\"360\" loading=\"lazy\"><figcaption>{Sentence(6)}</figcaption></figure>");
                    break;
                case 2:
                    html.Append(CultureInfo.InvariantCulture, $"<pre><code class=\"language-python\">model = load(\"{Word()}\")\nout = model.generate(tokens, max_new=128)</code></pre>");
                    break;
                case 3:
                    html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:red\" onclick=\"track()\">{Sentence(14)} <a href=\"https://arxiv.org/abs/2501.{random.Next(10000, 99999)}\" target=\"_blank\">paper</a>.</p><script>track('{n}')</script>");
                    break;
                default:
                    html.Append(CultureInfo.InvariantCulture, $"<p>{Sentence(22)} <code>{Word()}</code> {Sentence(12)}</p>");
                    break;
            }
        }

        return html.ToString();
    }

    private string Sentence(int words)
    {
        var text = new StringBuilder(words * 9);
        for (var i = 0; i < words; i++)
        {
            text.Append(i == 0 ? Capital(Word()) : Word()).Append(i + 1 < words ? " " : ".");
        }

        return text.ToString();
    }

    private string Word() => Words[random.Next(Words.Length)];

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
