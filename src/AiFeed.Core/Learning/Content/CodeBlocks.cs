using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;

namespace AiFeed.Learning;

/// <summary>
/// Reads the fenced code blocks of a problem's "## Starter" or "## Solution" section: exactly one
/// ```python and one ```csharp block, in the order the format gives, the Python one defining the
/// problem's function.
/// </summary>
internal static class CodeBlocks
{
    public static CodePair Read(MarkdownSection section, string[] order, string function)
    {
        var blocks = Markdown.Parse(section.Markdown).Descendants<FencedCodeBlock>()
            .Select(b => (Language: b.Info?.Trim() ?? "", Code: b.Lines.ToString().TrimEnd(), Line: section.MarkdownLine + b.Line))
            .ToList();
        var languages = blocks.Select(b => b.Language).ToList();
        if (!languages.SequenceEqual(order, StringComparer.Ordinal))
        {
            var found = languages.Count == 0 ? "none" : string.Join(", ", languages.Select(l => l.Length == 0 ? "```" : "```" + l));
            throw new ContentException(section.Line, $"'## {section.Title}' needs the code blocks {string.Join(" then ", order.Select(l => "```" + l))}; found {found}");
        }

        var python = blocks.Single(b => b.Language == "python");
        if (!Regex.IsMatch(python.Code, $@"^def {Regex.Escape(function)}\(", RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            throw new ContentException(python.Line, $"the ```python block of '## {section.Title}' does not define 'def {function}(' (the front matter's function)");
        }

        return new CodePair(python.Code, blocks.Single(b => b.Language == "csharp").Code);
    }
}
