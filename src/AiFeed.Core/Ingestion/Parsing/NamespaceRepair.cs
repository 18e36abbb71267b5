using System.Text;
using System.Text.RegularExpressions;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// Lenient path only: declares namespace prefixes a feed uses but never declares (a forgotten
/// xmlns:media or xmlns:itunes is common), mapping well-known prefixes to their real namespaces
/// so module elements are still recognised.
/// </summary>
internal static partial class NamespaceRepair
{
    private static readonly Dictionary<string, string> KnownPrefixes = new(StringComparer.Ordinal)
    {
        ["dc"] = FeedNamespaces.DublinCore,
        ["dcterms"] = FeedNamespaces.DcTerms,
        ["content"] = FeedNamespaces.Content,
        ["media"] = FeedNamespaces.Media,
        ["atom"] = FeedNamespaces.Atom10,
        ["rdf"] = FeedNamespaces.Rdf,
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
    };

    public static string DeclareMissingPrefixes(string text)
    {
        var declared = new HashSet<string>(DeclaredPrefix().Matches(text).Select(m => m.Groups[1].Value), StringComparer.Ordinal) { "xml", "xmlns" };
        var missing = UsedPrefix().Matches(text).Select(m => m.Groups[1].Value).Where(p => !declared.Contains(p)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return text;
        }

        var insertAt = RootNameEnd(text);
        if (insertAt < 0)
        {
            return text;
        }

        var declarations = new StringBuilder();
        foreach (var prefix in missing)
        {
            var ns = KnownPrefixes.TryGetValue(prefix, out var known) ? known : "urn:x-undeclared:" + prefix;
            declarations.Append(" xmlns:").Append(prefix).Append("=\"").Append(ns).Append('"');
        }

        return string.Concat(text.AsSpan(0, insertAt), declarations.ToString(), text.AsSpan(insertAt));
    }

    [GeneratedRegex(@"xmlns:([A-Za-z_][\w.-]*)\s*=")]
    private static partial Regex DeclaredPrefix();

    [GeneratedRegex(@"</?([A-Za-z_][\w.-]*):[A-Za-z_]")]
    private static partial Regex UsedPrefix();

    /// <summary>The index just after the root element's name, skipping the prolog, comments and doctype; -1 if none.</summary>
    private static int RootNameEnd(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            i = text.IndexOf('<', i);
            if (i < 0 || i + 1 >= text.Length)
            {
                return -1;
            }

            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                i = Skip(text, i, "-->");
            }
            else if (text[i + 1] is '?' or '!')
            {
                var close = text.IndexOf('>', i);
                var subset = text.IndexOf('[', i);
                i = Skip(text, i, subset >= 0 && subset < close ? "]>" : ">");
            }
            else
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or ':' or '-' or '.'))
                {
                    end++;
                }

                return end > i + 1 ? end : -1;
            }
        }

        return -1;
    }

    private static int Skip(string text, int from, string marker)
    {
        var index = text.IndexOf(marker, from, StringComparison.Ordinal);
        return index < 0 ? text.Length : index + marker.Length;
    }
}
