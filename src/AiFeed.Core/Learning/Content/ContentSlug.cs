namespace AiFeed.Learning;

/// <summary>The slug of a content file: its "slug" key, else its file name.</summary>
internal static class ContentSlug
{
    public static string Read(FrontMatter matter, string path)
    {
        var given = matter.Optional("slug");
        var slug = given?.Text ?? Path.GetFileNameWithoutExtension(path);
        if (!IsSlug(slug))
        {
            throw new ContentException(given?.Line ?? 1, $"'{slug}' is not a slug (lower-case letters, digits and '-', at most 64)");
        }

        return slug;
    }

    public static bool IsSlug(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
