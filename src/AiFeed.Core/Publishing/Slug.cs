using System.Globalization;
using System.Text;

namespace AiFeed.Publishing;

/// <summary>Lower-case ASCII words joined by single hyphens, as feeds.json ids and tags are written.</summary>
public static class Slug
{
    public const int MaxLength = 64;

    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && sb.Length > 0)
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return sb.Length <= MaxLength ? sb.ToString() : sb.ToString(0, MaxLength).TrimEnd('-');
    }
}
