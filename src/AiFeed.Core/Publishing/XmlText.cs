using System.Text;
using System.Xml;

namespace AiFeed.Publishing;

/// <summary>
/// Text as XML 1.0 allows it. A JSON Feed or a recovered document can hand us control characters
/// that XmlWriter refuses (and a reader would choke on), so they are dropped before writing.
/// </summary>
internal static class XmlText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsLegalAt(text, i))
            {
                firstBad = i;
                break;
            }
        }

        if (firstBad < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsLegalAt(string text, int i) =>
        XmlConvert.IsXmlChar(text[i])
        || (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        || (char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]));
}
