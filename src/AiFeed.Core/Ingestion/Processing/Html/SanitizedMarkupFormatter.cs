using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// AngleSharp's HTML serialisation with attribute values escaped as <see cref="HtmlEscape"/> does, so
/// output cut by <see cref="HtmlTruncator"/> has the same shape as the sanitiser's own.
/// </summary>
internal sealed class SanitizedMarkupFormatter : HtmlMarkupFormatter
{
    public static new readonly SanitizedMarkupFormatter Instance = new();

    protected override string Attribute(IAttr attr)
    {
        var builder = new StringBuilder(attr.Name.Length + attr.Value.Length + 3);
        builder.Append(attr.Name).Append("=\"");
        HtmlEscape.AppendAttributeValue(builder, attr.Value);
        return builder.Append('"').ToString();
    }
}
