using System.Text.Json.Nodes;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// A small path language to reach post objects and their fields in a page's JSON, modelled on the
/// jq filters public scrapers use (<c>.. | objects | select(._type == "post")</c> becomes
/// <c>..[?_type=post]</c>):
/// <list type="bullet">
/// <item><c>a.b</c> property; <c>..name</c> every value of <c>name</c> at any depth;</item>
/// <item><c>[2]</c> index (negative from the end); <c>[]</c> or <c>[*]</c> every element of an array;</item>
/// <item><c>[?key]</c> objects that have <c>key</c>; <c>[?key=value]</c> objects whose <c>key</c> is <c>value</c>;
/// <c>..[?…]</c> such objects at any depth;</item>
/// <item><c>['odd name']</c> a property whose name the plain form cannot spell; an empty path is the node itself.</item>
/// </list>
/// </summary>
internal sealed class JsonPath
{
    private readonly IReadOnlyList<PathStep> steps;

    private JsonPath(string text, IReadOnlyList<PathStep> steps)
    {
        Text = text;
        this.steps = steps;
    }

    /// <summary>Most nodes one step passes on: a bound on the work of a rule over a huge page.</summary>
    internal const int MaxNodesPerStep = 10_000;

    public string Text { get; }

    public static bool TryParse(string text, out JsonPath path, out string error)
    {
        var ok = JsonPathParser.TryParse(text, out var steps, out error);
        path = new JsonPath(text, steps);
        return ok;
    }

    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Every node the path reaches from <paramref name="root"/>, in document order.</summary>
    public IEnumerable<JsonNode> Select(JsonNode root)
    {
        IEnumerable<JsonNode> current = [root];
        foreach (var step in steps)
        {
            current = Apply(step, current).Take(MaxNodesPerStep);
        }

        return current;
    }

    private static IEnumerable<JsonNode> Apply(PathStep step, IEnumerable<JsonNode> nodes) => step switch
    {
        PathStep.Child child => nodes.OfType<JsonObject>().Select(o => o[child.Name]).OfType<JsonNode>(),
        PathStep.Descendant d => nodes.SelectMany(Walk).OfType<JsonObject>().Select(o => o[d.Name]).OfType<JsonNode>(),
        PathStep.Index index => nodes.OfType<JsonArray>().Select(a => At(a, index.Position)).OfType<JsonNode>(),
        PathStep.Each => nodes.OfType<JsonArray>().SelectMany(a => a).OfType<JsonNode>(),
        PathStep.Filter filter => nodes.Where(filter.Matches),
        PathStep.DescendantFilter filter => nodes.SelectMany(Walk).Where(filter.Inner.Matches),
        _ => throw new InvalidOperationException($"unknown path step {step}"),
    };

    private static JsonNode? At(JsonArray array, int position)
    {
        var i = position < 0 ? array.Count + position : position;
        return i >= 0 && i < array.Count ? array[i] : null;
    }

    // Pre-order, document order, without recursion: React trees in flight data nest deeper than a stack should.
    private static IEnumerable<JsonNode> Walk(JsonNode root)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            IEnumerable<JsonNode?> children = node switch
            {
                JsonObject o => o.Select(p => p.Value),
                JsonArray a => a,
                _ => [],
            };
            foreach (var child in children.OfType<JsonNode>().Reverse())
            {
                stack.Push(child);
            }
        }
    }
}

/// <summary>One step of a <see cref="JsonPath"/>.</summary>
internal abstract record PathStep
{
    public sealed record Child(string Name) : PathStep;

    public sealed record Descendant(string Name) : PathStep;

    public sealed record Index(int Position) : PathStep;

    public sealed record Each : PathStep;

    public sealed record Filter(string Key, string? Value) : PathStep
    {
        public bool Matches(JsonNode node)
        {
            if (node is not JsonObject obj || obj[Key] is not { } value)
            {
                return false;
            }

            return Value is null || string.Equals(JsonText.Scalar(value), Value, StringComparison.Ordinal);
        }
    }

    public sealed record DescendantFilter(Filter Inner) : PathStep;
}
