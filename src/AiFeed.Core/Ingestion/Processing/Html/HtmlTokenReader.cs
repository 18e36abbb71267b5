using System.Collections.Frozen;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// A tokenizer following the HTML standard's tokenization states closely enough that markup is split
/// where a browser splits it: tag names end at whitespace, '/' or '&gt;' ("&lt;scr&lt;script&gt;" is one
/// unknown tag), attribute values may be unquoted, comments end at "--&gt;" (or "&lt;!--&gt;"), bogus
/// comments and doctypes at the next '&gt;', and a '&lt;' not followed by a letter, '/' or '!' is text.
/// After a raw-text start tag the caller calls <see cref="SwitchToRawText"/>, as a tree builder does, so
/// script or title content is text up to the matching end tag. Allocation-light: text comes back as a
/// slice of the input, only listed tag and attribute names are recognised (as the listed string), and
/// only their values are decoded into strings.
/// </summary>
/// <remarks>
/// Simplifications, none of which lets markup through unparsed (the caller re-serialises everything):
/// script data ends at the first &lt;/script&gt; (the "double escaped" &lt;!--&lt;script&gt; states are not
/// modelled, so text after such a nested script shows as escaped text instead of being dropped); CR is
/// kept as written (browsers normalise it the same on output); CDATA outside foreign content is a bogus
/// comment, as in HTML.
/// </remarks>
internal sealed class HtmlTokenReader(string html, FrozenSet<string> tagNames, FrozenSet<string>? attributeNames)
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> tags = tagNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? attributeLookup = attributeNames?.GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly List<KeyValuePair<string, string>> attributes = [];
    private int position;

    // In RAWTEXT/RCDATA/script data: the element whose end tag ends the text; null in the data state.
    private string? rawTextEnd;
    private bool rawTextDecodes;
    private bool plaintext;
    private int textStart;
    private int textLength;

    /// <summary>The text of the last <see cref="HtmlTokenKind.Text"/> token, undecoded.</summary>
    public ReadOnlySpan<char> Text => html.AsSpan(textStart, textLength);

    /// <summary>Whether <see cref="Text"/> may hold character references to decode (false for raw text).</summary>
    public bool TextHasReferences { get; private set; }

    /// <summary>The last tag's name as listed in the tag names given, or null for any other tag.</summary>
    public string? TagName { get; private set; }

    /// <summary>Whether the last start tag ended with "/&gt;".</summary>
    public bool IsSelfClosing { get; private set; }

    /// <summary>The last start tag's listed attributes in order, values decoded; a repeated name keeps its first value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => attributes;

    /// <summary>Whether "&lt;![CDATA[" opens a CDATA section (only in svg and math).</summary>
    public bool AcceptsCData { get; set; }

    /// <summary>
    /// Reads the content after the start tag just read as text up to its end tag (RAWTEXT, or RCDATA with
    /// references decoded when <paramref name="decodes"/>); with <paramref name="toEnd"/>, up to the end of input (plaintext).
    /// </summary>
    public void SwitchToRawText(string endTagName, bool decodes, bool toEnd)
    {
        rawTextEnd = endTagName;
        rawTextDecodes = decodes;
        plaintext = toEnd;
    }

    /// <summary>Reads the next token.</summary>
    public HtmlTokenKind Read()
    {
        if (rawTextEnd is not null)
        {
            return ReadRawText();
        }

        while (position < html.Length)
        {
            var start = position;
            var lt = html.IndexOf('<', position);
            if (lt != position)
            {
                return EmitText(start, lt < 0 ? html.Length : lt, references: true);
            }

            if (TryReadMarkup(out var kind))
            {
                if (kind != HtmlTokenKind.EndOfFile)
                {
                    return kind;
                }

                continue;
            }

            // A '<' that starts nothing is text: emit it with the text after it.
            var nextLt = html.IndexOf('<', position + 1);
            return EmitText(start, nextLt < 0 ? html.Length : nextLt, references: true);
        }

        return HtmlTokenKind.EndOfFile;
    }

    private HtmlTokenKind ReadRawText()
    {
        var endName = rawTextEnd!;
        var decodes = rawTextDecodes;
        if (plaintext)
        {
            rawTextEnd = null;
            return position < html.Length ? EmitText(position, html.Length, references: false) : HtmlTokenKind.EndOfFile;
        }

        var search = position;
        while (true)
        {
            var close = html.IndexOf("</", search, StringComparison.Ordinal);
            if (close < 0)
            {
                rawTextEnd = null;
                return position < html.Length ? EmitText(position, html.Length, decodes) : HtmlTokenKind.EndOfFile;
            }

            var nameEnd = close + 2 + endName.Length;
            if (nameEnd <= html.Length
                && html.AsSpan(close + 2, endName.Length).Equals(endName, StringComparison.OrdinalIgnoreCase)
                && (nameEnd == html.Length || html[nameEnd] is ' ' or '\t' or '\n' or '\r' or '\f' or '/' or '>'))
            {
                rawTextEnd = null;
                if (close > position)
                {
                    return EmitText(position, close, decodes);
                }

                return Read();
            }

            search = close + 2;
        }
    }

    private HtmlTokenKind EmitText(int start, int end, bool references)
    {
        textStart = start;
        textLength = end - start;
        TextHasReferences = references;
        position = end;
        return HtmlTokenKind.Text;
    }

    /// <summary>
    /// At a '&lt;': reads a tag (kind StartTag or EndTag), or skips a comment, doctype or bogus comment
    /// (kind EndOfFile, meaning "nothing to return, go on"); false when the '&lt;' is just text.
    /// </summary>
    private bool TryReadMarkup(out HtmlTokenKind kind)
    {
        kind = HtmlTokenKind.EndOfFile;
        var next = position + 1 < html.Length ? html[position + 1] : '\0';
        if (char.IsAsciiLetter(next))
        {
            position++;
            kind = ReadTag(HtmlTokenKind.StartTag);
            return true;
        }

        if (next == '/')
        {
            var after = position + 2 < html.Length ? html[position + 2] : '\0';
            if (char.IsAsciiLetter(after))
            {
                position += 2;
                kind = ReadTag(HtmlTokenKind.EndTag);
                return true;
            }

            if (after == '>')
            {
                position += 3;
                return true;
            }

            if (position + 2 >= html.Length)
            {
                return false;
            }

            SkipPast(position + 2, ">");
            return true;
        }

        if (next == '!')
        {
            ReadDeclaration();
            return true;
        }

        if (next == '?')
        {
            SkipPast(position + 2, ">");
            return true;
        }

        return false;
    }

    private void ReadDeclaration()
    {
        var body = position + 2;
        var rest = html.AsSpan(body);
        if (rest.StartsWith("--"))
        {
            // "<!-->" and "<!--->" are complete (empty) comments.
            var content = body + 2;
            if (html.AsSpan(content).StartsWith(">"))
            {
                position = content + 1;
            }
            else if (html.AsSpan(content).StartsWith("->"))
            {
                position = content + 2;
            }
            else
            {
                SkipComment(content);
            }
        }
        else if (AcceptsCData && rest.StartsWith("[CDATA["))
        {
            SkipPast(body + 7, "]]>");
        }
        else
        {
            // Doctypes and bogus comments end at the next '>'.
            SkipPast(body, ">");
        }
    }

    private void SkipComment(int content)
    {
        var at = content;
        while (true)
        {
            var dashes = html.IndexOf("--", at, StringComparison.Ordinal);
            if (dashes < 0)
            {
                position = html.Length;
                return;
            }

            var after = dashes + 2;
            if (after < html.Length && html[after] == '>')
            {
                position = after + 1;
                return;
            }

            if (after + 1 < html.Length && html[after] == '!' && html[after + 1] == '>')
            {
                position = after + 2;
                return;
            }

            at = dashes + 1;
        }
    }

    private void SkipPast(int from, string terminator)
    {
        var end = html.IndexOf(terminator, from, StringComparison.Ordinal);
        position = end < 0 ? html.Length : end + terminator.Length;
    }

    /// <summary>Reads a tag from its name's first letter; EndOfFile when the input ends inside it (the tag is then dropped).</summary>
    private HtmlTokenKind ReadTag(HtmlTokenKind kind)
    {
        var nameStart = position;
        while (position < html.Length && !IsTagNameEnd(html[position]))
        {
            position++;
        }

        TagName = Lookup(tags, html.AsSpan(nameStart, position - nameStart));
        IsSelfClosing = false;
        attributes.Clear();
        while (true)
        {
            SkipWhitespace();
            if (position >= html.Length)
            {
                return HtmlTokenKind.EndOfFile;
            }

            var c = html[position];
            if (c == '>')
            {
                position++;
                return kind;
            }

            if (c == '/')
            {
                position++;
                if (position < html.Length && html[position] == '>')
                {
                    IsSelfClosing = true;
                    position++;
                    return kind;
                }

                continue;
            }

            ReadAttribute(kind == HtmlTokenKind.StartTag);
        }
    }

    private void ReadAttribute(bool keep)
    {
        // A leading '=' belongs to the name ("<p =x>" has an attribute named "=x").
        var nameStart = position;
        position++;
        while (position < html.Length && html[position] is not (' ' or '\t' or '\n' or '\r' or '\f' or '/' or '>' or '='))
        {
            position++;
        }

        var name = keep && attributeLookup is { } lookup ? Lookup(lookup, html.AsSpan(nameStart, position - nameStart)) : null;
        SkipWhitespace();
        var valueStart = position;
        var valueEnd = position;
        if (position < html.Length && html[position] == '=')
        {
            position++;
            SkipWhitespace();
            if (position < html.Length && html[position] is '"' or '\'')
            {
                var quote = html[position];
                valueStart = position + 1;
                var close = html.IndexOf(quote, valueStart);
                valueEnd = close < 0 ? html.Length : close;
                position = close < 0 ? html.Length : close + 1;
            }
            else
            {
                valueStart = position;
                while (position < html.Length && html[position] is not (' ' or '\t' or '\n' or '\r' or '\f' or '>'))
                {
                    position++;
                }

                valueEnd = position;
            }
        }

        if (name is null)
        {
            return;
        }

        foreach (var attribute in attributes)
        {
            if (ReferenceEquals(attribute.Key, name))
            {
                return;
            }
        }

        attributes.Add(new(name, CharacterReferences.DecodeAttribute(html.AsSpan(valueStart, valueEnd - valueStart))));
    }

    private void SkipWhitespace()
    {
        while (position < html.Length && html[position] is ' ' or '\t' or '\n' or '\r' or '\f')
        {
            position++;
        }
    }

    private static bool IsTagNameEnd(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '/' or '>';

    /// <summary>The listed name equal to <paramref name="name"/> lower-cased (ASCII only, as HTML does), or null.</summary>
    private static string? Lookup(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> name)
    {
        const int MaxListedLength = 32;
        if (name.Length > MaxListedLength)
        {
            return null;
        }

        Span<char> lower = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            lower[i] = char.IsAsciiLetterUpper(name[i]) ? (char)(name[i] | 0x20) : name[i];
        }

        return lookup.TryGetValue(lower, out var listed) ? listed : null;
    }
}
