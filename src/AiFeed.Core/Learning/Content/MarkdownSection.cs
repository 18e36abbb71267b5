namespace AiFeed.Learning;

/// <summary>The text under one heading of a content file, with the heading's line and the line its (trimmed) text starts on.</summary>
internal sealed record MarkdownSection(string Title, string Markdown, int Line, int MarkdownLine)
{
    /// <summary>
    /// Splits Markdown at headings of the given level ("## " for 2), skipping fenced code so that a
    /// "## " inside a code sample does not start a section. Text before the first heading is dropped.
    /// </summary>
    public static List<MarkdownSection> Split(string markdown, int firstLine, int level)
    {
        var marker = new string('#', level) + " ";
        var sections = new List<MarkdownSection>();
        var lines = markdown.Split('\n');
        string? title = null;
        var start = 0;
        var titleLine = 0;
        var inFence = false;
        for (var i = 0; i <= lines.Length; i++)
        {
            var atEnd = i == lines.Length;
            if (!atEnd && lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (atEnd || (!inFence && lines[i].StartsWith(marker, StringComparison.Ordinal)))
            {
                if (title is not null)
                {
                    var blank = lines[start..i].TakeWhile(l => l.Trim().Length == 0).Count();
                    sections.Add(new MarkdownSection(title, string.Join('\n', lines[start..i]).Trim(), titleLine, titleLine + 1 + blank));
                }

                if (!atEnd)
                {
                    title = lines[i][marker.Length..].Trim();
                    titleLine = firstLine + i;
                    start = i + 1;
                }
            }
        }

        return sections;
    }
}
