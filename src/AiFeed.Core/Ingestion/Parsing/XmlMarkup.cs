using System.Text;
using System.Xml.Linq;

namespace AiFeed.Ingestion.Parsing;

/// <summary>Text constructs: plain text, escaped HTML, inline XHTML (as markup without namespaces) and base64.</summary>
internal static class XmlMarkup
{
    /// <summary>The text of an Atom/RSS text element; inline markup comes back as HTML markup.</summary>
    public static string? Text(XElement element, bool atom10)
    {
        // Atom 1.0's type attribute decides the construct; RSS and Atom 0.3 elements are read as they come.
        var type = atom10 ? (string?)element.Attribute("type") : null;
        string text;
        if (string.Equals((string?)element.Attribute("mode"), "base64", StringComparison.OrdinalIgnoreCase) || IsBase64MediaType(type))
        {
            text = DecodeBase64(TextOf(element));
        }
        else if (string.Equals(type, "xhtml", StringComparison.OrdinalIgnoreCase)
            && element.Elements().FirstOrDefault() is { } div
            && div.Name.LocalName == "div" && div.Name.NamespaceName == FeedNamespaces.Xhtml)
        {
            // Atom 1.0 section 3.1.1.3: the wrapper div is not part of the content.
            text = InnerMarkup(div);
        }
        else if (element.HasElements && string.Equals(type, "html", StringComparison.OrdinalIgnoreCase))
        {
            // Escaped HTML inside an element it should not have (TypePad wraps it in an XHTML div):
            // the text is the markup, as for type="html" without the wrapper.
            text = element.Value;
        }
        else
        {
            text = element.HasElements ? InnerMarkup(element) : TextOf(element);
        }

        text = text.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Atom 1.0 section 4.1.3.3: a MIME type that is neither text/* nor XML means base64 content.</summary>
    private static bool IsBase64MediaType(string? type) =>
        type is not null && type.Contains('/', StringComparison.Ordinal)
        && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        && !type.EndsWith("xml", StringComparison.OrdinalIgnoreCase);

    private static string DecodeBase64(string value)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
        }
        catch (FormatException)
        {
            // Not base64 after all: keep the text as written.
            return value;
        }
    }

    /// <summary>Trimmed element value, or null when empty.</summary>
    public static string? Value(XElement element)
    {
        var text = TextOf(element).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// <see cref="XElement.Value"/> without its copy for the usual shape, one text or CDATA node (an
    /// article's HTML in content:encoded): XElement.Value builds every other shape in a StringBuilder.
    /// </summary>
    private static string TextOf(XElement element) =>
        element.FirstNode is XText { NextNode: null } only ? only.Value : element.Value;

    private static string InnerMarkup(XElement element)
    {
        var builder = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            Write(node, builder);
        }

        return builder.ToString();
    }

    // Namespaces are dropped on purpose: the result is HTML for a browser, not XML.
    private static void Write(XNode node, StringBuilder builder)
    {
        switch (node)
        {
            case XText text:
                Escape(text.Value, builder, attribute: false);
                break;
            case XElement element:
                builder.Append('<').Append(element.Name.LocalName);
                foreach (var attribute in element.Attributes())
                {
                    if (attribute.IsNamespaceDeclaration)
                    {
                        continue;
                    }

                    builder.Append(' ').Append(attribute.Name.LocalName).Append("=\"");
                    Escape(attribute.Value, builder, attribute: true);
                    builder.Append('"');
                }

                if (element.IsEmpty)
                {
                    builder.Append(" />");
                    break;
                }

                builder.Append('>');
                foreach (var child in element.Nodes())
                {
                    Write(child, builder);
                }

                builder.Append("</").Append(element.Name.LocalName).Append('>');
                break;
            default:
                break;
        }
    }

    private static void Escape(string value, StringBuilder builder, bool attribute)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' when attribute => builder.Append("&quot;"),
                _ => builder.Append(c),
            };
        }
    }
}
