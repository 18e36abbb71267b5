using System.Globalization;
using AiFeed.Ingestion.Processing.Tagging;

namespace AiFeed.Tests.Ingestion.Processing.Tagging;

/// <summary>Per-tag precision, recall and F1 of a tagger over labelled posts, and the macro-F1 over the tags.</summary>
internal sealed class TagScores
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> counts;

    private TagScores(IReadOnlyList<string> tags, Dictionary<string, (int Tp, int Fp, int Fn)> counts, List<string> mistakes, int posts)
    {
        Tags = tags;
        this.counts = counts;
        Mistakes = mistakes;
        Posts = posts;
    }

    public IReadOnlyList<string> Tags { get; }

    public List<string> Mistakes { get; }

    public int Posts { get; }

    public double MacroF1 => Tags.Average(F1);

    public static TagScores Measure(IReadOnlyList<string> tags, IEnumerable<TagSetItem> items, Func<TagInput, IReadOnlyCollection<string>> tag)
    {
        var counts = tags.ToDictionary(t => t, _ => (Tp: 0, Fp: 0, Fn: 0), StringComparer.Ordinal);
        var mistakes = new List<string>();
        var posts = 0;
        foreach (var item in items)
        {
            posts++;
            var actual = tag(item.Input);
            foreach (var name in tags)
            {
                var (want, got) = (item.Tags.Contains(name), actual.Contains(name));
                var c = counts[name];
                counts[name] = (c.Tp + (want && got ? 1 : 0), c.Fp + (!want && got ? 1 : 0), c.Fn + (want && !got ? 1 : 0));
                if (want != got)
                {
                    mistakes.Add($"{(got ? "extra" : "missing")} {name}: [{item.Id} {item.Source}] {item.Input.Title}");
                }
            }
        }

        return new TagScores(tags, counts, mistakes, posts);
    }

    public int Expected(string tag) => counts[tag].Tp + counts[tag].Fn;

    public double Precision(string tag) => counts[tag] is var (tp, fp, _) && tp + fp == 0 ? 1 : (double)counts[tag].Tp / (counts[tag].Tp + counts[tag].Fp);

    public double Recall(string tag) => counts[tag] is var (tp, _, fn) && tp + fn == 0 ? 1 : (double)counts[tag].Tp / (counts[tag].Tp + counts[tag].Fn);

    public double F1(string tag)
    {
        var (p, r) = (Precision(tag), Recall(tag));
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public string Report(string title)
    {
        var lines = new List<string> { $"{title}: {Posts} posts", $"{"tag",-24} {"P",6} {"R",6} {"F1",6} {"n",4}" };
        lines.AddRange(Tags.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t,-24} {Precision(t),6:0.000} {Recall(t),6:0.000} {F1(t),6:0.000} {Expected(t),4}")));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"macro-F1 {MacroF1:0.000}; lowest {Tags.Min(F1):0.000} ({Tags.MinBy(F1)})"));
        return string.Join(Environment.NewLine, lines);
    }
}
