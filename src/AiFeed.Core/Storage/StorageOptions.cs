using System.ComponentModel.DataAnnotations;

namespace AiFeed.Storage;

/// <summary>Where the LiteDB file lives.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder of the database and its lock file; relative paths are relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    [Required]
    [RegularExpression(@"^[A-Za-z0-9._-]+$")]
    public string FileName { get; set; } = "aifeed.db";
}
