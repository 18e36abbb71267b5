namespace AiFeed.Learning;

/// <summary>A scalar or list value of the front matter and the line it came from.</summary>
internal sealed record FrontMatterValue(string Text, int Line);

/// <summary>
/// A Markdown file's front matter: the block between a first line "---" and the next "---", holding
/// "key: value" lines and lists ("key:" followed by "  - item" lines). Deliberately a YAML subset:
/// every value is text, so nothing is guessed, and every error names its line.
/// </summary>
internal sealed class FrontMatter
{
    private readonly Dictionary<string, FrontMatterValue> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FrontMatterValue>> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _listLines = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private FrontMatter(int endLine, string body, int bodyLine)
    {
        EndLine = endLine;
        Body = body;
        BodyLine = bodyLine;
    }

    /// <summary>The line of the closing "---", where missing keys are reported.</summary>
    public int EndLine { get; }

    public string Body { get; }

    /// <summary>The 1-based line of the body's first line in the file.</summary>
    public int BodyLine { get; }

    public static FrontMatter Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            throw new ContentException(1, "expected front matter starting with '---' on the first line");
        }

        var end = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (end < 0)
        {
            throw new ContentException(1, "front matter is not closed by a '---' line");
        }

        var matter = new FrontMatter(end + 1, string.Join('\n', lines.Skip(end + 1)), end + 2);
        string? listKey = null;
        for (var i = 1; i < end; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                if (listKey is null)
                {
                    throw new ContentException(number, "list item without a 'key:' line above it");
                }

                matter._lists[listKey].Add(new FrontMatterValue(trimmed[2..].Trim(), number));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[0] == ' ')
            {
                throw new ContentException(number, $"expected 'key: value', found '{line.Trim()}'");
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (matter._scalars.ContainsKey(key) || matter._lists.ContainsKey(key))
            {
                throw new ContentException(number, $"'{key}' is given twice");
            }

            if (value.Length == 0)
            {
                matter._lists[key] = [];
                matter._listLines[key] = number;
                listKey = key;
            }
            else
            {
                matter._scalars[key] = new FrontMatterValue(value, number);
                listKey = null;
            }
        }

        return matter;
    }

    public FrontMatterValue Required(string key) =>
        Optional(key) ?? throw new ContentException(EndLine, $"front matter is missing '{key}'");

    public FrontMatterValue? Optional(string key)
    {
        _used.Add(key);
        return _scalars.GetValueOrDefault(key);
    }

    public IReadOnlyList<FrontMatterValue> List(string key)
    {
        _used.Add(key);
        if (_scalars.TryGetValue(key, out var scalar))
        {
            throw new ContentException(scalar.Line, $"'{key}' must be a list of '  - item' lines");
        }

        return _lists.GetValueOrDefault(key) ?? [];
    }

    /// <summary>Fails on the first key no reader asked for: a misspelt key must not pass silently.</summary>
    public void RejectUnknownKeys()
    {
        var unknown = _scalars.Select(p => (p.Key, p.Value.Line))
            .Concat(_listLines.Select(p => (p.Key, Line: p.Value)))
            .Where(p => !_used.Contains(p.Key))
            .OrderBy(p => p.Line)
            .FirstOrDefault();
        if (unknown.Key is not null)
        {
            throw new ContentException(unknown.Line, $"unknown front matter key '{unknown.Key}'");
        }
    }
}
